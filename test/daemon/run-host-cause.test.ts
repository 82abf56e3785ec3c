/**
 * `ml-connector run` as a child process: /healthz and /metrics listen on `metrics.host` (loopback unless configured;
 * issue 16 item 13), and a run that fails for one run-wide reason shows that reason once in /healthz (item 5).
 */
import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { connect } from 'node:net';
import { networkInterfaces, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createDatabricksEmulator,
  type DatabricksEmulator,
} from '../../src/emulators/databricks/databricks-emulator.ts';
import { createEpicorEmulator, type EpicorEmulator } from '../../src/emulators/epicor/index.ts';
import { BIN } from '../cli/spawn-cli.ts';

let dir: string;
let epicor: EpicorEmulator;
let databricks: DatabricksEmulator;
let epicorUrl: string;
let host: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'run-host-'));
  epicor = createEpicorEmulator({ seed: 3, scale: 0.02 });
  databricks = await createDatabricksEmulator({ dataDir: join(dir, 'warehouse') });
  epicorUrl = await epicor.listen(0);
  host = await databricks.listen(0);
});
afterAll(async () => {
  await epicor?.close();
  await databricks?.close();
  await rm(dir, { recursive: true, force: true });
});

async function writeRunConfig(name: string, metrics: string): Promise<string> {
  const path = join(dir, `${name}.yaml`);
  await writeFile(
    path,
    [
      'epicor:',
      `  baseUrl: ${epicorUrl}`,
      '  company: EPIC06',
      '  apiKey: wrong-api-key',
      '  auth: { type: oauth2, tokenUrl: ' +
        `${epicorUrl}/oauth/token` +
        ', clientId: ml-connector-demo, clientSecret: demo-secret }',
      'databricks:',
      `  host: ${host}`,
      '  warehouseId: emulated-warehouse',
      '  catalog: main',
      `  schema: ${name}`,
      '  auth: { type: oauth-m2m, clientId: demo-sp, clientSecret: demo-sp-secret }',
      'schedule: "cron: * * * * * *"',
      'reconcile: manual',
      `metrics: ${metrics}`,
      '',
    ].join('\n'),
  );
  return path;
}

function startRun(config: string) {
  const proc: ChildProcessWithoutNullStreams = spawn(
    process.execPath,
    [BIN, '--log-format', 'json', '--config', config, 'run', '--stop-timeout', '5'],
    { cwd: dir, stdio: 'pipe' },
  );
  let stderr = '';
  proc.stderr.on('data', (d) => (stderr += d));
  proc.stdout.resume();
  const exited = new Promise<number | null>((resolve) => proc.on('close', (code) => resolve(code)));
  const serving = async () => {
    const deadline = Date.now() + 30_000;
    for (;;) {
      const line = stderr
        .split('\n')
        .filter((l) => l.startsWith('{'))
        .map((l) => JSON.parse(l) as { msg: string; port?: number; host?: string })
        .find((l) => l.msg.startsWith('serving /healthz'));
      if (line) return line;
      if (Date.now() > deadline) throw new Error(`not serving: ${stderr}`);
      await new Promise((r) => setTimeout(r, 20));
    }
  };
  return { proc, exited, serving };
}

/** A non-loopback IPv4 address of this machine, if it has one. */
const OTHER_ADDRESS = Object.values(networkInterfaces())
  .flat()
  .find((a) => a && a.family === 'IPv4' && !a.internal)?.address;

function canConnect(address: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = connect({ host: address, port });
    s.once('connect', () => {
      s.destroy();
      resolve(true);
    });
    s.once('error', () => resolve(false));
  });
}

describe('run: metrics.host and the run cause in /healthz', () => {
  it('serves on loopback by default; /healthz shows a wrong API key once as the last run error', async () => {
    const run = startRun(await writeRunConfig('host_default', '{ port: 0 }'));
    try {
      const line = await run.serving();
      expect(line.msg).toBe(`serving /healthz and /metrics on http://127.0.0.1:${line.port}`);
      if (OTHER_ADDRESS) expect(await canConnect(OTHER_ADDRESS, Number(line.port))).toBe(false);
      let body: { lastRun: { error: string | null } | null } = { lastRun: null };
      const deadline = Date.now() + 30_000;
      while (!body.lastRun?.error && Date.now() < deadline) {
        body = (await (await fetch(`http://127.0.0.1:${line.port}/healthz`)).json()) as typeof body;
        if (!body.lastRun?.error) await new Promise((r) => setTimeout(r, 100));
      }
      // Before: 13 copies of the same sentence joined into a ~700-character line.
      expect(body.lastRun?.error, JSON.stringify(body)).toMatch(
        /^Epicor rejected the API key \(x-api-key\) \(HTTP 401\): [^;]*$/,
      );
    } finally {
      run.proc.kill('SIGTERM');
      await run.exited;
    }
  });

  it.skipIf(!OTHER_ADDRESS)('metrics.host: 0.0.0.0 (containers) is reachable on the other interfaces', async () => {
    const run = startRun(await writeRunConfig('host_any', '{ port: 0, host: 0.0.0.0 }'));
    try {
      const line = await run.serving();
      expect(line.host).toBe('0.0.0.0');
      expect(await canConnect(OTHER_ADDRESS!, Number(line.port))).toBe(true);
    } finally {
      run.proc.kill('SIGTERM');
      await run.exited;
    }
  });
});
