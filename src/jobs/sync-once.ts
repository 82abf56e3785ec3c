/** One sync (or dry run) against the configured systems: connect, run, record, close. */
import { type Clock, systemClock } from '../clock.ts';
import type { Config } from '../config/schema.ts';
import type { StatementResult } from '../destination/databricks/destination-client.ts';
import { ConnectorError } from '../errors.ts';
import type { Logger } from '../log/create-logger.ts';
import { planEntities } from '../pipeline/entity-plan.ts';
import type { RunRecord } from '../pipeline/ports.ts';
import { type ProgressSink, runSync, type SyncResult } from '../pipeline/sync-run.ts';
import { type ConnectOptions, connect, withRunLock } from './connect.ts';

export interface SyncOnceOptions extends ConnectOptions {
  logger: Logger;
  clock?: Clock;
  progress?: ProgressSink;
  only?: string[];
  fullRefresh?: boolean;
  dryRun?: boolean;
  trigger?: RunRecord['trigger'];
  signal?: AbortSignal;
  /** Dry run: mapped sample rows shown per entity. */
  sampleRows?: number;
  /** Runs after a run that succeeded, with the run's warehouse connection (e.g. refreshing the analytics views). */
  afterSuccess?: (execute: StatementExecute) => Promise<unknown>;
}

/** Runs one SQL statement on the destination warehouse. */
export type StatementExecute = (sql: string, options?: { signal?: AbortSignal }) => Promise<StatementResult>;

export async function syncOnce(config: Config, opts: SyncOnceOptions): Promise<SyncResult> {
  const clock = opts.clock ?? systemClock;
  // A dry run only reads state from Databricks, and must not wait out a warehouse that is not set up yet: one try.
  const conn = connect(
    config,
    opts.dryRun ? { ...opts, databricksRetry: { maxRetries: 0, ...opts.databricksRetry } } : opts,
  );
  const prefetchStop = new AbortController();
  try {
    const port = conn.destination;
    const run = (signal: AbortSignal | undefined) =>
      runSync(
        {
          config,
          source: conn.source,
          destination: opts.dryRun ? undefined : port,
          readWatermarks: opts.dryRun ? (i, c) => port.state.readWatermarks(i, c) : undefined,
          readTargetColumns: opts.dryRun
            ? async () => (await conn.destination.snapshot(opts.signal)).tables
            : undefined,
          clock,
          logger: opts.logger,
          progress: opts.progress,
        },
        { only: opts.only, fullRefresh: opts.fullRefresh, trigger: opts.trigger, signal, sampleRows: opts.sampleRows },
      );
    // A dry run writes nothing, so it neither creates the connector tables nor takes the lock.
    if (opts.dryRun) return await run(opts.signal);
    // Epicor reads that do not depend on the lock (company checks, \$metadata, upper bounds) start now and overlap the
    // Databricks round trips before the run (connector tables, lock); a run that does not get the lock drops them.
    conn.source.prefetch?.(
      planEntities(config, opts.only).map((p) => p.def),
      config.epicor.companies,
      opts.signal ? AbortSignal.any([opts.signal, prefetchStop.signal]) : prefetchStop.signal,
    );
    return await withRunLock(conn, { ...opts, clock }, async (signal) => {
      const result = await run(signal);
      // Work that follows every successful run (the analytics views, SPEC §8), still under the lock.
      if (result.run.status === 'succeeded' && opts.afterSuccess) {
        await opts.afterSuccess((sql, o) => conn.databricks.statements.execute(sql, o));
      }
      return result;
    });
  } finally {
    // A run that ended before using them (no lock, Databricks unreachable) must not leave prefetches retrying
    // against closed connections after its error is printed.
    prefetchStop.abort(new ConnectorError('ABORTED', 'the run ended'));
    await conn.close();
  }
}
