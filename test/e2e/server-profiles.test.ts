/**
 * The whole product against Epicor emulators that behave like Kinetic on IIS (server profiles), each switch alone and
 * all together: a full sync, an incremental with Epicor writing while it pages, reconcile after deletes and late
 * commits, and a replay of the full sync are exact against the emulator's ground truth — and no request on the wire
 * exceeds `epicor.maxQueryBytes` (2048 by default), measured by the emulator on every request it received.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ServerProfile } from '../../src/emulators/epicor/index.ts';
import { reconcileOnce, replayOnce } from '../../src/jobs/ops-once.ts';
import { syncOnce } from '../../src/jobs/sync-once.ts';
import { type E2eEnv, startE2eEnv } from '../support/e2e-env.ts';
import { startWritingProxy, type WritingProxy } from '../support/writing-proxy.ts';

const BUDGET = 2048;
const retry = { minTimeoutMs: 2, maxTimeoutMs: 10 };

/**
 * [name, profile, entities, refusal the server must have answered with (and the connector survived): in the full
 * sync (timeouts: pages too large) or in the replay (length: key batches over the server's own limit)]
 */
const CASES: [string, string | ServerProfile, string[] | 'all', { full?: number; replay?: number }][] = [
  ['row-cap', 'row-cap', ['vendors', 'gl_journal_lines', 'purchase_order_releases'], {}],
  ['iis-limits', 'iis-limits', ['vendors', 'ap_invoice_lines', 'gl_journal_lines'], {}],
  ['aspnet-limits', 'aspnet-limits', ['customers', 'gl_journal_lines'], {}],
  ['execution-timeout', 'execution-timeout', ['parts', 'gl_journal_lines'], { full: 500 }],
  // A server stricter than the budget: requests the connector thinks fit are refused and split.
  [
    'IIS at 700 bytes (generic remote error pages)',
    { iisMaxQueryString: 700, detailedErrors: false },
    ['vendors', 'gl_journal_lines'],
    { replay: 404 },
  ],
  [
    'ASP.NET at 700 bytes',
    { aspNetMaxQueryStringLength: 700 },
    ['purchase_orders', 'gl_journal_lines'],
    { replay: 400 },
  ],
  ['strict-iis', 'strict-iis', 'all', { full: 500 }],
];

describe.each(CASES)('server profile %s', (_name, profile, entities, refusal) => {
  const refusals = refusal.full !== undefined || refusal.replay !== undefined;
  let env: E2eEnv;
  let proxy: WritingProxy;
  let fullSyncId: string;
  const only = entities === 'all' ? undefined : entities;
  const check = (rule: 'may-remain' | 'marked' = 'may-remain') => env.check({ entities: only, deletedRecords: rule });
  const sync = () => syncOnce(env.config, { logger: env.logger, retry, only });
  const overBudget = () =>
    env.epicor
      .stats()
      .log.filter((r) => r.queryBytes > BUDGET)
      .map((r) => `${r.status} ${r.path} ${r.queryBytes} ${decodeURIComponent(r.query).slice(0, 300)}`);

  beforeAll(async () => {
    env = await startE2eEnv({
      epicor: { profile },
      pageSize: 500,
      front: async (url) => {
        proxy = await startWritingProxy(url);
        return { url: proxy.baseUrl, close: () => proxy.close() };
      },
    });
  }, 60_000);
  afterAll(async () => {
    await env?.close();
  });

  it('a full sync loads every row, no request over the budget', async () => {
    const full = await sync();
    expect(full.run.status, full.run.error).toBe('succeeded');
    fullSyncId = full.run.syncId;
    const report = await check();
    expect(report.tables.flatMap((t) => t.examples)).toEqual([]);
    expect(report.ok).toBe(true);
    expect(overBudget()).toEqual([]);
    const s = env.epicor.stats();
    if (!refusals) expect(s.log.filter((r) => r.status !== 200)).toEqual([]);
    if (refusal.full) expect(s.log.some((r) => r.status === refusal.full)).toBe(true);
    if (env.epicor.profile().rowCap !== undefined) {
      expect(s.log.some((r) => r.status === 200 && /\$top=500/.test(r.query))).toBe(true);
    }
  }, 120_000);

  it('an incremental with Epicor writing while it pages, then the next run, are exact', async () => {
    env.epicor.advance({ inserts: 60, updates: 60, deletes: 0 });
    proxy.beforeRead((n) => {
      if (n % 3 === 0) env.epicor.advance({ inserts: 5, updates: 5, deletes: 0 });
    });
    const inc = await sync();
    proxy.beforeRead(undefined);
    expect(inc.run.status, inc.run.error).toBe('succeeded');
    const next = await sync();
    expect(next.run.status, next.run.error).toBe('succeeded');
    const report = await check();
    expect(report.tables.flatMap((t) => t.examples)).toEqual([]);
    expect(report.ok).toBe(true);
    expect(overBudget()).toEqual([]);
  }, 120_000);

  it('a run with nothing new costs at most 2 Epicor requests per entity (plus the company check and $metadata)', async () => {
    env.epicor.resetStats();
    const idle = await sync();
    expect(idle.run.status).toBe('succeeded');
    const data = env.epicor.stats().log.filter((r) => !r.path.endsWith('/$metadata') && !r.path.endsWith('/Companies'));
    const n = Object.keys(idle.run.entities).length;
    expect(data.length).toBeLessThanOrEqual(2 * n);
  }, 60_000);

  it('reconcile after deletes and late commits marks exactly the deletes and loads the late commits', async () => {
    env.epicor.advance({ inserts: 0, updates: 0, deletes: 10, lateCommits: 12 });
    expect((await sync()).run.status).toBe('succeeded');
    const rec = await reconcileOnce(env.config, { logger: env.logger, retry, only });
    expect(rec.run.status, rec.run.error).toBe('succeeded');
    const report = await check('marked');
    expect(report.tables.flatMap((t) => t.examples)).toEqual([]);
    expect(report.ok).toBe(true);
    expect(overBudget()).toEqual([]);
  }, 120_000);

  it('replay of the full sync reloads what it wrote, exact afterwards', async () => {
    env.epicor.resetStats();
    const rep = await replayOnce(env.config, fullSyncId, { logger: env.logger, retry, only });
    expect(rep.run.status, rep.run.error).toBe('succeeded');
    const fetched = Object.values(rep.run.entities).reduce((n, c) => n + c.fetched, 0);
    const refetched = Object.values(rep.run.entities).reduce((n, c) => n + c.refetched, 0);
    const missing = Object.values(rep.run.entities).reduce((n, c) => n + c.missing, 0);
    expect(fetched).toBeGreaterThan(0);
    expect(refetched + missing).toBe(fetched);
    const report = await check('marked');
    expect(report.tables.flatMap((t) => t.examples)).toEqual([]);
    expect(report.ok).toBe(true);
    // Key batches are by SysRowID and sized by bytes: far more than one key per request.
    const batches = env.epicor.stats().log.filter((r) => /SysRowID%20eq/.test(r.query) && r.status === 200);
    expect(batches.length).toBeGreaterThan(0);
    expect(fetched / batches.length).toBeGreaterThan(5);
    if (refusal.replay) expect(env.epicor.stats().log.some((r) => r.status === refusal.replay)).toBe(true);
    expect(overBudget()).toEqual([]);
  }, 120_000);
});
