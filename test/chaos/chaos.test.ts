/**
 * Chaos suite (`npm run test:chaos`): CHAOS_RUNS (default 50) syncs of several entities against both emulators with
 * 10% injected faults of every kind on both APIs, 15 s tokens on both sides while a racing clock spans many token
 * lifetimes, a warehouse that starts cold, and Epicor activity (inserts, updates, deletes, late commits) between runs
 * and fired on a timer while they page. A reconcile every ten runs and a final sync + reconcile — faults still on —
 * must leave the tables exactly what Epicor holds, deleted records marked.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/clock.ts';
import { emulatedConfig } from '../../src/demo/emulated-config.ts';
import { reconcileOnce } from '../../src/jobs/ops-once.ts';
import { syncOnce } from '../../src/jobs/sync-once.ts';
import { type E2eEnv, startE2eEnv } from '../support/e2e-env.ts';
import { checkGroundTruth, formatReport } from '../support/ground-truth.ts';
import { type FaultCountingProxy, startFaultCountingProxy } from './fault-counting-proxy.ts';
import { lateCommitGuard } from './late-commit-guard.ts';

const RUNS = Number(process.env.CHAOS_RUNS ?? 50);
const COMPANY = 'EPIC06';
const ENTITIES = [
  'vendors',
  'customers',
  'parts',
  'gl_accounts',
  'purchase_orders',
  'purchase_order_releases',
  'ap_invoices',
];
const RETRY = { minTimeoutMs: 5, maxTimeoutMs: 50, licenseBackoffMs: [10, 20, 40], maxRetryAfterMs: 50 };
const EACH_EPICOR = 0.1 / 8;
const EPICOR_FAULTS = {
  rate429: EACH_EPICOR,
  retryAfterSeconds: 1,
  rate500: EACH_EPICOR,
  rate502: EACH_EPICOR,
  rate503: EACH_EPICOR,
  rateLicense: EACH_EPICOR,
  rateReset: EACH_EPICOR,
  rateTruncated: EACH_EPICOR,
  rateHtml: EACH_EPICOR,
};
const DATABRICKS_FAULTS = {
  rate429: 0.025,
  retryAfterSeconds: 1,
  rate503: 0.025,
  rate500: 0.025,
  rateAmbiguous: 0.025,
};

let env: E2eEnv | undefined;
let proxy: FaultCountingProxy | undefined;
afterAll(async () => {
  await proxy?.close();
  await env?.close();
});

describe('chaos', () => {
  it(`${RUNS} runs under faults, short tokens and live activity end exact`, async () => {
    const t0 = Date.now();
    const clock = new ManualClock(Date.UTC(2026, 2, 2, 6));
    env = await startE2eEnv({
      epicor: { seed: 23, scale: 0.1, clock, tokenTtlSeconds: 15, faults: EPICOR_FAULTS, latency: { fixedMs: 1 } },
      databricks: { clock, tokenTtlSeconds: 15, warehouseStartupMs: 1500, faults: DATABRICKS_FAULTS, seed: 5 },
    });
    proxy = await startFaultCountingProxy(env.host, env.databricks);
    const config = emulatedConfig(env.epicorUrl, proxy.url, { entities: ENTITIES, pageSize: 40 });
    const guard = lateCommitGuard(env.epicor, COMPANY);

    const statuses: Record<string, Record<string, number>> = {};
    const retries: Record<string, Record<string, number>> = {};
    const refreshes = { epicor: 0, databricks: 0 };
    const opts = {
      logger: env.logger,
      clock,
      retry: RETRY,
      events: {
        // Every exchange takes a quarter of a virtual second: a run (~90 exchanges) spans 15 s token lifetimes.
        request(api: string, status: number | 'error') {
          statuses[api] ??= {};
          statuses[api][status] = (statuses[api][status] ?? 0) + 1;
          clock.advance(250);
        },
        retry(api: string, code: string) {
          retries[api] ??= {};
          retries[api][code] = (retries[api][code] ?? 0) + 1;
        },
      },
      onTokenRefresh: (api: 'epicor' | 'databricks') => {
        refreshes[api]++;
      },
    };
    // Releases whatever sleeps on the clock (backoffs, statement polls) even when no request is in flight.
    // Five times real time, so an event-loop stall of the in-process emulators does not outlive a token by itself.
    const ticker = setInterval(() => clock.advance(250), 50);
    const failures: string[] = [];
    const runMs: number[] = [];
    let during = 0;
    let between = 0;
    const activity = { inserted: 0, updated: 0, deleted: 0, lateCommits: 0 };
    const tally = (r: { totals: typeof activity }) => {
      for (const k of Object.keys(activity) as (keyof typeof activity)[]) activity[k] += r.totals[k];
    };
    const virtualStart = clock.now();
    try {
      for (let i = 0; i < RUNS; i++) {
        if (i > 0) {
          tally(guard.advance({ inserts: 6, updates: 6, deletes: i % 2, lateCommits: 1 }));
          between++;
        }
        // Activity while the run pages: every 100 ms a few writes, now and then a delete or a late commit.
        let tick = 0;
        const writer = setInterval(() => {
          tick++;
          tally(
            guard.advance({
              inserts: 2,
              updates: 2,
              deletes: tick % 12 === 0 ? 1 : 0,
              lateCommits: tick % 3 === 0 ? 1 : 0,
            }),
          );
          during++;
        }, 100);
        const runStart = Date.now();
        try {
          const r = await syncOnce(config, opts);
          runMs.push(Date.now() - runStart);
          if (r.run.status !== 'succeeded') failures.push(`sync ${i}: ${r.run.status} ${r.run.error ?? ''}`);
        } catch (e) {
          failures.push(`sync ${i}: threw ${e instanceof Error ? e.message : String(e)}`);
        } finally {
          clearInterval(writer);
        }
        if (i % 10 === 9) {
          const r = await reconcileOnce(config, opts);
          if (r.run.status !== 'succeeded') failures.push(`reconcile after ${i}: ${r.run.status} ${r.run.error ?? ''}`);
        }
      }
      // Activity stops; one more sync and a reconcile, faults still on.
      const last = await syncOnce(config, opts);
      if (last.run.status !== 'succeeded') failures.push(`final sync: ${last.run.status} ${last.run.error ?? ''}`);
      const rec = await reconcileOnce(config, opts);
      if (rec.run.status !== 'succeeded') failures.push(`final reconcile: ${rec.run.status} ${rec.run.error ?? ''}`);
    } finally {
      clearInterval(ticker);
    }

    const schema = 'c_main.epicor';
    const { source, substituted } = await guard.truth(env.query, schema);
    const report = await checkGroundTruth({
      source,
      query: env.query,
      company: COMPANY,
      instance: env.epicorUrl,
      entities: ENTITIES,
      deletedRecords: 'marked',
    });
    const rowsCompared = report.tables.reduce((n, t) => n + t.actual, 0);
    const epicorStats = env.epicor.stats().byStatus;
    const databricksCounts = proxy.counts();
    const figures = {
      runs: RUNS,
      failures: failures.length,
      seconds: Math.round((Date.now() - t0) / 1000),
      syncMs: { first: runMs[0], median: runMs.slice(1).sort((a, b) => a - b)[Math.floor(runMs.length / 2)] },
      virtualMinutes: Math.round((clock.now() - virtualStart) / 60_000),
      activity: { ...activity, writesDuringRuns: during, stretchesBetweenRuns: between },
      epicorAnswers: epicorStats,
      databricksAnswers: databricksCounts,
      retries,
      tokenRefreshes: refreshes,
      impossibleLateCommits: guard.impossible(),
      substitutedByGuard: substituted,
      rowsCompared,
      deletedMarked: report.tables.reduce((n, t) => n + t.deletedRemaining, 0),
    };
    console.log(`chaos figures ${JSON.stringify(figures, null, 2)}`);
    console.log(formatReport(report));
    for (const t of report.tables.filter((x) => x.lineage > 0)) console.log(await lineageSuspects(env.query, t.table));

    expect(failures, failures.join('\n')).toEqual([]);
    expect(report.ok, formatReport(report)).toBe(true);
    // The chaos really happened: every kind on both sides, token lifetimes spanned, activity during runs.
    for (const kind of ['429', '500', '502', '503', '400', 'reset', 'truncated'])
      expect(epicorStats[kind] ?? 0, `Epicor ${kind}: ${JSON.stringify(epicorStats)}`).toBeGreaterThan(0);
    for (const kind of ['429', '503', '500', 'ambiguous-500', 'ambiguous-reset'])
      expect(databricksCounts[kind] ?? 0, `Databricks ${kind}: ${JSON.stringify(databricksCounts)}`).toBeGreaterThan(0);
    expect(refreshes.epicor).toBeGreaterThan(RUNS);
    expect(refreshes.databricks).toBeGreaterThan(RUNS);
    expect(activity.deleted).toBeGreaterThan(0);
    expect(activity.lateCommits).toBeGreaterThan(0);
    expect(during).toBeGreaterThan(0);
  });
});

/** The fact version rows the checker counts as lineage problems, with the ledger row they point at (evidence). */
async function lineageSuspects(query: (sql: string) => Promise<Record<string, unknown>[]>, table: string) {
  const rows = await query(
    `SELECT t._source_record_id, CAST(t._source_rev AS VARCHAR) AS rev, t._sync_id, CAST(t._synced_at AS VARCHAR) AS synced_at, ` +
      `CAST(t._sync_date AS VARCHAR) AS sync_date, t._is_deleted, t._source_url IS NULL AS no_url, r.trigger, r.status, ` +
      `CAST(r.started_at AS VARCHAR) AS run_started FROM c_main.epicor.${table} AS t ` +
      `LEFT JOIN c_main.epicor._ml_connector_runs AS r ON r.sync_id = t._sync_id ` +
      `WHERE r.sync_id IS NULL OR t._synced_at IS DISTINCT FROM r.started_at OR t._source_url IS NULL ` +
      `OR t._sync_date IS DISTINCT FROM CAST(t._synced_at AS DATE) OR t._is_deleted IS NULL LIMIT 20`,
  );
  return `${table} lineage suspects:\n${rows.map((r) => `  ${JSON.stringify(r, (_, v) => (typeof v === 'bigint' ? String(v) : v))}`).join('\n')}`;
}
