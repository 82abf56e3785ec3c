/**
 * One scheduled job at a time in this process: a tick while the same kind still runs is skipped (busy); a tick of
 * the other kind waits and starts when the running one finishes; `stop` drops what waits and aborts what runs.
 */
import type { Clock } from '../clock.ts';
import { ConnectorError } from '../errors.ts';
import type { Logger } from '../log/create-logger.ts';
import type { RunKind } from './health-report.ts';
import { settlesWithin } from './settles-within.ts';

export interface RunQueueOptions {
  clock: Clock;
  logger: Logger;
  /** Runs one job; it must watch `controller.signal`. */
  run(kind: RunKind, dueAt: number, controller: AbortController): Promise<void>;
  /** Told when a tick is skipped because the previous job of its kind still runs. */
  onBusy(kind: RunKind, dueAt: number): void;
}

export class RunQueue {
  private active: { kind: RunKind; controller: AbortController; done: Promise<void> } | null = null;
  private readonly pending = new Set<RunKind>();
  private stopping = false;

  constructor(private readonly opts: RunQueueOptions) {}

  /** A schedule fired. */
  tick(kind: RunKind, dueAt: number): void {
    if (this.stopping) return;
    const active = this.active;
    if (active) {
      if (active.kind === kind) {
        this.opts.onBusy(kind, dueAt);
      } else {
        this.pending.add(kind);
        this.opts.logger.info(`${kind} due while a ${active.kind} is running; it starts when that finishes`);
      }
      return;
    }
    this.begin(kind, dueAt);
  }

  /** No new jobs from now on: ticks are ignored and what waits is dropped. */
  halt(): void {
    this.stopping = true;
    this.pending.clear();
  }

  /**
   * No new jobs; aborts the running one and waits up to `timeoutMs` for it. Resolves with the kind of a job that did
   * not stop in time (null when nothing runs any more).
   */
  async stop(timeoutMs: number): Promise<RunKind | null> {
    this.halt();
    const running = this.active;
    if (!running) return null;
    this.opts.logger.info(
      `stopping: aborting the running ${running.kind} (waiting up to ${Math.round(timeoutMs / 1000)} s)`,
    );
    running.controller.abort(new ConnectorError('ABORTED', 'the connector is stopping'));
    return (await settlesWithin(running.done, timeoutMs)) ? null : running.kind;
  }

  private begin(kind: RunKind, dueAt: number): void {
    const controller = new AbortController();
    const done = this.opts.run(kind, dueAt, controller).finally(() => {
      this.active = null;
      const [next] = this.pending;
      if (next && !this.stopping) {
        this.pending.delete(next);
        this.begin(next, this.opts.clock.now());
      }
    });
    this.active = { kind, controller, done };
  }
}
