/**
 * Delta's rule that clustering columns need file statistics (delta-io/delta ClusteredTableUtils
 * `validateClusteringColumnsInStatsSchema`, run by CREATE TABLE … CLUSTER BY and ALTER TABLE … CLUSTER BY):
 * statistics cover the columns named in `delta.dataSkippingStatsColumns` when set, otherwise the first
 * `delta.dataSkippingNumIndexedCols` columns (default 32, -1 = all). A clustering column outside them fails with
 * `[DELTA_CLUSTERING_COLUMN_MISSING_STATS]`, SQLSTATE 22000 (delta-error-classes.json).
 */
import { DatabricksSqlError } from './sql-error.ts';

/** Default of `delta.dataSkippingNumIndexedCols`. */
export const DEFAULT_INDEXED_COLUMNS = 32;

/** Lower-case names of the columns Delta collects statistics on, for columns in table order and the properties. */
export function statsColumns(columns: readonly string[], props: Readonly<Record<string, string>>): Set<string> {
  const named = props['delta.dataSkippingStatsColumns'];
  if (named !== undefined && named.trim() !== '') {
    return new Set(
      named
        .split(',')
        .map((c) => c.trim().replace(/^`|`$/g, '').toLowerCase())
        .filter(Boolean),
    );
  }
  const raw = props['delta.dataSkippingNumIndexedCols'];
  const n = raw === undefined ? DEFAULT_INDEXED_COLUMNS : Number(raw);
  if (!Number.isInteger(n) || n < -1) {
    throw new DatabricksSqlError(
      'DELTA_VIOLATE_TABLE_PROPERTY_VALIDATION_FAILED',
      `delta.dataSkippingNumIndexedCols needs to be larger than or equal to -1, not ${raw}.`,
      '0A000',
    );
  }
  const cols = n === -1 ? columns : columns.slice(0, n);
  return new Set(cols.map((c) => c.toLowerCase()));
}

/** Throws `[DELTA_CLUSTERING_COLUMN_MISSING_STATS]` when a clustering column has no statistics. */
export function requireClusteringStats(
  clustering: readonly string[],
  columns: readonly string[],
  props: Readonly<Record<string, string>>,
): void {
  if (clustering.length === 0) return;
  const stats = statsColumns(columns, props);
  const missing = clustering.filter((c) => !stats.has(c.toLowerCase()));
  if (missing.length === 0) return;
  const schema = ['root', ...columns.filter((c) => stats.has(c.toLowerCase())).map((c) => ` |-- ${c}`)].join('\n');
  throw new DatabricksSqlError(
    'DELTA_CLUSTERING_COLUMN_MISSING_STATS',
    `Clustering requires clustering columns to have stats. Couldn't find clustering column(s) '${missing.join(', ')}' in stats schema:\n${schema}`,
    '22000',
  );
}
