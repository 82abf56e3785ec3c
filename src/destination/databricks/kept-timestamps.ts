/**
 * Tables an earlier version created with TIMESTAMP columns for Epicor calendar dates keep them (see
 * schema-sync.ts `keptTimestampColumns`): for such a table the load writes those columns as TIMESTAMP at midnight
 * UTC of the date — exactly what the earlier version wrote — instead of DATE, so old and new rows agree.
 */
import type { Row, RowValue, TargetSchema } from '../../mapping/target-schema.ts';
import type { StagedLoad } from './entity-load.ts';

/** The schema as the existing table has it: `kept` columns typed TIMESTAMP (the same schema when none). */
export function withKeptTimestamps(schema: TargetSchema, kept: readonly string[] | undefined): TargetSchema {
  if (!kept || kept.length === 0) return schema;
  const set = new Set(kept);
  return { ...schema, columns: schema.columns.map((c) => (set.has(c.name) ? { ...c, type: 'TIMESTAMP' } : c)) };
}

/** `YYYY-MM-DD` → that date at 00:00 UTC; other values unchanged. */
function midnightUtc(v: RowValue): RowValue {
  return typeof v === 'string' ? new Date(`${v}T00:00:00Z`) : v;
}

/** Wraps a load of `wanted` rows (DATE values) into a table whose `kept` columns are TIMESTAMP. */
export function keepTimestamps(
  load: StagedLoad,
  wanted: TargetSchema,
  kept: readonly string[] | undefined,
): StagedLoad {
  if (!kept || kept.length === 0) return load;
  const names = new Set(kept);
  const positions = wanted.columns.flatMap((c, i) => (names.has(c.name) ? [i] : []));
  return {
    write(row: Row) {
      const copy = { ...row };
      for (const n of names) if (n in copy) copy[n] = midnightUtc(copy[n]);
      return load.write(copy);
    },
    writeValues(values) {
      const copy = values.slice();
      for (const i of positions) copy[i] = midnightUtc(copy[i]);
      return load.writeValues(copy);
    },
    commit: () => load.commit(),
    abort: () => load.abort(),
    get rows() {
      return load.rows;
    },
    get parts() {
      return load.parts;
    },
  };
}
