/**
 * Builds the live source and destination of a job from the validated config — the concrete Epicor and Databricks
 * wiring the pipeline's ports (pipeline/ports.ts) are implemented by — and holds the destination lock around it.
 */
import { type Clock, systemClock } from '../clock.ts';
import type { Config } from '../config/schema.ts';
import { createDatabricksClient, type DatabricksClient } from '../destination/databricks/client/databricks-client.ts';
import { createDatabricksDestination, type DatabricksDestination } from '../destination/databricks/destination.ts';
import type { HttpEvents, RetryPolicy } from '../http/http-client.ts';
import type { Logger } from '../log/create-logger.ts';
import { withDestinationLock } from '../pipeline/lock-guard.ts';
import { createEpicorSource, type EpicorSource } from '../source/epicor/epicor-source.ts';
import { historyTables } from './history-tables.ts';
import { loggedHttpEvents, loggedStatementHooks } from './logged-events.ts';
import { schemaChangePolicies } from './schema-change-policy.ts';

export interface Connections {
  source: EpicorSource;
  databricks: DatabricksClient;
  destination: DatabricksDestination;
  close(): Promise<void>;
}

export interface ConnectOptions {
  clock?: Clock;
  events?: HttpEvents;
  onTokenRefresh?: (api: 'epicor' | 'databricks') => void;
  /** Backoff tuning (tests use tiny delays). */
  retry?: Partial<RetryPolicy>;
  /** Backoff tuning for Databricks only, over `retry` (a dry run asks once whether the destination answers). */
  databricksRetry?: Partial<RetryPolicy>;
  /**
   * Hold the destination lock for the whole job (default true), so two processes never load one destination at
   * once. The daemon passes false: it holds the lock itself around each scheduled job.
   */
  lock?: boolean;
  /**
   * A Databricks client to use instead of opening one (the daemon's, open for its lifetime: one workspace client per
   * process). The job neither builds nor closes it.
   */
  databricks?: DatabricksClient;
  /**
   * Where the destination's notices about existing tables go (e.g. date columns kept TIMESTAMP); retries, long
   * statement waits and (at debug) HTTP and SQL traces are logged here too.
   */
  logger?: Logger;
}

/** Opens both sides; `close` releases their connection pools. */
export function connect(config: Config, opts: ConnectOptions = {}): Connections {
  const events = loggedHttpEvents(opts.events, opts.logger);
  const source = createEpicorSource(config.epicor, {
    clock: opts.clock,
    events,
    retry: opts.retry,
    onTokenRefresh: () => opts.onTokenRefresh?.('epicor'),
  });
  const databricks = opts.databricks ?? connectDatabricks(config, opts);
  const destination = createDatabricksDestination({
    client: databricks,
    config: config.databricks,
    clock: opts.clock,
    historyTables: historyTables(config),
    schemaChangePolicy: schemaChangePolicies(config),
    onNotice: (message, details) => opts.logger?.warn(details, message),
  });
  return {
    source,
    databricks,
    destination,
    close: async () => {
      await Promise.allSettled([source.close(), opts.databricks ? undefined : databricks.close()]);
    },
  };
}

/** The Databricks workspace client of a job or of the daemon, with its retries and traces logged. */
export function connectDatabricks(config: Config, opts: ConnectOptions = {}): DatabricksClient {
  return createDatabricksClient(config.databricks, {
    clock: opts.clock,
    events: loggedHttpEvents(opts.events, opts.logger),
    statements: loggedStatementHooks(opts.logger),
    retry: opts.databricksRetry ? { ...opts.retry, ...opts.databricksRetry } : opts.retry,
    onTokenRefresh: () => opts.onTokenRefresh?.('databricks'),
  });
}

/**
 * Runs `job` under the destination lock (unless `opts.lock` is false): the connector tables are created first (the
 * lock row lives there), the lock is heart-beaten while the job runs, and losing it aborts the job's signal.
 */
export async function withRunLock<T>(
  conn: Connections,
  opts: ConnectOptions & { logger: Logger; clock?: Clock; signal?: AbortSignal },
  job: (signal: AbortSignal | undefined) => Promise<T>,
): Promise<T> {
  if (opts.lock === false) return job(opts.signal);
  await conn.destination.prepare([], opts.signal);
  const controller = new AbortController();
  const forward = () => controller.abort(opts.signal?.reason);
  if (opts.signal?.aborted) forward();
  opts.signal?.addEventListener('abort', forward, { once: true });
  try {
    return await withDestinationLock(
      {
        lock: conn.destination.lock,
        clock: opts.clock ?? systemClock,
        logger: opts.logger,
        controller,
      },
      () => job(controller.signal),
    );
  } finally {
    opts.signal?.removeEventListener('abort', forward);
  }
}
