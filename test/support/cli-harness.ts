/** Drives the real CLI (`node bin/ml-connector.js`) as a child process against emulators in the test process. */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const BIN = fileURLToPath(new URL('../../bin/ml-connector.js', import.meta.url));
export const MASTER_KEY = 'cd'.repeat(32);

export interface ConfigValues {
  epicorUrl: string;
  host: string;
  company?: string | string[];
  apiKey?: string;
  pageSize?: number;
  schema?: string;
  /** Refresh the analytics views after each sync (default false: test/analytics covers them; the grammar check of
   * the emulator makes each fresh CLI process pay seconds for them). */
  analytics?: boolean;
}

/** A config pointing at the emulators with literal credentials (no secret store needed). */
export function emulatorYaml(v: ConfigValues): string {
  const company = Array.isArray(v.company) ? `[${v.company.join(', ')}]` : (v.company ?? 'EPIC06');
  return `epicor:
  baseUrl: ${v.epicorUrl}
  company: ${company}
  apiKey: ${v.apiKey ?? 'demo-api-key'}
  auth:
    type: oauth2
    tokenUrl: ${v.epicorUrl}/oauth/token
    clientId: ml-connector-demo
    clientSecret: demo-secret
  pageSize: ${v.pageSize ?? 200}
  concurrency: 4
databricks:
  host: ${v.host}
  warehouseId: emulated-warehouse
  catalog: main
  schema: ${v.schema ?? 'epicor'}
  auth:
    type: oauth-m2m
    level: workspace
    clientId: demo-sp
    clientSecret: demo-sp-secret
schedule: manual
entities: all
analytics:
  enabled: ${v.analytics ?? false}
`;
}

/** Writes the config into a fresh directory; returns the config file path. */
export function writeConfig(v: ConfigValues): string {
  const dir = mkdtempSync(join(tmpdir(), 'mlc-cli-'));
  const file = join(dir, 'ml-connector.yaml');
  writeFileSync(file, emulatorYaml(v));
  return file;
}

export interface CliRun {
  child: ChildProcess;
  /** Resolves when the process has exited. */
  done: Promise<CliResult>;
}

export interface CliResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/** Starts the CLI with `args` (non-TTY, so logs are plain lines on stderr). */
export function startCli(args: string[], opts: { cwd?: string; env?: Record<string, string> } = {}): CliRun {
  const child = spawn(process.execPath, [BIN, ...args], {
    cwd: opts.cwd ?? tmpdir(),
    env: { ...process.env, ML_CONNECTOR_MASTER_KEY: MASTER_KEY, NO_COLOR: '1', ...opts.env },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (d) => (stdout += d));
  child.stderr?.on('data', (d) => (stderr += d));
  child.stdin?.end();
  const done = new Promise<CliResult>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr }));
  });
  return { child, done };
}

/** Runs the CLI to completion. */
export function runCli(args: string[], opts: { cwd?: string; env?: Record<string, string> } = {}): Promise<CliResult> {
  return startCli(args, opts).done;
}
