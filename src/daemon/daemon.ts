/**
 * `run` as a library: a scheduler firing sync (and reconcile) runs, one at a time in this process (run-queue.ts)
 * and one at a time per destination across processes (the destination lock, scheduled-run.ts), plus an HTTP
 * endpoint for /healthz and /metrics. `stop` is the graceful path SIGTERM takes: no new runs, abort the running one
 * through its signal (an entity whose MERGE committed keeps its watermark, the others are re-read next time), wait
 * a bounded time, release the lock.
 */
import { startDaemonAlerts } from '../alerts/daemon-alerts.ts';
import { analyticsAfterSync } from '../analytics/refresh-analytics.ts';
import { systemClock } from '../clock.ts';
import { createDatabricksDestination } from '../destination/databricks/destination.ts';
import { ConnectorError, messageOf } from '../errors.ts';
import { connectDatabricks } from '../jobs/connect.ts';
import { historyTables } from '../jobs/history-tables.ts';
import { schemaChangePolicies } from '../jobs/schema-change-policy.ts';
import { syncOnce } from '../jobs/sync-once.ts';
import { type ConnectorMetrics, createConnectorMetrics } from '../metrics/connector-metrics.ts';
import type { DaemonOptions, SyncFn } from './daemon-options.ts';
import { configuredEntityKeys, seedEntitySuccess } from './entity-freshness.ts';
import { type DaemonStatus, type HealthReport, healthReport, type RunKind } from './health-report.ts';
import { startHealthServer } from './health-server.ts';
import { RunQueue } from './run-queue.ts';
import { runScheduled } from './scheduled-run.ts';
import { describeSchedule, nextFireTime, Scheduler } from './scheduler.ts';

export type { DaemonOptions, ReconcileFn, RunFnOptions, SyncFn } from './daemon-options.ts';

export interface Daemon {
  /** The port /healthz and /metrics are served on. */
  readonly port: number;
  readonly metrics: ConnectorMetrics;
  /** When the job fires next, or null (manual, not available, stopped). */
  next(kind: RunKind): Date | null;
  /** What /healthz answers right now. */
  health(): HealthReport;
  /** Graceful stop: resolves once nothing runs (or the wait ran out), the lock is released and the server closed. */
  stop(): Promise<void>;
}

