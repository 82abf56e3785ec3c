/**
 * Runs one job while holding the destination lock: acquire, heartbeat on the clock while the job runs, release.
 * Losing the lock mid-run (another process took it as stale) aborts the job, so two processes never keep loading.
 */
import type { Clock } from '../clock.ts';
import { ConnectorError, isConnectorError, messageOf } from '../errors.ts';
import type { Logger } from '../log/create-logger.ts';
import { sleepOrAbort } from '../on-abort.ts';
import type { RunLock } from './ports.ts';

/**
 * How often a running job proves it still holds the lock, for every job (CLI, console, daemon). The lock goes stale
 * after 15 minutes of silence (lock.ts); a process that stalled that long and lost the lock to another learns so at
 * its next beat, so the interval is also the longest two processes could load at once: a minute keeps that short,
 * for one small UPDATE a minute beside a run's own statements.
 */
export const LOCK_HEARTBEAT_MS = 60_000;

export interface LockGuardOptions {
  lock: RunLock;
  clock: Clock;
  logger: Logger;
  /** Default LOCK_HEARTBEAT_MS. */
  heartbeatMs?: number;
  /** Aborted when the lock is lost; the job must watch its signal. */
  controller: AbortController;
}

/** True for the error `acquire`/`heartbeat` throw when someone else holds the lock. */
export function isLockedError(e: unknown): e is ConnectorError {
  return isConnectorError(e) && e.code === 'LOCKED';
}

/** Acquires (throws LOCKED when held elsewhere), runs `job`, and always releases what it acquired. */
export async function withDestinationLock<T>(opts: LockGuardOptions, job: () => Promise<T>): Promise<T> {
  const { lock, clock, logger } = opts;
  await lock.acquire();
  const done = new AbortController();
  const beating = heartbeat(opts, done.signal);
  try {
    return await job();
  } finally {
    done.abort();
    await beating;
    try {
      await lock.release();
    } catch (e) {
      logger.warn({ err: messageOf(e) }, 'could not release the destination lock; it frees itself once stale');
    }
  }

  async function heartbeat(o: LockGuardOptions, stop: AbortSignal): Promise<void> {
    for (;;) {
      await sleepOrAbort(clock, o.heartbeatMs ?? LOCK_HEARTBEAT_MS, stop);
      if (stop.aborted) return;
      try {
        await lock.heartbeat();
      } catch (e) {
        if (isLockedError(e)) {
          logger.error({ err: e.message }, 'lost the destination lock; stopping this run');
          o.controller.abort(new ConnectorError('LOCKED', `lost the destination lock: ${e.message}`));
          return;
        }
        logger.warn({ err: messageOf(e) }, 'destination lock heartbeat failed; trying again at the next beat');
      }
    }
  }
}
