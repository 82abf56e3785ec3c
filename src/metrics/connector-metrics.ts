/** The connector's own metrics (served on `/metrics` by `run`) and the hooks that feed them. */
import type { HttpEvents } from '../http/http-client.ts';
import { type Counter, type Gauge, type Histogram, MetricsRegistry } from './registry.ts';

/** Record counts per entity that become `ml_connector_records_total{action}`. */
export const RECORD_ACTIONS = ['fetched', 'inserted', 'updated', 'unchanged', 'bad'] as const;

/**
 * What the metrics read of a finished run (the pipeline's RunRecord fits it): metrics sit below the pipeline, so
 * they name only the fields they count.
 */
export interface CountedRun {
  status: string;
  startedAt?: Date | null;
  finishedAt?: Date;
  entities: Record<string, { status?: string; error?: string }>;
}

/** Run durations from a second to a few hours. */
const DURATION_BUCKETS = [1, 5, 15, 30, 60, 120, 300, 600, 1200, 1800, 3600, 7200, 14400];

export interface ConnectorMetrics {
  registry: MetricsRegistry;
  runs: Counter;
  runsSkipped: Counter;
  records: Counter;
  runDuration: Histogram;
  httpRequests: Counter;
  httpRetries: Counter;
  tokenRefreshes: Counter;
  lastSuccess: Gauge;
  runInProgress: Gauge;
  /** Plug into the HTTP clients (`syncOnce({ events })`). */
  http: HttpEvents;
  /** Plug into `syncOnce({ onTokenRefresh })`. */
  tokenRefreshed(api: string): void;
  /** Counts a finished run: status, per-entity record counts, duration and per-entity last success. */
  runFinished(run: CountedRun, durationSeconds: number): void;
}

/** Creates the registry with every connector metric declared (so a scrape before the first run lists them all). */
export function createConnectorMetrics(): ConnectorMetrics {
  const registry = new MetricsRegistry();
  const runs = registry.counter('ml_connector_runs_total', 'Finished sync and reconcile runs by status.', ['status']);
  const runsSkipped = registry.counter(
    'ml_connector_runs_skipped_total',
    'Scheduled runs not started: busy (a run of this process was still going) or locked (another process holds the destination lock).',
    ['reason'],
  );
  const records = registry.counter('ml_connector_records_total', 'Records per entity and what happened to them.', [
    'entity',
    'action',
  ]);
  const runDuration = registry.histogram(
    'ml_connector_run_duration_seconds',
    'Wall time of finished runs.',
    [],
    DURATION_BUCKETS,
  );
  const httpRequests = registry.counter(
    'ml_connector_http_requests_total',
    'HTTP requests sent to Epicor and Databricks, by response status (error = no response).',
    ['api', 'status'],
  );
  const httpRetries = registry.counter('ml_connector_http_retries_total', 'HTTP retries by failure code.', [
    'api',
    'code',
  ]);
  const tokenRefreshes = registry.counter('ml_connector_token_refreshes_total', 'Access tokens obtained.', ['api']);
  const lastSuccess = registry.gauge(
    'ml_connector_last_success_timestamp_seconds',
    'Unix time when the entity last finished a run with its rows committed.',
    ['entity'],
  );
  const runInProgress = registry.gauge('ml_connector_run_in_progress', '1 while a run is going, else 0.');
  runInProgress.set(undefined, 0);

  return {
    registry,
    runs,
    runsSkipped,
    records,
    runDuration,
    httpRequests,
    httpRetries,
    tokenRefreshes,
    lastSuccess,
    runInProgress,
    http: {
      request: (api, status) => httpRequests.inc({ api, status: String(status) }),
      retry: (api, code) => httpRetries.inc({ api, code }),
    },
    tokenRefreshed: (api) => tokenRefreshes.inc({ api }),
    runFinished(run, durationSeconds) {
      runs.inc({ status: run.status });
      runDuration.observe(undefined, durationSeconds);
      const finishedAt = (run.finishedAt ?? new Date()).getTime() / 1000;
      for (const [entity, counts] of Object.entries(run.entities)) {
        // Zero increments still create the series, so dashboards see every entity and action.
        for (const action of RECORD_ACTIONS) records.inc({ entity, action }, countOf(counts, action));
        // Reconcile also marks rows deleted.
        const deleted = countOf(counts, 'deleted');
        if (deleted > 0) records.inc({ entity, action: 'deleted' }, deleted);
        if (entitySucceeded(counts)) lastSuccess.set({ entity }, finishedAt);
      }
    },
  };
}

/** An entity counts as synced when its rows were committed (bad records reported do not undo that). */
export function entitySucceeded(counts: { status?: string; error?: string }): boolean {
  return (counts.status === 'succeeded' || counts.status === 'partial') && !counts.error;
}

/** A count from a run record, 0 when absent or not a sane number (ledger rows come from other versions too). */
function countOf(counts: object, field: string): number {
  const v = (counts as Record<string, unknown>)[field];
  return typeof v === 'number' && Number.isFinite(v) && v >= 0 ? v : 0;
}
