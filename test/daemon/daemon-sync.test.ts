/**
 * `startDaemon` with the real pipeline against both emulators: /metrics counts what a real sync did, and two daemons
 * on one destination never run at once (the run ledger has no overlapping runs).
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseSchedule } from '../../src/config/schedule.ts';
import type { Config } from '../../src/config/schema.ts';
import { type Daemon, startDaemon } from '../../src/daemon/daemon.ts';
import { emulatedConfig } from '../../src/demo/emulated-config.ts';
import {
  createDatabricksEmulator,
  type DatabricksEmulator,
} from '../../src/emulators/databricks/databricks-emulator.ts';
import { createEpicorEmulator, type EpicorEmulator } from '../../src/emulators/epicor/index.ts';
import { createLogger } from '../../src/log/create-logger.ts';
import { parsePrometheusText } from '../../src/metrics/testing/parse-prometheus-text.ts';

let dir: string;
let epicor: EpicorEmulator;
let databricks: DatabricksEmulator;
let config: Config;
const daemons: Daemon[] = [];

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'daemon-sync-'));
  epicor = createEpicorEmulator({ seed: 7, scale: 0.05 });
  databricks = await createDatabricksEmulator({ dataDir: dir });
  const epicorUrl = await epicor.listen(0);
  const host = await databricks.listen(0);
  const every = parseSchedule('cron: * * * * * *');
  if (typeof every === 'string') throw new Error(every);
  config = { ...emulatedConfig(epicorUrl, host, { entities: ['vendors', 'gl_accounts'] }), schedule: every };
});

afterAll(async () => {
  await Promise.all(daemons.map((d) => d.stop()));
  await epicor.close();
  await databricks.close();
  await rm(dir, { recursive: true, force: true });
});

function logCapture() {
  const lines: { msg?: string }[] = [];
  const logger = createLogger({
    format: 'json',
    level: 'info',
    secrets: [],
    stream: { write: (l: string) => lines.push(JSON.parse(l)) },
  });
  return { lines, logger };
}

async function start(): Promise<{ daemon: Daemon; lines: { msg?: string }[] }> {
  const { lines, logger } = logCapture();
  const daemon = await startDaemon({
    config,
    logger,
    port: 0,
    host: '127.0.0.1',
    retry: { minTimeoutMs: 5, maxTimeoutMs: 20 },
  });
  daemons.push(daemon);
  return { daemon, lines };
}

async function getText(daemon: Daemon, path: string): Promise<string> {
  return (await fetch(`http://127.0.0.1:${daemon.port}${path}`)).text();
}

/** A TIMESTAMP from the emulator as epoch ms (keeps the milliseconds). */
function ms(v: unknown): number {
  return v instanceof Date ? v.getTime() : new Date(String(v)).getTime();
}

async function until(ok: () => Promise<boolean> | boolean, ms: number): Promise<void> {
  const end = Date.now() + ms;
  while (!(await ok())) {
    if (Date.now() > end) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 25));
  }
}

