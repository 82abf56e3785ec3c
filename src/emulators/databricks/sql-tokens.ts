/**
 * A small Spark SQL tokenizer: enough to rewrite Databricks SQL for DuckDB and to find statement structure.
 * Whitespace and comments are dropped; string literals are decoded (backslash escapes, adjacent literals
 * concatenated, as Spark does).
 */
export type TokenKind = 'word' | 'quoted' | 'string' | 'number' | 'param' | 'op';

export interface Token {
  kind: TokenKind;
  /** word: as written; quoted: the identifier; string: decoded value; number: digits; param: name; op: symbol. */
  value: string;
  /** Spark literal suffix of a number (`L`, `D`, `BD`, ...). */
  suffix?: string;
  pos: number;
}

export class SqlTokenError extends Error {}

const OPS = ['<=>', '::', '=>', '<>', '!=', '>=', '<=', '||', '=='];

/** Splits SQL into tokens; throws SqlTokenError on an unterminated literal. */
export function tokenize(sql: string): Token[] {
  const out: Token[] = [];
  let i = 0;
  while (i < sql.length) {
    const c = sql[i];
    if (/\s/.test(c)) {
      i++;
    } else if (c === '-' && sql[i + 1] === '-') {
      while (i < sql.length && sql[i] !== '\n') i++;
    } else if (c === '/' && sql[i + 1] === '*') {
      const end = sql.indexOf('*/', i + 2);
      if (end < 0) throw new SqlTokenError(`Unclosed bracketed comment at ${i}`);
      i = end + 2;
    } else if (c === "'" || c === '"') {
      const start = i;
      let value = '';
      i++;
      for (;;) {
        if (i >= sql.length) throw new SqlTokenError(`Unterminated string literal at ${start}`);
        const ch = sql[i];
        if (ch === '\\') {
          value += unescapeChar(sql[i + 1]);
          i += 2;
        } else if (ch === c) {
          i++;
          break;
        } else {
          value += ch;
          i++;
        }
      }
      const prev = out[out.length - 1];
      if (prev?.kind === 'string') prev.value += value;
      else out.push({ kind: 'string', value, pos: start });
    } else if (c === '`') {
      const start = i;
      let value = '';
      i++;
      for (;;) {
        if (i >= sql.length) throw new SqlTokenError(`Unterminated quoted identifier at ${start}`);
        if (sql[i] === '`') {
          if (sql[i + 1] === '`') {
            value += '`';
            i += 2;
            continue;
          }
          i++;
          break;
        }
        value += sql[i++];
      }
      out.push({ kind: 'quoted', value, pos: start });
    } else if (/[0-9]/.test(c) || (c === '.' && /[0-9]/.test(sql[i + 1] ?? ''))) {
      const m = /^(\d*\.?\d+(?:[eE][+-]?\d+)?|\d+\.)(BD|[LSYDF])?(?![A-Za-z_])/i.exec(sql.slice(i));
      if (!m) {
        const w = /^\w+/.exec(sql.slice(i))![0];
        out.push({ kind: 'word', value: w, pos: i });
        i += w.length;
      } else {
        out.push({ kind: 'number', value: m[1], suffix: m[2]?.toUpperCase(), pos: i });
        i += m[0].length;
      }
    } else if (/[A-Za-z_]/.test(c)) {
      const w = /^[A-Za-z_][A-Za-z0-9_]*/.exec(sql.slice(i))![0];
      out.push({ kind: 'word', value: w, pos: i });
      i += w.length;
    } else if (c === ':' && sql[i + 1] !== ':' && /[A-Za-z_]/.test(sql[i + 1] ?? '')) {
      const w = /^[A-Za-z_][A-Za-z0-9_]*/.exec(sql.slice(i + 1))![0];
      out.push({ kind: 'param', value: w, pos: i });
      i += w.length + 1;
    } else {
      const op = OPS.find((o) => sql.startsWith(o, i)) ?? c;
      out.push({ kind: 'op', value: op, pos: i });
      i += op.length;
    }
  }
  return out;
}

