/**
 * DDL text for the destination: catalog objects, target tables, added columns and `<fact>_current` views.
 * Values never appear here; every name goes through identifier.ts.
 */
import type { TargetColumn, TargetSchema } from '../../../mapping/target-schema.ts';
import { quoteIdentifier, type SchemaRef, tableName } from './identifier.ts';

/** How target tables are laid out on storage (config `databricks.layout`). */
export type TableLayout = 'cluster' | 'partition';

/** The column every target table is clustered or partitioned by (SPEC §5). */
export const SYNC_DATE_COLUMN = '_sync_date';

/** Columns Delta keeps file statistics on by default (`delta.dataSkippingNumIndexedCols`). */
export const STATS_COLUMNS = 32;

const COLUMN_TYPE = /^(STRING|BIGINT|INT|DOUBLE|BOOLEAN|TIMESTAMP|DATE|DECIMAL\((\d{1,2}),(\d{1,2})\))$/;

/** Column type text, checked against the closed set TargetSchema allows (it is spliced into DDL). */
export function columnTypeSql(type: string): string {
  const m = COLUMN_TYPE.exec(type);
  if (!m) throw new TypeError(`unsupported column type ${JSON.stringify(type)}`);
  if (m[2] !== undefined) {
    const precision = Number(m[2]);
    const scale = Number(m[3]);
    if (precision < 1 || precision > 38 || scale > precision) throw new TypeError(`bad DECIMAL(${precision},${scale})`);
  }
  return type;
}

function columnDefinitions(columns: readonly TargetColumn[]): string {
  return columns.map((c) => `${quoteIdentifier(c.name, 'column')} ${columnTypeSql(c.type)}`).join(', ');
}

/** `CREATE CATALOG IF NOT EXISTS c` */
export function createCatalogSql(catalog: string): string {
  return `CREATE CATALOG IF NOT EXISTS ${quoteIdentifier(catalog, 'catalog')}`;
}

/** `CREATE SCHEMA IF NOT EXISTS c.s` */
export function createSchemaSql(ref: SchemaRef): string {
  return `CREATE SCHEMA IF NOT EXISTS ${quoteIdentifier(ref.catalog, 'catalog')}.${quoteIdentifier(ref.schema, 'schema')}`;
}

/** `CREATE VOLUME IF NOT EXISTS c.s.v` */
export function createVolumeSql(ref: SchemaRef, volume: string): string {
  return `CREATE VOLUME IF NOT EXISTS ${tableName(ref, volume)}`;
}

/**
 * Delta target table with change data feed on, clustered or partitioned by `_sync_date`. Clustering needs
 * statistics on its column, which Delta keeps for the first 32 columns only (DELTA_CLUSTERING_COLUMN_MISSING_STATS):
 * the schema puts keys and lineage first; should `_sync_date` still sit past them (a schema with many references),
 * `delta.dataSkippingStatsColumns` names the keys and lineage columns explicitly instead.
 */
export function createTableSql(ref: SchemaRef, schema: TargetSchema, layout: TableLayout): string {
  const at = schema.columns.findIndex((c) => c.name === SYNC_DATE_COLUMN);
  if (at < 0) throw new TypeError(`table ${schema.table} has no ${SYNC_DATE_COLUMN} column to ${layout} by`);
  const by = layout === 'cluster' ? 'CLUSTER BY' : 'PARTITIONED BY';
  const props = [`'delta.enableChangeDataFeed' = 'true'`];
  if (at >= STATS_COLUMNS) {
    const stats = schema.columns.filter((c) => c.role !== 'data').map((c) => c.name);
    props.push(`'delta.dataSkippingStatsColumns' = '${stats.join(',')}'`);
  }
  return (
    `CREATE TABLE IF NOT EXISTS ${tableName(ref, schema.table)} (${columnDefinitions(schema.columns)}) ` +
    `USING DELTA ${by} (${quoteIdentifier(SYNC_DATE_COLUMN)}) ` +
    `TBLPROPERTIES (${props.join(', ')})`
  );
}

/** `ALTER TABLE c.s.t ALTER COLUMN c AFTER other` (Delta reorders columns in its metadata only). */
export function moveColumnAfterSql(ref: SchemaRef, table: string, column: string, after: string): string {
  return `ALTER TABLE ${tableName(ref, table)} ALTER COLUMN ${quoteIdentifier(column, 'column')} AFTER ${quoteIdentifier(after, 'column')}`;
}

/** `ALTER TABLE c.s.t ADD COLUMNS (a TYPE, ...)` for columns the table lacks. */
export function addColumnsSql(ref: SchemaRef, table: string, columns: readonly TargetColumn[]): string {
  if (columns.length === 0) throw new TypeError('addColumnsSql needs at least one column');
  return `ALTER TABLE ${tableName(ref, table)} ADD COLUMNS (${columnDefinitions(columns)})`;
}

/** Name of the latest-version view of a fact table. */
export function currentViewName(table: string): string {
  return `${table}_current`;
}

/** The `<fact>_current` view: latest version per key by `_source_rev`, then drop versions marked deleted. */
export function createCurrentViewSql(ref: SchemaRef, schema: TargetSchema): string {
  const key = quoteIdentifier(schema.keyColumn, 'key column');
  return (
    `CREATE OR REPLACE VIEW ${tableName(ref, currentViewName(schema.table))} AS ` +
    `SELECT * FROM (SELECT * FROM ${tableName(ref, schema.table)} ` +
    `QUALIFY ROW_NUMBER() OVER (PARTITION BY ${key} ORDER BY \`_source_rev\` DESC) = 1) AS latest ` +
    `WHERE NOT coalesce(\`_is_deleted\`, false)`
  );
}
