/**
 * The two places where Databricks SQL and DuckDB SQL part ways inside expressions: function calls (resolved by
 * the registry, arguments translated first) and select lists (unaliased expressions get Databricks' column name).
 */
import { datePart } from './datetime-functions.ts';
import { CAST_FUNCTIONS, dq, duckType, type TranslateContext, toDuck } from './duck-translate.ts';
import { functionSpec } from './function-registry.ts';
import { sparkName } from './spark-names.ts';
import { syntaxError } from './sql-error.ts';
import { wrongArgs } from './sql-function.ts';
import { closingParen, isOp, isWord, splitTopLevel, type Token } from './sql-tokens.ts';

/** Words followed by `(` that are syntax, not function calls. */
const NOT_CALLS = new Set(
  `ALL AND AS BETWEEN BY CAST CLUSTER COLUMNS CROSS CUBE DEC DECIMAL DISTINCT ELSE EXCEPT EXCLUDE EXISTS
  FILTER FROM FULL GROUP HAVING IN INNER INSERT INTERSECT INTERVAL INTO IS JOIN KEY LATERAL LEFT LIKE ILIKE LIMIT
  MINUS NOT NUMERIC ON OPTIONS OR OUTER OVER PARTITION PARTITIONED PIVOT QUALIFY RANGE REPLACE_COLS RIGHT ROLLUP
  ROWS SELECT SEMI ANTI SETS TABLE TBLPROPERTIES THEN TRY_CAST UNION UNPIVOT USING VALUES VARCHAR CHAR WHEN
  WHERE WINDOW WITH IDENTIFIER SET UPDATE DELETE MERGE TABLESAMPLE WITHIN`.split(/\s+/),
);

/** True when `word (` at `i` is a function call (not a keyword, alias column list, CTE column list or subquery). */
export function isCall(tokens: Token[], i: number): boolean {
  const t = tokens[i];
  if (NOT_CALLS.has(t.value.toUpperCase())) return false;
  const prev = tokens[i - 1];
  if (isOp(prev, ')') || isWord(prev, 'AS', 'INTO', 'TABLE', 'VIEW', 'WITH')) return false;
  if (isWord(tokens[i + 2], 'SELECT', 'WITH')) return false;
  const close = closingParen(tokens, i + 1);
  if (isWord(tokens[close + 1], 'AS') && isOp(tokens[close + 2], '(')) return false;
  return true;
}

/** Translates the call at `i` (through its `OVER` clause when the function wraps its result). */
export function translateCall(tokens: Token[], i: number, ctx: TranslateContext): { sql: string; end: number } {
  const name = tokens[i].value.toLowerCase();
  const close = closingParen(tokens, i + 1);
  if (close < 0) throw syntaxError('end of input');
  let inner = tokens.slice(i + 2, close);
  if (name === 'extract') {
    const from = inner.findIndex((x) => isWord(x, 'FROM'));
    const field = inner[0];
    if (from !== 1 || (field.kind !== 'word' && field.kind !== 'string')) throw syntaxError(field?.value ?? ')');
    return { sql: datePart(field.value, toDuck(inner.slice(2), ctx)), end: close };
  }
  const ansi = ansiArguments(name, inner, ctx);
  if (ansi !== undefined) return { sql: ansi, end: close };
  let distinct = false;
  if (isWord(inner[0], 'DISTINCT', 'ALL') && inner.length > 1) {
    distinct = isWord(inner[0], 'DISTINCT');
    inner = inner.slice(1);
  }
  const current =
    ctx.defaultCatalog && ctx.defaultSchema ? `\`${ctx.defaultCatalog}\`.\`${ctx.defaultSchema}\`` : undefined;
  const spec = functionSpec(name, current);
  const raw = inner.length === 0 ? [] : splitTopLevel(inner);
  if (raw.length < spec.min || raw.length > spec.max) throw wrongArgs(name, spec, raw.length);
  const args = raw.map((a) => toDuck(a, ctx));
  let sql = spec.sql(args, { name, raw, distinct });
  let end = close;
  if (spec.wrap) {
    let j = close + 1;
    if (isWord(tokens[j], 'FILTER') && isOp(tokens[j + 1], '(')) j = closingParen(tokens, j + 1) + 1;
    if (isWord(tokens[j], 'OVER')) j = isOp(tokens[j + 1], '(') ? closingParen(tokens, j + 1) + 1 : j + 2;
    if (j > close + 1) sql += ` ${toDuck(tokens.slice(close + 1, j), ctx)}`;
    sql = spec.wrap(sql);
    end = j - 1;
  }
  return { sql, end };
}

