/**
 * Comments and views as Unity Catalog keeps them (docs.databricks.com/sql/language-manual/sql-ref-syntax-ddl-comment,
 * sql-ref-syntax-ddl-create-view): `COMMENT ON TABLE|VIEW|COLUMN|SCHEMA|CATALOG … IS 'text' | NULL`,
 * `ALTER TABLE t ALTER|CHANGE [COLUMN] c COMMENT 'text'`, and `CREATE [OR REPLACE] VIEW v [(col [COMMENT 'x'], …)]
 * [COMMENT 'x'] [TBLPROPERTIES (…)] AS query` — stored as DuckDB comments, read back by DESCRIBE and information_schema.
 */
import { duckRef, type StatementScope } from './ddl-statements.ts';
import { dq, sq, toDuck } from './duck-translate.ts';
import type { RawResult } from './sql-engine.ts';
import { DatabricksSqlError, syntaxError } from './sql-error.ts';
import { type QualifiedName, qualify, readName } from './sql-names.ts';
import { closingParen, isOp, isWord, prettySpark, splitTopLevel, type Token } from './sql-tokens.ts';

const EMPTY: RawResult = { columns: [], rows: [] };

/** `'text'` or NULL at `i`, as DuckDB SQL; anything else is a syntax error. */
function commentValue(tokens: Token[], i: number): string {
  const t = tokens[i];
  if (t?.kind === 'string' && i === tokens.length - 1) return sq(t.value);
  if (isWord(t, 'NULL') && i === tokens.length - 1) return 'NULL';
  throw syntaxError(t?.value ?? 'end of input');
}

/** The relation's column names as stored (case preserved). */
async function columnsOf(s: StatementScope, ref: string): Promise<string[]> {
  return (await s.engine.read(s.conn, `SELECT * FROM ${ref} LIMIT 0`)).columns.map((c) => c.name);
}

function columnNotFound(col: string, q: QualifiedName, names: string[]): DatabricksSqlError {
  return new DatabricksSqlError(
    'UNRESOLVED_COLUMN.WITH_SUGGESTION',
    `A column, variable, or function parameter with name \`${col}\` cannot be resolved. Did you mean one of the following? [${names
      .slice(0, 5)
      .map((n) => `\`${q.name}\`.\`${n}\``)
      .join(', ')}].`,
    '42703',
  );
}

async function commentColumn(s: StatementScope, q: QualifiedName, col: string, value: string): Promise<void> {
  const ref = duckRef(s.engine, q);
  const names = await columnsOf(s, ref);
  const actual = names.find((n) => n.toLowerCase() === col.toLowerCase());
  if (actual === undefined) throw columnNotFound(col, q, names);
  await s.conn.run(`COMMENT ON COLUMN ${ref}.${dq(actual)} IS ${value}`);
}

/** COMMENT ON { CATALOG | SCHEMA | DATABASE | TABLE | VIEW | COLUMN } name IS comment. */
export async function runComment(tokens: Token[], s: StatementScope): Promise<RawResult> {
  if (!isWord(tokens[1], 'ON')) throw syntaxError(tokens[1]?.value ?? 'end of input');
  const kind = tokens[2]?.value.toUpperCase();
  const { parts, next } = readName(tokens, 3);
  if (!isWord(tokens[next], 'IS')) throw syntaxError(tokens[next]?.value ?? 'end of input');
  const value = commentValue(tokens, next + 1);
  if (kind === 'COLUMN') {
    if (parts.length < 2) throw syntaxError(parts[0]);
    await commentColumn(s, qualify(parts.slice(0, -1), s.defaults), parts[parts.length - 1], value);
    return EMPTY;
  }
  if (kind === 'TABLE' || kind === 'VIEW') {
    await s.conn.run(`COMMENT ON TABLE ${duckRef(s.engine, qualify(parts, s.defaults))} IS ${value}`);
    return EMPTY;
  }
  if (kind === 'SCHEMA' || kind === 'DATABASE' || kind === 'CATALOG') {
    // DuckDB keeps no schema or database comments: the emulator's own table in the catalog holds them.
    const q =
      kind === 'CATALOG' ? { catalog: parts[0].toLowerCase(), schema: '' } : qualify([...parts, '_'], s.defaults);
    catalogAlias(s, q.catalog);
    if (kind !== 'CATALOG') {
      const found = await s.engine.read(
        s.conn,
        `SELECT 1 FROM duckdb_schemas() WHERE database_name = ${sq(catalogAlias(s, q.catalog))} AND schema_name = ${sq(q.schema)}`,
      );
      if (found.rows.length === 0) {
        throw new DatabricksSqlError(
          'SCHEMA_NOT_FOUND',
          `The schema \`${q.catalog}\`.\`${q.schema}\` cannot be found.`,
          '42704',
        );
      }
    }
    const key = sq(kind === 'CATALOG' ? 'catalog' : `schema:${q.schema}`);
    await s.conn.run(`INSERT OR REPLACE INTO ${s.engine.meta('object_comments', q.catalog)} VALUES (${key}, ${value})`);
    return EMPTY;
  }
  throw syntaxError(tokens[2]?.value ?? 'end of input');
}

