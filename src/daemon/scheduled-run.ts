/**
 * One scheduled job of the daemon: get the destination ready, hold the destination lock around the run (a lock held
 * elsewhere skips the tick: standby), and record how it ended in /healthz and /metrics.
 */
import type { Clock } from '../clock.ts';
import type { Schedule } from '../config/schedule.ts';
import type { Config } from '../config/schema.ts';
import type { DatabricksClient } from '../destination/databricks/client/databricks-client.ts';
import type { DatabricksDestination } from '../destination/databricks/destination.ts';
import { messageOf } from '../errors.ts';
import type { Logger } from '../log/create-logger.ts';
import { type ConnectorMetrics, entitySucceeded } from '../metrics/connector-metrics.ts';
import { isLockedError, withDestinationLock } from '../pipeline/lock-guard.ts';
import type { RunRecord } from '../pipeline/ports.ts';
import type { DaemonOptions, RunFnOptions, SyncFn } from './daemon-options.ts';
import type { DaemonStatus, RunKind } from './health-report.ts';
import { nextFireTime } from './scheduler.ts';

/** A run may not take less than this before /healthz calls it stuck, however often its schedule fires. */
const MIN_RUN_WINDOW_MS = 5 * 60_000;

/** What a scheduled job needs of the daemon around it. */
export interface ScheduledRunEnv {
  config: Config;
  logger: Logger;
  clock: Clock;
  options: Pick<DaemonOptions, 'reconcileFn' | 'heartbeatMs' | 'timezone' | 'retry'>;
  syncFn: SyncFn;
  schedules: Partial<Record<RunKind, Schedule>>;
  metrics: ConnectorMetrics;
  status: DaemonStatus;
  entitySuccess: Map<string, number | null>;
  client: DatabricksClient;
  destination: DatabricksDestination;
  /** Resolves once the connector tables exist (start-up's, or created now). */
  ready(): Promise<void>;
  /** Refreshes `status.next` from the scheduler. */
  refreshNext(): void;
  /** True once `stop` began (no next fire time is logged then). */
  stopping(): boolean;
  /** Told of every finished run after freshness is updated (the alerts); must not throw or wait. */
  afterRun?(run: RunRecord): void;
}

/** Runs one scheduled job of `kind`, due at `dueAt`, under the destination lock; never throws. */
export async function runScheduled(
  env: ScheduledRunEnv,
  kind: RunKind,
  dueAt: number,
  controller: AbortController,
): Promise<void> {
  const { clock, logger, metrics, status, config } = env;
  const startedAt = clock.now();
  const nextDue = nextFireTime(env.schedules[kind]!, dueAt, env.options.timezone);
  const windowMs = Math.max(MIN_RUN_WINDOW_MS, nextDue === null ? 0 : nextDue - dueAt);
  status.current = { kind, startedAt, windowMs };
  metrics.runInProgress.set(undefined, 1);
  logger.info({ due: new Date(dueAt).toISOString() }, `scheduled ${kind} starting`);
  try {
    await env.ready();
    const result = await withDestinationLock(
      { lock: env.destination.lock, clock, logger, heartbeatMs: env.options.heartbeatMs, controller },
      async () => {
        if (controller.signal.aborted) return null;
        const runOpts: RunFnOptions = {
          logger,
          clock,
          signal: controller.signal,
          events: metrics.http,
          onTokenRefresh: (api) => metrics.tokenRefreshed(api),
          retry: env.options.retry,
          // The daemon already holds the destination lock around this job.
          lock: false,
          databricks: env.client,
        };
        return kind === 'sync'
          ? env.syncFn(config, { ...runOpts, trigger: 'schedule' })
          : env.options.reconcileFn!(config, runOpts);
      },
    );
    if (result) recordRun(env, kind, result.run);
  } catch (e) {
    if (isLockedError(e)) {
      status.lastSkip = { kind, reason: 'locked', at: clock.now(), detail: e.message };
      metrics.runsSkipped.inc({ reason: 'locked' });
      logger.info({ holder: e.details?.holder }, `${kind} skipped: another process holds the destination lock`);
      return;
    }
    const failedAt = clock.now();
    recordRun(env, kind, {
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

/** Records how a scheduled job ended: /healthz's last run, the run metrics, per-entity freshness, one log line. */
function recordRun(env: ScheduledRunEnv, kind: RunKind, run: RunRecord): void {
  const { status, metrics, clock, logger } = env;
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
    if (entitySucceeded(counts)) env.entitySuccess.set(entity, finishedAt);
  }
  env.afterRun?.(run);
  env.refreshNext();
  const line = {
    syncId: run.syncId || undefined,
    status: run.status,
    next: env.stopping() ? undefined : dateOrNull(status.next[kind]),
  };
  if (run.status === 'succeeded') logger.info(line, `scheduled ${kind} finished`);
  else logger.error({ ...line, err: run.error }, `scheduled ${kind} finished ${run.status}`);
}

const dateOrNull = (ms: number | null) => (ms === null ? null : new Date(ms));
