import { BOOLEAN, VARCHAR } from '@duckdb/node-api';
import { describeType } from './databricks-types.ts';
import { duckRef, type StatementScope } from './ddl-statements.ts';
import { sq } from './duck-translate.ts';
import { META, type RawResult } from './sql-engine.ts';
import { DatabricksSqlError, syntaxError } from './sql-error.ts';
import { nameKey, type QualifiedName, qualify, readName } from './sql-names.ts';
import { isOp, isWord, type Token } from './sql-tokens.ts';

/** DESCRIBE [TABLE] [EXTENDED] t → rows (col_name, data_type, comment) with Databricks type names. */
export async function runDescribe(tokens: Token[], s: StatementScope): Promise<RawResult> {
  let i = 1;
  if (isWord(tokens[i], 'TABLE')) i++;
  let extended = false;
  if (isWord(tokens[i], 'EXTENDED', 'FORMATTED')) {
    extended = true;
    i++;
  }
  const { parts, next } = readName(tokens, i);
  if (next < tokens.length) throw syntaxError(tokens[next].value);
  const q = qualify(parts, s.defaults);
  const ref = duckRef(s.engine, q);
  const shape = await s.engine.read(s.conn, `SELECT * FROM ${ref} LIMIT 0`);
  const comments = await s.engine.read(
    s.conn,
    `SELECT column_name, comment FROM duckdb_columns() WHERE database_name = ${sq(s.engine.catalogAlias(q.catalog)!)}
     AND schema_name = ${sq(q.schema)} AND table_name = ${sq(q.name)}`,
  );
  const commentOf = new Map(comments.rows.map((r) => [String(r[0]), r[1] === null ? null : String(r[1])]));
  const rows: unknown[][] = shape.columns.map((c) => [c.name, describeType(c.type), commentOf.get(c.name) ?? null]);
  const typeOf = new Map(shape.columns.map((c) => [c.name.toLowerCase(), describeType(c.type)]));
  const props = await s.engine.read(
    s.conn,
    `SELECT array_to_string(clustering, ','), array_to_string(partitioning, ','), props FROM ${s.engine.meta('table_props', q.catalog)} WHERE table_name = ${sq(nameKey(q))}`,
  );
  const [clustering, partitioning, propText] = (props.rows[0] ?? [null, null, '{}']) as [unknown, unknown, string];
  const listOf = (v: unknown) => (v ? String(v).split(',').filter(Boolean) : []);
  for (const [title, cols] of [
    ['# Partition Information', listOf(partitioning)],
    ['# Clustering Information', listOf(clustering)],
  ] as const) {
    if (cols.length === 0) continue;
    rows.push([title, '', ''], ['# col_name', 'data_type', 'comment']);
    for (const c of cols) rows.push([c, typeOf.get(c.toLowerCase()) ?? 'string', null]);
  }
  if (extended) {
    const p = JSON.parse(propText ?? '{}') as Record<string, string>;
    const meta = await relationInfo(s, q);
    rows.push(
      ['', '', ''],
      ['# Detailed Table Information', '', ''],
      ['Catalog', q.catalog, ''],
      ['Database', q.schema, ''],
      ['Table', q.name, ''],
      ['Owner', 'emulator', ''],
      ['Type', meta.view ? 'VIEW' : 'MANAGED', ''],
    );
    if (meta.comment !== null) rows.push(['Comment', meta.comment, '']);
    if (meta.view) rows.push(['View Text', meta.text ?? '', '']);
    else rows.push(['Provider', 'delta', '']);
    rows.push([
      'Table Properties',
      `[${Object.entries(tableProperties(p))
        .map(([k, v]) => `${k}=${v}`)
        .join(',')}]`,
      '',
    ]);
  }
  return {
    columns: ['col_name', 'data_type', 'comment'].map((name) => ({ name, type: VARCHAR })),
    rows,
  };
}

