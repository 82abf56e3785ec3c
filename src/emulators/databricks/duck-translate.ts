import { join } from 'node:path';
import { isCall, translateCall, translateCast, translateSelectList } from './function-calls.ts';
import { informationSchemaView } from './information-schema.ts';
import { DatabricksSqlError } from './sql-error.ts';
import { closingParen, isOp, isWord, joinTokens, splitTopLevel, type Token } from './sql-tokens.ts';
import { listDataFiles, localPath, parseVolumePath } from './volume-store.ts';

/** A named statement parameter as the API receives it. */
export interface StatementParameter {
  name: string;
  value?: string | null;
  type?: string;
}

/** What translation needs from the engine. */
export interface TranslateContext {
  dataDir: string;
  /** DuckDB alias of a known catalog, or undefined. */
  catalogAlias(name: string): string | undefined;
  hasVolume(catalog: string, schema: string, volume: string): boolean;
  /** Names of every catalog (for `system.information_schema.volumes`). */
  catalogNames?(): string[];
  /** The statement's current catalog (for two-part `information_schema.x`) and schema (for error messages). */
  defaultCatalog?: string;
  defaultSchema?: string;
  params: Map<string, StatementParameter>;
}

/** Quotes an identifier for DuckDB. */
export function dq(name: string): string {
  return '"' + name.replaceAll('"', '""') + '"';
}

/** Quotes a string literal for DuckDB. */
export function sq(value: string): string {
  return "'" + value.replaceAll("'", "''") + "'";
}

/** Translates a Spark type name (as written) to DuckDB. */
export function duckType(spark: string): string {
  const u = spark.toUpperCase().replace(/\s+/g, '');
  if (u === 'TIMESTAMP' || u === 'TIMESTAMP_LTZ') return 'TIMESTAMPTZ';
  if (u === 'TIMESTAMP_NTZ') return 'TIMESTAMP';
  if (u === 'STRING') return 'VARCHAR';
  if (u === 'INT' || u === 'INTEGER') return 'INTEGER';
  if (u === 'LONG' || u === 'BIGINT') return 'BIGINT';
  if (u === 'SHORT' || u === 'SMALLINT') return 'SMALLINT';
  if (u === 'BYTE' || u === 'TINYINT') return 'TINYINT';
  if (u === 'FLOAT' || u === 'REAL') return 'FLOAT';
  if (u === 'DOUBLE') return 'DOUBLE';
  if (u === 'BOOLEAN') return 'BOOLEAN';
  if (u === 'DATE') return 'DATE';
  if (u === 'BINARY') return 'BLOB';
  if (u === 'DECIMAL' || u === 'DEC' || u === 'NUMERIC') return 'DECIMAL(10,0)';
  const dec = /^(?:DECIMAL|DEC|NUMERIC)\((\d+)(?:,(\d+))?\)$/.exec(u);
  if (dec) {
    if (Number(dec[1]) > 38 || Number(dec[2] ?? 0) > Number(dec[1])) {
      throw new DatabricksSqlError('INVALID_PARAMETER_VALUE', `Invalid decimal type ${spark}.`, '22023');
    }
    return `DECIMAL(${dec[1]},${dec[2] ?? 0})`;
  }
  throw new DatabricksSqlError('UNSUPPORTED_DATATYPE', `Unsupported data type "${spark}".`, '0A000');
}

const NUMBER_SUFFIX: Record<string, string> = {
  L: 'BIGINT',
  S: 'SMALLINT',
  Y: 'TINYINT',
  D: 'DOUBLE',
  F: 'FLOAT',
  BD: 'DECIMAL(38,18)',
};

const TYPE_WORDS = new Set(['TIMESTAMP', 'TIMESTAMP_NTZ', 'TIMESTAMP_LTZ', 'LONG', 'SHORT', 'BYTE', 'BINARY']);

