/**
 * Alerts inside `run`, on a manual clock against a local receiver: `stale` once per episode when an entity goes
 * past `freshnessSlaHours`, `recovered` when it succeeds again, `failed` and then `recovered` from runs.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../clock.ts';
import type { Config } from '../config/schema.ts';
import { emulatedConfig } from '../demo/emulated-config.ts';
import { createLogger } from '../log/create-logger.ts';
import type { EntityCounts, RunRecord } from '../pipeline/ports.ts';
import { startDaemonAlerts } from './daemon-alerts.ts';
import type { LedgerRun } from './run-alerts.ts';

const HOUR = 3_600_000;
const logger = createLogger({ format: 'text', level: 'silent', secrets: [] });
let server: Server;
let bodies: Record<string, unknown>[] = [];
let arrived: (() => void) | undefined;
let config: Config;

const counts = (status: EntityCounts['status'], error?: string): EntityCounts => ({
  fetched: 1,
  inserted: 0,
  updated: 0,
  unchanged: 1,
  bad: 0,
  pages: 1,
  requests: 1,
  watermark_from: null,
  watermark_to: null,
  status,
  ...(error ? { error } : {}),
});
function run(id: string, at: number, entities: Record<string, EntityCounts>): RunRecord {
  const failed = Object.values(entities).every((c) => c.status === 'failed');
  return {
    syncId: id,
    trigger: 'schedule',
    startedAt: new Date(at - 1000),
    finishedAt: new Date(at),
    status: failed ? 'failed' : 'succeeded',
    entities,
  };
}
/** Resolves when `n` more bodies arrived. */
function next(n = 1): Promise<void> {
  const want = bodies.length + n;
  return new Promise((resolve) => {
    arrived = () => bodies.length >= want && resolve();
    arrived();
  });
}

beforeAll(async () => {
  server = createServer((req, res) => {
    let body = '';
    req.on('data', (d) => (body += d));
    req.on('end', () => {
      bodies.push(JSON.parse(body));
      res.end();
      arrived?.();
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;
  config = emulatedConfig('http://127.0.0.1:9/kinetic', 'http://127.0.0.1:9', { entities: ['vendors', 'parts'] });
  config.alerts = [{ webhook: url, events: ['failed', 'partial', 'recovered', 'stale'] }];
  config.freshnessSlaHours = 2;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));
beforeEach(() => {
  bodies = [];
});

describe('daemon alerts', () => {
  it('sends stale once per episode and recovered when the entity succeeds again', async () => {
    const clock = new ManualClock();
    const t0 = clock.now();
    const success = new Map<string, number | null>([
      ['vendors', t0],
      ['parts', t0],
    ]);
    const alerts = startDaemonAlerts({ config, logger, clock, success, previousRuns: async () => [] });
    await alerts.checkFreshness();
    expect(bodies).toEqual([]);
    success.set('parts', t0 + 90 * 60_000); // parts keeps succeeding, vendors does not
    clock.advance(2 * HOUR + 60_000);
    await alerts.checkFreshness();
    expect(bodies).toHaveLength(1);
    expect(bodies[0]).toMatchObject({ event: 'stale', stale: [{ entity: 'vendors', hours_since_success: 2 }] });
    expect(String(bodies[0].text)).toContain('no successful sync for over 2 h: vendors');
    // Still stale an hour later: no second alert for the same episode.
    clock.advance(HOUR);
    await alerts.checkFreshness();
    expect(bodies).toHaveLength(1);
    // vendors succeeds: one recovered.
    success.set('vendors', clock.now());
    const got = next();
    alerts.afterRun(run('r2', clock.now(), { vendors: counts('succeeded'), parts: counts('succeeded') }));
    await got;
    expect(bodies[1]).toMatchObject({ event: 'recovered', stale: [{ entity: 'vendors' }] });
    // A new episode later alerts again.
    clock.advance(3 * HOUR);
    await alerts.checkFreshness();
    expect(bodies.slice(2).map((b) => b.event)).toEqual(['stale']);
    await alerts.stop();
  });

  it('the freshness loop runs on the injected clock', async () => {
    const clock = new ManualClock();
    const success = new Map<string, number | null>([['vendors', clock.now()]]);
    const alerts = startDaemonAlerts({
      config,
      logger,
      clock,
      success,
      previousRuns: async () => [],
      checkEveryMs: 60_000,
    });
    const got = next();
    clock.advance(2 * HOUR + 60_000);
    await got;
    expect(bodies.map((b) => b.event)).toEqual(['stale']);
    await alerts.stop();
  });

  it('a failed run alerts failed with the entity errors; the next success alerts recovered', async () => {
    const clock = new ManualClock();
    const ledger: LedgerRun[] = [];
    const success = new Map<string, number | null>([['vendors', clock.now()]]);
    const alerts = startDaemonAlerts({ config, logger, clock, success, previousRuns: async () => ledger });
    const bad = run('r1', clock.now(), { vendors: counts('failed', 'Epicor rejected the API key') });
    ledger.unshift(bad);
    let got = next();
    alerts.afterRun(bad);
    await got;
    expect(bodies[0]).toMatchObject({
      event: 'failed',
      entities: [{ entity: 'vendors', status: 'failed', error: 'Epicor rejected the API key' }],
    });
    const good = run('r2', clock.now(), { vendors: counts('succeeded') });
    ledger.unshift(good);
    got = next();
    alerts.afterRun(good);
    await got;
    expect(bodies[1]).toMatchObject({ event: 'recovered', run: { sync_id: 'r2' } });
    expect(String(bodies[1].text)).toContain('recovered: vendors succeeded again');
    await alerts.stop();
    expect(bodies).toHaveLength(2);
  });
});