function unescapeChar(ch: string | undefined): string {
  switch (ch) {
    case 'n':
      return '\n';
    case 't':
      return '\t';
    case 'r':
      return '\r';
    case '0':
      return '\0';
    case undefined:
      return '';
    default:
      return ch;
  }
}

/** True when the token is the (case-insensitive) keyword. */
export function isWord(t: Token | undefined, ...words: string[]): boolean {
  if (t?.kind !== 'word') return false;
  // Lengths first: most words are not the keyword asked for, and upper-casing allocates.
  const v = t.value;
  let upper: string | undefined;
  for (const w of words) {
    if (w.length !== v.length) continue;
    upper ??= v.toUpperCase();
    if (upper === w) return true;
  }
  return false;
}

/** True when the token is the operator. */
export function isOp(t: Token | undefined, op: string): boolean {
  return t?.kind === 'op' && t.value === op;
}

/** Index of the matching close paren for the open paren at `open`. */
export function closingParen(tokens: Token[], open: number): number {
  let depth = 0;
  for (let i = open; i < tokens.length; i++) {
    if (isOp(tokens[i], '(')) depth++;
    else if (isOp(tokens[i], ')')) {
      depth--;
      if (depth === 0) return i;
    }
  }
  return -1;
}

/** Splits tokens at top-level commas. */
export function splitTopLevel(tokens: Token[], sep = ','): Token[][] {
  const parts: Token[][] = [[]];
  let depth = 0;
  for (const t of tokens) {
    if (isOp(t, '(')) depth++;
    if (isOp(t, ')')) depth--;
    if (depth === 0 && isOp(t, sep)) parts.push([]);
    else parts[parts.length - 1].push(t);
  }
  return parts;
}

/** Renders tokens back to Spark SQL text (used for the grammar check). */
export function renderSpark(tokens: Token[]): string {
  return joinTokens(tokens.map((t) => [t, sparkText(t)]));
}

function sparkText(t: Token): string {
  switch (t.kind) {
    case 'number':
      return t.value + (t.suffix ?? '');
    case 'quoted':
      return '`' + t.value.replaceAll('`', '``') + '`';
    case 'string':
      return "'" + t.value.replaceAll('\\', '\\\\').replaceAll("'", "\\'") + "'";
    case 'param':
      return ':' + t.value;
    default:
      return t.value;
  }
}

const SPACED_BEFORE_PAREN = new Set(
  'AS IN AND OR NOT ON USING FROM JOIN OVER WHERE VALUES EXISTS THEN ELSE WHEN BY SELECT WITH'.split(' '),
);

/** Renders tokens as readable Spark SQL (`f(a, b)`, not `f ( a , b )`), for view texts shown back to users. */
export function prettySpark(tokens: Token[]): string {
  let out = '';
  let prev: Token | undefined;
  for (const t of tokens) {
    const text = sparkText(t);
    const tight =
      !prev ||
      isOp(prev, '.') ||
      isOp(t, '.') ||
      isOp(prev, '(') ||
      isOp(t, ')') ||
      isOp(t, ',') ||
      (isOp(t, '(') &&
        (prev.kind === 'word' || prev.kind === 'quoted') &&
        !SPACED_BEFORE_PAREN.has(prev.value.toUpperCase()));
    out += (tight ? '' : ' ') + text;
    prev = t;
  }
  return out;
}

/** Joins rendered tokens with spaces, except around dots. */
export function joinTokens(parts: [Token, string][]): string {
  let out = '';
  let prev: Token | undefined;
  for (const [t, text] of parts) {
    const glue = !prev || isOp(prev, '.') || isOp(t, '.') ? '' : ' ';
    out += glue + text;
    prev = t;
  }
  return out;
}
