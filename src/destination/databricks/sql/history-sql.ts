/**
 * SCD type 2 history of a dimension (config `history`, issue 19 item 1): `<table>_history` holds one row per
 * (surrogate key, `_source_rev`) version with the dimension's columns plus `_valid_from`, `_valid_to` (NULL while
 * open) and `_is_current`. Validity is the connector's view: a version is valid from the start of the run that
 * loaded it until the start of the run that loaded its successor (or the reconcile run that found it deleted).
 *
 * Every statement here is idempotent: run twice, the second run changes nothing, so retries after an ambiguous
 * failure, kills and replays leave the same rows a clean run leaves.
 */
import type { TargetColumn, TargetSchema } from '../../../mapping/target-schema.ts';
import { columnTypeSql } from './ddl-sql.ts';
import { quoteIdentifier, type SchemaRef, tableName } from './identifier.ts';
import { SOURCE_REV_COLUMN } from './merge-sql.ts';
import type { DeletionMark } from './reconcile-sql.ts';
import { pathLiteral } from './volume-path.ts';

export const HISTORY_SUFFIX = '_history';
export const VALID_FROM = '_valid_from';
export const VALID_TO = '_valid_to';
export const IS_CURRENT = '_is_current';

const SURROGATE_KEY = /^[0-9a-f]{32}$/;
const INTEGER = /^-?\d{1,19}$/;

const HISTORY_COLUMNS: readonly TargetColumn[] = [
  { name: VALID_FROM, type: 'TIMESTAMP', role: 'lineage' },
  { name: VALID_TO, type: 'TIMESTAMP', role: 'lineage' },
  { name: IS_CURRENT, type: 'BOOLEAN', role: 'lineage' },
];

/** The history table's name for a dimension table (`dim_vendor` → `dim_vendor_history`). */
export function historyTableOf(table: string): string {
  return `${table}${HISTORY_SUFFIX}`;
}

/** The history table's schema: the dimension's columns (same order) and the three validity columns. */
export function historySchemaOf(dim: TargetSchema): TargetSchema {
  if (dim.kind !== 'dimension') throw new TypeError(`${dim.table} is a fact: facts keep their versions already`);
  const own = new Set(dim.columns.map((c) => c.name));
  return {
    table: historyTableOf(dim.table),
    // Not a fact: no `_current` view (the open rows are the current ones), and nothing else reads the kind.
    kind: 'dimension',
    keyColumn: dim.keyColumn,
    columns: [...dim.columns, ...HISTORY_COLUMNS.filter((c) => !own.has(c.name))],
  };
}

/**
 * The one history MERGE of a run, from the same staged folder as the dimension's MERGE. The staged versions newer
 * than any version the history holds for their key (or of a key it does not know) enter the source twice:
 *  - as `close` rows keyed on the surrogate key: they match the key's open row and close it at the new version's
 *    `_synced_at` (a key with no open row — new, or deleted by reconcile — matches nothing and does nothing);
 *  - as `insert` rows with a NULL merge key: they never match, and are inserted as the new open row.
 * A version already in the history is filtered out before either, so a second run of the same folder is a no-op.
 */
export function historyMergeSql(ref: SchemaRef, dim: TargetSchema, folder: string): string {
  const hist = historySchemaOf(dim);
  const names = dim.columns.map((c) => c.name);
  if (!names.includes(SOURCE_REV_COLUMN)) throw new TypeError(`${dim.table} lacks ${SOURCE_REV_COLUMN}`);
  const cols = names.map((n) => quoteIdentifier(n, 'column'));
  const key = quoteIdentifier(dim.keyColumn, 'key column');
  const rev = quoteIdentifier(SOURCE_REV_COLUMN);
  const h = tableName(ref, hist.table);
  const synced = quoteIdentifier('_synced_at');
  const [from, to, current] = [VALID_FROM, VALID_TO, IS_CURRENT].map((n) => quoteIdentifier(n));
  const staged =
    `SELECT ${cols.join(', ')} FROM read_files(${pathLiteral(`${folder}/`)}, format => 'parquet') ` +
    `QUALIFY ROW_NUMBER() OVER (PARTITION BY ${key} ORDER BY ${rev} DESC) = 1`;
  const known = `SELECT ${key}, MAX(${rev}) AS max_rev FROM ${h} GROUP BY ${key}`;
  const fresh =
    `SELECT ${cols.map((c) => `n.${c}`).join(', ')} FROM (${staged}) AS n LEFT JOIN (${known}) AS m ` +
    `ON m.${key} = n.${key} WHERE m.${key} IS NULL OR n.${rev} > m.max_rev`;
  const source =
    `SELECT v.${key} AS _merge_key, 'close' AS _action, ${cols.map((c) => `v.${c}`).join(', ')} FROM (${fresh}) AS v ` +
    `UNION ALL SELECT CAST(NULL AS STRING) AS _merge_key, 'insert' AS _action, ${cols.map((c) => `w.${c}`).join(', ')} ` +
    `FROM (${fresh}) AS w`;
  const insertCols = [...cols, from, to, current];
  const insertValues = [...cols.map((c) => `s.${c}`), `s.${synced}`, 'CAST(NULL AS TIMESTAMP)', 'true'];
  return (
    `MERGE INTO ${h} AS t USING (${source}) AS s ON t.${key} = s._merge_key AND t.${current} ` +
    `WHEN MATCHED AND s._action = 'close' AND s.${rev} > t.${rev} THEN UPDATE SET t.${to} = s.${synced}, t.${current} = false ` +
    `WHEN NOT MATCHED AND s._action = 'insert' THEN INSERT (${insertCols.join(', ')}) VALUES (${insertValues.join(', ')})`
  );
}

