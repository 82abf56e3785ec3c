/**
 * Databricks SQL functions through the emulator's HTTP API. Every expected value and column name is written by
 * hand from Databricks' documentation (the examples on docs.databricks.com/sql/language-manual/functions/<name>
 * where there is one) and Spark's naming of unaliased columns — not by running the translation.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startWorkspace, type TestWorkspace } from './test-client.ts';

let ws: TestWorkspace;
beforeAll(async () => {
  ws = await startWorkspace();
});
afterAll(() => ws.emu.close());

type Case = [expr: string, name: string, value: string | null];

/** Runs `SELECT <exprs>` and checks each column's name and value. */
async function check(cases: Case[], from = '') {
  const r = await ws.sql(`SELECT ${cases.map((c) => c[0]).join(', ')} ${from}`);
  if (r.status.state !== 'SUCCEEDED') throw new Error(JSON.stringify(r.status));
  const names = r.manifest.schema.columns.map((c: { name: string }) => c.name);
  expect(names.map((n: string, i: number) => [cases[i][0], n])).toEqual(cases.map((c) => [c[0], c[1]]));
  expect(r.result.data_array[0].map((v: string | null, i: number) => [cases[i][0], v])).toEqual(
    cases.map((c) => [c[0], c[2]]),
  );
}

async function typesOf(sql: string): Promise<string[]> {
  const r = await ws.sql(sql);
  if (r.status.state !== 'SUCCEEDED') throw new Error(JSON.stringify(r.status));
  return r.manifest.schema.columns.map((c: { type_text: string }) => c.type_text);
}

async function failure(sql: string): Promise<{ message: string; sqlState: string }> {
  const r = await ws.sql(sql);
  expect(r.status.state).toBe('FAILED');
  return { message: r.status.error.message, sqlState: r.status.sql_state };
}

