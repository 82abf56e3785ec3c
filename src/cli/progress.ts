import cliProgress from 'cli-progress';
import type { Logger } from '../log/create-logger.ts';
import type { EntityCounts } from '../pipeline/ports.ts';
import type { ProgressSink } from '../pipeline/sync-run.ts';

/** Per-entity bars on a TTY; otherwise a log line per entity every few seconds and when it finishes. */
export function createProgress(logger: Logger, tty = process.stderr.isTTY === true): ProgressSink & { stop(): void } {
  if (tty) {
    const multi = new cliProgress.MultiBar(
      {
        format: ' {entity} | {value} records | {status}',
        hideCursor: true,
        clearOnComplete: false,
        stream: process.stderr,
      },
      cliProgress.Presets.shades_classic,
    );
    const bars = new Map<string, cliProgress.SingleBar>();
    return {
      start: (key) => bars.set(key, multi.create(0, 0, { entity: key.padEnd(28), status: 'reading' })),
      advance: (key, n) => bars.get(key)?.increment(n),
      finish: (key, c) => bars.get(key)?.update({ status: describe(c) }),
      stop: () => multi.stop(),
    };
  }
  const seen = new Map<string, { records: number; lastLog: number }>();
  return {
    start: (key) => seen.set(key, { records: 0, lastLog: Date.now() }),
    advance: (key, n) => {
      const s = seen.get(key);
      if (!s) return;
      s.records += n;
      if (Date.now() - s.lastLog > 5000) {
        s.lastLog = Date.now();
        logger.info({ entity: key, records: s.records }, 'reading');
      }
    },
    finish: (key, c) => logger.info({ entity: key, ...c }, `${key} ${describe(c)}`),
    stop: () => {},
  };
}

function describe(c: EntityCounts): string {
  if (c.status === 'failed') return `failed: ${c.error ?? ''}`;
  return `${c.status}: ${c.inserted} inserted, ${c.updated} updated, ${c.bad} bad`;
}
