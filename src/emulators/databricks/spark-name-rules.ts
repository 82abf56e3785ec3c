/** The tables behind Spark's column names (see spark-names.ts): defaulted arguments, upper-case names, types. */
import type { Token } from './sql-tokens.ts';

const DEFAULT_TS = 'yyyy-MM-dd HH:mm:ss';
/** Arguments Spark fills in (by position) and shows in the name. */
export const DEFAULTS: Record<string, Record<number, string>> = {
  substr: { 2: '2147483647' },
  substring: { 2: '2147483647' },
  round: { 1: '0' },
  bround: { 1: '0' },
  percentile_approx: { 2: '10000' },
  approx_percentile: { 2: '10000' },
  percentile: { 2: '1' },
  lag: { 1: '1', 2: 'NULL' },
  lead: { 1: '1', 2: 'NULL' },
  split: { 2: '-1' },
  regexp_extract: { 2: '1' },
  regexp_replace: { 3: '1' },
  locate: { 2: '1' },
  months_between: { 2: 'true' },
  unix_timestamp: { 0: 'current_timestamp()', 1: DEFAULT_TS },
  to_unix_timestamp: { 1: DEFAULT_TS },
  from_unixtime: { 1: DEFAULT_TS },
  sort_array: { 1: 'true' },
  lpad: { 2: ' ' },
  rpad: { 2: ' ' },
};
/** Math functions Spark names in upper case. */
export const UPPER = new Set([
  'sqrt',
  'exp',
  'log10',
  'log2',
  'ceil',
  'floor',
  'power',
  'signum',
  'cbrt',
  'cos',
  'sin',
  'tan',
]);
export const RANKING = new Set(['row_number', 'rank', 'dense_rank', 'percent_rank', 'cume_dist', 'ntile']);
export const NO_PAREN_FNS = new Set(['current_date', 'current_timestamp', 'current_user', 'current_timezone']);
export const TYPES: Record<string, string> = {
  INTEGER: 'INT',
  LONG: 'BIGINT',
  SHORT: 'SMALLINT',
  BYTE: 'TINYINT',
  REAL: 'FLOAT',
  DEC: 'DECIMAL',
  NUMERIC: 'DECIMAL',
  TIMESTAMP_LTZ: 'TIMESTAMP',
};
export const COMPARE: Record<string, string> = {
  '=': '=',
  '==': '=',
  '<': '<',
  '<=': '<=',
  '>': '>',
  '>=': '>=',
  '<=>': '<=>',
};

/** A numeric literal as Spark prints its value: `1L` → `1`, `2.50` → `2.50`, `1e3` → `1000.0`, `2.5D` → `2.5`. */
export function numberName(t: Token): string {
  const v = t.value;
  const isDouble = t.suffix === 'D' || t.suffix === 'F' || /e/i.test(v);
  if (isDouble) {
    const n = Number(v);
    return Number.isInteger(n) && Math.abs(n) < 1e7 ? `${n}.0` : String(n);
  }
  if (t.suffix === 'BD' || v.includes('.')) return v.startsWith('.') ? `0${v}` : v.endsWith('.') ? v.slice(0, -1) : v;
  return v.replace(/^0+(?=\d)/, '');
}
