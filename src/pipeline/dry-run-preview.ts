import type { RowValue, TargetSchema } from '../mapping/target-schema.ts';

/** What a dry run shows per entity: the target table, what it would add to it, and a few mapped rows. */
export interface EntityPreview {
  key: string;
  table: string;
  /** true: the table exists; false: it would be created; null: the target could not be read. */
  tableExists: boolean | null;
  columns: number;
  /** Columns the load would add (all of them for a new table; empty when unknown). */
  newColumns: string[];
  /** Mapped rows as they would be written (values as text where JSON has no type for them). */
  samples: Record<string, unknown>[];
}

/** Starts a preview of `schema` against the target's existing tables (undefined: the target was not readable). */
export function startPreview(
  key: string,
  schema: TargetSchema,
  existing: Map<string, Set<string>> | undefined,
): EntityPreview {
  const have = existing?.get(schema.table.toLowerCase());
  const names = schema.columns.map((c) => c.name);
  return {
    key,
    table: schema.table,
    tableExists: existing === undefined ? null : have !== undefined,
    columns: names.length,
    newColumns: existing === undefined ? [] : have ? names.filter((n) => !have.has(n.toLowerCase())) : names,
    samples: [],
  };
}

/** One mapped row (values in schema column order) as a plain object for printing. */
export function sampleRow(schema: TargetSchema, values: readonly RowValue[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  schema.columns.forEach((c, i) => {
    const v = values[i];
    out[c.name] = v instanceof Date ? v.toISOString() : typeof v === 'bigint' ? v.toString() : v;
  });
  return out;
}