function catalogAlias(s: StatementScope, catalog: string): string {
  const alias = s.engine.catalogAlias(catalog);
  if (!alias) throw new DatabricksSqlError('NO_SUCH_CATALOG_EXCEPTION', `Catalog '${catalog}' was not found.`, '42704');
  return alias;
}

/** `ALTER TABLE t ALTER|CHANGE [COLUMN] c COMMENT 'x'` (tokens from the ALTER/CHANGE word). */
export async function alterColumnComment(tokens: Token[], q: QualifiedName, s: StatementScope): Promise<RawResult> {
  let i = isWord(tokens[1], 'COLUMN') ? 2 : 1;
  const col = tokens[i];
  if (!col || (col.kind !== 'word' && col.kind !== 'quoted')) throw syntaxError(col?.value ?? 'end of input');
  i++;
  if (!isWord(tokens[i], 'COMMENT')) {
    throw new DatabricksSqlError('UNSUPPORTED_FEATURE', 'The emulator supports ALTER COLUMN … COMMENT only.', '0A000');
  }
  await commentColumn(s, q, col.value, commentValue(tokens, i + 1));
  return EMPTY;
}

/** CREATE [OR REPLACE] VIEW (tokens after the view name at `start`). */
export async function createView(
  tokens: Token[],
  start: number,
  q: QualifiedName,
  replace: boolean,
  ifNotExists: boolean,
  s: StatementScope,
): Promise<RawResult> {
  const ref = duckRef(s.engine, q);
  let i = start;
  let columns: { name: string; comment?: string }[] = [];
  if (isOp(tokens[i], '(')) {
    const close = closingParen(tokens, i);
    columns = splitTopLevel(tokens.slice(i + 1, close)).map((c) => {
      const n = c[0];
      if (!n || (n.kind !== 'word' && n.kind !== 'quoted')) throw syntaxError(n?.value ?? ')');
      if (c.length === 1) return { name: n.value };
      if (c.length === 3 && isWord(c[1], 'COMMENT') && c[2].kind === 'string')
        return { name: n.value, comment: c[2].value };
      throw syntaxError(c[1].value);
    });
    i = close + 1;
  }
  let comment: string | undefined;
  while (i < tokens.length && !isWord(tokens[i], 'AS')) {
    if (isWord(tokens[i], 'COMMENT') && tokens[i + 1]?.kind === 'string') {
      comment = tokens[i + 1].value;
      i += 2;
    } else if (isWord(tokens[i], 'TBLPROPERTIES') && isOp(tokens[i + 1], '(')) i = closingParen(tokens, i + 1) + 1;
    else if (isWord(tokens[i], 'WITH') && isWord(tokens[i + 1], 'SCHEMA')) i += 3;
    else throw syntaxError(tokens[i].value);
  }
  const query = tokens.slice(i + 1);
  if (query.length === 0) throw syntaxError('end of input');
  let body = toDuck(query, s.tctx);
  if (columns.length) {
    // A derived-table column list (not DuckDB's view column list, whose renamed columns take no comments).
    const shape = await s.engine.read(s.conn, `SELECT * FROM (${body}) LIMIT 0`);
    if (shape.columns.length !== columns.length) {
      const few = columns.length > shape.columns.length;
      throw new DatabricksSqlError(
        `CREATE_VIEW_COLUMN_ARITY_MISMATCH.${few ? 'NOT_ENOUGH_DATA_COLUMNS' : 'TOO_MANY_DATA_COLUMNS'}`,
        `Cannot create view \`${q.catalog}\`.\`${q.schema}\`.\`${q.name}\`, the reason is ${few ? 'not enough' : 'too many'} data columns: View columns: ${columns.map((c) => c.name).join(', ')}. Data columns: ${shape.columns.map((c) => c.name).join(', ')}.`,
        '21S01',
      );
    }
    body = `SELECT * FROM (${body}) AS __view(${columns.map((c) => dq(c.name)).join(', ')})`;
  }
  await s.conn.run(
    `CREATE ${replace ? 'OR REPLACE ' : ''}VIEW ${ifNotExists ? 'IF NOT EXISTS ' : ''}${ref} AS ${body}`,
  );
  for (const c of columns) {
    if (c.comment !== undefined) await s.conn.run(`COMMENT ON COLUMN ${ref}.${dq(c.name)} IS ${sq(c.comment)}`);
  }
  if (comment !== undefined) await s.conn.run(`COMMENT ON TABLE ${ref} IS ${sq(comment)}`);
  await s.conn.run(
    `INSERT OR REPLACE INTO ${s.engine.meta('view_text', q.catalog)} VALUES (${sq(`${q.schema}.${q.name}`)}, ${sq(prettySpark(query))})`,
  );
  return EMPTY;
}
