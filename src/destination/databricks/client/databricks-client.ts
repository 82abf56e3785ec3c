import { resolveDatabricksCredentials } from '../../../auth/databricks/credential-chain.ts';
import type { DatabricksCredentials } from '../../../auth/databricks/databricks-credentials.ts';
import type { Clock } from '../../../clock.ts';
import type { DatabricksConfig } from '../../../config/schema.ts';
import { createHttpClient, type HttpEvents, type RetryPolicy } from '../../../http/http-client.ts';
import { classifyDatabricksResponse } from './databricks-error-mapper.ts';
import { FilesClient } from './files-client.ts';
import { StatementClient, type StatementClientOptions } from './statement-client.ts';

export interface DatabricksClientOptions {
  clock?: Clock;
  events?: HttpEvents;
  retry?: Partial<RetryPolicy>;
  /** Called after each OAuth token obtained (token refresh counter for metrics). */
  onTokenRefresh?: () => void;
  /** Parallel requests to the workspace (a warehouse runs ~10 statements at once per cluster). */
  concurrency?: number;
  /** Per-request timeout for ordinary calls. */
  timeoutMs?: number;
  /** Statement tuning: wait_timeout, longest wait, poll delays, re-runs of transiently failed statements. */
  statements?: Omit<StatementClientOptions, 'http' | 'host' | 'warehouseId' | 'clock'>;
}

/** Default of `databricks.statementTimeoutSeconds` (SPEC §3): 6 hours. */
export const DEFAULT_STATEMENT_TIMEOUT_SECONDS = 21_600;

/** Everything the destination needs from one Databricks workspace. */
export interface DatabricksClient {
  statements: StatementClient;
  files: FilesClient;
  credentials: DatabricksCredentials;
  /** Releases the pooled connections. */
  close(): Promise<void>;
}

/** Builds the workspace client from the validated `databricks` config: credentials, one HTTP layer, statements, files. */
export function createDatabricksClient(config: DatabricksConfig, opts: DatabricksClientOptions = {}): DatabricksClient {
  const auth = resolveDatabricksCredentials(config, {
    clock: opts.clock,
    retry: opts.retry,
    events: opts.events,
    onRefresh: opts.onTokenRefresh,
  });
  const http = createHttpClient({
    api: 'databricks',
    concurrency: opts.concurrency ?? 8,
    timeoutMs: opts.timeoutMs ?? 120_000,
    retry: opts.retry,
    clock: opts.clock,
    events: opts.events,
    auth: auth.credentials,
    classify: classifyDatabricksResponse,
    endpointSetting: 'databricks.host',
    baseHeaders: { 'user-agent': 'ml-connector' },
  });
  return {
    statements: new StatementClient({
      // `databricks.statementTimeoutSeconds`: the only limit besides a stop after which a statement is canceled.
      maxWaitMs: (config.statementTimeoutSeconds ?? DEFAULT_STATEMENT_TIMEOUT_SECONDS) * 1000,
      ...opts.statements,
      http,
      host: config.host,
      warehouseId: config.warehouseId,
      clock: opts.clock,
    }),
    files: new FilesClient({ http, host: config.host }),
    credentials: auth.credentials,
    close: async () => {
      await Promise.all([http.close(), auth.close()]);
    },
  };
}
