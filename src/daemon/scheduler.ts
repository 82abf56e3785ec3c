/**
 * Fires jobs on their `Schedule` (croner computes the fire times), driven by an injected Clock so tests fire
 * schedules by advancing a ManualClock. A job's `fire` is not awaited: the scheduler keeps time while a run goes on,
 * and the caller decides what to do with a tick that comes while it is busy. Fire times missed while the process
 * was suspended are coalesced into one tick.
 */
import { Cron } from 'croner';
import type { Clock } from '../clock.ts';
import type { Schedule } from '../config/schema.ts';
import { sleepOrAbort } from '../on-abort.ts';

/** Longest single sleep: timers cap near 24.8 days, and re-checking hourly costs nothing. */
const MAX_SLEEP_MS = 3_600_000;

/** The first fire time strictly after `after` (ms since epoch); null for `manual` or a cron that never fires again. */
export function nextFireTime(schedule: Schedule, after: number, timezone?: string): number | null {
  if (schedule.kind === 'manual') return null;
  const next = new Cron(schedule.cron, { paused: true, timezone }).nextRun(new Date(after));
  return next ? next.getTime() : null;
}

/** How a schedule reads in logs and /healthz: `hourly (0 * * * *)`, `cron (15 *\/2 * * *)`, `manual`. */
export function describeSchedule(schedule: Schedule): string {
  return schedule.kind === 'manual' ? 'manual' : `${schedule.kind} (${schedule.cron})`;
}

export interface ScheduledJob {
  name: string;
  schedule: Schedule;
  /** Called at each fire time with that time (ms); must not throw. */
  fire(dueAt: number): void;
}

export interface SchedulerOptions {
  clock: Clock;
  /** IANA zone for cron fields (default: the process's local zone). */
  timezone?: string;
}

/** Runs one timing loop per job until `stop`. */
export class Scheduler {
  private readonly stopper = new AbortController();
  private readonly upcoming = new Map<string, number | null>();
  private readonly loops: Promise<void>[];

  constructor(
    jobs: readonly ScheduledJob[],
    private readonly options: SchedulerOptions,
  ) {
    for (const job of jobs) this.upcoming.set(job.name, this.after(job.schedule, options.clock.now()));
    this.loops = jobs.map((job) => this.loop(job));
  }

  /** When the job fires next (ms), or null when it never will. */
  next(name: string): number | null {
    return this.upcoming.get(name) ?? null;
  }

  /** Stops every loop; no job fires after this resolves. */
  async stop(): Promise<void> {
    this.stopper.abort();
    await Promise.all(this.loops);
  }

  private after(schedule: Schedule, at: number): number | null {
    return nextFireTime(schedule, at, this.options.timezone);
  }

  private async loop(job: ScheduledJob): Promise<void> {
    const { clock } = this.options;
    const signal = this.stopper.signal;
    let due = this.upcoming.get(job.name) ?? null;
    while (due !== null) {
      while (clock.now() < due) {
        await sleepOrAbort(clock, Math.min(due - clock.now(), MAX_SLEEP_MS), signal);
        if (signal.aborted) return;
      }
      if (signal.aborted) return;
      const firedAt = due;
      due = this.after(job.schedule, Math.max(clock.now(), firedAt));
      this.upcoming.set(job.name, due);
      job.fire(firedAt);
    }
  }
}
