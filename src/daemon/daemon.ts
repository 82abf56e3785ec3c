/**
 * `run` as a library: a scheduler firing sync (and reconcile) runs, one at a time in this process and one at a time
 * per destination across processes (the destination lock), plus an HTTP endpoint for /healthz and /metrics.
 * `stop` is the graceful path SIGTERM takes: no new runs, abort the running one through its signal (an entity whose
 * MERGE committed keeps its watermark, the others are re-read next time), wait a bounded time, release the lock.
 */
import { startDaemonAlerts } from '../alerts/daemon-alerts.ts';
import { analyticsAfterSync } from '../analytics/refresh-analytics.ts';
import { type Clock, systemClock } from '../clock.ts';
import type { Config } from '../config/schema.ts';
import type { DatabricksClient } from '../destination/databricks/client/databricks-client.ts';
import { createDatabricksDestination } from '../destination/databricks/destination.ts';
import { ConnectorError, messageOf } from '../errors.ts';
import type { HttpEvents, RetryPolicy } from '../http/http-client.ts';
import { connectDatabricks } from '../jobs/connect.ts';
import { historyTables } from '../jobs/history-tables.ts';
import { syncOnce } from '../jobs/sync-once.ts';
import type { Logger } from '../log/create-logger.ts';
import { type ConnectorMetrics, createConnectorMetrics, entitySucceeded } from '../metrics/connector-metrics.ts';
import { isLockedError, withDestinationLock } from '../pipeline/lock-guard.ts';
import type { RunLock, RunRecord } from '../pipeline/ports.ts';
import { configuredEntityKeys, seedEntitySuccess } from './entity-freshness.ts';
import { type DaemonStatus, type HealthReport, healthReport, type RunKind } from './health-report.ts';
import { startHealthServer } from './health-server.ts';
import { describeSchedule, nextFireTime, Scheduler } from './scheduler.ts';
import { settlesWithin } from './settles-within.ts';

/** What the daemon hands each run: its logger and clock, the stop signal, and the metrics hooks. */
export interface RunFnOptions {
  logger: Logger;
  clock: Clock;
  signal: AbortSignal;
  events: HttpEvents;
  onTokenRefresh: (api: 'epicor' | 'databricks') => void;
  retry?: Partial<RetryPolicy>;
  lock: false;
  /** The daemon's Databricks client: the run uses it rather than opening a second one beside it. */
  databricks: DatabricksClient;
}

/** Runs one sync; `syncOnce` in production. */
export type SyncFn = (config: Config, opts: RunFnOptions & { trigger: 'schedule' }) => Promise<{ run: RunRecord }>;
/** Runs one reconciliation; `reconcileOnce` in production (without it the reconcile schedule is ignored). */
export type ReconcileFn = (config: Config, opts: RunFnOptions) => Promise<{ run: RunRecord }>;

export interface DaemonOptions {
  config: Config;
  logger: Logger;
  /** Drives the schedules, the lock heartbeat and timestamps (default: the system clock). */
  clock?: Clock;
  syncFn?: SyncFn;
  reconcileFn?: ReconcileFn;
  /** Port for /healthz and /metrics (default `metrics.port`; 0 = any free port). */
  port?: number;
  /** Address to bind (default `metrics.host`). */
  host?: string;
  /** How long `stop` waits for a running job after aborting it (default 60 s). */
  stopTimeoutMs?: number;
  /** Lock heartbeat interval (default LOCK_HEARTBEAT_MS, as for every job). */
  heartbeatMs?: number;
  /** A lock without a heartbeat for this long is free (default 15 minutes). */
  lockStaleAfterMs?: number;
  /** IANA zone for cron fields (default: the process's local zone). */
  timezone?: string;
  /** Backoff tuning handed to the HTTP clients (tests use tiny delays). */
  retry?: Partial<RetryPolicy>;
}

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

