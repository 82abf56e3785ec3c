/** The Parquet schema of one column: physical and logical types as the file footer writes them. */

/** Parquet physical types (Thrift enum values). */
export const PhysicalType = {
  BOOLEAN: 0,
  INT32: 1,
  INT64: 2,
  DOUBLE: 5,
  BYTE_ARRAY: 6,
  FIXED_LEN_BYTE_ARRAY: 7,
} as const;

/** Converted types (legacy annotations, still read by older engines). */
export const ConvertedType = { UTF8: 0, DECIMAL: 5, DATE: 6, TIMESTAMP_MICROS: 10 } as const;

export type LogicalType =
  | { kind: 'STRING' }
  | { kind: 'DATE' }
  | { kind: 'DECIMAL'; precision: number; scale: number }
  | { kind: 'TIMESTAMP_MICROS_UTC' };

/** The schema element of one column (always OPTIONAL). */
export interface ColumnElement {
  name: string;
  physical: number;
  typeLength?: number;
  converted?: number;
  precision?: number;
  scale?: number;
  logical?: LogicalType;
}
