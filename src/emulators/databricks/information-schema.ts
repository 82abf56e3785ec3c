/**
 * Unity Catalog's information schema — `system.information_schema.x` (every catalog) and
 * `<catalog>.information_schema.x` (that catalog) for catalogs, schemata, tables, views, columns and volumes — as
 * DuckDB subqueries over the attached catalog files (`c_<name>`), hiding the emulator's bookkeeping schema.
 * Columns, type names and comments as docs.databricks.com/sql/language-manual/information-schema/* define them:
 * `data_type` is the simple name (`DECIMAL`, `STRING`, `TIMESTAMP`), `full_data_type` the definition
 * (`decimal(20,4)`), `ordinal_position` counts from 1, `table_type` is `MANAGED` or `VIEW`.
 */
import { dq, sq } from './duck-translate.ts';
import { META } from './sql-engine.ts';
import { DatabricksSqlError } from './sql-error.ts';

// Computed on use: sql-engine.ts imports the translator, which imports this file.
const hidden = () => `(${[META, 'information_schema', 'pg_catalog', 'main'].map(sq).join(', ')})`;
const name = (col: string) => `substr(${col}, 3)`;

function dbFilter(only: string | undefined): string {
  return only ? `database_name = ${sq(`c_${only}`)}` : `database_name LIKE 'c\\_%' ESCAPE '\\'`;
}

/** DuckDB SQL (a parenthesised subquery) for one information_schema view, optionally of one catalog. */
export function informationSchemaView(view: string, catalogs: readonly string[], only?: string): string {
  const where = `${dbFilter(only)} AND schema_name NOT IN ${hidden()}`;
  switch (view.toLowerCase()) {
    case 'catalogs':
      return `(SELECT ${name('d.database_name')} AS catalog_name, 'emulator' AS catalog_owner, c.comment
          FROM duckdb_databases() d LEFT JOIN (${objectComments(catalogs, only)}) c
            ON c.database_name = d.database_name AND c.object = 'catalog'
          WHERE ${dbFilter(only).replace('database_name', 'd.database_name')})`;
    case 'schemata':
      return `(SELECT ${name('s.database_name')} AS catalog_name, s.schema_name, 'emulator' AS schema_owner, c.comment
          FROM duckdb_schemas() s LEFT JOIN (${objectComments(catalogs, only)}) c
            ON c.database_name = s.database_name AND c.object = 'schema:' || s.schema_name
          WHERE ${dbFilter(only).replace('database_name', 's.database_name')} AND s.schema_name NOT IN ${hidden()})`;
    case 'tables':
      return `(SELECT ${name('database_name')} AS table_catalog, schema_name AS table_schema, table_name,
          'MANAGED' AS table_type, 'YES' AS is_insertable_into, 'emulator' AS table_owner,
          CAST(comment AS VARCHAR) AS comment, 'DELTA' AS data_source_format
          FROM duckdb_tables() WHERE ${where}
        UNION ALL SELECT ${name('database_name')}, schema_name, view_name, 'VIEW', 'NO', 'emulator',
          CAST(comment AS VARCHAR), NULL FROM duckdb_views() WHERE ${where} AND NOT internal)`;
    case 'views':
      return `(SELECT ${name('v.database_name')} AS table_catalog, v.schema_name AS table_schema,
          v.view_name AS table_name, coalesce(d.definition, v.sql) AS view_definition, 'NONE' AS check_option,
          'NO' AS is_updatable, 'NO' AS is_insertable_into
          FROM duckdb_views() v LEFT JOIN (${viewDefinitions(catalogs, only)}) d
            ON d.database_name = v.database_name AND d.view_key = v.schema_name || '.' || v.view_name
          WHERE ${dbFilter(only).replace('database_name', 'v.database_name')}
            AND v.schema_name NOT IN ${hidden()} AND NOT v.internal)`;
    case 'columns':
      return `(SELECT ${name('database_name')} AS table_catalog, schema_name AS table_schema, table_name,
          column_name, CAST(column_index AS INTEGER) AS ordinal_position, column_default,
          CASE WHEN is_nullable THEN 'YES' ELSE 'NO' END AS is_nullable,
          dbx_full_type(data_type) AS full_data_type, dbx_type_name(data_type) AS data_type,
          CAST(numeric_precision AS INTEGER) AS numeric_precision, CAST(numeric_scale AS INTEGER) AS numeric_scale,
          CAST(comment AS VARCHAR) AS comment
          FROM duckdb_columns() WHERE ${where})`;
    case 'volumes': {
      const list = only ? catalogs.filter((c) => c === only) : catalogs;
      if (list.length === 0) {
        return `(SELECT NULL::VARCHAR AS volume_catalog, NULL::VARCHAR AS volume_schema, NULL::VARCHAR AS volume_name WHERE false)`;
      }
      const parts = list.map(
        (c) =>
          `SELECT ${sq(c)} AS volume_catalog, schema AS volume_schema, name AS volume_name, 'MANAGED' AS volume_type FROM ${dq(`c_${c}`)}.${META}.volumes`,
      );
      return `(${parts.join(' UNION ALL ')})`;
    }
    default:
      throw new DatabricksSqlError(
        'TABLE_OR_VIEW_NOT_FOUND',
        `The table or view \`${only ?? 'system'}\`.\`information_schema\`.\`${view}\` cannot be found.`,
        '42P01',
      );
  }
}

/** Catalog and schema comments (DuckDB stores none) from each catalog's emulator table. */
function objectComments(catalogs: readonly string[], only: string | undefined): string {
  const list = only ? catalogs.filter((c) => c === only) : catalogs;
  const none = 'SELECT NULL::VARCHAR AS database_name, NULL::VARCHAR AS object, NULL::VARCHAR AS comment WHERE false';
  return [
    none,
    ...list.map((c) => `SELECT ${sq(`c_${c}`)}, object, comment FROM ${dq(`c_${c}`)}.${META}.object_comments`),
  ].join(' UNION ALL ');
}

/** The Databricks text each view was created with (DuckDB keeps only its translation). */
function viewDefinitions(catalogs: readonly string[], only: string | undefined): string {
  const list = only ? catalogs.filter((c) => c === only) : catalogs;
  const none =
    'SELECT NULL::VARCHAR AS database_name, NULL::VARCHAR AS view_key, NULL::VARCHAR AS definition WHERE false';
  return [
    none,
    ...list.map((c) => `SELECT ${sq(`c_${c}`)}, view_name, definition FROM ${dq(`c_${c}`)}.${META}.view_text`),
  ].join(' UNION ALL ');
}
