/**
 * One statement that describes everything the destination needs to know before loading: whether the catalog,
 * schema and staging volume exist, which tables and views the schema holds, and every column of every table.
 * It reads `system.information_schema` (Unity Catalog's metastore-wide view) so it also answers when the catalog
 * itself is missing; values travel as `:parameters`.
 */
import type { SqlParameter } from '../destination-client.ts';
import { type SchemaRef, validateIdentifier } from './identifier.ts';

/** Kinds of rows the introspection statement returns (its `kind` column). */
export type IntrospectionKind = 'catalog' | 'schema' | 'volume' | 'table' | 'view' | 'column';

/** SQL text of the introspection statement (columns: kind, object_name, column_name, column_position, column_type). */
export const INTROSPECTION_SQL =
  "SELECT 'catalog' AS kind, catalog_name AS object_name, CAST(NULL AS STRING) AS column_name, " +
  'CAST(NULL AS BIGINT) AS column_position, CAST(NULL AS STRING) AS column_type ' +
  'FROM system.information_schema.catalogs WHERE catalog_name = :catalog ' +
  "UNION ALL SELECT 'schema', schema_name, CAST(NULL AS STRING), CAST(NULL AS BIGINT), CAST(NULL AS STRING) " +
  'FROM system.information_schema.schemata WHERE catalog_name = :catalog AND schema_name = :schema ' +
  "UNION ALL SELECT 'volume', volume_name, CAST(NULL AS STRING), CAST(NULL AS BIGINT), CAST(NULL AS STRING) " +
  'FROM system.information_schema.volumes ' +
  'WHERE volume_catalog = :catalog AND volume_schema = :schema AND volume_name = :volume ' +
  "UNION ALL SELECT CASE WHEN table_type = 'VIEW' THEN 'view' ELSE 'table' END, table_name, CAST(NULL AS STRING), " +
  'CAST(NULL AS BIGINT), CAST(NULL AS STRING) ' +
  'FROM system.information_schema.tables WHERE table_catalog = :catalog AND table_schema = :schema ' +
  // Position and type: where `_sync_date` sits (statistics cover the first 32 columns) and which columns an
  // earlier version created as TIMESTAMP; `full_data_type` (`decimal(20,4)`, not just `DECIMAL`) so a retyped field's
  // precision change is seen (schema-policy.ts). Positions are only compared, so 0- or 1-based does not matter.
  "UNION ALL SELECT 'column', table_name, column_name, CAST(ordinal_position AS BIGINT), full_data_type " +
  'FROM system.information_schema.columns WHERE table_catalog = :catalog AND table_schema = :schema';

/** Parameters for INTROSPECTION_SQL; Unity Catalog stores names in lower case. */
export function introspectionParameters(ref: SchemaRef, volume: string): SqlParameter[] {
  return [
    { name: 'catalog', value: validateIdentifier(ref.catalog, 'catalog').toLowerCase() },
    { name: 'schema', value: validateIdentifier(ref.schema, 'schema').toLowerCase() },
    { name: 'volume', value: validateIdentifier(volume, 'volume').toLowerCase() },
  ];
}