/** Whether a relation is a view, its comment and (for views) the Databricks text it was created with. */
async function relationInfo(
  s: StatementScope,
  q: QualifiedName,
): Promise<{ view: boolean; comment: string | null; text?: string }> {
  const db = sq(s.engine.catalogAlias(q.catalog)!);
  const r = await s.engine.read(
    s.conn,
    `SELECT false, comment, NULL FROM duckdb_tables() WHERE database_name = ${db} AND schema_name = ${sq(q.schema)} AND table_name = ${sq(q.name)}
     UNION ALL SELECT true, comment, (SELECT definition FROM ${s.engine.meta('view_text', q.catalog)} WHERE view_name = ${sq(`${q.schema}.${q.name}`)})
     FROM duckdb_views() WHERE database_name = ${db} AND schema_name = ${sq(q.schema)} AND view_name = ${sq(q.name)}`,
  );
  const [view, comment, text] = (r.rows[0] ?? [false, null, null]) as [boolean, string | null, string | null];
  return { view, comment: comment ?? null, text: text ?? undefined };
}

/** Stored properties plus the protocol versions every Delta table reports. */
function tableProperties(p: Record<string, string>): Record<string, string> {
  return { 'delta.minReaderVersion': '1', 'delta.minWriterVersion': '2', ...p };
}

/** SHOW TBLPROPERTIES t [('key')] → (key, value) rows. */
export async function runShowTblProperties(tokens: Token[], s: StatementScope): Promise<RawResult> {
  const { parts, next } = readName(tokens, 2);
  let only: string | undefined;
  let end = next;
  if (isOp(tokens[next], '(')) {
    only = tokens
      .slice(next + 1, tokens.length - 1)
      .map((t) => t.value)
      .join('');
    end = tokens.length;
  }
  if (end < tokens.length) throw syntaxError(tokens[end].value);
  const q = qualify(parts, s.defaults);
  await s.engine.read(s.conn, `SELECT * FROM ${duckRef(s.engine, q)} LIMIT 0`);
  const r = await s.engine.read(
    s.conn,
    `SELECT props FROM ${s.engine.meta('table_props', q.catalog)} WHERE table_name = ${sq(nameKey(q))}`,
  );
  const props = tableProperties(JSON.parse(String(r.rows[0]?.[0] ?? '{}')) as Record<string, string>);
  let rows = Object.entries(props).map(([k, v]) => [k, v]);
  if (only !== undefined) {
    rows = [[only, props[only] ?? `Table ${nameKey(q)} does not have property: ${only}`]];
  }
  return {
    columns: [
      { name: 'key', type: VARCHAR },
      { name: 'value', type: VARCHAR },
    ],
    rows,
  };
}

/** SHOW COLUMNS { IN | FROM } t [{ IN | FROM } schema] → col_name rows. */
export async function runShowColumns(tokens: Token[], s: StatementScope): Promise<RawResult> {
  if (!isWord(tokens[2], 'IN', 'FROM')) throw syntaxError(tokens[2]?.value ?? 'end of input');
  const t = readName(tokens, 3);
  let parts = t.parts;
  if (isWord(tokens[t.next], 'IN', 'FROM')) {
    const ns = readName(tokens, t.next + 1);
    if (ns.next < tokens.length) throw syntaxError(tokens[ns.next].value);
    parts = [...ns.parts, ...parts];
  } else if (t.next < tokens.length) throw syntaxError(tokens[t.next].value);
  const shape = await s.engine.read(s.conn, `SELECT * FROM ${duckRef(s.engine, qualify(parts, s.defaults))} LIMIT 0`);
  return { columns: [{ name: 'col_name', type: VARCHAR }], rows: shape.columns.map((c) => [c.name]) };
}