describe('date and time functions', () => {
  it('datediff(end, start) counts days; datediff(unit, a, b) counts whole elapsed units', async () => {
    await check([
      ["datediff('2009-07-31', '2009-07-30')", 'datediff(2009-07-31, 2009-07-30)', '1'],
      ["datediff('2009-07-30', '2009-07-31')", 'datediff(2009-07-30, 2009-07-31)', '-1'],
      ["datediff(DATE'2026-03-01', DATE '2026-01-01')", "datediff(DATE '2026-03-01', DATE '2026-01-01')", '59'],
      [
        "datediff(MONTH, TIMESTAMP'2021-02-28 12:00:00', TIMESTAMP'2021-03-28 11:59:59')",
        "datediff(MONTH, TIMESTAMP '2021-02-28 12:00:00', TIMESTAMP '2021-03-28 11:59:59')",
        '0',
      ],
      [
        "datediff(MONTH, TIMESTAMP'2021-02-28 12:00:00', TIMESTAMP'2021-03-28 12:00:00')",
        "datediff(MONTH, TIMESTAMP '2021-02-28 12:00:00', TIMESTAMP '2021-03-28 12:00:00')",
        '1',
      ],
      [
        "datediff(YEAR, DATE'2021-01-01', DATE'1900-03-28')",
        "datediff(YEAR, DATE '2021-01-01', DATE '1900-03-28')",
        '-120',
      ],
      [
        "timestampdiff(HOUR, TIMESTAMP'2026-01-01 00:00:00', TIMESTAMP'2026-01-02 05:30:00')",
        "timestampdiff(HOUR, TIMESTAMP '2026-01-01 00:00:00', TIMESTAMP '2026-01-02 05:30:00')",
        '29',
      ],
      [
        "DATEDIFF(DAY, DATE'2026-01-31', DATE'2026-01-01')",
        "datediff(DAY, DATE '2026-01-31', DATE '2026-01-01')",
        '-30',
      ],
    ]);
    expect(await typesOf("SELECT datediff('2009-07-31', '2009-07-30'), datediff(DAY, DATE'2026-01-01', DATE'2026-01-31')")).toEqual([
      'INT',
      'BIGINT',
    ]);
  });

  it('adds days and months, with month ends clamped', async () => {
    await check([
      ["date_add('2016-07-30', 1)", 'date_add(2016-07-30, 1)', '2016-07-31'],
      ["date_sub('2016-07-30', 1)", 'date_sub(2016-07-30, 1)', '2016-07-29'],
      ["dateadd('2016-07-30', 2)", 'dateadd(2016-07-30, 2)', '2016-08-01'],
      ["add_months('2016-08-31', 1)", 'add_months(2016-08-31, 1)', '2016-09-30'],
      ["add_months(DATE'2024-03-31', -1)", "add_months(DATE '2024-03-31', -1)", '2024-02-29'],
      [
        "months_between('1997-02-28 10:30:00', '1996-10-30')",
        'months_between(1997-02-28 10:30:00, 1996-10-30, true)',
        '3.94959677',
      ],
      [
        "months_between('1997-02-28 10:30:00', '1996-10-30', false)",
        'months_between(1997-02-28 10:30:00, 1996-10-30, false)',
        '3.9495967741935485',
      ],
      ["months_between(DATE'2026-03-31', DATE'2026-02-28')", "months_between(DATE '2026-03-31', DATE '2026-02-28', true)", '1.0'],
    ]);
  });

  it('truncates with date_trunc(unit, ts) and trunc(date, fmt); last_day, make_date, next_day', async () => {
    await check([
      [
        "date_format(date_trunc('MONTH', TIMESTAMP'2015-03-05 09:32:05.359'), 'yyyy-MM-dd HH:mm:ss')",
        "date_format(date_trunc(MONTH, TIMESTAMP '2015-03-05 09:32:05.359'), yyyy-MM-dd HH:mm:ss)",
        '2015-03-01 00:00:00',
      ],
      ["date_trunc('YEAR', '2015-03-05T09:32:05.359')", 'date_trunc(YEAR, 2015-03-05T09:32:05.359)', '2015-01-01T00:00:00.000Z'],
      ["date_trunc('HOUR', TIMESTAMP'2015-03-05 09:32:05')", "date_trunc(HOUR, TIMESTAMP '2015-03-05 09:32:05')", '2015-03-05T09:00:00.000Z'],
      ["trunc('2019-08-04', 'MM')", 'trunc(2019-08-04, MM)', '2019-08-01'],
      ["trunc('2019-08-04', 'YEAR')", 'trunc(2019-08-04, YEAR)', '2019-01-01'],
      ["trunc('2019-08-04', 'QUARTER')", 'trunc(2019-08-04, QUARTER)', '2019-07-01'],
      ["trunc('2019-08-04', 'DD')", 'trunc(2019-08-04, DD)', null],
      ["last_day('2009-01-12')", 'last_day(2009-01-12)', '2009-01-31'],
      ["last_day(DATE'2024-02-10')", "last_day(DATE '2024-02-10')", '2024-02-29'],
      ['make_date(2013, 7, 15)', 'make_date(2013, 7, 15)', '2013-07-15'],
      ['make_timestamp(2014, 12, 28, 6, 30, 45.887)', 'make_timestamp(2014, 12, 28, 6, 30, 45.887)', '2014-12-28T06:30:45.887Z'],
      ["next_day('2015-01-14', 'TU')", 'next_day(2015-01-14, TU)', '2015-01-20'],
      ["next_day('2015-01-20', 'tuesday')", 'next_day(2015-01-20, tuesday)', '2015-01-27'],
    ]);
    expect(await typesOf("SELECT date_trunc('MONTH', DATE'2026-05-17'), trunc(DATE'2026-05-17', 'MM')")).toEqual([
      'TIMESTAMP',
      'DATE',
    ]);
  });

  it('parses and formats with Java datetime patterns', async () => {
    await check([
      ["to_date('2009-07-30 04:17:52')", 'to_date(2009-07-30 04:17:52)', '2009-07-30'],
      ["to_date('2016-12-31', 'yyyy-MM-dd')", 'to_date(2016-12-31, yyyy-MM-dd)', '2016-12-31'],
      ["to_date('31/12/2016', 'dd/MM/yyyy')", 'to_date(31/12/2016, dd/MM/yyyy)', '2016-12-31'],
      ["to_timestamp('2016-12-31 00:12:00')", 'to_timestamp(2016-12-31 00:12:00)', '2016-12-31T00:12:00.000Z'],
      ["to_timestamp('2016-12-31', 'yyyy-MM-dd')", 'to_timestamp(2016-12-31, yyyy-MM-dd)', '2016-12-31T00:00:00.000Z'],
      ["date_format('2016-04-08', 'y')", 'date_format(2016-04-08, y)', '2016'],
      [
        "date_format(TIMESTAMP'2026-03-05 14:07:09', 'dd.MM.yyyy HH:mm')",
        "date_format(TIMESTAMP '2026-03-05 14:07:09', dd.MM.yyyy HH:mm)",
        '05.03.2026 14:07',
      ],
      ["date_format(DATE'2026-03-05', 'EEE, d MMM yy')", "date_format(DATE '2026-03-05', EEE, d MMM yy)", 'Thu, 5 Mar 26'],
      ["date_format(DATE'2026-03-05', \"yyyy-MM 'week'\")", "date_format(DATE '2026-03-05', yyyy-MM 'week')", '2026-03 week'],
      ["unix_timestamp('2016-04-08', 'yyyy-MM-dd')", 'unix_timestamp(2016-04-08, yyyy-MM-dd)', '1460073600'],
      ["unix_timestamp(TIMESTAMP'1970-01-02 00:00:01')", "unix_timestamp(TIMESTAMP '1970-01-02 00:00:01', yyyy-MM-dd HH:mm:ss)", '86401'],
      ['from_unixtime(0)', 'from_unixtime(0, yyyy-MM-dd HH:mm:ss)', '1970-01-01 00:00:00'],
      ["from_unixtime(86400, 'yyyy/MM/dd')", 'from_unixtime(86400, yyyy/MM/dd)', '1970/01/02'],
    ]);
  });

  it('extracts fields: year, month, day, dayofweek (1 = Sunday), weekofyear (ISO), quarter, hour, extract, date_part', async () => {
    await check([
      ["year('2016-07-30')", 'year(2016-07-30)', '2016'],
      ["month('2016-07-30')", 'month(2016-07-30)', '7'],
      ["day('2016-07-30')", 'day(2016-07-30)', '30'],
      ["dayofmonth('2016-07-30')", 'dayofmonth(2016-07-30)', '30'],
      ["dayofweek('2009-07-30')", 'dayofweek(2009-07-30)', '5'],
      ["dayofweek(DATE'2026-03-01')", "dayofweek(DATE '2026-03-01')", '1'],
      ["weekofyear('2008-02-20')", 'weekofyear(2008-02-20)', '8'],
      ["quarter('2016-08-31')", 'quarter(2016-08-31)', '3'],
      ["hour('2009-07-30 12:58:59')", 'hour(2009-07-30 12:58:59)', '12'],
      ["minute('2009-07-30 12:58:59')", 'minute(2009-07-30 12:58:59)', '58'],
      ["second('2009-07-30 12:58:59')", 'second(2009-07-30 12:58:59)', '59'],
      ["dayofyear('2016-04-09')", 'dayofyear(2016-04-09)', '100'],
      ["extract(YEAR FROM TIMESTAMP '2019-08-12 01:00:00.123456')", "extract(YEAR FROM TIMESTAMP '2019-08-12 01:00:00.123456')", '2019'],
      ["extract(SECOND FROM TIMESTAMP '2019-10-01 00:00:01.000001')", "extract(SECOND FROM TIMESTAMP '2019-10-01 00:00:01.000001')", '1.000001'],
      ["extract(DOW FROM DATE'2026-03-01')", "extract(DOW FROM DATE '2026-03-01')", '1'],
      ["date_part('MONTH', DATE'2019-08-12')", "date_part(MONTH, DATE '2019-08-12')", '8'],
      ["date_part('week', TIMESTAMP'2019-08-12 01:00:00')", "date_part(week, TIMESTAMP '2019-08-12 01:00:00')", '33'],
    ]);
    expect(await typesOf("SELECT year('2016-07-30'), extract(SECOND FROM TIMESTAMP '2019-10-01 00:00:01')")).toEqual([
      'INT',
      'DECIMAL(8,6)',
    ]);
  });

  it('current_date(), current_timestamp() and now() name themselves with parentheses and agree', async () => {
    const r = await ws.sql('SELECT current_date(), current_date, current_timestamp(), now()');
    expect(r.manifest.schema.columns.map((c: { name: string; type_text: string }) => [c.name, c.type_text])).toEqual([
      ['current_date()', 'DATE'],
      ['current_date()', 'DATE'],
      ['current_timestamp()', 'TIMESTAMP'],
      ['now()', 'TIMESTAMP'],
    ]);
    const [d1, d2, ts, now] = r.result.data_array[0];
    expect(d1).toBe(d2);
    expect(ts.slice(0, 10)).toBe(d1);
    expect(Math.abs(Date.parse(now) - Date.now())).toBeLessThan(60_000);
  });
});

