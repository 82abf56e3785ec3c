/**
 * `ml-connector run` as a child process against both emulators: SIGTERM in the middle of a run exits 0 within the
 * stop bound, records the run as finished and frees the lock; a restart then leaves every table exact.
 */
import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createDatabricksEmulator,
  type DatabricksEmulator,
} from '../../src/emulators/databricks/databricks-emulator.ts';
import { createEpicorEmulator, type EpicorEmulator } from '../../src/emulators/epicor/index.ts';
import { BIN } from '../cli/spawn-cli.ts';

const STOP_TIMEOUT_S = 15;
const TABLES = [
  { entitySet: 'Vendors', table: 'dim_vendor', key: 'vendor_key' },
  { entitySet: 'GLAccounts', table: 'dim_gl_account', key: 'gl_account_key' },
  { entitySet: 'Parts', table: 'dim_part', key: 'part_key' },
];

let dir: string;
let epicor: EpicorEmulator;
let databricks: DatabricksEmulator;
let configPath: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'run-command-'));
  // Slow pages, so SIGTERM lands while the first run is still reading.
  epicor = createEpicorEmulator({ seed: 3, scale: 0.05, latency: { fixedMs: 60 } });
  databricks = await createDatabricksEmulator({ dataDir: join(dir, 'warehouse') });
  const epicorUrl = await epicor.listen(0);
  const host = await databricks.listen(0);
  configPath = join(dir, 'ml-connector.yaml');
  await writeFile(
    configPath,
    [
      'epicor:',
      `  baseUrl: ${epicorUrl}`,
      '  company: EPIC06',
      '  apiKey: demo-api-key',
      '  auth:',
      '    type: oauth2',
      `    tokenUrl: ${epicorUrl}/oauth/token`,
      '    clientId: ml-connector-demo',
      '    clientSecret: demo-secret',
      '  pageSize: 5',
      '  concurrency: 2',
      'databricks:',
      `  host: ${host}`,
      '  warehouseId: emulated-warehouse',
      '  catalog: main',
      '  schema: epicor',
      '  auth: { type: oauth-m2m, clientId: demo-sp, clientSecret: demo-sp-secret }',
      'schedule: "cron: * * * * * *"',
      'reconcile: manual',
      'entities: [vendors, gl_accounts, parts]',
      'metrics: { port: 0 }',
      '',
    ].join('\n'),
  );
});

afterAll(async () => {
  await epicor?.close();
  await databricks?.close();
  await rm(dir, { recursive: true, force: true });
});

interface Child {
  proc: ChildProcessWithoutNullStreams;
  lines: Record<string, unknown>[];
  exited: Promise<number | null>;
  /** Resolves with the first log line matching. */
  waitFor(pattern: RegExp, ms?: number): Promise<Record<string, unknown>>;
}

function startRun(): Child {
  const proc = spawn(
    process.execPath,
    [BIN, '--log-format', 'json', '--config', configPath, 'run', '--stop-timeout', String(STOP_TIMEOUT_S)],
    { cwd: dir, stdio: 'pipe', env: { ...process.env, TZ: 'UTC' } },
  );
  const lines: Record<string, unknown>[] = [];
  let stderrTail = '';
  let buffer = '';
  const waiters: { pattern: RegExp; resolve(l: Record<string, unknown>): void }[] = [];
  proc.stderr.on('data', (d: Buffer) => {
    buffer += d.toString();
    for (let nl = buffer.indexOf('\n'); nl >= 0; nl = buffer.indexOf('\n')) {
      const text = buffer.slice(0, nl);
      buffer = buffer.slice(nl + 1);
      stderrTail = (stderrTail + text).slice(-2000);
      let line: Record<string, unknown>;
      try {
        line = JSON.parse(text);
      } catch {
        continue;
      }
      lines.push(line);
      for (const w of [...waiters]) {
        if (w.pattern.test(String(line.msg))) {
          waiters.splice(waiters.indexOf(w), 1);
          w.resolve(line);
        }
      }
    }
  });
  proc.stdout.resume();
  const exited = new Promise<number | null>((resolve) => proc.on('close', (code) => resolve(code)));
  return {
    proc,
    lines,
    exited,
    waitFor(pattern, ms = 20_000) {
      const seen = lines.find((l) => pattern.test(String(l.msg)));
      if (seen) return Promise.resolve(seen);
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no log line ${pattern} in time; stderr: ${stderrTail}`)), ms);
        waiters.push({
          pattern,
          resolve: (l) => {
            clearTimeout(timer);
            resolve(l);
          },
        });
        exited.then(() => reject(new Error(`run exited before ${pattern}; stderr: ${stderrTail}`)));
      });
    },
  };
}

interface Health {
  status: string;
  lastRun: { status: string } | null;
}

async function healthz(port: number): Promise<{ status: number; body: Health }> {
  const res = await fetch(`http://127.0.0.1:${port}/healthz`);
  return { status: res.status, body: (await res.json()) as Health };
}

async function stopAndTime(child: Child): Promise<{ code: number | null; seconds: number }> {
  const t0 = performance.now();
  child.proc.kill('SIGTERM');
  const code = await child.exited;
  return { code, seconds: (performance.now() - t0) / 1000 };
}

describe('ml-connector run (child process)', () => {
  it('stops on SIGTERM mid-run with exit 0, then a restart leaves the tables exact', async () => {
    const first = startRun();
    const serving = await first.waitFor(/serving \/healthz and \/metrics/);
    await first.waitFor(/next sync at/);
    await first.waitFor(/^sync started$/);
    // Wait until pages are flowing: the run is busy reading Epicor when the signal comes.
    epicor.resetStats();
    while (epicor.stats().rowsServed < 12) await new Promise((r) => setTimeout(r, 20));
    const during = await healthz(Number(serving.port));
    expect(during.body.status).toBe('running');
    const stopped = await stopAndTime(first);
    expect(stopped.code).toBe(0);
    expect(stopped.seconds).toBeLessThan(STOP_TIMEOUT_S);
    await first.waitFor(/^stopped$/, 100);

    const ledger = await databricks.query('SELECT status, finished_at FROM main.epicor._ml_connector_runs');
    expect(ledger.length).toBe(1);
    expect(ledger[0].status).not.toBe('running');
    expect(ledger[0].finished_at).not.toBeNull();
    const lock = await databricks.query('SELECT holder FROM main.epicor._ml_connector_lock');
    expect(lock[0].holder).toBeNull();

    const second = startRun();
    const port = Number((await second.waitFor(/serving \/healthz/)).port);
    const deadline = Date.now() + 30_000;
    let health = await healthz(port);
    while (health.body.lastRun?.status !== 'succeeded' && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 100));
      health = await healthz(port);
    }
    expect(health.body.lastRun?.status).toBe('succeeded');
    const again = await stopAndTime(second);
    expect(again.code).toBe(0);

    for (const t of TABLES) {
      const expected = epicor.records('EPIC06', t.entitySet).length;
      const [row] = await databricks.query(
        `SELECT COUNT(*) AS n, COUNT(DISTINCT ${t.key}) AS keys FROM main.epicor.${t.table}`,
      );
      expect({ table: t.table, n: Number(row.n), keys: Number(row.keys) }).toEqual({
        table: t.table,
        n: expected,
        keys: expected,
      });
    }
  });
});
