/**
 * `system.information_schema.{catalogs,schemata,tables,columns,volumes}` as Unity Catalog exposes them, built as
 * DuckDB subqueries over the attached catalog files (`c_<name>`), hiding the emulator's own bookkeeping schema.
 */
import { dq, sq } from './duck-translate.ts';
import { META } from './sql-engine.ts';
import { DatabricksSqlError } from './sql-error.ts';

// Computed on use: sql-engine.ts imports the translator, which imports this file.
const hidden = () => `(${[META, 'information_schema', 'pg_catalog'].map(sq).join(', ')})`;
const CATALOG_DB = `database_name LIKE 'c\\_%' ESCAPE '\\'`;
const name = (col: string) => `substr(${col}, 3)`;

/** DuckDB SQL (a parenthesised subquery) for one information_schema view; `catalogs` lists the catalog names. */
export function informationSchemaView(view: string, catalogs: readonly string[]): string {
  switch (view.toLowerCase()) {
    case 'catalogs':
      return `(SELECT ${name('database_name')} AS catalog_name FROM duckdb_databases() WHERE ${CATALOG_DB})`;
    case 'schemata':
      return `(SELECT ${name('database_name')} AS catalog_name, schema_name FROM duckdb_schemas()
        WHERE ${CATALOG_DB} AND schema_name NOT IN ${hidden()})`;
    case 'tables':
      return `(SELECT ${name('database_name')} AS table_catalog, schema_name AS table_schema, table_name,
          'MANAGED' AS table_type FROM duckdb_tables() WHERE ${CATALOG_DB} AND schema_name NOT IN ${hidden()}
        UNION ALL SELECT ${name('database_name')}, schema_name, view_name, 'VIEW' FROM duckdb_views()
          WHERE ${CATALOG_DB} AND schema_name NOT IN ${hidden()} AND NOT internal)`;
    case 'columns':
      return `(SELECT ${name('table_catalog')} AS table_catalog, table_schema, table_name, column_name,
          ordinal_position, data_type FROM information_schema.columns
        WHERE table_catalog LIKE 'c\\_%' ESCAPE '\\' AND table_schema NOT IN ${hidden()})`;
    case 'volumes': {
      if (catalogs.length === 0) {
        return `(SELECT NULL::VARCHAR AS volume_catalog, NULL::VARCHAR AS volume_schema, NULL::VARCHAR AS volume_name WHERE false)`;
      }
      const parts = catalogs.map(
        (c) =>
          `SELECT ${sq(c)} AS volume_catalog, schema AS volume_schema, name AS volume_name FROM ${dq(`c_${c}`)}.${META}.volumes`,
      );
      return `(${parts.join(' UNION ALL ')})`;
    }
    default:
      throw new DatabricksSqlError(
        'TABLE_OR_VIEW_NOT_FOUND',
        `The table or view \`system\`.\`information_schema\`.\`${view}\` cannot be found.`,
        '42P01',
      );
  }
}
