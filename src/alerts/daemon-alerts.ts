/**
 * Alerts inside `run`: after each run (failed / partial / recovered), and a freshness check on the clock (`stale`,
 * then `recovered`). Sending never delays the scheduler: deliveries run in the background, each within the
 * sender's deadline, and `stop` waits for the ones in flight.
 */
import type { Clock } from '../clock.ts';
import type { Config } from '../config/schema.ts';
import type { Logger } from '../log/create-logger.ts';
import type { RunRecord } from '../pipeline/ports.ts';
import { stalePayload } from './alert-payload.ts';
import { type LedgerRun, payloadContext, runAlertPayloads } from './run-alerts.ts';
import { StaleWatch } from './stale-watch.ts';
import { deliver } from './webhook-sender.ts';

export interface DaemonAlertsOptions {
  config: Config;
  logger: Logger;
  clock: Clock;
  /** The daemon's entity → last success map (ms), kept current by the daemon. */
  success: ReadonlyMap<string, number | null>;
  /** The ledger's last runs, newest first (for `recovered` after failures). */
  previousRuns: () => Promise<LedgerRun[]>;
  /** How often freshness is checked (default 5 minutes). */
  checkEveryMs?: number;
}

export interface DaemonAlerts {
  /** Called when a run finished, after the success map was updated. */
  afterRun(run: RunRecord): void;
  /** Runs one freshness check now (the loop calls it; tests too). */
  checkFreshness(): Promise<void>;
  /** Ends the freshness loop and waits for deliveries in flight. */
  stop(): Promise<void>;
}

const HOUR = 3_600_000;

/** Starts the freshness loop (when any webhook wants `stale`) and returns the run hook. */
export function startDaemonAlerts(opts: DaemonAlertsOptions): DaemonAlerts {
  const { config, logger, clock } = opts;
  const watch = new StaleWatch(opts.success, config.freshnessSlaHours * HOUR, clock.now());
  const inFlight = new Set<Promise<unknown>>();
  const stopLoop = new AbortController();
  const enabled = config.alerts.length > 0;
  const track = (p: Promise<unknown>) => {
    inFlight.add(p);
    void p.finally(() => inFlight.delete(p));
  };

  async function runAlerts(run: RunRecord): Promise<void> {
    let previous: LedgerRun[] = [];
    try {
      previous = await opts.previousRuns();
    } catch {
      // Only `recovered` after failures depends on it.
    }
    const fresh = watch.recovered();
    for (const p of runAlertPayloads(run, previous, payloadContext(config, clock.now()), fresh)) {
      await deliver(config.alerts, p, { logger, clock });
    }
  }

  async function checkFreshness(): Promise<void> {
    const now = clock.now();
    const newly = watch.check(now);
    if (newly.length === 0) return;
    logger.warn({ entities: newly.map((n) => n.entity) }, `no successful sync for over ${config.freshnessSlaHours} h`);
    const stale = newly.map((n) => ({
      entity: n.entity,
      last_success: n.lastSuccess === null ? null : new Date(n.lastSuccess).toISOString(),
      hours_since_success: n.lastSuccess === null ? null : Math.floor((now - n.lastSuccess) / HOUR),
    }));
    await deliver(config.alerts, stalePayload('stale', stale, payloadContext(config, now)), { logger, clock });
  }

  if (enabled) {
    const every = opts.checkEveryMs ?? 5 * 60_000;
    // Not tracked: a clock whose sleep ignores the signal (tests) must not hold up `stop`.
    void (async () => {
      while (!stopLoop.signal.aborted) {
        await clock.sleep(every, stopLoop.signal).catch(() => {});
        if (!stopLoop.signal.aborted) track(checkFreshness());
      }
    })();
  }

  return {
    afterRun(run) {
      if (enabled) track(runAlerts(run));
    },
    checkFreshness,
    async stop() {
      stopLoop.abort();
      await Promise.allSettled([...inFlight]);
    },
  };
}