/** Translates Databricks SQL tokens to DuckDB SQL text. */
export function toDuck(tokens: Token[], ctx: TranslateContext): string {
  const parts: [Token, string][] = [];
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    const next = tokens[i + 1];
    const afterDot = isOp(tokens[i - 1], '.');
    if ((t.kind === 'word' || t.kind === 'quoted') && !afterDot && isOp(next, '.')) {
      const view = mentionsInfoSchema(tokens, i) ? infoSchemaRef(tokens, i, ctx) : undefined;
      if (view) {
        parts.push([t, view.sql]);
        i = view.end;
        continue;
      }
      if (isOp(tokens[i + 3], '.')) {
        const alias = ctx.catalogAlias(t.value);
        if (alias) {
          parts.push([t, dq(alias)]);
          continue;
        }
      }
    }
    if (t.kind === 'word' && !afterDot) {
      if (isOp(next, '(')) {
        if (t.value.toLowerCase() === 'read_files') {
          const close = closingParen(tokens, i + 1);
          parts.push([t, readFiles(tokens.slice(i + 2, close), ctx)]);
          i = close;
          continue;
        }
        if (isWord(t, 'CAST', 'TRY_CAST')) {
          const cast = translateCast(tokens, i, ctx);
          parts.push([t, cast.sql]);
          i = cast.end;
          continue;
        }
        if (isCall(tokens, i)) {
          const call = translateCall(tokens, i, ctx);
          parts.push([t, call.sql]);
          i = call.end;
          continue;
        }
      } else if (t.value.length === 6 && isWord(t, 'SELECT')) {
        i = translateSelectList(tokens, i, ctx, parts);
        continue;
      }
    }
    if (isOp(t, '::') && i > 0) {
      const cast = shortCast(tokens, i, parts);
      if (cast) {
        i = cast;
        continue;
      }
    }
    if (t.kind === 'word' && i > 0 && isWord(t, 'LIKE', 'ILIKE', 'RLIKE', 'REGEXP') && !isOp(next, '(')) {
      const like = likeOperator(tokens, i, ctx);
      if (like) {
        parts.push([t, like.sql]);
        i = like.end - 1;
        continue;
      }
    }
    if ((isOp(t, '/') || isOp(t, '%') || isWord(t, 'DIV')) && i > 0) {
      // ANSI: dividing by zero fails ([DIVIDE_BY_ZERO]) where DuckDB answers NULL or Infinity. `/` binds tighter
      // than anything but unary minus and `::`, so its right operand is exactly the next primary.
      const end = primaryEnd(tokens, i + 1);
      const op = isWord(t, 'DIV') ? '//' : t.value;
      parts.push([t, `${op} dbx_nonzero(${toDuck(tokens.slice(i + 1, end), ctx)})`]);
      i = end - 1;
      continue;
    }
    parts.push([t, tokenToDuck(t, afterDot, ctx)]);
  }
  return joinTokens(parts);
}

/**
 * `x::type` where `x` is one token already emitted: integral and string targets get CAST's ANSI semantics (see
 * translateCast). Returns the last index used, or undefined to leave `::` to DuckDB.
 */
function shortCast(tokens: Token[], i: number, parts: [Token, string][]): number | undefined {
  const prev = tokens[i - 1];
  const before = tokens[i - 2];
  if (prev.kind === 'op' || isOp(before, '.') || isOp(before, '::')) return undefined;
  // A typed literal (`DATE '…'`, `TIMESTAMP '…'`) is two tokens.
  if (prev.kind === 'string' && before?.kind === 'word') return undefined;
  const typeTok = tokens[i + 1];
  if (typeTok?.kind !== 'word' || isOp(tokens[i + 2], '(')) return undefined;
  const fn = CAST_FUNCTIONS[duckType(typeTok.value)];
  if (!fn) return undefined;
  const last = parts[parts.length - 1];
  last[1] = `${fn}(${last[1]})`;
  return i + 1;
}

/** Macros with CAST's ANSI semantics, by DuckDB target type. */
export const CAST_FUNCTIONS: Record<string, string> = {
  TINYINT: 'dbx_tinyint',
  SMALLINT: 'dbx_smallint',
  INTEGER: 'dbx_integer',
  BIGINT: 'dbx_bigint',
  VARCHAR: 'dbx_string',
};

