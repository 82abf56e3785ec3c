/**
 * Databricks date and time functions in DuckDB. Semantics from the Databricks SQL function reference
 * (docs.databricks.com/sql/language-manual/functions/*): `datediff(end, start)` counts days, `datediff(unit, a, b)`
 * is `timestampdiff` (whole elapsed units), `date_trunc(unit, ts)` takes the unit first, `dayofweek` is 1 = Sunday,
 * patterns are Java datetime patterns. Wall-clock parts follow the session time zone (the connection's TimeZone).
 */
import { datetimeFormat } from './datetime-pattern.ts';
import { sq } from './duck-translate.ts';
import { DatabricksSqlError } from './sql-error.ts';
import {
  dt,
  type FunctionCall,
  type FunctionSpec,
  fn,
  int,
  notEmulated,
  stringArg,
  ts,
  unitArg,
} from './sql-function.ts';

const DIFF_MICROS: Record<string, number> = {
  MICROSECOND: 1,
  MILLISECOND: 1e3,
  SECOND: 1e6,
  MINUTE: 6e7,
  HOUR: 3.6e9,
  DAY: 8.64e10,
  WEEK: 6.048e11,
};
const DIFF_MONTHS: Record<string, number> = { MONTH: 1, QUARTER: 3, YEAR: 12 };

function unitOf(call: FunctionCall, i: number, allowed: readonly string[]): string {
  const u = unitArg(call, i);
  if (!u || !allowed.includes(u)) {
    throw new DatabricksSqlError(
      'INVALID_PARAMETER_VALUE.DATETIME_UNIT',
      `The value of parameter(s) \`unit\` in \`${call.name}\` is invalid: expects one of the units without quotes ${allowed.join(', ')}, but got the string literal '${u ?? '?'}'.`,
      '22023',
    );
  }
  return u;
}

const DIFF_UNITS = [...Object.keys(DIFF_MICROS), ...Object.keys(DIFF_MONTHS)];

function timestampdiff(a: string[], c: FunctionCall): string {
  const u = unitOf(c, 0, DIFF_UNITS);
  if (u in DIFF_MONTHS) {
    const m = `dbx_months_diff(${a[1]}, ${a[2]})`;
    return DIFF_MONTHS[u] === 1 ? m : `(${m} // ${DIFF_MONTHS[u]})`;
  }
  const us = `dbx_micros_diff(${a[1]}, ${a[2]})`;
  return DIFF_MICROS[u] === 1 ? us : `(${us} // ${DIFF_MICROS[u]})`;
}

const ADD_INTERVAL: Record<string, string> = {
  MICROSECOND: 'MICROSECOND',
  MILLISECOND: 'MILLISECOND',
  SECOND: 'SECOND',
  MINUTE: 'MINUTE',
  HOUR: 'HOUR',
  DAY: 'DAY',
  DAYOFYEAR: 'DAY',
  WEEK: 'WEEK',
  MONTH: 'MONTH',
  QUARTER: 'QUARTER',
  YEAR: 'YEAR',
};

function timestampadd(a: string[], c: FunctionCall): string {
  const u = unitOf(c, 0, Object.keys(ADD_INTERVAL));
  return `(${ts(a[2])} + CAST(${a[1]} AS BIGINT) * INTERVAL 1 ${ADD_INTERVAL[u]})`;
}

/** `date_add(d, n)`; with three arguments `dateadd`/`date_add` mean `timestampadd`. */
const dateAdd = (sign: string): FunctionSpec =>
  fn(2, sign === '+' ? 3 : 2, (a, c) =>
    a.length === 3 ? timestampadd(a, c) : `CAST(${dt(a[0])} ${sign} CAST(${a[1]} AS INTEGER) AS DATE)`,
  );

const TRUNC_UNITS: Record<string, string> = {
  YEAR: 'year',
  YYYY: 'year',
  YY: 'year',
  QUARTER: 'quarter',
  MONTH: 'month',
  MM: 'month',
  MON: 'month',
  WEEK: 'week',
  DAY: 'day',
  DD: 'day',
  HOUR: 'hour',
  MINUTE: 'minute',
  SECOND: 'second',
  MILLISECOND: 'millisecond',
  MICROSECOND: 'microsecond',
};

