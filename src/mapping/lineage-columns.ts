/** The lineage columns of every target table (SPEC §5), in this exact order, right after the keys. */
import type { TargetColumn } from './target-schema.ts';
import { utcDateText } from './timestamp-text.ts';

/**
 * `_sync_date` of a run: the UTC calendar date of `_synced_at`, computed here for every path (load and reconcile's
 * deletion marks) — never with SQL `CAST(... AS DATE)`, whose answer depends on the session time zone.
 */
export function syncDateOf(syncedAtMs: number): string {
  return utcDateText(syncedAtMs);
}

/** `_source_system` value for every row. */
export const SOURCE_SYSTEM = 'epicor-kinetic';

export const LINEAGE_COLUMNS: readonly Readonly<TargetColumn>[] = Object.freeze([
  { name: '_source_system', type: 'STRING', role: 'lineage' },
  { name: '_source_instance', type: 'STRING', role: 'lineage' },
  { name: '_source_company', type: 'STRING', role: 'lineage' },
  { name: '_source_entity', type: 'STRING', role: 'lineage' },
  { name: '_source_record_id', type: 'STRING', role: 'lineage' },
  { name: '_source_rev', type: 'BIGINT', role: 'lineage' },
  { name: '_source_url', type: 'STRING', role: 'lineage' },
  { name: '_sync_id', type: 'STRING', role: 'lineage' },
  { name: '_synced_at', type: 'TIMESTAMP', role: 'lineage' },
  { name: '_sync_date', type: 'DATE', role: 'lineage' },
  { name: '_is_deleted', type: 'BOOLEAN', role: 'lineage' },
] satisfies TargetColumn[]);
