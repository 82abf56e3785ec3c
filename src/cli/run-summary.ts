import type { SyncResult } from '../pipeline/sync-run.ts';
import { formatTable } from './format-table.ts';

/** The end-of-run summary: one line per entity with counts and watermarks, then totals and bad records. */
export function formatRunSummary(result: SyncResult, title = 'sync'): string {
  const { run } = result;
  const entries = Object.entries(run.entities);
  const rows = entries.map(([name, c]) => [
    name,
    c.status,
    c.fetched,
    result.dryRun ? '-' : c.inserted,
    result.dryRun ? '-' : c.updated,
    result.dryRun ? '-' : c.unchanged,
    c.bad,
    c.pages,
    c.requests,
    c.watermark_from ?? '-',
    c.watermark_to ?? '-',
  ]);
  const seconds = run.finishedAt ? ((run.finishedAt.getTime() - run.startedAt.getTime()) / 1000).toFixed(1) : '?';
  const total = (k: 'fetched' | 'inserted' | 'updated' | 'bad') => entries.reduce((s, [, c]) => s + c[k], 0);
  const lines = [
    `${title} ${run.syncId}: ${run.status}${result.dryRun ? ' (dry run: nothing written)' : ''} in ${seconds}s`,
    formatTable(
      [
        'entity',
        'status',
        'fetched',
        'inserted',
        'updated',
        'unchanged',
        'bad',
        'pages',
        'requests',
        'watermark from',
        result.dryRun ? 'would store' : 'watermark to',
      ],
      rows,
    ),
    `total: ${total('fetched')} fetched, ${total('inserted')} inserted, ${total('updated')} updated, ${total('bad')} bad, ${result.requests} Epicor requests`,
  ];
  for (const b of result.badRecords.slice(0, 20)) lines.push(`bad record: ${b.entity} [${b.key}]: ${b.reason}`);
  if (result.badRecords.length > 20) lines.push(`… and ${result.badRecords.length - 20} more bad records`);
  for (const [name, c] of entries) if (c.status === 'failed') lines.push(`failed: ${name}: ${c.error}`);
  return lines.join('\n');
}