/** A trunc unit known at translation time; Databricks returns NULL for an unknown one. */
function truncUnit(c: FunctionCall, i: number, dateOnly: boolean): string | null {
  const u = stringArg(c, i);
  if (u === undefined) throw notEmulated(`${c.name} with a unit that is not a string literal`);
  const unit = TRUNC_UNITS[u.toUpperCase()];
  if (!unit || (dateOnly && !['year', 'quarter', 'month', 'week'].includes(unit))) return null;
  return unit;
}

const FIELDS: Record<string, (x: string) => string> = {
  YEAR: (x) => `year(${x})`,
  QUARTER: (x) => `quarter(${x})`,
  MONTH: (x) => `month(${x})`,
  WEEK: (x) => `weekofyear(${x})`,
  DAY: (x) => `day(${x})`,
  DAYOFWEEK: (x) => `(dayofweek(${x}) + 1)`,
  DAYOFWEEK_ISO: (x) => `isodow(${x})`,
  DOY: (x) => `dayofyear(${x})`,
  HOUR: (x) => `hour(${x})`,
  MINUTE: (x) => `minute(${x})`,
};
const FIELD_ALIASES: Record<string, string> = {
  Y: 'YEAR',
  YEARS: 'YEAR',
  YR: 'YEAR',
  YRS: 'YEAR',
  QTR: 'QUARTER',
  MON: 'MONTH',
  MONS: 'MONTH',
  MONTHS: 'MONTH',
  W: 'WEEK',
  WEEKS: 'WEEK',
  D: 'DAY',
  DAYS: 'DAY',
  DOW: 'DAYOFWEEK',
  DOW_ISO: 'DAYOFWEEK_ISO',
  H: 'HOUR',
  HOURS: 'HOUR',
  HR: 'HOUR',
  HRS: 'HOUR',
  M: 'MINUTE',
  MIN: 'MINUTE',
  MINS: 'MINUTE',
  MINUTES: 'MINUTE',
  S: 'SECOND',
  SEC: 'SECOND',
  SECONDS: 'SECOND',
  SECS: 'SECOND',
};

/** `extract(field FROM x)` / `date_part('field', x)`: INT, except SECOND (DECIMAL(8,6), with the fraction). */
export function datePart(field: string, x: string): string {
  const f = FIELD_ALIASES[field.toUpperCase()] ?? field.toUpperCase();
  const t = ts(x);
  if (f === 'SECOND') return `CAST(microsecond(${t}) / 1000000.0 AS DECIMAL(8,6))`;
  const part = FIELDS[f];
  if (!part) {
    throw new DatabricksSqlError(
      'INVALID_EXTRACT_FIELD',
      `Cannot extract ${field} from ${x.replace(/^CAST\((.*) AS TIMESTAMPTZ\)$/, '$1')}.`,
      '42601',
    );
  }
  return int(part(t));
}

const part = (f: string) => fn(1, 1, (a) => datePart(f, a[0]));

function pattern(c: FunctionCall, i: number, parse: boolean): string {
  const p = stringArg(c, i);
  if (p === undefined) throw notEmulated(`${c.name} with a pattern that is not a string literal`);
  return sq(datetimeFormat(p, parse));
}

const DEFAULT_TS = 'yyyy-MM-dd HH:mm:ss';

