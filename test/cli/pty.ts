/** Runs the CLI on a real pseudo-terminal through util-linux `script`, typing input when the output asks for it. */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { BIN } from './spawn-cli.ts';

/** Whether `script` (util-linux) is installed here. */
export const HAS_SCRIPT = spawnSync('script', ['--version'], { stdio: 'ignore' }).status === 0;

export interface PtyRun {
  child: ChildProcess;
  /** Everything the terminal showed so far (stdout and stderr share the pty). */
  output(): string;
  /** Resolves once the terminal output matches `pattern`. */
  waitFor(pattern: RegExp, timeoutMs?: number): Promise<void>;
  /** Types text at the terminal (as keystrokes: use `\r` for Enter). */
  type(text: string): void;
  done: Promise<{ code: number | null; output: string }>;
}

const quote = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;

/** Starts `ml-connector args…` with stdin, stdout and stderr on one pty. */
export function startOnPty(
  args: string[],
  opts: { cwd: string; env?: Record<string, string>; columns?: number },
): PtyRun {
  const node = [process.execPath, BIN, ...args].map(quote).join(' ');
  // The pty starts 80 columns wide unless told otherwise.
  const command = opts.columns ? `stty cols ${opts.columns} rows 50; exec ${node}` : node;
  const env: NodeJS.ProcessEnv = { ...process.env, ...opts.env };
  if (!opts.env?.ML_CONNECTOR_MASTER_KEY) delete env.ML_CONNECTOR_MASTER_KEY;
  // -q: no banner; -e: script exits with the command's code; -c: the command; /dev/null: no typescript file.
  const child = spawn('script', ['-qec', command, '/dev/null'], { cwd: opts.cwd, env, stdio: 'pipe' });
  let out = '';
  const waiters: { pattern: RegExp; resolve: () => void }[] = [];
  child.stdout.on('data', (d) => {
    out += d;
    for (const w of [...waiters]) {
      if (w.pattern.test(out)) {
        waiters.splice(waiters.indexOf(w), 1);
        w.resolve();
      }
    }
  });
  child.stderr.on('data', (d) => (out += d));
  const done = new Promise<{ code: number | null; output: string }>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, output: out }));
  });
  return {
    child,
    output: () => out,
    waitFor: (pattern, timeoutMs = 30_000) =>
      pattern.test(out)
        ? Promise.resolve()
        : new Promise((resolve, reject) => {
            const timer = setTimeout(
              () => reject(new Error(`terminal never showed ${pattern}; it showed:\n${out}`)),
              timeoutMs,
            );
            waiters.push({
              pattern,
              resolve: () => {
                clearTimeout(timer);
                resolve();
              },
            });
          }),
    type: (text) => child.stdin.write(text),
    done,
  };
}
