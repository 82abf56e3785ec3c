/**
 * Reconcile concludes "deleted" only from a key scan that reached its end: a scan cut short by failing pages marks
 * nothing (the entity fails with the reason); the same reconcile once Epicor answers again marks exactly the deletes.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { reconcileOnce } from '../../src/jobs/ops-once.ts';
import { syncOnce } from '../../src/jobs/sync-once.ts';
import { type E2eEnv, startE2eEnv } from '../support/e2e-env.ts';
import { startWritingProxy, type WritingProxy } from '../support/writing-proxy.ts';

const only = ['customers', 'purchase_order_releases'];
const retry = { minTimeoutMs: 1, maxTimeoutMs: 3, maxRetries: 1 };
let env: E2eEnv;
let proxy: WritingProxy;

beforeAll(async () => {
  env = await startE2eEnv({
    epicor: { profile: 'row-cap' },
    pageSize: 200,
    front: async (url) => {
      proxy = await startWritingProxy(url);
      return { url: proxy.baseUrl, close: () => proxy.close() };
    },
  });
  expect((await syncOnce(env.config, { logger: env.logger, retry, only })).run.status).toBe('succeeded');
  env.epicor.advance({ inserts: 0, updates: 0, deletes: 12, lateCommits: 0 });
}, 60_000);
afterAll(() => env?.close());

const marked = async () =>
  (await env.query('SELECT count(*) AS n FROM c_main.epicor.dim_customer WHERE _is_deleted'))[0].n;

describe('reconcile with a key scan cut short', () => {
  it('marks nothing and fails the entity with the reason when scan pages stop answering', async () => {
    expect(env.epicor.deleted('EPIC06', 'Customers').length).toBeGreaterThan(0);
    // From the second key-scan page of vendors on, Epicor answers 500 (retries run out).
    let scanPages = 0;
    proxy.beforeRead((_n, url) => {
      if (url.pathname.endsWith('/Customers') && url.searchParams.get('$select')?.includes('SysRevID')) {
        if (++scanPages === 2) env.epicor.setFaults({ rate500: 1 });
      }
    });
    const rec = await reconcileOnce(env.config, { logger: env.logger, retry, only });
    proxy.beforeRead(undefined);
    env.epicor.setFaults({});
    expect(rec.run.entities.customers.status).toBe('failed');
    expect(rec.run.entities.customers.error).toMatch(
      /key scan stopped after 1 page\(s\), so no record was marked deleted/,
    );
    expect(rec.run.entities.customers.deleted).toBe(0);
    expect(Number(await marked())).toBe(0);
  }, 60_000);

  it('the next reconcile, with Epicor answering, marks exactly the deletes', async () => {
    const rec = await reconcileOnce(env.config, { logger: env.logger, retry, only });
    expect(rec.run.status, rec.run.error).toBe('succeeded');
    expect(rec.run.entities.customers.deleted).toBe(env.epicor.deleted('EPIC06', 'Customers').length);
    const report = await env.check({ entities: only, deletedRecords: 'marked' });
    expect(report.tables.flatMap((t) => t.examples)).toEqual([]);
    expect(report.ok).toBe(true);
  }, 60_000);
});
