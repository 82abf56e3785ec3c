/**
 * The shape of a target table and of the rows written to it: the contract between mapping (which builds rows)
 * and the Databricks destination (which writes them to Parquet and MERGEs them).
 */

/** Databricks column type text: STRING, BIGINT, INT, DOUBLE, BOOLEAN, TIMESTAMP, DATE or DECIMAL(p,s). */
export type ColumnType =
  | 'STRING'
  | 'BIGINT'
  | 'INT'
  | 'DOUBLE'
  | 'BOOLEAN'
  | 'TIMESTAMP'
  | 'DATE'
  | `DECIMAL(${number},${number})`;

export interface TargetColumn {
  /** snake_case column name (validated identifier). */
  name: string;
  type: ColumnType;
  /** Epicor field it comes from (data columns only). */
  sourceField?: string;
  /** Edm type of that field in `$metadata` (data columns only; e.g. key literals in `_source_url` follow it). */
  edmType?: string;
  /** data: a source field; key: this table's surrogate key; ref: another table's key; lineage: SPEC §5 columns. */
  role: 'data' | 'key' | 'ref' | 'lineage';
  /** Stored as the salted SHA-256 of the value (config `columns.<entity>.hash`); `type` is then STRING. */
  hashed?: boolean;
  /** Type the field would have unhashed (its value is converted to it before hashing). */
  sourceType?: ColumnType;
}

export interface TargetSchema {
  /** Table name without catalog/schema, e.g. `dim_vendor`. */
  table: string;
  kind: 'dimension' | 'fact';
  /** This table's surrogate key column, e.g. `vendor_key`. */
  keyColumn: string;
  columns: TargetColumn[];
  /** Source fields left out by config (`columns.<entity>.exclude`): never a column, dropped from each record. */
  excludedFields?: readonly string[];
  /** The column names excluded fields would have had (their columns in an older table are not "removed fields"). */
  excludedColumns?: readonly string[];
}

/**
 * A value as written: STRING → string, BIGINT → bigint, INT/DOUBLE → number, BOOLEAN → boolean,
 * DECIMAL(p,s) → plain decimal text with exactly s fractional digits ("-12.3400"), TIMESTAMP → Date (UTC),
 * DATE → 'YYYY-MM-DD'. null for missing.
 */
export type RowValue = string | number | bigint | boolean | Date | null;

export type Row = Record<string, RowValue>;

/** One schema per table: companies with different tenant fields load into one table with the union of columns. */
export function unionByTable(schemas: readonly TargetSchema[]): TargetSchema[] {
  const byTable = new Map<string, TargetSchema>();
  for (const s of schemas) {
    const seen = byTable.get(s.table);
    if (!seen) {
      byTable.set(s.table, s);
      continue;
    }
    const names = new Set(seen.columns.map((c) => c.name));
    byTable.set(s.table, { ...seen, columns: [...seen.columns, ...s.columns.filter((c) => !names.has(c.name))] });
  }
  return [...byTable.values()];
}
