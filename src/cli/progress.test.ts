import { describe, expect, it } from 'vitest';
import { fakeTty } from '../../test/support/virtual-terminal.ts';
import { createLogger } from '../log/create-logger.ts';
import { createLogOutlet } from '../log/log-outlet.ts';
import { emptyCounts } from '../pipeline/run-status.ts';
import { createProgress } from './progress.ts';
import { describeOutcome, formatBarLine } from './progress-line.ts';

const done = (fetched: number, inserted = fetched) => ({
  ...emptyCounts(null),
  fetched,
  inserted,
  watermark_to: '9',
});

describe('progress bar line', () => {
  it('shows bar, percent, count/total, rate, elapsed and ETA while reading', () => {
    const line = formatBarLine(
      { entity: 'purchase_order_lines', records: 12_000, total: 24_000, startedAt: 0, status: 'reading' },
      10_000,
      24,
    );
    // Before (issue 16 item 4): " purchase_order_lines | 24000 records | reading".
    expect(line).toBe(
      ' purchase_order_lines     [██████████░░░░░░░░░░]  50% | 12,000/24,000 records | 1,200/s | 0:10 | ETA 0:10 | reading',
    );
  });

  it('without a total: count, rate and elapsed only; "1 record" singular; finished bars are full', () => {
    expect(formatBarLine({ entity: 'companies', records: 1, startedAt: 0, status: 'reading' }, 2000, 10)).toBe(
      ' companies  [░░░░░░░░░░░░░░░░░░░░]      | 1 record | 1/s | 0:02 | reading',
    );
    expect(
      formatBarLine({ entity: 'companies', records: 1, startedAt: 0, finishedAt: 1000, status: 'done' }, 5000, 10),
    ).toBe(' companies  [████████████████████] 100% | 1 record | 1/s | 0:01 | done');
  });

  it('describes outcomes; a dry run says what it would load instead of "unchanged"', () => {
    expect(describeOutcome(done(1822))).toBe('succeeded: 1,822 inserted, 0 updated');
    expect(describeOutcome(done(1822, 0), { dryRun: true })).toBe('dry run: would insert 1,822');
    expect(describeOutcome({ ...done(5, 0), watermark_from: '3' }, { dryRun: true, kind: 'dimension' })).toBe(
      'dry run: would insert or update 5',
    );
  });
});

describe('progress on a terminal (captured TTY stream)', () => {
  it('draws per-entity bars with totals, and prints log lines above them, never over them', async () => {
    const tty = fakeTty(140);
    const outlet = createLogOutlet(tty.stream);
    const logger = createLogger({ format: 'text', level: 'info', secrets: [], stream: outlet });
    let now = 0;
    const progress = createProgress(logger, {
      tty: true,
      stream: tty.stream as never,
      outlet,
      now: () => now,
      redrawMs: 1,
    });

    progress.start('purchase_order_lines', { kind: 'fact', dryRun: false });
    progress.start('companies', { kind: 'dimension', dryRun: false });
    progress.total?.('purchase_order_lines', 24_000);
    now = 10_000;
    progress.advance('purchase_order_lines', 12_000);
    progress.advance('companies', 1);
    // A frame with the total, percent and ETA reaches the terminal.
    await until(() => tty.output().includes('12,000/24,000 records | 1,200/s | 0:10 | ETA 0:10'));
    logger.warn({ entity: 'purchase_order_lines' }, 'a log line while the bars are drawn');
    progress.finish('companies', done(1));
    now = 20_000;
    progress.advance('purchase_order_lines', 12_000);
    progress.finish('purchase_order_lines', done(24_000));
    logger.info({ syncId: 'x', status: 'succeeded' }, 'sync finished');
    progress.stop();

    const screen = tty.screen().filter((l) => l !== '');
    const log = screen.findIndex((l) =>
      l.endsWith('warn  a log line while the bars are drawn entity=purchase_order_lines'),
    );
    expect(log, screen.join('\n')).toBeGreaterThanOrEqual(0);
    // Before (issue 16 item 4): the final log line overwrote a bar ("status=succeededpdated, 0 bad").
    expect(screen).toContainEqual(
      expect.stringMatching(/^\d\d:\d\d:\d\d info {2}sync finished syncId=x status=succeeded$/),
    );
    const bars = screen.filter((l) => l.startsWith(' '));
    expect(bars).toEqual([
      expect.stringMatching(
        /^ purchase_order_lines +\[█{20}\] 100% \| 24,000 records \| 1,200\/s \| 0:20 \| succeeded: 24,000 inserted, 0 updated$/,
      ),
      expect.stringMatching(
        /^ companies +\[█{20}\] 100% \| 1 record \| 0\/s \| 0:10 \| succeeded: 1 inserted, 0 updated$/,
      ),
    ]);
    // Every screen line is either a whole log line or a whole bar: nothing drawn over anything.
    for (const l of screen) expect(l).toMatch(/^(\d\d:\d\d:\d\d (info |warn ) |\s\S)/);
  });
});

async function until(cond: () => boolean, timeoutMs = 5000): Promise<void> {
  const start = Date.now();
  while (!cond()) {
    if (Date.now() - start > timeoutMs) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 2));
  }
}