describe('string functions', () => {
  it('concatenates, cuts and searches 1-based', async () => {
    await check([
      ["concat('Spark', 'SQL')", 'concat(Spark, SQL)', 'SparkSQL'],
      ["concat('Spark', NULL)", 'concat(Spark, NULL)', null],
      ["'a' || 'b'", 'concat(a, b)', 'ab'],
      ["concat_ws(' ', 'Spark', 'SQL')", 'concat_ws( , Spark, SQL)', 'Spark SQL'],
      ["concat_ws(',', 'a', NULL, 'b')", 'concat_ws(,, a, NULL, b)', 'a,b'],
      ["substr('Spark SQL', 5)", 'substr(Spark SQL, 5, 2147483647)', 'k SQL'],
      ["substr('Spark SQL', -3)", 'substr(Spark SQL, -3, 2147483647)', 'SQL'],
      ["substr('Spark SQL', 5, 1)", 'substr(Spark SQL, 5, 1)', 'k'],
      ["substring('Spark SQL', 0, 2)", 'substring(Spark SQL, 0, 2)', 'Sp'],
      ["instr('SparkSQL', 'SQL')", 'instr(SparkSQL, SQL)', '6'],
      ["locate('bar', 'foobarbar')", 'locate(bar, foobarbar, 1)', '4'],
      ["locate('bar', 'foobarbar', 5)", 'locate(bar, foobarbar, 5)', '7'],
      ["left('Spark SQL', 3)", 'left(Spark SQL, 3)', 'Spa'],
      ["right('Spark SQL', 3)", 'right(Spark SQL, 3)', 'SQL'],
      ["length('Spark SQL ')", 'length(Spark SQL )', '10'],
      ["char_length('Spark SQL ')", 'char_length(Spark SQL )', '10'],
    ]);
  });

  it('pads, splits, replaces and extracts with Java regular expressions', async () => {
    await check([
      ["lpad('hi', 5, '??')", 'lpad(hi, 5, ??)', '???hi'],
      ["lpad('hi', 1, '??')", 'lpad(hi, 1, ??)', 'h'],
      ["rpad('hi', 5, '??')", 'rpad(hi, 5, ??)', 'hi???'],
      ["lpad('7', 3, '0')", 'lpad(7, 3, 0)', '007'],
      ["split('oneAtwoBthreeC', '[ABC]')", 'split(oneAtwoBthreeC, [ABC], -1)', '["one","two","three",""]'],
      ["regexp_replace('100-200', '(\\\\d+)', 'num')", 'regexp_replace(100-200, (\\d+), num, 1)', 'num-num'],
      [
        "regexp_replace('2026-03-05', '(\\\\d+)-(\\\\d+)-(\\\\d+)', '$3.$2.$1')",
        'regexp_replace(2026-03-05, (\\d+)-(\\d+)-(\\d+), $3.$2.$1, 1)',
        '05.03.2026',
      ],
      ["regexp_extract('100-200', '(\\\\d+)-(\\\\d+)', 1)", 'regexp_extract(100-200, (\\d+)-(\\d+), 1)', '100'],
      ["regexp_extract('100-200', '(\\\\d+)-(\\\\d+)')", 'regexp_extract(100-200, (\\d+)-(\\d+), 1)', '100'],
    ]);
  });

  it('changes case, trims, formats and hashes', async () => {
    await check([
      ["upper('SparkSql')", 'upper(SparkSql)', 'SPARKSQL'],
      ["lower('SparkSql')", 'lower(SparkSql)', 'sparksql'],
      ["initcap('sPark sql')", 'initcap(sPark sql)', 'Spark Sql'],
      ["trim('    SparkSQL   ')", 'trim(    SparkSQL   )', 'SparkSQL'],
      ['format_number(12332.123456, 4)', 'format_number(12332.123456, 4)', '12,332.1235'],
      ['format_number(1234567.891, 0)', 'format_number(1234567.891, 0)', '1,234,568'],
      ["sha2('Spark', 256)", 'sha2(Spark, 256)', '529bc3b07127ecb7e53a4dcf1991d9152c24537d919178022b2c42657f79a26b'],
      ["md5('Spark')", 'md5(Spark)', '8cde774d6f7333752ed72cacddb05126'],
    ]);
  });
});

