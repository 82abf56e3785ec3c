import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../clock.ts';
import { parseSchedule } from '../config/schedule.ts';
import type { Config } from '../config/schema.ts';
import { emulatedConfig } from '../demo/emulated-config.ts';
import { createDatabricksClient, type DatabricksClient } from '../destination/databricks/client/databricks-client.ts';
import { createDestinationLock } from '../destination/databricks/lock.ts';
import { createDatabricksEmulator, type DatabricksEmulator } from '../emulators/databricks/databricks-emulator.ts';
import { createLogger } from '../log/create-logger.ts';
import { parsePrometheusText } from '../metrics/testing/parse-prometheus-text.ts';
import type { EntityCounts, RunRecord } from '../pipeline/ports.ts';
import { type Daemon, type ReconcileFn, type SyncFn, startDaemon } from './daemon.ts';

const T0 = Date.UTC(2026, 0, 1, 0, 10, 0);
const MIN = 60_000;
const REF = { catalog: 'main', schema: 'epicor' };

let dir: string;
let emulator: DatabricksEmulator;
let client: DatabricksClient;
let baseConfig: Config;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'daemon-test-'));
  emulator = await createDatabricksEmulator({ dataDir: dir });
  const host = await emulator.listen(0);
  // The sync is faked in this file, so Epicor is never called.
  baseConfig = emulatedConfig('http://127.0.0.1:9/kinetic', host, { entities: ['vendors', 'gl_accounts'] });
  client = createDatabricksClient(baseConfig.databricks);
});

afterAll(async () => {
  await client.close();
  await emulator.close();
  await rm(dir, { recursive: true, force: true });
});

let daemon: Daemon | undefined;
afterEach(async () => {
  await daemon?.stop();
  daemon = undefined;
});

function withSchedule(text: string, reconcileText = 'manual'): Config {
  const schedule = parseSchedule(text);
  const reconcile = parseSchedule(reconcileText);
  if (typeof schedule === 'string') throw new Error(schedule);
  if (typeof reconcile === 'string') throw new Error(reconcile);
  return { ...baseConfig, schedule, reconcile };
}

function counts(status: EntityCounts['status'], fetched: number, error?: string): EntityCounts {
  return {
    fetched,
    inserted: fetched,
    updated: 0,
    unchanged: 0,
    bad: 0,
    pages: 1,
    requests: 1,
    watermark_from: null,
    watermark_to: null,
    status,
    error,
  };
}

/** A sync the test finishes by hand; an abort finishes it as failed, as the real pipeline does. */
function controllableSync(clock: ManualClock) {
  const calls: { signal: AbortSignal; finish(status: RunRecord['status'], error?: string): void }[] = [];
  const syncFn: SyncFn & ReconcileFn = (_config, opts) =>
    new Promise((resolve) => {
      const n = calls.length;
      const startedAt = new Date(clock.now());
      const finish = (status: RunRecord['status'], error?: string) =>
        resolve({
          run: {
            syncId: `sync-${n}`,
            trigger: 'trigger' in opts ? opts.trigger : 'reconcile',
            startedAt,
            finishedAt: new Date(clock.now()),
            status,
            error,
            entities: {
              vendors: counts(status === 'succeeded' ? 'succeeded' : 'failed', 4, error),
              gl_accounts: counts('succeeded', 2),
            },
          },
        });
      opts.signal?.addEventListener('abort', () => finish('failed', 'aborted'), { once: true });
      calls.push({ signal: opts.signal!, finish });
    });
  return { calls, syncFn };
}

function captureLogger() {
  const lines: Record<string, unknown>[] = [];
  const logger = createLogger({
    format: 'json',
    level: 'debug',
    secrets: [],
    stream: { write: (l: string) => lines.push(JSON.parse(l)) },
  });
  return { lines, logger };
}

async function get(path: string): Promise<{ status: number; type: string; text: string }> {
  const res = await fetch(`http://127.0.0.1:${daemon!.port}${path}`);
  return { status: res.status, type: res.headers.get('content-type') ?? '', text: await res.text() };
}

async function healthz() {
  const r = await get('/healthz');
  return { status: r.status, body: JSON.parse(r.text) };
}