export const DATETIME_FUNCTIONS: Record<string, FunctionSpec> = {
  current_date: fn(0, 0, () => 'current_date'),
  curdate: fn(0, 0, () => 'current_date'),
  current_timestamp: fn(0, 0, () => 'get_current_timestamp()'),
  now: fn(0, 0, () => 'get_current_timestamp()'),
  localtimestamp: fn(0, 0, () => 'CAST(get_current_timestamp() AS TIMESTAMP)'),
  current_timezone: fn(0, 0, () => "current_setting('TimeZone')"),
  datediff: fn(2, 3, (a, c) => (a.length === 3 ? timestampdiff(a, c) : int(`${dt(a[0])} - ${dt(a[1])}`))),
  date_diff: fn(2, 3, (a, c) => (a.length === 3 ? timestampdiff(a, c) : int(`${dt(a[0])} - ${dt(a[1])}`))),
  timestampdiff: fn(3, 3, timestampdiff),
  timestampadd: fn(3, 3, timestampadd),
  date_add: dateAdd('+'),
  dateadd: dateAdd('+'),
  date_sub: dateAdd('-'),
  add_months: fn(2, 2, (a) => `CAST(${dt(a[0])} + to_months(CAST(${a[1]} AS INTEGER)) AS DATE)`),
  months_between: fn(2, 3, (a) => `dbx_months_between(${a[0]}, ${a[1]}, ${a[2] ?? 'true'})`),
  date_trunc: fn(2, 2, (a, c) => {
    const u = truncUnit(c, 0, false);
    return u ? `date_trunc('${u}', ${ts(a[1])})` : 'CAST(NULL AS TIMESTAMPTZ)';
  }),
  trunc: fn(2, 2, (a, c) => {
    const u = truncUnit(c, 1, true);
    return u ? `CAST(date_trunc('${u}', ${dt(a[0])}) AS DATE)` : 'CAST(NULL AS DATE)';
  }),
  date: fn(1, 1, (a) => dt(a[0])),
  timestamp: fn(1, 1, (a) => ts(a[0])),
  last_day: fn(1, 1, (a) => `last_day(${dt(a[0])})`),
  make_date: fn(3, 3, (a) => `make_date(${a.map((x) => `CAST(${x} AS BIGINT)`).join(', ')})`),
  make_timestamp: fn(6, 7, (a) => `make_timestamptz(${a.join(', ')})`),
  to_date: fn(1, 2, (a, c) =>
    a.length === 1 ? dt(a[0]) : `CAST(strptime(CAST(${a[0]} AS VARCHAR), ${pattern(c, 1, true)}) AS DATE)`,
  ),
  to_timestamp: fn(1, 2, (a, c) =>
    a.length === 1 ? ts(a[0]) : ts(`strptime(CAST(${a[0]} AS VARCHAR), ${pattern(c, 1, true)})`),
  ),
  date_format: fn(2, 2, (a, c) => `strftime(${ts(a[0])}, ${pattern(c, 1, false)})`),
  year: part('YEAR'),
  quarter: part('QUARTER'),
  month: part('MONTH'),
  day: part('DAY'),
  dayofmonth: part('DAY'),
  dayofweek: part('DAYOFWEEK'),
  weekday: fn(1, 1, (a) => int(`isodow(${ts(a[0])}) - 1`)),
  dayofyear: part('DOY'),
  weekofyear: part('WEEK'),
  hour: part('HOUR'),
  minute: part('MINUTE'),
  second: fn(1, 1, (a) => int(`second(${ts(a[0])})`)),
  date_part: fn(2, 2, (a, c) => {
    const f = stringArg(c, 0);
    if (f === undefined) throw notEmulated('date_part with a field that is not a string literal');
    return datePart(f, a[1]);
  }),
  next_day: fn(2, 2, (a) => `dbx_next_day(${a[0]}, ${a[1]})`),
  unix_timestamp: fn(0, 2, (a, c) => {
    const t = a.length === 0 ? 'get_current_timestamp()' : a.length === 1 ? ts(a[0]) : '';
    const at = t || ts(`strptime(CAST(${a[0]} AS VARCHAR), ${pattern(c, 1, true)})`);
    return `CAST(floor(epoch(${at})) AS BIGINT)`;
  }),
  from_unixtime: fn(1, 2, (a, c) => {
    const f = a.length === 2 ? pattern(c, 1, false) : sq(datetimeFormat(DEFAULT_TS));
    return `strftime(to_timestamp(CAST(${a[0]} AS DOUBLE)), ${f})`;
  }),
  to_unix_timestamp: fn(1, 2, (a, c) => {
    const at = a.length === 1 ? ts(a[0]) : ts(`strptime(CAST(${a[0]} AS VARCHAR), ${pattern(c, 1, true)})`);
    return `CAST(floor(epoch(${at})) AS BIGINT)`;
  }),
  timestamp_seconds: fn(1, 1, (a) => `to_timestamp(CAST(${a[0]} AS DOUBLE))`),
  unix_date: fn(1, 1, (a) => int(`${dt(a[0])} - DATE '1970-01-01'`)),
  date_from_unix_date: fn(1, 1, (a) => `CAST(DATE '1970-01-01' + CAST(${a[0]} AS INTEGER) AS DATE)`),
};