/**
 * `LIKE`/`ILIKE` with Spark's default escape character `\\` (DuckDB has none), and `RLIKE`/`REGEXP` as a regular
 * expression found anywhere in the text (Java `find`, not a full match). Undefined leaves the token as it is.
 */
function likeOperator(tokens: Token[], i: number, ctx: TranslateContext): { sql: string; end: number } | undefined {
  const kw = tokens[i].value.toUpperCase();
  if (isWord(tokens[i + 1], 'ANY', 'ALL', 'SOME')) return undefined;
  const end = primaryEnd(tokens, i + 1);
  const right = toDuck(tokens.slice(i + 1, end), ctx);
  if (kw === 'RLIKE' || kw === 'REGEXP') return { sql: `~ ('(?s).*(?:' || ${right} || ').*')`, end };
  if (isWord(tokens[end], 'ESCAPE')) return undefined;
  return { sql: `${kw} ${right} ESCAPE '\\'`, end };
}

/** Index after the primary expression (with unary signs and `::` casts) starting at `k`. */
function primaryEnd(tokens: Token[], k: number): number {
  while (isOp(tokens[k], '-') || isOp(tokens[k], '+')) k++;
  const t = tokens[k];
  if (!t) throw new DatabricksSqlError('PARSE_SYNTAX_ERROR', 'Syntax error at or near end of input.', '42601');
  const after = (open: number) => {
    const close = closingParen(tokens, open);
    if (close < 0) throw new DatabricksSqlError('PARSE_SYNTAX_ERROR', 'Syntax error at or near end of input.', '42601');
    return close + 1;
  };
  if (isOp(t, '(')) k = after(k);
  else if (isWord(t, 'CASE')) {
    let depth = 0;
    for (; k < tokens.length; k++) {
      if (isWord(tokens[k], 'CASE')) depth++;
      else if (isWord(tokens[k], 'END') && --depth === 0) break;
    }
    k++;
  } else if (t.kind === 'word' || t.kind === 'quoted') {
    k++;
    if (t.kind === 'word' && tokens[k]?.kind === 'string') k++;
    while (isOp(tokens[k], '.') && (tokens[k + 1]?.kind === 'word' || tokens[k + 1]?.kind === 'quoted')) k += 2;
    if (isOp(tokens[k], '(')) {
      k = after(k);
      if (isWord(tokens[k], 'FILTER') && isOp(tokens[k + 1], '(')) k = after(k + 1);
      if (isWord(tokens[k], 'OVER')) k = isOp(tokens[k + 1], '(') ? after(k + 1) : k + 2;
    }
  } else k++;
  while (isOp(tokens[k], '::')) {
    k += 2;
    if (isOp(tokens[k], '(')) k = after(k);
  }
  return k;
}

const INFO = 'information_schema';
/** Cheap pre-check (most dotted names are not information_schema ones). */
function mentionsInfoSchema(tokens: Token[], i: number): boolean {
  const a = tokens[i].value;
  const b = tokens[i + 2]?.value;
  return (
    (a.length === INFO.length && a.toLowerCase() === INFO) || (b?.length === INFO.length && b.toLowerCase() === INFO)
  );
}

/** `system.information_schema.x`, `<catalog>.information_schema.x` or `information_schema.x` (current catalog). */
function infoSchemaRef(tokens: Token[], i: number, ctx: TranslateContext): { sql: string; end: number } | undefined {
  const ident = (x: Token | undefined) => x?.kind === 'word' || x?.kind === 'quoted';
  const t = tokens[i];
  if (t.value.toLowerCase() === 'information_schema' && ident(tokens[i + 2]) && !isOp(tokens[i + 3], '.')) {
    if (!ctx.defaultCatalog) return undefined;
    return {
      sql: informationSchemaView(tokens[i + 2].value, ctx.catalogNames?.() ?? [], ctx.defaultCatalog),
      end: i + 2,
    };
  }
  if (!isOp(tokens[i + 3], '.') || !ident(tokens[i + 4])) return undefined;
  if (tokens[i + 2]?.value.toLowerCase() !== 'information_schema') return undefined;
  const catalog = t.value.toLowerCase();
  if (catalog !== 'system' && !ctx.catalogAlias(catalog)) return undefined;
  const only = catalog === 'system' ? undefined : catalog;
  return { sql: informationSchemaView(tokens[i + 4].value, ctx.catalogNames?.() ?? [], only), end: i + 4 };
}

