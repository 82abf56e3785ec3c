/**
 * SQL of `resync <entity>` (issue 19 item 4): the table is rebuilt in a side table and put in place with one
 * statement, so readers never see a half-built table.
 *
 * `CREATE OR REPLACE TABLE … AS SELECT` is the swap: Databricks documents it as the way to atomically overwrite a
 * Delta table (a single commit; concurrent queries keep reading the old snapshot, and the table's history stays, so
 * `RESTORE TABLE … TO VERSION AS OF` undoes it), where DROP + CREATE or a rename leave a moment with no table or a
 * partial one ("Drop or replace a table", docs.databricks.com/aws/en/tables/operations/drop-table; Delta best
 * practices, "Replace the content or schema of a table"). The replaced table takes the rebuilt table's column types,
 * which is how a table created by an earlier version (date columns kept TIMESTAMP) gets its DATE columns.
 */
import type { TargetSchema } from '../../../mapping/target-schema.ts';
import { createTableSql, SYNC_DATE_COLUMN, type TableLayout } from './ddl-sql.ts';
import { quoteIdentifier, type SchemaRef, tableName, validateIdentifier } from './identifier.ts';

/** Prefix of the side tables a resync builds in (connector-owned, like `_ml_connector_runs`). */
export const RESYNC_TABLE_PREFIX = '_ml_connector_resync_';

/** The side table `resync` builds `table` in (one per table: a dead resync's leftover is dropped by the next). */
export function resyncTableOf(table: string): string {
  return validateIdentifier(`${RESYNC_TABLE_PREFIX}${table}`, 'table');
}

/** The side table's schema: the target's columns, its kind (so the MERGE de-duplicates the same way), a new name. */
export function resyncSchemaOf(schema: TargetSchema): TargetSchema {
  return { ...schema, table: resyncTableOf(schema.table) };
}

/** `DROP TABLE IF EXISTS` the side table (a leftover of a resync that died, or the one just swapped in). */
export function dropResyncTableSql(ref: SchemaRef, table: string): string {
  return `DROP TABLE IF EXISTS ${tableName(ref, resyncTableOf(table))}`;
}

/** Creates the side table with the target's layout (the same DDL a sync creates the target with). */
export function createResyncTableSql(ref: SchemaRef, schema: TargetSchema, layout: TableLayout): string {
  return createTableSql(ref, resyncSchemaOf(schema), layout);
}

/**
 * The swap: the target replaced, in one commit, by the side table's rows, with the same layout and properties a
 * created table gets (CTAS takes the column list from the query, in the schema's order).
 */
export function swapInResyncTableSql(ref: SchemaRef, schema: TargetSchema, layout: TableLayout): string {
  const by = layout === 'cluster' ? 'CLUSTER BY' : 'PARTITIONED BY';
  const cols = schema.columns.map((c) => quoteIdentifier(c.name, 'column')).join(', ');
  // Same properties as createTableSql: the swapped-in table must be what a first sync would have made.
  const created = createTableSql(ref, schema, layout);
  const props = /TBLPROPERTIES \((.*)\)$/.exec(created)?.[1] ?? `'delta.enableChangeDataFeed' = 'true'`;
  return (
    `CREATE OR REPLACE TABLE ${tableName(ref, schema.table)} USING DELTA ${by} (${quoteIdentifier(SYNC_DATE_COLUMN)}) ` +
    `TBLPROPERTIES (${props}) AS SELECT ${cols} FROM ${tableName(ref, resyncTableOf(schema.table))}`
  );
}