const DATA = "FROM VALUES (1, 'a', 10.50), (2, 'b', 20.25), (2, NULL, NULL), (NULL, 'c', 5.00) AS t(x, s, amt)";

describe('aggregate functions', () => {
  it('counts, sums and averages with Databricks names and types', async () => {
    await check(
      [
        ['count(*)', 'count(1)', '4'],
        ['count(1)', 'count(1)', '4'],
        ['COUNT(x)', 'count(x)', '3'],
        ['count(DISTINCT x)', 'count(DISTINCT x)', '2'],
        ['sum(x)', 'sum(x)', '5'],
        ['avg(x)', 'avg(x)', '1.6666666666666667'],
        ['min(s)', 'min(s)', 'a'],
        ['max(x)', 'max(x)', '2'],
        ['sum(amt)', 'sum(amt)', '35.75'],
        ['count_if(x = 2)', 'count_if((x = 2))', '2'],
        ['bool_or(x > 1)', 'bool_or((x > 1))', 'true'],
        ['bool_and(x > 1)', 'bool_and((x > 1))', 'false'],
        ['sort_array(collect_list(x))', 'sort_array(collect_list(x), true)', '[1,2,2]'],
        ['sort_array(collect_set(s))', 'sort_array(collect_set(s), true)', '["a","b","c"]'],
        ['size(array_agg(s))', 'size(array_agg(s))', '3'],
        ['percentile(x, 0.5)', 'percentile(x, 0.5, 1)', '2.0'],
        ['percentile_approx(x, 0.5)', 'percentile_approx(x, 0.5, 10000)', '2'],
        ['round(stddev(x), 6)', 'round(stddev(x), 6)', '0.57735'],
        ['any_value(x) IS NOT NULL', '(any_value(x) IS NOT NULL)', 'true'],
      ],
      DATA,
    );
    expect(await typesOf(`SELECT count(*), sum(x), avg(x), collect_list(s) ${DATA}`)).toEqual([
      'BIGINT',
      'BIGINT',
      'DOUBLE',
      'ARRAY<STRING>',
    ]);
  });

  it('collect_list over no rows is an empty array, count is 0, sum is NULL', async () => {
    await check(
      [
        ['collect_list(x)', 'collect_list(x)', '[]'],
        ['count(*)', 'count(1)', '0'],
        ['sum(x)', 'sum(x)', null],
      ],
      `${DATA} WHERE x > 100`,
    );
  });

  it('groups with first/last and percentile per group', async () => {
    const r = await ws.sql(`SELECT s IS NULL AS n, count(*) AS c, max(x) ${DATA} GROUP BY 1 ORDER BY 1`);
    expect(r.manifest.schema.columns.map((c: { name: string }) => c.name)).toEqual(['n', 'c', 'max(x)']);
    expect(r.result.data_array).toEqual([
      ['false', '3', '2'],
      ['true', '1', '2'],
    ]);
  });
});

