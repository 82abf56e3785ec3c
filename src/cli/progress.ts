import cliProgress from 'cli-progress';
import type { Logger } from '../log/create-logger.ts';
import { cliLogOutlet, type LogOutlet } from '../log/log-outlet.ts';
import type { EntityCounts } from '../pipeline/ports.ts';
import { NOT_FINISHED, type ProgressSink, type ProgressStart } from '../pipeline/sync-run.ts';
import { type BarState, describeOutcome, formatBarLine, plural } from './progress-line.ts';

export interface CliProgress extends ProgressSink {
  /** Draws the final state and gives the terminal back (idempotent). */
  stop(): void;
}

export interface ProgressOptions {
  /** Bars (default: stderr is a terminal). */
  tty?: boolean;
  /** Where bars are drawn (default stderr). */
  stream?: NodeJS.WritableStream & { isTTY?: boolean; columns?: number };
  /** The loggers' outlet: diverted above the bars while they are drawn (default the CLI's). */
  outlet?: LogOutlet;
  now?: () => number;
  /** Redraw interval in ms (default 100). */
  redrawMs?: number;
}

/**
 * Per-entity bars on a TTY (total, percent, rate, elapsed, ETA), with log lines printed above them; otherwise a log
 * line per entity every few seconds and when it finishes.
 */
export function createProgress(logger: Logger, opts: ProgressOptions = {}): CliProgress {
  const stream = opts.stream ?? process.stderr;
  const tty = opts.tty ?? stream.isTTY === true;
  const now = opts.now ?? Date.now;
  return tty ? barProgress(stream, opts.outlet ?? cliLogOutlet, now, opts.redrawMs ?? 100) : lineProgress(logger, now);
}

function barProgress(
  stream: NodeJS.WritableStream,
  outlet: LogOutlet,
  now: () => number,
  redrawMs: number,
): CliProgress {
  const states = new Map<string, BarState & { info?: ProgressStart; bar?: cliProgress.SingleBar }>();
  let multi: cliProgress.MultiBar | undefined;
  let restoreOutlet: (() => void) | undefined;
  let idleCheck: NodeJS.Immediate | undefined;
  let nameWidth = 12;

  const open = () => {
    if (multi) return multi;
    multi = new cliProgress.MultiBar({
      stream,
      hideCursor: true,
      clearOnComplete: false,
      // The connector handles signals itself (stop-signal.ts); the bars are stopped on the way out.
      gracefulExit: false,
      fps: 1000 / redrawMs,
      // Log lines flushed above the bars move them down a row: every bar must be drawn again, changed or not.
      forceRedraw: true,
      format: (_o, _p, payload: { key: string }) => {
        const s = states.get(payload.key);
        return s ? formatBarLine(s, now(), nameWidth) : '';
      },
    });
    const m = multi;
    // A log line goes above the bars: cleared row first, so no bar text is left behind a shorter line.
    restoreOutlet = outlet.divert((line) => {
      for (const l of line.replace(/\n$/, '').split('\n')) m.log(`\u001b[2K${l}\n`);
    });
    return m;
  };

  const close = () => {
    if (!multi) return;
    const m = multi;
    multi = undefined;
    // cli-progress drops buffered log lines on stop: flush them with one last redraw first.
    m.update();
    m.stop();
    restoreOutlet?.();
    restoreOutlet = undefined;
    for (const s of states.values()) s.bar = undefined;
    states.clear();
  };

  return {
    wantsTotals: true,
    start(key, info) {
      if (idleCheck) clearImmediate(idleCheck);
      idleCheck = undefined;
      nameWidth = Math.max(nameWidth, Math.min(key.length, 32));
      const state: BarState & { info?: ProgressStart; bar?: cliProgress.SingleBar } = {
        entity: key,
        records: 0,
        startedAt: now(),
        status: info?.dryRun ? 'reading (dry run)' : 'reading',
        info,
      };
      states.set(key, state);
      state.bar = open().create(1, 0, { key });
    },
    total(key, n) {
      const s = states.get(key);
      if (s && s.finishedAt === undefined) s.total = n;
    },
    advance(key, n) {
      const s = states.get(key);
      if (s) s.records += n;
    },
    finish(key, c) {
      const s = states.get(key);
      if (!s) return;
      s.finishedAt = now();
      s.records = c.fetched;
      s.status = describeOutcome(c, { dryRun: s.info?.dryRun, kind: s.info?.kind });
      // When every bar is done and no other entity starts in this turn, give the terminal back, so what the
      // command prints next (its summary) does not land inside the bars.
      if ([...states.values()].every((x) => x.finishedAt !== undefined)) {
        idleCheck = setImmediate(() => {
          idleCheck = undefined;
          if ([...states.values()].every((x) => x.finishedAt !== undefined)) close();
        });
      }
    },
    stop() {
      if (idleCheck) clearImmediate(idleCheck);
      idleCheck = undefined;
      close();
    },
  };
}

function lineProgress(logger: Logger, now: () => number): CliProgress {
  const seen = new Map<string, { records: number; total?: number; lastLog: number; info?: ProgressStart }>();
  return {
    start: (key, info) => seen.set(key, { records: 0, lastLog: now(), info }),
    advance: (key, n) => {
      const s = seen.get(key);
      if (!s) return;
      s.records += n;
      if (now() - s.lastLog > 5000) {
        s.lastLog = now();
        logger.info({ entity: key, records: s.records }, `${key}: ${plural(s.records, 'record')} read`);
      }
    },
    finish: (key, c: EntityCounts) => {
      const info = seen.get(key)?.info;
      const text = `${key} ${describeOutcome(c, { dryRun: info?.dryRun, kind: info?.kind })}`;
      // A dry run compared nothing with the target: no inserted/updated/unchanged fields that would read as results.
      const fields = info?.dryRun
        ? { entity: key, fetched: c.fetched, bad: c.bad, wouldLoad: Math.max(0, c.fetched - c.bad), status: c.status }
        : { entity: key, ...c };
      // A stop's interrupted entities are summed up by the command's one "stopped" line.
      logger[c.error?.startsWith(NOT_FINISHED) ? 'debug' : 'info'](fields, text);
    },
    stop: () => {},
  };
}
