import type { EntityPreview } from '../pipeline/dry-run-preview.ts';
import { groupFailures, runWideCause } from '../pipeline/run-cause.ts';
import { NOT_FINISHED, type SyncResult } from '../pipeline/sync-run.ts';
import { badRecordLines } from './bad-record-lines.ts';
import { formatTable } from './format-table.ts';
import { plural } from './progress-line.ts';

/**
 * The end-of-run summary: one line per entity with counts and watermarks, then totals and bad records. A failure
 * shared by every failed entity (wrong key, unreachable host, missing grant) is printed once, as the run's cause.
 */
export function formatRunSummary(result: SyncResult, title = 'sync'): string {
  const { run } = result;
  const entries = Object.entries(run.entities);
  const seconds = run.finishedAt ? ((run.finishedAt.getTime() - run.startedAt.getTime()) / 1000).toFixed(1) : '?';
  const head = `${title} ${run.syncId}: ${run.status}${result.dryRun ? ' (dry run: nothing written)' : ''} in ${seconds}s`;
  const shared = runWideCause(run.entities);
  const cause = shared?.startsWith(NOT_FINISHED) ? undefined : shared;
  const failed = entries.filter(([, c]) => c.status === 'failed');
  if (cause && failed.length === entries.length && entries.every(([, c]) => c.fetched === 0)) {
    // Nothing ran: a table of zeros and one copy of the error per entity would only bury the cause.
    return [head, `cause: ${cause}`, `  no entity was synced (${plural(entries.length, 'entity', 'entities')})`].join(
      '\n',
    );
  }
  const lines = [head, result.dryRun ? dryRunTable(result) : runTable(result)];
  const total = (k: 'fetched' | 'inserted' | 'updated' | 'bad') => entries.reduce((s, [, c]) => s + c[k], 0);
  lines.push(
    result.dryRun
      ? `total: ${total('fetched')} fetched, ${total('fetched') - total('bad')} would be loaded, ${total('bad')} bad, ${result.requests} Epicor requests`
      : `total: ${total('fetched')} fetched, ${total('inserted')} inserted, ${total('updated')} updated, ${total('bad')} bad, ${result.requests} Epicor requests`,
  );
  lines.push(...badRecordLines(result.badRecords));
  if (cause) lines.push(`cause of the ${plural(failed.length, 'failed entity', 'failed entities')}: ${cause}`);
  else {
    // Entities a stop interrupted are summed up by the command's one "stopped" line, not listed as failures.
    for (const g of groupFailures(run.entities).filter((f) => !f.message.startsWith(NOT_FINISHED))) {
      lines.push(
        g.entities.length === 1
          ? `failed: ${g.entities[0]}: ${g.message}`
          : `failed: ${g.message} (${g.entities.length} entities: ${g.entities.join(', ')})`,
      );
    }
  }
  if (result.previews?.length) lines.push('', ...formatPreviews(result.previews));
  return lines.join('\n');
}

function runTable(result: SyncResult): string {
  const rows = Object.entries(result.run.entities).map(([name, c]) => [
    name,
    c.status,
    c.fetched,
    c.inserted,
    c.updated,
    c.unchanged,
    c.bad,
    c.pages,
    c.requests,
    c.watermark_from ?? '-',
    c.watermark_to ?? '-',
  ]);
  return formatTable(
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
      'watermark to',
    ],
    rows,
  );
}

/** A dry run compared nothing with the target: it shows what it would load, not inserted/updated/unchanged. */
function dryRunTable(result: SyncResult): string {
  const rows = Object.entries(result.run.entities).map(([name, c]) => [
    name,
    c.status,
    c.fetched,
    Math.max(0, c.fetched - c.bad),
    c.bad,
    c.pages,
    c.requests,
    c.watermark_from ?? '-',
    c.watermark_to ?? '-',
  ]);
  return formatTable(
    ['entity', 'status', 'fetched', 'would load', 'bad', 'pages', 'requests', 'watermark from', 'would store'],
    rows,
  );
}

/** Per entity: target table, whether it would be created or which columns it would gain, and sample rows. */
export function formatPreviews(previews: readonly EntityPreview[]): string[] {
  const lines = ['target tables (dry run):'];
  for (const p of previews) {
    const what =
      p.tableExists === null
        ? `${p.columns} columns (target not readable: shown as it would be created)`
        : !p.tableExists
          ? `new table, ${p.columns} columns`
          : p.newColumns.length
            ? `exists; would add ${plural(p.newColumns.length, 'column')}: ${p.newColumns.join(', ')}`
            : 'exists; no new columns';
    lines.push(`  ${p.table} (${p.key}): ${what}`);
    for (const row of p.samples) lines.push(`    ${JSON.stringify(row)}`);
  }
  return lines;
}