describe('window functions', () => {
  const W = "FROM VALUES ('a', 1, 10), ('a', 2, 20), ('a', 3, 20), ('b', 1, 5) AS t(k, seq, v)";
  it('ranks, offsets and running sums per partition, named with their frames', async () => {
    const r = await ws.sql(
      `SELECT k, seq, row_number() OVER (PARTITION BY k ORDER BY seq), rank() OVER (PARTITION BY k ORDER BY v),
         dense_rank() OVER (PARTITION BY k ORDER BY v), lag(v) OVER (PARTITION BY k ORDER BY seq),
         lead(v, 1, 0) OVER (PARTITION BY k ORDER BY seq), sum(v) OVER (PARTITION BY k ORDER BY seq),
         first_value(v) OVER (PARTITION BY k ORDER BY seq DESC), sum(v) OVER (PARTITION BY k) ${W} ORDER BY k, seq`,
    );
    expect(r.manifest.schema.columns.map((c: { name: string }) => c.name)).toEqual([
      'k',
      'seq',
      'row_number() OVER (PARTITION BY k ORDER BY seq ASC NULLS FIRST ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW)',
      'rank() OVER (PARTITION BY k ORDER BY v ASC NULLS FIRST ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW)',
      'dense_rank() OVER (PARTITION BY k ORDER BY v ASC NULLS FIRST ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW)',
      'lag(v, 1, NULL) OVER (PARTITION BY k ORDER BY seq ASC NULLS FIRST ROWS BETWEEN -1 FOLLOWING AND -1 FOLLOWING)',
      'lead(v, 1, 0) OVER (PARTITION BY k ORDER BY seq ASC NULLS FIRST ROWS BETWEEN 1 FOLLOWING AND 1 FOLLOWING)',
      'sum(v) OVER (PARTITION BY k ORDER BY seq ASC NULLS FIRST RANGE BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW)',
      'first_value(v) OVER (PARTITION BY k ORDER BY seq DESC NULLS LAST RANGE BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW)',
      'sum(v) OVER (PARTITION BY k ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING)',
    ]);
    expect(r.result.data_array).toEqual([
      ['a', '1', '1', '1', '1', null, '20', '10', '20', '50'],
      ['a', '2', '2', '2', '2', '10', '20', '30', '20', '50'],
      ['a', '3', '3', '2', '2', '20', '0', '50', '20', '50'],
      ['b', '1', '1', '1', '1', null, '0', '5', '5', '5'],
    ]);
  });

  it('QUALIFY keeps the newest row per key', async () => {
    const r = await ws.sql(`SELECT k, v ${W} QUALIFY row_number() OVER (PARTITION BY k ORDER BY seq DESC) = 1 ORDER BY k`);
    expect(r.result.data_array).toEqual([
      ['a', '20'],
      ['b', '5'],
    ]);
  });
});

