/**
 * The CLI exactly as `src/cli/main.ts` builds it (same root options, same COMMANDS, same runCli), run inside the
 * test process with stdout/stderr captured. Spawning the binary costs ~1.5 s of CPU per run (module loading), so the
 * long configuration tables run here and a subset runs through the real binary. Not safe to run concurrently.
 */
import { Command } from 'commander';
import { COMMANDS } from '../../src/cli/commands/index.ts';
import { runCli } from '../../src/cli/run-cli.ts';

export interface InProcessResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs `ml-connector <args>` in this process with `env` set for the run (cwd unchanged: pass `--config <abs>`). */
export async function runCliInProcess(args: string[], env: Record<string, string> = {}): Promise<InProcessResult> {
  const program = new Command('ml-connector')
    .option('--config <file>', 'configuration file', './ml-connector.yaml')
    .option('--verbose', 'print stack traces and debug logs')
    .option('--log-format <format>', 'text | json', 'text');
  for (const register of COMMANDS) register(program);
  let stdout = '';
  let stderr = '';
  const out = process.stdout.write;
  const err = process.stderr.write;
  const saved = process.exitCode;
  const savedEnv = Object.fromEntries(Object.keys(env).map((k) => [k, process.env[k]]));
  Object.assign(process.env, env);
  process.exitCode = undefined;
  process.stdout.write = ((chunk: string | Uint8Array) => {
    stdout += String(chunk);
    return true;
  }) as typeof process.stdout.write;
  process.stderr.write = ((chunk: string | Uint8Array) => {
    stderr += String(chunk);
    return true;
  }) as typeof process.stderr.write;
  try {
    await runCli(program, ['node', 'ml-connector', ...args]);
    return { code: Number(process.exitCode ?? 0), stdout, stderr };
  } finally {
    process.stdout.write = out;
    process.stderr.write = err;
    process.exitCode = saved;
    for (const [k, v] of Object.entries(savedEnv)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  }
}
