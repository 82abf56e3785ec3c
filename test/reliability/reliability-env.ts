/**
 * Both emulators with the hostile proxy in front of Epicor, shared by the reliability tests. Each test syncs a few
 * entities into its own Databricks schema (so tests do not see each other's tables) with tiny retry backoffs.
 */
import type { Config } from '../../src/config/schema.ts';
import { syncOnce } from '../../src/jobs/sync-once.ts';
import type { SyncResult } from '../../src/pipeline/sync-run.ts';
import { type E2eEnv, startE2eEnv } from '../support/e2e-env.ts';
import { checkGroundTruth, formatReport, type GroundTruthReport } from '../support/ground-truth.ts';
import { type HostileProxy, startHostileProxy } from './hostile-proxy.ts';

export const RETRY = { minTimeoutMs: 5, maxTimeoutMs: 50, licenseBackoffMs: [10, 20, 40], maxRetryAfterMs: 50 };

export interface ReliabilityEnv {
  env: E2eEnv;
  proxy: HostileProxy;
  /** The env's config writing into schema `schema`. */
  configFor(schema: string): Config;
  /** One sync of `only` into `schema`. */
  sync(schema: string, only: string[]): Promise<SyncResult>;
  /** Ground truth of `entities` in `schema`. */
  check(schema: string, entities: string[]): Promise<GroundTruthReport & { text: string }>;
  /** `entity → cursor_value` of the state table of `schema`. */
  watermarks(schema: string): Promise<Record<string, string>>;
  /** Rows of `sql` (DuckDB), with `S` replaced by `c_main.<schema>`. */
  query(schema: string, sql: string): Promise<Record<string, unknown>[]>;
  close(): Promise<void>;
}

/** Starts the emulators (small scale, small pages so entities span several pages) and the proxy. */
export async function startReliabilityEnv(pageSize = 10): Promise<ReliabilityEnv> {
  let proxy: HostileProxy | undefined;
  const env = await startE2eEnv({
    epicor: { scale: 0.1 },
    pageSize,
    front: async (url) => {
      proxy = await startHostileProxy(url);
      const p = proxy;
      return { url: p.baseUrl, close: () => p.close() };
    },
  });
  const configFor = (schema: string): Config => ({
    ...env.config,
    databricks: { ...env.config.databricks, schema },
  });
  const query = (schema: string, sql: string) => env.query(sql.replaceAll('S.', `c_main.${schema}.`));
  return {
    env,
    proxy: proxy!,
    configFor,
    sync: (schema, only) => syncOnce(configFor(schema), { logger: env.logger, retry: RETRY, only }),
    async check(schema, entities) {
      const report = await checkGroundTruth({
        source: env.epicor,
        query: env.query,
        company: 'EPIC06',
        instance: env.epicorUrl,
        schema: `c_main.${schema}`,
        entities,
      });
      return { ...report, text: formatReport(report) };
    },
    async watermarks(schema) {
      const rows = await query(schema, 'SELECT entity, cursor_value FROM S._ml_connector_state').catch(() => []);
      return Object.fromEntries(rows.map((r) => [String(r.entity), String(r.cursor_value)]));
    },
    query,
    close: () => env.close(),
  };
}