/** SHOW TABLES [IN|FROM c.s] [LIKE 'pattern'] / SHOW VIEWS / SHOW SCHEMAS / SHOW CATALOGS / SHOW VOLUMES. */
export async function runShow(tokens: Token[], s: StatementScope): Promise<RawResult> {
  const what = tokens[1]?.value.toUpperCase();
  if (what === 'TBLPROPERTIES') return runShowTblProperties(tokens, s);
  if (what === 'COLUMNS') return runShowColumns(tokens, s);
  let i = 2;
  let ns: string[] | undefined;
  if (isWord(tokens[i], 'IN', 'FROM')) {
    const r = readName(tokens, i + 1);
    ns = r.parts;
    i = r.next;
  }
  let like: RegExp | undefined;
  if (isWord(tokens[i], 'LIKE') && tokens[i + 1]?.kind === 'string') {
    like = new RegExp(`^(?:${tokens[i + 1].value.replaceAll('*', '.*')})$`, 'i');
    i += 2;
  }
  if (i < tokens.length) throw syntaxError(tokens[i].value);
  const keep = (n: string) => !like || like.test(n);
  if (what === 'CATALOGS') {
    return {
      columns: [{ name: 'catalog', type: VARCHAR }],
      rows: s.engine
        .listCatalogs()
        .filter(keep)
        .map((c) => [c]),
    };
  }
  if (what === 'SCHEMAS' || what === 'DATABASES') {
    const cat = (ns?.[0] ?? s.defaults.catalog).toLowerCase();
    const alias = s.engine.catalogAlias(cat);
    if (!alias) throw new DatabricksSqlError('NO_SUCH_CATALOG_EXCEPTION', `Catalog '${cat}' was not found.`, '42704');
    const r = await s.engine.read(
      s.conn,
      `SELECT schema_name FROM duckdb_schemas() WHERE database_name = ${sq(alias)} AND schema_name NOT IN ('main', ${sq(META)}) ORDER BY 1`,
    );
    return { columns: [{ name: 'databaseName', type: VARCHAR }], rows: r.rows.filter((x) => keep(String(x[0]))) };
  }
  const q = qualify([...(ns ?? []), '_'].slice(-3), s.defaults);
  const alias = s.engine.catalogAlias(q.catalog);
  if (!alias)
    throw new DatabricksSqlError('NO_SUCH_CATALOG_EXCEPTION', `Catalog '${q.catalog}' was not found.`, '42704');
  if (what === 'VOLUMES') {
    const r = await s.engine.read(
      s.conn,
      `SELECT schema, name FROM ${s.engine.meta('volumes', q.catalog)} WHERE schema = ${sq(q.schema)} ORDER BY name`,
    );
    return {
      columns: [
        { name: 'database', type: VARCHAR },
        { name: 'volume_name', type: VARCHAR },
      ],
      rows: r.rows.filter((x) => keep(String(x[1]))),
    };
  }
  if (what === 'VIEWS') {
    const r = await s.engine.read(
      s.conn,
      `SELECT schema_name, view_name, false, false FROM duckdb_views() WHERE NOT internal AND database_name = ${sq(alias)} AND schema_name = ${sq(q.schema)} ORDER BY 2`,
    );
    return {
      columns: [
        { name: 'namespace', type: VARCHAR },
        { name: 'viewName', type: VARCHAR },
        { name: 'isTemporary', type: BOOLEAN },
        { name: 'isMaterialized', type: BOOLEAN },
      ],
      rows: r.rows.filter((x) => keep(String(x[1]))),
    };
  }
  if (what !== 'TABLES') throw syntaxError(tokens[1]?.value ?? 'end of input');
  const r = await s.engine.read(
    s.conn,
    `SELECT schema_name, table_name, false FROM duckdb_tables() WHERE database_name = ${sq(alias)} AND schema_name = ${sq(q.schema)}
     UNION ALL SELECT schema_name, view_name, false FROM duckdb_views() WHERE NOT internal AND database_name = ${sq(alias)} AND schema_name = ${sq(q.schema)}
     ORDER BY 2`,
  );
  return {
    columns: [
      { name: 'database', type: VARCHAR },
      { name: 'tableName', type: VARCHAR },
      { name: 'isTemporary', type: BOOLEAN },
    ],
    rows: r.rows.filter((x) => keep(String(x[1]))),
  };
}
