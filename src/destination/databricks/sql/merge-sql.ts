/**
 * The one MERGE per entity per run: staged Parquet parts (read with `read_files`) de-duplicated by key, then
 * applied with explicit column lists so a target with extra or reordered columns still loads.
 *  - dimension: upsert in place, only when the staged `_source_rev` is newer (this also clears `_is_deleted`);
 *  - fact: insert a (key, `_source_rev`) version only when absent.
 * Running the same MERGE twice changes nothing the second time.
 */
import type { TargetSchema } from '../../../mapping/target-schema.ts';
import { quoteIdentifier, type SchemaRef, tableName } from './identifier.ts';
import { pathLiteral } from './volume-path.ts';

export const SOURCE_REV_COLUMN = '_source_rev';

/** MERGE statement loading `folder` (a staging folder of Parquet parts) into the schema's table. */
export function mergeSql(ref: SchemaRef, schema: TargetSchema, folder: string): string {
  const names = schema.columns.map((c) => c.name);
  if (!names.includes(schema.keyColumn)) throw new TypeError(`${schema.table} lacks its key ${schema.keyColumn}`);
  if (!names.includes(SOURCE_REV_COLUMN)) throw new TypeError(`${schema.table} lacks ${SOURCE_REV_COLUMN}`);
  const cols = names.map((n) => quoteIdentifier(n, 'column'));
  const key = quoteIdentifier(schema.keyColumn, 'key column');
  const rev = quoteIdentifier(SOURCE_REV_COLUMN);
  const isFact = schema.kind === 'fact';
  const partition = isFact ? `${key}, ${rev}` : key;
  const source =
    `SELECT ${cols.join(', ')} FROM read_files(${pathLiteral(`${folder}/`)}, format => 'parquet') ` +
    `QUALIFY ROW_NUMBER() OVER (PARTITION BY ${partition} ORDER BY ${rev} DESC) = 1`;
  const head = `MERGE INTO ${tableName(ref, schema.table)} AS t USING (${source}) AS s`;
  const insert = `WHEN NOT MATCHED THEN INSERT (${cols.join(', ')}) VALUES (${cols.map((c) => `s.${c}`).join(', ')})`;
  if (isFact) {
    // Null-safe on the revision so a version without one (some BAQs) is still inserted only once.
    return `${head} ON t.${key} = s.${key} AND t.${rev} IS NOT DISTINCT FROM s.${rev} ${insert}`;
  }
  const set = cols
    .filter((c) => c !== key)
    .map((c) => `t.${c} = s.${c}`)
    .join(', ');
  return `${head} ON t.${key} = s.${key} WHEN MATCHED AND s.${rev} > t.${rev} THEN UPDATE SET ${set} ${insert}`;
}
