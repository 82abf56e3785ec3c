/** One sync (or dry run) against the configured systems: connect, run, record, close. */
import { type Clock, systemClock } from '../clock.ts';
import type { Config } from '../config/schema.ts';
import type { Logger } from '../log/create-logger.ts';
import { type ConnectOptions, connect, withRunLock } from './connect.ts';
import { databricksPort } from './databricks-port.ts';
import { planEntities } from './entity-plan.ts';
import type { RunRecord } from './ports.ts';
import { type ProgressSink, runSync, type SyncResult } from './sync-run.ts';

export interface SyncOnceOptions extends ConnectOptions {
  logger: Logger;
  clock?: Clock;
  progress?: ProgressSink;
  only?: string[];
  fullRefresh?: boolean;
  dryRun?: boolean;
  trigger?: RunRecord['trigger'];
  signal?: AbortSignal;
}

export async function syncOnce(config: Config, opts: SyncOnceOptions): Promise<SyncResult> {
  const clock = opts.clock ?? systemClock;
  // A dry run only reads state from Databricks, and must not wait out a warehouse that is not set up yet: one try.
  const conn = connect(
    config,
    opts.dryRun ? { ...opts, databricksRetry: { maxRetries: 0, ...opts.databricksRetry } } : opts,
  );
  try {
    const port = databricksPort(conn.destination);
    const run = (signal: AbortSignal | undefined) =>
      runSync(
        {
          config,
          source: conn.source,
          destination: opts.dryRun ? undefined : port,
          readWatermarks: opts.dryRun ? port.state.readWatermarks : undefined,
          clock,
          logger: opts.logger,
          progress: opts.progress,
        },
        { only: opts.only, fullRefresh: opts.fullRefresh, trigger: opts.trigger, signal },
      );
    // A dry run writes nothing, so it neither creates the connector tables nor takes the lock.
    if (opts.dryRun) return await run(opts.signal);
    // Epicor reads that do not depend on the lock (company checks, \$metadata, upper bounds) start now and overlap the
    // Databricks round trips before the run (connector tables, lock); a run that does not get the lock drops them.
    conn.source.prefetch?.(
      planEntities(config, opts.only).map((p) => p.def),
      config.epicor.companies,
      opts.signal,
    );
    return await withRunLock(conn, { ...opts, clock }, async (signal) => {
      if (opts.lock === false) await port.begin();
      return run(signal);
    });
  } finally {
    await conn.close();
  }
}
