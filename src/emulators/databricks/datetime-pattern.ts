/**
 * Spark/Java datetime patterns (`yyyy-MM-dd HH:mm:ss`) → DuckDB strftime/strptime formats.
 * Source: Databricks "Datetime patterns" (sql-ref-datetime-pattern): letter runs, `'text'` literals, `''` a quote.
 */
import { DatabricksSqlError } from './sql-error.ts';

/** Letter-run → [format code, parse code]; a run length not listed falls back to the longest shorter one. */
const CODES: Record<string, Record<number, [string, string]>> = {
  y: { 1: ['%Y', '%Y'], 2: ['%y', '%y'], 4: ['%Y', '%Y'] },
  M: { 1: ['%-m', '%m'], 2: ['%m', '%m'], 3: ['%b', '%b'], 4: ['%B', '%B'] },
  L: { 1: ['%-m', '%m'], 2: ['%m', '%m'], 3: ['%b', '%b'], 4: ['%B', '%B'] },
  d: { 1: ['%-d', '%d'], 2: ['%d', '%d'] },
  D: { 1: ['%-j', '%j'], 3: ['%j', '%j'] },
  H: { 1: ['%-H', '%H'], 2: ['%H', '%H'] },
  h: { 1: ['%-I', '%I'], 2: ['%I', '%I'] },
  m: { 1: ['%-M', '%M'], 2: ['%M', '%M'] },
  s: { 1: ['%-S', '%S'], 2: ['%S', '%S'] },
  S: { 1: ['%g', '%g'], 3: ['%g', '%g'], 6: ['%f', '%f'], 9: ['%n', '%n'] },
  a: { 1: ['%p', '%p'] },
  E: { 1: ['%a', '%a'], 4: ['%A', '%A'] },
  u: { 1: ['%u', '%u'] },
  Z: { 1: ['%z', '%z'] },
  X: { 1: ['%z', '%z'] },
  x: { 1: ['%z', '%z'] },
  V: { 2: ['%Z', '%Z'] },
  z: { 1: ['%Z', '%Z'] },
};

const cache = new Map<string, string>();

/** Converts a Spark datetime pattern; `parse` picks strptime codes. Throws for letters Databricks would reject. */
export function datetimeFormat(pattern: string, parse = false): string {
  const key = `${parse ? 'p' : 'f'}${pattern}`;
  const hit = cache.get(key);
  if (hit !== undefined) return hit;
  let out = '';
  for (let i = 0; i < pattern.length; ) {
    const c = pattern[i];
    if (c === "'") {
      const end = pattern.indexOf("'", i + 1);
      if (end === i + 1) out += "'";
      else out += (end < 0 ? pattern.slice(i + 1) : pattern.slice(i + 1, end)).replaceAll('%', '%%');
      i = end < 0 ? pattern.length : end + 1;
      continue;
    }
    if (!/[A-Za-z]/.test(c)) {
      out += c === '%' ? '%%' : c;
      i++;
      continue;
    }
    let n = 1;
    while (pattern[i + n] === c) n++;
    const table = CODES[c];
    const len =
      table &&
      Math.max(
        ...Object.keys(table)
          .map(Number)
          .filter((k) => k <= n),
      );
    if (!table || !Number.isFinite(len)) {
      throw new DatabricksSqlError(
        'INVALID_DATETIME_PATTERN.ILLEGAL_CHARACTER',
        `Found illegal character in the datetime pattern '${pattern}': ${c}.`,
        '22007',
      );
    }
    out += table[len][parse ? 1 : 0];
    i += n;
  }
  if (cache.size > 500) cache.clear();
  cache.set(key, out);
  return out;
}
