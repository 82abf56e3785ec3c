import type { EntityCounts, RunRecord } from './ports.ts';

/** Status of a run from its entities: failed when nothing succeeded, partial when anything failed or had bad records. */
export function runStatusOf(entities: Record<string, EntityCounts>): RunRecord['status'] {
  const all = Object.values(entities);
  if (all.length === 0) return 'succeeded';
  const failed = all.filter((e) => e.status === 'failed').length;
  if (failed === all.length) return 'failed';
  if (failed > 0 || all.some((e) => e.status === 'partial')) return 'partial';
  return 'succeeded';
}

/** SPEC §2 exit code of `sync`: 0 ok, 1 failed, 4 partial. */
export function exitCodeOf(status: RunRecord['status']): number {
  return status === 'failed' ? 1 : status === 'partial' ? 4 : 0;
}

export function emptyCounts(watermark: string | null): EntityCounts {
  return {
    fetched: 0,
    inserted: 0,
    updated: 0,
    unchanged: 0,
    bad: 0,
    pages: 0,
    requests: 0,
    watermark_from: watermark,
    watermark_to: watermark,
    status: 'succeeded',
  };
}