/** A run may not take less than this before /healthz calls it stuck, however often its schedule fires. */
const MIN_RUN_WINDOW_MS = 5 * 60_000;

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
    lock: opts.lockStaleAfterMs === undefined ? undefined : { staleAfterMs: opts.lockStaleAfterMs },
  });
  const lock: RunLock = destination.lock;
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
  let active: { kind: RunKind; controller: AbortController; done: Promise<void> } | null = null;
  const pending = new Set<RunKind>();

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

  const jobs = (['sync', 'reconcile'] as const).flatMap((kind) => {
    const schedule = schedules[kind];
    return schedule ? [{ name: kind, schedule, fire: (dueAt: number) => onTick(kind, dueAt) }] : [];
  });
  // Before the scheduler starts: a job due at once fires inside its constructor and awaits this.
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

  scheduler = new Scheduler(jobs, { clock, timezone: opts.timezone });
  refreshNext();
  if (config.reconcile.kind !== 'manual' && !opts.reconcileFn) {
    logger.warn(
      `reconcile is not available here; the reconcile schedule (${describeSchedule(config.reconcile)}) is ignored`,
    );
  }

  function onTick(kind: RunKind, dueAt: number): void {
    refreshNext();
    if (stopping) return;
    if (active) {
      if (active.kind === kind) {
        status.lastSkip = { kind, reason: 'busy', at: clock.now(), detail: `the previous ${kind} is still running` };
        metrics.runsSkipped.inc({ reason: 'busy' });
        logger.warn(
          { due: new Date(dueAt).toISOString() },
          `${kind} due but the previous ${kind} is still running; skipped`,
        );
      } else {
        pending.add(kind);
        logger.info(`${kind} due while a ${active.kind} is running; it starts when that finishes`);
      }
      return;
    }
    begin(kind, dueAt);
  }

  function begin(kind: RunKind, dueAt: number): void {
    const controller = new AbortController();
    const done = execute(kind, dueAt, controller).finally(() => {
      active = null;
      const [next] = pending;
      if (next && !stopping) {
        pending.delete(next);
        begin(next, clock.now());
      }
    });
    active = { kind, controller, done };
  }

  async function execute(kind: RunKind, dueAt: number, controller: AbortController): Promise<void> {
    const startedAt = clock.now();
    const schedule = schedules[kind]!;
    const nextDue = nextFireTime(schedule, dueAt, opts.timezone);
    const windowMs = Math.max(MIN_RUN_WINDOW_MS, nextDue === null ? 0 : nextDue - dueAt);
    status.current = { kind, startedAt, windowMs };
    metrics.runInProgress.set(undefined, 1);
    logger.info({ due: new Date(dueAt).toISOString() }, `scheduled ${kind} starting`);
    try {
      await startup;
      if (!prepared) {
        // Creates the connector tables, the lock row among them, on a fresh destination.
        await destination.prepare([]);
        prepared = true;
      }
      const result = await withDestinationLock(
        { lock, clock, logger, heartbeatMs: opts.heartbeatMs, controller },
        async () => {
          if (controller.signal.aborted) return null;
          const runOpts: RunFnOptions = {
            logger,
            clock,
            signal: controller.signal,
            events: metrics.http,
            onTokenRefresh: (api) => metrics.tokenRefreshed(api),
            retry: opts.retry,
            // The daemon already holds the destination lock around this job.
            lock: false,
            databricks: client,
          };
          return kind === 'sync'
            ? syncFn(config, { ...runOpts, trigger: 'schedule' })
            : opts.reconcileFn!(config, runOpts);
        },
      );
      if (result) finished(kind, result.run);
    } catch (e) {
      if (isLockedError(e)) {
        status.lastSkip = { kind, reason: 'locked', at: clock.now(), detail: e.message };
        metrics.runsSkipped.inc({ reason: 'locked' });
        logger.info({ holder: e.details?.holder }, `${kind} skipped: another process holds the destination lock`);
        return;
      }
      const failedAt = clock.now();
      finished(kind, {
        syncId: '',
        trigger: kind === 'sync' ? 'schedule' : 'reconcile',
        startedAt: new Date(startedAt),
        finishedAt: new Date(failedAt),
        status: 'failed',
        entities: {},
        error: messageOf(e),
      });
    } finally {
      status.current = null;
      metrics.runInProgress.set(undefined, 0);
    }
  }

  function finished(kind: RunKind, run: RunRecord): void {
    const finishedAt = run.finishedAt?.getTime() ?? clock.now();
    const startedAt = run.startedAt.getTime();
    status.last[kind] = {
      kind,
      syncId: run.syncId || null,
      status: run.status,
      startedAt,
      finishedAt,
      error: run.error,
    };
    metrics.runFinished({ ...run, finishedAt: new Date(finishedAt) }, Math.max(0, finishedAt - startedAt) / 1000);
    for (const [entity, counts] of Object.entries(run.entities)) {
      if (entitySucceeded(counts)) entitySuccess.set(entity, finishedAt);
    }
    alerts.afterRun(run);
    refreshNext();
    const line = {
      syncId: run.syncId || undefined,
      status: run.status,
      next: stopping ? undefined : dateOrNull(status.next[kind]),
    };
    if (run.status === 'succeeded') logger.info(line, `scheduled ${kind} finished`);
    else logger.error({ ...line, err: run.error }, `scheduled ${kind} finished ${run.status}`);
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
        pending.clear();
        await scheduler?.stop();
        const running = active;
        if (running) {
          logger.info(
            `stopping: aborting the running ${running.kind} (waiting up to ${Math.round(stopTimeoutMs / 1000)} s)`,
          );
          running.controller.abort(new ConnectorError('ABORTED', 'the connector is stopping'));
          if (!(await settlesWithin(running.done, stopTimeoutMs))) {
            logger.warn(
              `the ${running.kind} did not stop within ${Math.round(stopTimeoutMs / 1000)} s; releasing the lock anyway`,
            );
            await lock
              .release()
              .catch((e) => logger.warn({ err: messageOf(e) }, 'could not release the destination lock'));
          }
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