/** `CAST(x AS type)` / `TRY_CAST(x AS type)` at `i` with ANSI semantics for integral and string targets. */
export function translateCast(tokens: Token[], i: number, ctx: TranslateContext): { sql: string; end: number } {
  const close = closingParen(tokens, i + 1);
  if (close < 0) throw syntaxError('end of input');
  const inner = tokens.slice(i + 2, close);
  let as = -1;
  let depth = 0;
  inner.forEach((x, k) => {
    if (isOp(x, '(')) depth++;
    else if (isOp(x, ')')) depth--;
    else if (depth === 0 && isWord(x, 'AS')) as = k;
  });
  if (as < 1) throw syntaxError(inner[0]?.value ?? ')');
  const type = duckType(
    inner
      .slice(as + 1)
      .map((x) => x.value)
      .join(''),
  );
  const e = toDuck(inner.slice(0, as), ctx);
  if (isWord(tokens[i], 'CAST') && CAST_FUNCTIONS[type]) return { sql: `${CAST_FUNCTIONS[type]}(${e})`, end: close };
  if (type === 'VARCHAR') return { sql: `dbx_string(${e})`, end: close };
  return { sql: `${tokens[i].value.toUpperCase()}(${e} AS ${type})`, end: close };
}

/** Index of the first top-level keyword among `words` in a call's argument tokens, or -1. */
function topLevel(inner: Token[], ...words: string[]): number {
  let depth = 0;
  for (let k = 0; k < inner.length; k++) {
    if (isOp(inner[k], '(')) depth++;
    else if (isOp(inner[k], ')')) depth--;
    else if (depth === 0 && isWord(inner[k], ...words)) return k;
  }
  return -1;
}

/**
 * The ANSI forms `position(sub IN s)`, `substring(s FROM p [FOR n])` and `trim([BOTH|LEADING|TRAILING] [chars] FROM s)`;
 * undefined for an ordinary argument list.
 */
function ansiArguments(name: string, inner: Token[], ctx: TranslateContext): string | undefined {
  const at = topLevel(inner, 'IN', 'FROM', 'FOR', 'BOTH', 'LEADING', 'TRAILING');
  if (at < 0) return undefined;
  const part = (a: number, b = inner.length) => {
    if (b <= a) throw syntaxError(inner[a]?.value ?? ')');
    return toDuck(inner.slice(a, b), ctx);
  };
  if (name === 'position' && isWord(inner[at], 'IN')) {
    return `CAST(dbx_locate(${part(0, at)}, CAST(${part(at + 1)} AS VARCHAR), 1) AS INTEGER)`;
  }
  if ((name === 'substring' || name === 'substr') && isWord(inner[at], 'FROM')) {
    const forAt = topLevel(inner, 'FOR');
    const pos = forAt < 0 ? part(at + 1) : part(at + 1, forAt);
    return `dbx_substr(${part(0, at)}, ${pos}, ${forAt < 0 ? '2147483647' : part(forAt + 1)})`;
  }
  if (name === 'trim') {
    let k = 0;
    let fn = 'trim';
    if (isWord(inner[0], 'BOTH', 'LEADING', 'TRAILING')) {
      fn = { BOTH: 'trim', LEADING: 'ltrim', TRAILING: 'rtrim' }[inner[0].value.toUpperCase()]!;
      k = 1;
    }
    const from = topLevel(inner, 'FROM');
    if (from < 0) throw syntaxError(inner[inner.length - 1]?.value ?? ')');
    const chars = from > k ? part(k, from) : "' '";
    return `${fn}(${part(from + 1)}, ${chars})`;
  }
  throw syntaxError(inner[at].value);
}

const LIST_END = new Set(
  `FROM WHERE GROUP HAVING QUALIFY ORDER LIMIT UNION EXCEPT INTERSECT MINUS WINDOW LATERAL INTO CLUSTER
  DISTRIBUTE SORT OFFSET`.split(/\s+/),
);
const NOT_ALIAS = new Set(
  `END NULL TRUE FALSE AND OR NOT IS IN LIKE DAY DAYS HOUR HOURS MINUTE MINUTES SECOND SECONDS MONTH MONTHS YEAR
  YEARS WEEK WEEKS MILLISECOND MILLISECONDS MICROSECOND MICROSECONDS DISTINCT`.split(/\s+/),
);
const COMMA: Token = { kind: 'op', value: ',', pos: -1 };