function tokenToDuck(t: Token, afterDot: boolean, ctx: TranslateContext): string {
  switch (t.kind) {
    case 'quoted':
      return dq(t.value);
    case 'string':
      return sq(t.value);
    case 'param':
      return paramLiteral(t.value, ctx);
    case 'number':
      return t.suffix ? `CAST(${t.value} AS ${NUMBER_SUFFIX[t.suffix]})` : t.value;
    case 'op':
      return t.value === '<=>' ? 'IS NOT DISTINCT FROM' : t.value;
    case 'word':
      if (!afterDot && TYPE_WORDS.has(t.value.toUpperCase())) return duckType(t.value);
      return t.value;
    default:
      return t.value;
  }
}

function paramLiteral(name: string, ctx: TranslateContext): string {
  const p = ctx.params.get(name.toLowerCase());
  if (!p) {
    throw new DatabricksSqlError('UNBOUND_SQL_PARAMETER', `Found the unbound parameter: ${name}.`, '42P02');
  }
  const type = duckType(p.type ?? 'STRING');
  if (p.value === undefined || p.value === null) return `CAST(NULL AS ${type})`;
  return type === 'VARCHAR' ? sq(p.value) : `CAST(${sq(p.value)} AS ${type})`;
}

/** `read_files('/Volumes/...', format => 'parquet')` → `read_parquet([...files], union_by_name = true)`. */
function readFiles(args: Token[], ctx: TranslateContext): string {
  const parts = splitTopLevel(args);
  const path = parts[0];
  if (path.length !== 1 || path[0].kind !== 'string') {
    throw new DatabricksSqlError('INVALID_PARAMETER_VALUE', 'read_files expects a path string literal.', '22023');
  }
  let format: string | undefined;
  for (const p of parts.slice(1)) {
    if (p.length === 3 && isOp(p[1], '=>') && isWord(p[0], 'FORMAT') && p[2].kind === 'string') {
      format = p[2].value.toLowerCase();
    }
  }
  if (format !== 'parquet') {
    throw new DatabricksSqlError(
      'UNSUPPORTED_FEATURE',
      `The emulator reads only format => 'parquet' (got ${format ?? 'none'}).`,
      '0A000',
    );
  }
  const files = volumeFiles(path[0].value, ctx);
  return `read_parquet([${files.map(sq).join(', ')}], union_by_name = true)`;
}

/** Local data files at a `/Volumes/...` path; Databricks-like errors when missing or empty. */
export function volumeFiles(path: string, ctx: Pick<TranslateContext, 'dataDir' | 'hasVolume'>): string[] {
  const v = parseVolumePath(path);
  if (!v || !ctx.hasVolume(v.catalog, v.schema, v.volume)) {
    throw new DatabricksSqlError('PATH_NOT_FOUND', `Path does not exist: ${path}.`, '42K03');
  }
  const root = localPath(ctx.dataDir, v);
  const rel = listDataFiles(root);
  if (rel === undefined) throw new DatabricksSqlError('PATH_NOT_FOUND', `Path does not exist: ${path}.`, '42K03');
  if (rel.length === 0) {
    throw new DatabricksSqlError(
      'UNABLE_TO_INFER_SCHEMA',
      `Unable to infer schema for Parquet at ${path}. It must be specified manually.`,
      '42KD9',
    );
  }
  return rel.map((r) => (r ? join(root, ...r.split('/')) : root));
}