/** Polls until `ok` holds (fails the test after `ms`); the daemon's own steps take real time on a loaded machine. */
async function eventually<T>(probe: () => Promise<T> | T, ok: (v: T) => boolean, ms = 20_000): Promise<T> {
  const until = Date.now() + ms;
  for (;;) {
    const v = await probe();
    if (ok(v)) return v;
    if (Date.now() > until) throw new Error(`condition not met within ${ms} ms; last value: ${JSON.stringify(v)}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

describe('startDaemon with a controllable sync on a real destination lock', () => {
  it('walks /healthz through starting → running → ok → failing → stuck, and skips a tick while busy', async () => {
    const clock = new ManualClock(T0);
    const { calls, syncFn } = controllableSync(clock);
    const { lines, logger } = captureLogger();
    daemon = await startDaemon({
      config: withSchedule('hourly'),
      logger,
      clock,
      syncFn,
      port: 0,
      host: '127.0.0.1',
      timezone: 'UTC',
    });

    let h = await healthz();
    expect(h.status).toBe(200);
    expect(h.body).toMatchObject({
      status: 'starting',
      nextRun: '2026-01-01T01:00:00.000Z',
      lastRun: null,
      runInProgress: null,
      schedule: { sync: 'hourly (0 * * * *)', reconcile: 'not available' },
      entities: {
        vendors: { lastSuccessAt: null, freshnessSeconds: null },
        gl_accounts: { lastSuccessAt: null, freshnessSeconds: null },
      },
    });

    clock.advance(50 * MIN); // 01:00: first run
    await eventually(
      () => calls.length,
      (n) => n === 1,
    );
    h = await healthz();
    expect(h.status).toBe(200);
    expect(h.body.status).toBe('running');
    expect(h.body.runInProgress).toMatchObject({ kind: 'sync', windowSeconds: 3600 });
    const lockRow = await createDestinationLock(client, REF).read();
    expect(lockRow.holder).not.toBeNull();

    clock.advance(2 * MIN);
    calls[0].finish('succeeded');
    h = await eventually(healthz, (x) => x.body.status === 'ok');
    expect(h.status).toBe(200);
    expect(h.body.lastRun).toMatchObject({ status: 'succeeded', syncId: 'sync-0', durationSeconds: 120 });
    expect((await createDestinationLock(client, REF).read()).holder).toBeNull();
    clock.advance(30_000);
    h = await healthz();
    expect(h.body.entities.vendors).toEqual({ lastSuccessAt: '2026-01-01T01:02:00.000Z', freshnessSeconds: 30 });

    clock.advance(58 * MIN); // 02:00
    await eventually(
      () => calls.length,
      (n) => n === 2,
    );
    calls[1].finish('failed', 'vendors: Epicor said no');
    h = await eventually(healthz, (x) => x.body.status !== 'running' && x.body.lastRun?.syncId === 'sync-1');
    expect(h.status).toBe(503);
    expect(h.body).toMatchObject({
      status: 'failing',
      lastRun: { status: 'failed', error: 'vendors: Epicor said no' },
    });
    // vendors failed this time, so its freshness still points at the first run.
    expect(h.body.entities.vendors.lastSuccessAt).toBe('2026-01-01T01:02:00.000Z');

    clock.advance(60 * MIN); // 03:00: a run that hangs
    await eventually(
      () => calls.length,
      (n) => n === 3,
    );
    expect((await healthz()).body.status).toBe('running');
    clock.advance(61 * MIN); // 04:00 comes while it still runs
    h = await eventually(healthz, (x) => x.body.lastSkipped !== null);
    expect(h.status).toBe(503);
    expect(h.body).toMatchObject({ status: 'stuck', lastSkipped: { kind: 'sync', reason: 'busy' } });
    expect(calls).toHaveLength(3);
    expect(lines.some((l) => /previous sync is still running; skipped/.test(String(l.msg)))).toBe(true);

    const metrics = parsePrometheusText((await get('/metrics')).text);
    expect(metrics.value('ml_connector_runs_total', { status: 'succeeded' })).toBe(1);
    expect(metrics.value('ml_connector_runs_total', { status: 'failed' })).toBe(1);
    expect(metrics.value('ml_connector_runs_skipped_total', { reason: 'busy' })).toBe(1);
    expect(metrics.value('ml_connector_run_in_progress')).toBe(1);
    expect(metrics.value('ml_connector_records_total', { entity: 'vendors', action: 'fetched' })).toBe(8);
    expect(metrics.value('ml_connector_http_requests_total', { api: 'databricks', status: '200' })).toBeGreaterThan(0);

    // Graceful stop aborts the hung run through its signal and gives the lock back.
    await daemon.stop();
    expect(calls[2].signal.aborted).toBe(true);
    expect((await createDestinationLock(client, REF).read()).holder).toBeNull();
    await expect(fetch(`http://127.0.0.1:${daemon.port}/healthz`)).rejects.toThrow();
  });

  it('skips a tick while another process holds the destination lock and reports standby', async () => {
    const clock = new ManualClock(T0);
    const { calls, syncFn } = controllableSync(clock);
    const { lines, logger } = captureLogger();
    const other = createDestinationLock(client, REF, { holder: 'other-host:1', clock });
    daemon = await startDaemon({
      config: withSchedule('hourly'),
      logger,
      clock,
      syncFn,
      port: 0,
      host: '127.0.0.1',
      timezone: 'UTC',
      // The other holder's heartbeat stays put while the manual clock moves on; keep it fresh for this test.
      lockStaleAfterMs: 24 * 60 * MIN,
    });
    await eventually(
      () =>
        createDestinationLock(client, REF)
          .read()
          .then(() => true)
          .catch(() => false),
      Boolean,
    );
    await other.acquire();

    clock.advance(50 * MIN);
    const h = await eventually(healthz, (x) => x.body.lastSkipped !== null);
    expect(h.status).toBe(200);
    expect(h.body).toMatchObject({ status: 'standby', lastSkipped: { reason: 'locked' } });
    expect(h.body.lastSkipped.detail).toContain('other-host:1');
    expect(calls).toHaveLength(0);
    expect(lines.some((l) => /another process holds the destination lock/.test(String(l.msg)))).toBe(true);
    expect(
      parsePrometheusText((await get('/metrics')).text).value('ml_connector_runs_skipped_total', { reason: 'locked' }),
    ).toBe(1);

    await other.release();
    clock.advance(60 * MIN);
    await eventually(
      () => calls.length,
      (n) => n === 1,
    );
    calls[0].finish('succeeded');
    expect((await eventually(healthz, (x) => x.body.status === 'ok')).body.status).toBe('ok');
  });

  it('never fires a manual schedule but still serves /healthz and /metrics', async () => {
    const clock = new ManualClock(T0);
    const { calls, syncFn } = controllableSync(clock);
    daemon = await startDaemon({
      config: withSchedule('manual'),
      logger: captureLogger().logger,
      clock,
      syncFn,
      port: 0,
      host: '127.0.0.1',
    });
    clock.advance(40 * 24 * 60 * MIN);
    // A manual schedule has no fire time at all (nextRun null), so nothing can be due however far the clock moves.
    const h = await healthz();
    expect(h.status).toBe(200);
    expect(h.body).toMatchObject({ status: 'idle', nextRun: null, lastRun: null });
    expect(calls).toHaveLength(0);
    const m = await get('/metrics');
    expect(m.type).toContain('text/plain; version=0.0.4');
    expect(parsePrometheusText(m.text).value('ml_connector_run_in_progress')).toBe(0);
    expect((await get('/nope')).status).toBe(404);
    expect((await fetch(`http://127.0.0.1:${daemon.port}/metrics`, { method: 'POST' })).status).toBe(405);
  });

  it('runs reconcile on its own schedule, after a sync that was due at the same time', async () => {
    const clock = new ManualClock(Date.UTC(2026, 0, 1, 23, 30));
    const sync = controllableSync(clock);
    const reconcile = controllableSync(clock);
    const { lines, logger } = captureLogger();
    daemon = await startDaemon({
      config: withSchedule('hourly', 'daily'),
      logger,
      clock,
      syncFn: sync.syncFn,
      reconcileFn: reconcile.syncFn,
      port: 0,
      host: '127.0.0.1',
      timezone: 'UTC',
    });
    let h = await healthz();
    expect(h.body).toMatchObject({
      nextRun: '2026-01-02T00:00:00.000Z',
      nextReconcile: '2026-01-02T00:00:00.000Z',
      schedule: { reconcile: 'daily (0 0 * * *)' },
    });

    clock.advance(30 * MIN); // both due at midnight: the sync runs, the reconcile waits for it
    await eventually(
      () => sync.calls.length,
      (n) => n === 1,
    );
    // The daemon logs its decision when the reconcile comes due: wait for that, then it must not have started.
    await eventually(
      () => lines.some((l) => /reconcile due while a sync is running/.test(String(l.msg))),
      (seen) => seen,
    );
    expect(reconcile.calls).toHaveLength(0);
    sync.calls[0].finish('succeeded');
    await eventually(
      () => reconcile.calls.length,
      (n) => n === 1,
    );
    h = await healthz();
    expect(h.body).toMatchObject({ status: 'running', runInProgress: { kind: 'reconcile', windowSeconds: 86400 } });
    reconcile.calls[0].finish('failed', 'vendors: key scan failed');
    h = await eventually(healthz, (x) => x.body.lastReconcile !== null);
    expect(h.status).toBe(503);
    expect(h.body).toMatchObject({
      status: 'failing',
      lastRun: { kind: 'sync', status: 'succeeded' },
      lastReconcile: { kind: 'reconcile', status: 'failed', error: 'vendors: key scan failed' },
      nextReconcile: '2026-01-03T00:00:00.000Z',
    });
  });
});