describe('run daemon with the real pipeline', () => {
  it('serves /metrics counting the requests and records of a real sync', async () => {
    const { daemon } = await start();
    await until(async () => JSON.parse(await getText(daemon, '/healthz')).lastRun?.status === 'succeeded', 30_000);
    const health = JSON.parse(await getText(daemon, '/healthz'));
    expect(health.status === 'ok' || health.status === 'running').toBe(true);
    expect(health.entities.vendors.freshnessSeconds).toBeLessThan(30);

    const m = parsePrometheusText(await getText(daemon, '/metrics'));
    const vendors = epicor.records('EPIC06', 'Vendors').length;
    const accounts = epicor.records('EPIC06', 'GLAccounts').length;
    // Later runs find nothing new, so the totals are exactly the first run's.
    expect(m.value('ml_connector_records_total', { entity: 'vendors', action: 'fetched' })).toBe(vendors);
    expect(m.value('ml_connector_records_total', { entity: 'vendors', action: 'inserted' })).toBe(vendors);
    expect(m.value('ml_connector_records_total', { entity: 'gl_accounts', action: 'fetched' })).toBe(accounts);
    expect(m.value('ml_connector_runs_total', { status: 'succeeded' })).toBeGreaterThanOrEqual(1);
    expect(m.value('ml_connector_run_duration_seconds_count')).toBeGreaterThanOrEqual(1);
    expect(m.value('ml_connector_http_requests_total', { api: 'epicor', status: '200' })).toBeGreaterThan(2);
    expect(m.value('ml_connector_http_requests_total', { api: 'databricks', status: '200' })).toBeGreaterThan(2);
    expect(m.value('ml_connector_token_refreshes_total', { api: 'epicor' })).toBeGreaterThanOrEqual(1);
    expect(m.value('ml_connector_token_refreshes_total', { api: 'databricks' })).toBeGreaterThanOrEqual(1);
    const lastSuccess = m.value('ml_connector_last_success_timestamp_seconds', { entity: 'vendors' }) ?? 0;
    expect(Math.abs(Date.now() / 1000 - lastSuccess)).toBeLessThan(30);
    const rows = await databricks.query('SELECT COUNT(*) AS n FROM main.epicor.dim_vendor');
    expect(Number(rows[0].n)).toBe(vendors);
    // One Databricks client for the daemon and every run it starts: after several runs, still the one token.
    await until(
      () =>
        (parsePrometheusText(daemon.metrics.registry.render()).value('ml_connector_runs_total', {
          status: 'succeeded',
        }) ?? 0) >= 3,
      30_000,
    );
    const after = parsePrometheusText(await getText(daemon, '/metrics'));
    expect(after.value('ml_connector_token_refreshes_total', { api: 'databricks' })).toBe(1);
    expect(after.value('ml_connector_token_refreshes_total', { api: 'epicor' })).toBeGreaterThanOrEqual(3);
  });

  it('lets only one of two daemons on one destination run at a time', async () => {
    const [a] = daemons;
    const b = await start();
    // Give the runs work to do while both daemons tick every second.
    epicor.setLatency({ fixedMs: 15 });
    const lockedSkips = () =>
      [a, b.daemon]
        .map(
          (d) =>
            parsePrometheusText(d.metrics.registry.render()).value('ml_connector_runs_skipped_total', {
              reason: 'locked',
            }) ?? 0,
        )
        .reduce((x, y) => x + y, 0);
    const scheduledRuns = async () =>
      Number(
        (
          await databricks.query(
            `SELECT COUNT(*) AS n FROM main.epicor._ml_connector_runs WHERE "trigger" = 'schedule'`,
          )
        )[0].n,
      );
    // At least 4 s of ticking, longer on a slow machine until both daemons have contended and several runs are in.
    const started = Date.now();
    while (
      Date.now() - started < 4000 ||
      ((lockedSkips() === 0 || (await scheduledRuns()) < 4) && Date.now() - started < 30_000)
    ) {
      epicor.advance();
      await new Promise((r) => setTimeout(r, 400));
    }
    await Promise.all([a.stop(), b.daemon.stop()]);
    epicor.setLatency({});

    const runs = await databricks.query(
      'SELECT sync_id, started_at, finished_at, status FROM main.epicor._ml_connector_runs WHERE "trigger" = \'schedule\' ORDER BY started_at',
    );
    expect(runs.length).toBeGreaterThanOrEqual(4);
    for (let i = 1; i < runs.length; i++) {
      const prev = runs[i - 1];
      const cur = runs[i];
      expect(prev.finished_at, `run ${String(prev.sync_id)} never finished`).not.toBeNull();
      expect(ms(cur.started_at)).toBeGreaterThanOrEqual(ms(prev.finished_at));
    }
    expect(lockedSkips()).toBeGreaterThan(0);
    const lock = await databricks.query('SELECT holder FROM main.epicor._ml_connector_lock');
    expect(lock[0].holder).toBeNull();
  });
});