/** Translates `SELECT [DISTINCT] items` at `i`, naming unaliased expressions as Databricks does; returns the last index used. */
export function translateSelectList(
  tokens: Token[],
  i: number,
  ctx: TranslateContext,
  parts: [Token, string][],
): number {
  parts.push([tokens[i], 'SELECT']);
  let j = i + 1;
  if (isWord(tokens[j], 'DISTINCT', 'ALL')) parts.push([tokens[j], tokens[j++].value]);
  const end = listEnd(tokens, j);
  let param: ((n: string) => string | undefined) | undefined;
  let from = j;
  let depth = 0;
  for (let k = j; k <= end; k++) {
    if (k < end) {
      const t = tokens[k];
      if (isOp(t, '(')) depth++;
      else if (isOp(t, ')')) depth--;
      if (depth !== 0 || !isOp(t, ',')) continue;
    }
    if (from > j) parts.push([COMMA, ',']);
    if (k === from) throw syntaxError(',');
    // A backquoted column (every item of the sync's MERGE sources) needs neither a name nor the general path.
    if (k - from === 1 && tokens[from].kind === 'quoted') parts.push([tokens[from], dq(tokens[from].value)]);
    else {
      let item = tokens.slice(from, k);
      const named = needsName(item);
      if (!named && item.length > 2) item = starExcept(item);
      const text = toDuck(item, ctx);
      param ??= (n: string) => {
        const p = ctx.params.get(n.toLowerCase());
        return p ? (p.value ?? 'NULL') : undefined;
      };
      const name = named ? sparkName(item, param) : undefined;
      parts.push([item[0], name === undefined ? text : `${text} AS ${dq(name)}`]);
    }
    from = k + 1;
  }
  return end - 1;
}

/** Databricks `* EXCEPT (cols)` is DuckDB's `* EXCLUDE (cols)`. */
function starExcept(item: Token[]): Token[] {
  return item.map((x, n) => (n > 0 && isOp(item[n - 1], '*') && isWord(x, 'EXCEPT') ? { ...x, value: 'EXCLUDE' } : x));
}

function listEnd(tokens: Token[], j: number): number {
  let depth = 0;
  for (let k = j; k < tokens.length; k++) {
    const t = tokens[k];
    if (isOp(t, '(')) depth++;
    else if (isOp(t, ')')) {
      if (depth === 0) return k;
      depth--;
    } else if (depth === 0 && (isOp(t, ';') || (t.kind === 'word' && LIST_END.has(t.value.toUpperCase())))) {
      if (isWord(t, 'EXCEPT') && isOp(tokens[k - 1], '*')) continue;
      return k;
    }
  }
  return tokens.length;
}

/** False for items Databricks and DuckDB name alike: aliased ones, stars, and plain (qualified) columns. */
function needsName(item: Token[]): boolean {
  const n = item.length;
  const last = item[n - 1];
  if (isOp(last, '*')) return false;
  if (n > 2 && item.some((x, k) => isOp(x, '*') && isWord(item[k + 1], 'EXCEPT', 'EXCLUDE'))) return false;
  if (n >= 2 && isWord(item[n - 2], 'AS')) return false;
  let plain = true;
  for (let k = 0; k < n; k++) {
    const x = item[k];
    const ident = x.kind === 'word' || x.kind === 'quoted';
    if (k % 2 === 0 ? !ident : !isOp(x, '.')) {
      plain = false;
      break;
    }
  }
  if (plain && n % 2 === 1)
    return n === 1 && isWord(item[0], 'NULL', 'TRUE', 'FALSE', 'CURRENT_DATE', 'CURRENT_TIMESTAMP');
  if (n >= 2 && (last.kind === 'quoted' || (last.kind === 'word' && !NOT_ALIAS.has(last.value.toUpperCase())))) {
    const prev = item[n - 2];
    if (!isOp(prev, '.') && (prev.kind !== 'op' || prev.value === ')')) return false;
  }
  return true;
}
