/** How `startDaemon` is configured, and the run functions it calls for each scheduled job. */
import type { Clock } from '../clock.ts';
import type { Config } from '../config/schema.ts';
import type { DatabricksClient } from '../destination/databricks/client/databricks-client.ts';
import type { HttpEvents, RetryPolicy } from '../http/http-client.ts';
import type { Logger } from '../log/create-logger.ts';
import type { RunRecord } from '../pipeline/ports.ts';

/** What the daemon hands each run: its logger and clock, the stop signal, the metrics hooks and its client. */
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
