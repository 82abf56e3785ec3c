import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export const BIN = fileURLToPath(new URL('../../bin/ml-connector.js', import.meta.url));
export const PROBE = fileURLToPath(new URL('./fixtures/config-probe.js', import.meta.url));

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the CLI as a child process in `cwd`; `stdin` is piped in (and closed) when given. */
export function spawnCli(
  args: string[],
  opts: { cwd: string; stdin?: string; env?: Record<string, string>; probe?: boolean },
): Promise<CliResult> {
  const env: NodeJS.ProcessEnv = { ...process.env, ...opts.env };
  if (!opts.env?.ML_CONNECTOR_MASTER_KEY) delete env.ML_CONNECTOR_MASTER_KEY;
  const entry = [opts.probe ? PROBE : BIN];
  const child = spawn(process.execPath, [...entry, ...args], { cwd: opts.cwd, env, stdio: 'pipe' });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d) => (stdout += d));
  child.stderr.on('data', (d) => (stderr += d));
  child.stdin.end(opts.stdin ?? '');
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}