/**
 * Closes the open history rows of records reconcile found gone from Epicor (params: synced_at, instance, company),
 * matching the (key, revision) the deletion mark names so a version loaded in between stays open. Run before the
 * dimension's deletion marks: a kill between the two leaves the marks undone, so the next reconcile repeats both.
 */
export function closeDeletedHistorySql(ref: SchemaRef, dim: TargetSchema, marks: readonly DeletionMark[]): string {
  if (marks.length === 0) throw new TypeError('closeDeletedHistorySql needs at least one key');
  const key = quoteIdentifier(dim.keyColumn, 'key column');
  const terms = marks.map((m) => {
    if (!SURROGATE_KEY.test(m.key) || !INTEGER.test(m.rev)) throw new TypeError('bad deletion mark');
    return `(${key} = '${m.key}' AND \`_source_rev\` = ${m.rev})`;
  });
  return (
    `UPDATE ${tableName(ref, historyTableOf(dim.table))} SET \`${VALID_TO}\` = :synced_at, \`${IS_CURRENT}\` = false ` +
    'WHERE `_source_instance` = :instance AND `_source_company` = :company ' +
    `AND \`${IS_CURRENT}\` AND (${terms.join(' OR ')})`
  );
}

/**
 * Seeds a just-created history table from the dimension's live rows (one open version per record, valid from the
 * run that loaded it), so enabling history on an existing dimension does not wait for each record's next change.
 * Idempotent: a key the history already knows is not inserted again.
 */
export function seedHistorySql(ref: SchemaRef, dim: TargetSchema): string {
  const cols = dim.columns.map((c) => quoteIdentifier(c.name, 'column'));
  const key = quoteIdentifier(dim.keyColumn, 'key column');
  const h = tableName(ref, historyTableOf(dim.table));
  const [from, to, current] = [VALID_FROM, VALID_TO, IS_CURRENT].map((n) => quoteIdentifier(n));
  return (
    `INSERT INTO ${h} (${[...cols, from, to, current].join(', ')}) ` +
    `SELECT ${cols.map((c) => `d.${c}`).join(', ')}, d.\`_synced_at\`, CAST(NULL AS TIMESTAMP), true ` +
    `FROM ${tableName(ref, dim.table)} AS d WHERE NOT coalesce(d.\`_is_deleted\`, false) ` +
    `AND NOT EXISTS (SELECT 1 FROM ${h} AS x WHERE x.${key} = d.${key})`
  );
}

/** The `as_of` table function of a dimension (over its history) or a fact: `dim_vendor_as_of`, `fact_ap_invoice_as_of`. */
export function asOfFunctionName(table: string): string {
  return `${table}_as_of`;
}

function returnsTable(schema: TargetSchema): string {
  return schema.columns.map((c) => `${quoteIdentifier(c.name, 'column')} ${columnTypeSql(c.type)}`).join(', ');
}

/**
 * `<dim>_as_of(as_of TIMESTAMP)`: the version of every record valid at `as_of`, read from `<dim>_history`
 * (valid from its `_valid_from`, up to but excluding its `_valid_to`); a SQL table function (Databricks
 * "CREATE FUNCTION (SQL and Python)": `RETURNS TABLE (…) RETURN query`). Re-created whenever the history table
 * gains columns, since the declared columns must match the query's.
 */
export function historyAsOfFunctionSql(ref: SchemaRef, dim: TargetSchema): string {
  const hist = historySchemaOf(dim);
  const cols = hist.columns.map((c) => quoteIdentifier(c.name, 'column'));
  const [from, to] = [VALID_FROM, VALID_TO].map((n) => quoteIdentifier(n));
  return (
    `CREATE OR REPLACE FUNCTION ${tableName(ref, asOfFunctionName(dim.table))}(as_of TIMESTAMP) ` +
    `RETURNS TABLE (${returnsTable(hist)}) ` +
    `COMMENT 'The version of each ${dim.table} record valid at as_of (from ${hist.table}).' ` +
    `RETURN SELECT ${cols.join(', ')} FROM ${tableName(ref, hist.table)} ` +
    `WHERE ${from} <= as_of AND (${to} IS NULL OR ${to} > as_of)`
  );
}

/**
 * `<fact>_as_of(as_of TIMESTAMP)`: per record, the newest version loaded by `as_of`, unless reconcile had found the
 * record deleted by then. A version marked deleted carries the reconcile run's `_synced_at` (its load time is
 * overwritten), so it stays a candidate before that time: it is the newest version, loaded no later than its deletion.
 */
export function factAsOfFunctionSql(ref: SchemaRef, fact: TargetSchema): string {
  if (fact.kind !== 'fact') throw new TypeError(`${fact.table} is not a fact`);
  const cols = fact.columns.map((c) => quoteIdentifier(c.name, 'column'));
  const key = quoteIdentifier(fact.keyColumn, 'key column');
  const deleted = 'coalesce(`_is_deleted`, false)';
  return (
    `CREATE OR REPLACE FUNCTION ${tableName(ref, asOfFunctionName(fact.table))}(as_of TIMESTAMP) ` +
    `RETURNS TABLE (${returnsTable(fact)}) ` +
    `COMMENT 'The version of each ${fact.table} record in force at as_of.' ` +
    `RETURN SELECT ${cols.join(', ')} FROM ${tableName(ref, fact.table)} ` +
    `WHERE \`_synced_at\` <= as_of OR ${deleted} ` +
    `QUALIFY ROW_NUMBER() OVER (PARTITION BY ${key} ORDER BY ${quoteIdentifier(SOURCE_REV_COLUMN)} DESC) = 1 ` +
    `AND NOT (${deleted} AND \`_synced_at\` <= as_of)`
  );
}
