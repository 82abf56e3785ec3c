import type { EntityCounts } from '../pipeline/ports.ts';
import { NOT_FINISHED } from '../pipeline/sync-run.ts';

/** What one entity's bar shows. */
export interface BarState {
  entity: string;
  records: number;
  /** Records expected (from a count request), when known. */
  total?: number;
  startedAt: number;
  finishedAt?: number;
  /** `reading`, or the outcome once finished. */
  status: string;
}

const BAR_WIDTH = 20;

/** `1 record`, `2 records`, with thousands separators. */
export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n.toLocaleString('en-US')} ${n === 1 ? one : many}`;
}

/** `m:ss` (or `h:mm:ss`) for a duration in ms. */
export function formatDuration(ms: number): string {
  const s = Math.max(0, Math.round(ms / 1000));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const ss = String(s % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${ss}` : `${m}:${ss}`;
}

/**
 * One bar line: ` vendors   [██████░░░░]  52% | 1,200/2,300 records | 850/s | 0:02 | ETA 0:01 | reading`.
 * Without a known total there is no percent or ETA, only the count, rate and elapsed time.
 */
export function formatBarLine(b: BarState, now: number, nameWidth: number): string {
  const elapsed = (b.finishedAt ?? now) - b.startedAt;
  const rate = elapsed > 0 ? (b.records * 1000) / elapsed : 0;
  const done = b.finishedAt !== undefined;
  const total = done ? b.records : b.total;
  const parts: string[] = [];
  if (total !== undefined && total > 0) {
    const ratio = Math.min(1, b.records / total);
    const filled = Math.round(ratio * BAR_WIDTH);
    parts.push(`[${'█'.repeat(filled)}${'░'.repeat(BAR_WIDTH - filled)}] ${`${Math.floor(ratio * 100)}%`.padStart(4)}`);
    parts.push(done ? plural(b.records, 'record') : `${b.records.toLocaleString('en-US')}/${plural(total, 'record')}`);
  } else {
    parts.push(`[${'░'.repeat(BAR_WIDTH)}]     `);
    parts.push(plural(b.records, 'record'));
  }
  parts.push(`${Math.round(rate).toLocaleString('en-US')}/s`, formatDuration(elapsed));
  if (!done && total !== undefined && total > b.records && rate > 0) {
    parts.push(`ETA ${formatDuration(((total - b.records) / rate) * 1000)}`);
  }
  parts.push(b.status);
  return ` ${b.entity.padEnd(nameWidth)} ${parts.join(' | ')}`;
}

/**
 * The outcome of one entity in words: `succeeded: 300 inserted, 0 updated, 0 bad`; a dry run says what it would
 * load (`would insert 1,822`), since nothing was compared with the target.
 */
export function describeOutcome(c: EntityCounts, opts: { dryRun?: boolean; kind?: 'dimension' | 'fact' } = {}): string {
  if (c.status === 'failed' && c.error?.startsWith(NOT_FINISHED)) return 'stopped: not committed';
  if (c.status === 'failed') return `failed: ${c.error ?? ''}`;
  const bad = c.bad > 0 ? `, ${plural(c.bad, 'bad record')}` : '';
  if (opts.dryRun) {
    const n = Math.max(0, c.fetched - c.bad);
    if (n === 0) return `dry run: nothing to load${bad}`;
    const verb =
      c.watermark_from === null || opts.kind === 'fact'
        ? `would insert ${n.toLocaleString('en-US')}`
        : `would insert or update ${n.toLocaleString('en-US')}`;
    return `dry run: ${verb}${bad}`;
  }
  return `${c.status}: ${c.inserted.toLocaleString('en-US')} inserted, ${c.updated.toLocaleString('en-US')} updated${bad}`;
}
