/** The lineage columns every target table ends with (SPEC §5), in this exact order. */
import type { TargetColumn } from './target-schema.ts';

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
