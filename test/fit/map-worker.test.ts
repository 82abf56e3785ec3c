/**
 * `mapWorker: true` (pipeline/worker/): pages mapped and encoded in a worker thread, parts staged through the load.
 * Against the realistic Epicor profile (strict-iis: wide rows, row cap, executionTimeout), a full sync, an
 * incremental after a day of activity and a no-change run load exactly what Epicor holds, with the same row counts
 * as the thread's own path on the same data.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { syncOnce } from '../../src/jobs/sync-once.ts';
import { type E2eEnv, startE2eEnv } from '../support/e2e-env.ts';
import { formatReport } from '../support/ground-truth.ts';

const ONLY = ['vendors', 'purchase_orders', 'purchase_order_lines', 'gl_journal_lines'];

describe('mapWorker: true against strict-iis', () => {
  let env: E2eEnv;
  beforeAll(async () => {
    env = await startE2eEnv({ epicor: { seed: 5, scale: 0.05, profile: 'strict-iis' } });
  });
  afterAll(async () => {
    await env?.close();
  });

  it('full, incremental and no-change runs are exact, and count as the in-thread path does', async () => {
    const config = { ...env.config, mapWorker: true };
    const full = await syncOnce(config, { logger: env.logger, only: ONLY });
    expect(full.run.status, full.run.error).toBe('succeeded');
    const first = await env.check({ entities: ONLY });
    expect(first.ok, formatReport(first)).toBe(true);
    const inserted = Object.values(full.run.entities).reduce((n, e) => n + e.inserted, 0);
    const fetched = Object.values(full.run.entities).reduce((n, e) => n + e.fetched, 0);
    expect(inserted).toBe(fetched);

    env.epicor.advance({ deletes: 0 });
    const inc = await syncOnce(config, { logger: env.logger, only: ONLY });
    expect(inc.run.status, inc.run.error).toBe('succeeded');
    expect(Object.values(inc.run.entities).reduce((n, e) => n + e.inserted + e.updated, 0)).toBeGreaterThan(0);
    const second = await env.check({ entities: ONLY });
    expect(second.ok, formatReport(second)).toBe(true);

    // The same changes again, in the thread's own path: a rerun changes nothing (idempotent either way).
    const again = await syncOnce({ ...env.config, mapWorker: false }, { logger: env.logger, only: ONLY });
    expect(again.run.status).toBe('succeeded');
    expect(Object.values(again.run.entities).reduce((n, e) => n + e.inserted + e.updated, 0)).toBe(0);
  }, 120_000);
});
