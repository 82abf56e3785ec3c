import type { OpsResult } from '../../pipeline/ops-run.ts';
import { badRecordLines } from '../bad-record-lines.ts';
import { formatTable } from '../format-table.ts';

/** End-of-run summary of `reconcile` / `replay`: one line per entity, then totals. */
export function formatOpsSummary(result: OpsResult, title: string): string {
  const { run } = result;
  const entries = Object.entries(run.entities);
  const scanned = title === 'reconcile' ? 'scanned' : 'keys';
  const rows = entries.map(([name, c]) => [
    name,
    c.status,
    c.fetched,
    c.refetched,
    c.inserted,
    c.updated,
    c.deleted,
    c.missing,
    c.bad,
    c.requests,
  ]);
  const seconds = run.finishedAt ? ((run.finishedAt.getTime() - run.startedAt.getTime()) / 1000).toFixed(1) : '?';
  const total = (k: 'fetched' | 'refetched' | 'inserted' | 'updated' | 'deleted' | 'missing') =>
    entries.reduce((s, [, c]) => s + c[k], 0);
  const lines = [
    `${title} ${run.syncId}: ${run.status} in ${seconds}s`,
    formatTable(
      ['entity', 'status', scanned, 'refetched', 'inserted', 'updated', 'deleted', 'missing', 'bad', 'requests'],
      rows,
    ),
    `total: ${total('fetched')} ${scanned}, ${total('refetched')} refetched, ${total('inserted')} inserted, ` +
      `${total('updated')} updated, ${total('deleted')} marked deleted, ${total('missing')} missing, ` +
      `${result.requests} Epicor requests`,
  ];
  lines.push(...badRecordLines(result.badRecords));
  for (const [name, c] of entries) if (c.status === 'failed') lines.push(`failed: ${name}: ${c.error}`);
  return lines.join('\n');
}