/** Starts the scheduler and the health/metrics endpoint. */
export async function startDaemon(opts: DaemonOptions): Promise<Daemon> {
  const { config, logger } = opts;
  const clock = opts.clock ?? systemClock;
  // In production each successful scheduled sync also refreshes the analytics views (SPEC §8).
  const syncFn: SyncFn =
    opts.syncFn ?? ((c, o) => syncOnce(c, { ...o, afterSuccess: analyticsAfterSync(c, o.logger) }));
  const stopTimeoutMs = opts.stopTimeoutMs ?? 60_000;
  const metrics = createConnectorMetrics();
  const schedules = { sync: config.schedule, reconcile: opts.reconcileFn ? config.reconcile : undefined };

  // One workspace client for the daemon's life: its own reads (ledger, lock) and every run it starts use it.
  const client = connectDatabricks(config, {
    clock,
    logger,
    events: metrics.http,
    onTokenRefresh: () => metrics.tokenRefreshed('databricks'),
    retry: opts.retry,
  });
  const destination = createDatabricksDestination({
    client,
    config: config.databricks,
    clock,
    historyTables: historyTables(config),
    schemaChangePolicy: schemaChangePolicies(config),
    lock: opts.lockStaleAfterMs === undefined ? undefined : { staleAfterMs: opts.lockStaleAfterMs },
  });
  let prepared = false;

  const entitySuccess = new Map<string, number | null>(configuredEntityKeys(config).map((k) => [k, null]));
  // Webhooks (config `alerts`): after each run, and `stale` past `freshnessSlaHours`; never in the run's way.
  const alerts = startDaemonAlerts({
    config,
    logger,
    clock,
    success: entitySuccess,
    previousRuns: () => destination.state.lastRuns(20),
  });
  const status: DaemonStatus = {
    startedAt: clock.now(),
    schedules: {
      sync: describeSchedule(config.schedule),
      reconcile: schedules.reconcile ? describeSchedule(schedules.reconcile) : 'not available',
    },
    next: { sync: null, reconcile: null },
    firstSyncDueAt: nextFireTime(config.schedule, clock.now(), opts.timezone),
    current: null,
    last: {},
    lastSkip: null,
    entitySuccess,
  };

  let stopping = false;
  let scheduler: Scheduler | undefined;
  const refreshNext = () => {
    status.next = { sync: scheduler?.next('sync') ?? null, reconcile: scheduler?.next('reconcile') ?? null };
  };
  const health = (): HealthReport => {
    refreshNext();
    return healthReport(status, clock.now());
  };

  const port = opts.port ?? config.metrics.port;
  let server: Awaited<ReturnType<typeof startHealthServer>>;
  try {
    server = await startHealthServer(
      { health, metrics: () => metrics.registry.render() },
      port,
      opts.host ?? config.metrics.host,
    );
  } catch (e) {
    await client.close();
    const host = opts.host ?? config.metrics.host;
    const why = `cannot serve /healthz and /metrics on ${host}:${port} (metrics.host, metrics.port): ${messageOf(e)}`;
    throw new ConnectorError('USAGE', why, { cause: e });
  }

  // Get the destination ready now (connector tables, the lock row among them), then seed freshness from the run
  // ledger so it survives restarts. Both are best effort here: the first run prepares again if this failed.
  const startup = (async () => {
    try {
      await destination.prepare([]);
      prepared = true;
    } catch (e) {
      logger.warn({ err: messageOf(e) }, 'destination not ready yet; the first run tries again');
      return;
    }
    await seedEntitySuccess(destination.state, entitySuccess, metrics).catch((e) =>
      logger.debug({ err: messageOf(e) }, 'entity freshness not seeded from the run ledger'),
    );
  })();

  const queue = new RunQueue({
    clock,
    logger,
    run: (kind, dueAt, controller) =>
      runScheduled(
        {
          config,
          logger,
          clock,
          options: opts,
          syncFn,
          schedules,
          metrics,
          status,
          entitySuccess,
          client,
          destination,
          async ready() {
            await startup;
            if (!prepared) {
              // Creates the connector tables, the lock row among them, on a fresh destination.
              await destination.prepare([]);
              prepared = true;
            }
          },
          refreshNext,
          stopping: () => stopping,
          afterRun: (run) => alerts.afterRun(run),
        },
        kind,
        dueAt,
        controller,
      ),
    onBusy(kind, dueAt) {
      status.lastSkip = { kind, reason: 'busy', at: clock.now(), detail: `the previous ${kind} is still running` };
      metrics.runsSkipped.inc({ reason: 'busy' });
      logger.warn(
        { due: new Date(dueAt).toISOString() },
        `${kind} due but the previous ${kind} is still running; skipped`,
      );
    },
  });

  const jobs = (['sync', 'reconcile'] as const).flatMap((kind) => {
    const schedule = schedules[kind];
    return schedule
      ? [
          {
            name: kind,
            schedule,
            fire: (dueAt: number) => {
              refreshNext();
              queue.tick(kind, dueAt);
            },
          },
        ]
      : [];
  });
  // Created after `startup`: a job due at once fires inside the constructor and awaits it.
  scheduler = new Scheduler(jobs, { clock, timezone: opts.timezone });
  refreshNext();
  if (config.reconcile.kind !== 'manual' && !opts.reconcileFn) {
    logger.warn(
      `reconcile is not available here; the reconcile schedule (${describeSchedule(config.reconcile)}) is ignored`,
    );
  }

  let stopped: Promise<void> | undefined;
  return {
    port: server.port,
    metrics,
    next: (kind) => (stopping ? null : dateOrNull(scheduler?.next(kind) ?? null)),
    health,
    stop() {
      stopped ??= (async () => {
        stopping = true;
        queue.halt();
        await scheduler?.stop();
        const stuck = await queue.stop(stopTimeoutMs);
        if (stuck) {
          logger.warn(
            `the ${stuck} did not stop within ${Math.round(stopTimeoutMs / 1000)} s; releasing the lock anyway`,
          );
          await destination.lock
            .release()
            .catch((e) => logger.warn({ err: messageOf(e) }, 'could not release the destination lock'));
        }
        await startup;
        await alerts.stop();
        await server.close();
        await client.close();
        logger.info('stopped');
      })();
      return stopped;
    },
  };
}

const dateOrNull = (ms: number | null) => (ms === null ? null : new Date(ms));
