/**
 * The emulators of a benchmark phase: Epicor in this process, Databricks (with the counting proxy in front) in a
 * child process of its own — two independent systems, as in production, so neither's CPU bursts stall the other's
 * event loop.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { request } from 'node:http';
import { fileURLToPath } from 'node:url';
import { createEpicorEmulator, type EpicorEmulator } from '../src/emulators/epicor/index.ts';
import { type DatabricksChildStats, READY_PREFIX } from './databricks-child-protocol.ts';
import type { ProxyStats } from './databricks-proxy.ts';
import type { LatencyModel } from './latency-model.ts';

const CHILD = fileURLToPath(new URL('./databricks-child.ts', import.meta.url));

export interface BenchDatabricks {
  /** What the client is given (the proxy). */
  host: string;
  /** Statements the emulator has run so far. */
  statementCount(): Promise<number>;
  /** The proxy's figures since the last reset. */
  proxyStats(): Promise<ProxyStats>;
  resetProxy(): Promise<void>;
  /** CPU the Databricks process has used so far (ms). */
  cpuMs(): Promise<number>;
  close(): Promise<void>;
}

/**
 * Starts the Epicor emulator with the model's latency and a server profile (`strict-iis`: real row widths, row cap,
 * IIS limits, executionTimeout; undefined = the plain narrow emulator); resolves it and its base URL.
 */
export async function startEpicor(
  seed: number,
  scale: number,
  model: LatencyModel,
  profile: string | undefined,
): Promise<{ epicor: EpicorEmulator; url: string }> {
  // `{}` rather than undefined: the narrow run must not pick up ML_CONNECTOR_EPICOR_PROFILE from the environment.
  const epicor = createEpicorEmulator({ seed, scale, latency: { ...model.epicor }, profile: profile ?? {} });
  const url = await epicor.listen(0);
  return { epicor, url };
}

/** Starts a fresh Databricks emulator (own temp data dir, own process) behind the counting proxy. */
export async function startDatabricks(model: LatencyModel): Promise<BenchDatabricks> {
  const child = spawn(process.execPath, ['--import', 'tsx', CHILD, JSON.stringify(model.databricks)], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const { url, admin } = await readyLine(child);
  const stats = async () => JSON.parse(await adminCall(`${admin}/stats`, 'GET')) as DatabricksChildStats;
  return {
    host: url,
    statementCount: async () => (await stats()).statements,
    async proxyStats() {
      const s = await stats();
      return {
        bytesStaged: s.bytesStaged,
        uploads: s.uploads,
        statements: new Map(s.statementIntervals),
        uploadIntervals: s.uploadIntervals,
      };
    },
    async resetProxy() {
      await adminCall(`${admin}/reset`, 'POST');
    },
    cpuMs: async () => (await stats()).cpuMs,
    async close() {
      if (child.exitCode !== null) return;
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      const force = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(force);
    },
  };
}

/** One call to the child's admin server on a fresh connection (no keep-alive socket outlives the benchmark). */
function adminCall(url: string, method: 'GET' | 'POST'): Promise<string> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method, agent: false }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => {
        body += c;
      });
      res.on('end', () => resolve(body));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end();
  });
}

function readyLine(child: ChildProcess): Promise<{ url: string; admin: string }> {
  return new Promise((resolve, reject) => {
    let out = '';
    const onData = (s: string) => {
      out += s;
      const line = out.split('\n').find((l) => l.startsWith(READY_PREFIX));
      if (!line) return;
      child.stdout?.off('data', onData);
      resolve(JSON.parse(line.slice(READY_PREFIX.length)));
    };
    child.stdout?.setEncoding('utf8');
    child.stdout?.on('data', onData);
    child.once('exit', (code) =>
      reject(new Error(`Databricks emulator process exited with ${code} before it was ready`)),
    );
  });
}

/** Answers with HTTP 500 so far (strict-iis: executionTimeout pages, each asked again for fewer rows). */
export function epicorTimeouts(epicor: EpicorEmulator): number {
  return epicor.stats().byStatus['500'] ?? 0;
}

/** Epicor API requests served so far (token endpoints excluded). */
export function epicorApiRequests(epicor: EpicorEmulator): number {
  const byPath = epicor.stats().byPath;
  return Object.entries(byPath).reduce((a, [p, n]) => (p.startsWith('/api/v2/') ? a + n : a), 0);
}
