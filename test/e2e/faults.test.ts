/**
 * The sync under hostile conditions: Databricks tokens that live 30 s while the (test-driven) clock races through a
 * run, and 10% injected faults of every kind on both APIs. Either way the tables must match Epicor exactly.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/clock.ts';
import { syncOnce } from '../../src/jobs/sync-once.ts';
import { type E2eEnv, startE2eEnv } from '../support/e2e-env.ts';
import { formatReport } from '../support/ground-truth.ts';

const RETRY = { minTimeoutMs: 5, maxTimeoutMs: 50, licenseBackoffMs: [10, 20, 40], maxRetryAfterMs: 50 };

let env: E2eEnv | undefined;
afterEach(async () => {
  await env?.close();
  env = undefined;
});

/** Counts what each API answered, and the retries and token refreshes, through the connector's own HTTP events. */
function recorder() {
  const statuses: Record<string, Record<string, number>> = {};
  const retries: Record<string, Record<string, number>> = {};
  const refreshes = { epicor: 0, databricks: 0 };
  return {
    statuses,
    retries,
    refreshes,
    events: {
      request(api: string, status: number | 'error') {
        statuses[api] ??= {};
        statuses[api][status] = (statuses[api][status] ?? 0) + 1;
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
}

describe('sync under hostile conditions', () => {
  it('30 s Databricks tokens never expire mid-run while the clock races', async () => {
    const clock = new ManualClock(Date.UTC(2026, 2, 1, 8));
    env = await startE2eEnv({ epicor: { clock }, databricks: { clock, tokenTtlSeconds: 30 } });
    const rec = recorder();
    // Every HTTP exchange moves the virtual clock 400 ms and the ticker 1 s per 50 ms of real time: a full run spans
    // several token lifetimes. (A whole second per exchange compressed time unlike any real clock: with DDL, uploads
    // and extraction overlapping, a dozen exchanges finishing while one was in flight jumped the clock past the
    // token's 7.5 s safety margin.) The ticker also releases anything that sleeps on the clock.
    const events = {
      request(api: string, status: number | 'error') {
        rec.events.request(api, status);
        clock.advance(400);
      },
      retry: rec.events.retry,
    };
    const ticker = setInterval(() => clock.advance(1000), 50);
    const started = clock.now();
    try {
      const result = await syncOnce(env.config, {
        logger: env.logger,
        clock,
        events,
        onTokenRefresh: rec.onTokenRefresh,
      });
      expect(result.run.status, result.run.error).toBe('succeeded');
    } finally {
      clearInterval(ticker);
    }
    const elapsed = (clock.now() - started) / 1000;
    expect(elapsed, 'the runs spanned several token lifetimes').toBeGreaterThan(90);
    expect(rec.statuses.databricks?.['401'] ?? 0, JSON.stringify(rec.statuses)).toBe(0);
    expect(rec.statuses.databricks?.error ?? 0).toBe(0);
    expect(rec.retries.databricks ?? {}).toEqual({});
    expect(rec.refreshes.databricks).toBeGreaterThanOrEqual(3);
    expect(env.databricks.statementLog().filter((s) => s.state !== 'SUCCEEDED')).toEqual([]);
    const report = await env.check();
    expect(report.ok, formatReport(report)).toBe(true);
  });

  it('10% faults of every kind on both sides still load exactly', async () => {
    const each = 0.1 / 8;
    env = await startE2eEnv({
      epicor: {
        faults: {
          rate429: each,
          retryAfterSeconds: 1,
          rate500: each,
          rate502: each,
          rate503: each,
          rateLicense: each,
          rateReset: each,
          rateTruncated: each,
          rateHtml: each,
        },
      },
      databricks: {
        faults: { rate429: 0.025, retryAfterSeconds: 1, rate503: 0.025, rate500: 0.025, rateAmbiguous: 0.025 },
      },
    });
    const rec = recorder();
    const first = await syncOnce(env.config, { logger: env.logger, retry: RETRY, ...rec });
    expect(first.run.status, first.run.error).toBe('succeeded');
    env.epicor.advance();
    const second = await syncOnce(env.config, { logger: env.logger, retry: RETRY, ...rec });
    expect(second.run.status, second.run.error).toBe('succeeded');

    // The faults really happened, on both sides.
    const epicorFaults = Object.entries(env.epicor.stats().byStatus).filter(([s]) => s !== '200');
    expect(epicorFaults.length, JSON.stringify(env.epicor.stats().byStatus)).toBeGreaterThan(0);
    const seen = JSON.stringify(rec.statuses);
    for (const status of ['429', '500', '502', '503', 'error'])
      expect(rec.statuses.epicor?.[status], seen).toBeGreaterThan(0);
    for (const status of ['429', '500', '503']) expect(rec.statuses.databricks?.[status], seen).toBeGreaterThan(0);
    expect(rec.retries.epicor?.EPICOR_LICENSE, JSON.stringify(rec.retries)).toBeGreaterThan(0);

    env.epicor.setFaults({});
    env.databricks.setFaults({});
    const report = await env.check();
    expect(report.ok, formatReport(report)).toBe(true);
  });
});
