/** Builds the live source and destination of a run from the validated config. */
import type { Clock } from '../clock.ts';
import type { Config } from '../config/schema.ts';
import { createDatabricksClient, type DatabricksClient } from '../destination/databricks/client/databricks-client.ts';
import { createDatabricksDestination, type DatabricksDestination } from '../destination/databricks/destination.ts';
import type { HttpEvents, RetryPolicy } from '../http/http-client.ts';
import { createEpicorSource, type EpicorSource } from '../source/epicor/epicor-source.ts';

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
}

/** Opens both sides; `close` releases their connection pools. */
export function connect(config: Config, opts: ConnectOptions = {}): Connections {
  const source = createEpicorSource(config.epicor, {
    clock: opts.clock,
    events: opts.events,
    retry: opts.retry,
    onTokenRefresh: () => opts.onTokenRefresh?.('epicor'),
  });
  const databricks = createDatabricksClient(config.databricks, {
    clock: opts.clock,
    events: opts.events,
    retry: opts.retry,
    onTokenRefresh: () => opts.onTokenRefresh?.('databricks'),
  });
  const destination = createDatabricksDestination({ client: databricks, config: config.databricks, clock: opts.clock });
  return {
    source,
    databricks,
    destination,
    close: async () => {
      await Promise.allSettled([source.close(), databricks.close()]);
    },
  };
}