describe('conditional functions, casts and names of expressions', () => {
  it('answers coalesce/nvl/nvl2/ifnull/if/iff/nullif/case like Databricks', async () => {
    await check([
      ['coalesce(NULL, 1, 2)', 'coalesce(NULL, 1, 2)', '1'],
      ['nvl(NULL, 2)', 'nvl(NULL, 2)', '2'],
      ['nvl2(NULL, 2, 1)', 'nvl2(NULL, 2, 1)', '1'],
      ["ifnull(NULL, 'x')", 'ifnull(NULL, x)', 'x'],
      ["if(1 < 2, 'a', 'b')", '(IF((1 < 2), a, b))', 'a'],
      ["iff(1 > 2, 'a', 'b')", '(IF((1 > 2), a, b))', 'b'],
      ['nullif(2, 2)', 'nullif(2, 2)', null],
      ["CASE WHEN 1 = 1 THEN 'y' ELSE 'n' END", 'CASE WHEN (1 = 1) THEN y ELSE n END', 'y'],
      ["CASE 3 WHEN 1 THEN 'one' WHEN 3 THEN 'three' END", 'CASE WHEN (3 = 1) THEN one WHEN (3 = 3) THEN three END', 'three'],
      ['try_divide(3, 0)', 'try_divide(3, 0)', null],
      ['try_divide(3, 2)', 'try_divide(3, 2)', '1.5'],
    ]);
  });

  it('casts with ANSI semantics: integral casts truncate, strings of timestamps carry no offset', async () => {
    await check([
      ["CAST('2026-01-05' AS DATE)", 'CAST(2026-01-05 AS DATE)', '2026-01-05'],
      ["CAST('2026-01-05 10:00:00' AS TIMESTAMP)", 'CAST(2026-01-05 10:00:00 AS TIMESTAMP)', '2026-01-05T10:00:00.000Z'],
      ["CAST(TIMESTAMP'2026-01-05 10:00:00' AS STRING)", "CAST(TIMESTAMP '2026-01-05 10:00:00' AS STRING)", '2026-01-05 10:00:00'],
      ['CAST(1.239 AS DECIMAL(5,2))', 'CAST(1.239 AS DECIMAL(5,2))', '1.24'],
      ['CAST(2.7 AS INT)', 'CAST(2.7 AS INT)', '2'],
      ['CAST(-2.7D AS BIGINT)', 'CAST(-2.7 AS BIGINT)', '-2'],
      ["CAST('42' AS INT)", 'CAST(42 AS INT)', '42'],
      ['CAST(3 AS DOUBLE)', 'CAST(3 AS DOUBLE)', '3.0'],
      ["'12'::INT", 'CAST(12 AS INT)', '12'],
      ["try_cast('abc' AS INT)", 'TRY_CAST(abc AS INT)', null],
    ]);
    const bad = await failure("SELECT CAST('abc' AS INT)");
    expect(bad.message).toMatch(/^\[CAST_INVALID_INPUT\]/);
  });

  it('names operators, literals and columns as Spark prints them', async () => {
    await check(
      [
        ['x + 1', '(x + 1)', '3'],
        ['t.x * 2 - 1', '((x * 2) - 1)', '3'],
        ['-x', '(- x)', '-2'],
        ['x IS NULL', '(x IS NULL)', 'false'],
        ['x IN (1, 2)', '(x IN (1, 2))', 'true'],
        ['x <> 3', '(NOT (x = 3))', 'true'],
        ['NOT x = 3 AND s LIKE \'a%\'', '((NOT (x = 3)) AND s LIKE a%)', 'true'],
        ['1.50', '1.50', '1.50'],
        ["'text'", 'text', 'text'],
        ['NULL', 'NULL', null],
        ['true', 'true', 'true'],
        ['round(2.5)', 'round(2.5, 0)', '3'],
        ['abs(-x)', 'abs((- x))', '2'],
        ['`x`', 'x', '2'],
        ['x AS renamed', 'renamed', '2'],
        ['upper(s) shout', 'shout', 'AB'],
      ],
      "FROM VALUES (2, 'ab') AS t(x, s)",
    );
  });

  it('names the columns of a view the same way', async () => {
    await ws.sql('CREATE SCHEMA IF NOT EXISTS main.names');
    const r = await ws.sql(
      "CREATE OR REPLACE VIEW main.names.v AS SELECT count(*), datediff(DATE'2026-02-01', DATE'2026-01-01') FROM VALUES (1) AS t(x)",
    );
    expect(r.status.state).toBe('SUCCEEDED');
    const c = await ws.sql('SELECT `count(1)`, `datediff(DATE \'2026-02-01\', DATE \'2026-01-01\')` FROM main.names.v');
    expect(c.result.data_array).toEqual([['1', '31']]);
  });
});

describe('routines Databricks does not have', () => {
  it.each([
    ["SELECT strftime(now(), '%Y')", 'strftime'],
    ['SELECT list_value(1, 2)', 'list_value'],
    ["SELECT no_such_fn('x')", 'no_such_fn'],
    ['SELECT epoch_ms(1)', 'epoch_ms'],
  ])('%s fails with UNRESOLVED_ROUTINE (42883)', async (sql, name) => {
    const f = await failure(sql);
    expect(f.sqlState).toBe('42883');
    expect(f.message).toMatch(new RegExp(`^\\[UNRESOLVED_ROUTINE\\] Cannot resolve routine \`${name}\` on search path`));
    expect(f.message).toMatch(/SQLSTATE: 42883$/);
  });

  it('a known function with the wrong number of arguments fails with WRONG_NUM_ARGS (42605)', async () => {
    const f = await failure("SELECT datediff(DATE'2026-01-01')");
    expect(f.sqlState).toBe('42605');
    expect(f.message).toMatch(/^\[WRONG_NUM_ARGS\.WITHOUT_SUGGESTION\] The `datediff` requires \[2, 3\] parameters but the actual number is 1\./);
  });

  it('an invalid unit fails instead of answering', async () => {
    const f = await failure("SELECT datediff(FORTNIGHT, DATE'2026-01-01', DATE'2026-02-01')");
    expect(f.message).toMatch(/^\[INVALID_PARAMETER_VALUE\.DATETIME_UNIT\]/);
  });
});
