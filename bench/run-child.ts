/** Spawns one measured run (`sync-child.ts`) and collects its result line; stderr passes through. */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { ChildResult, ChildTask } from './sync-child.ts';

const CHILD = fileURLToPath(new URL('./sync-child.ts', import.meta.url));
const PREFIX = 'BENCH_RESULT ';

/** Runs the task in a fresh Node process; `cpuProfDir` turns on `--cpu-prof` there. */
export function runChild(task: ChildTask, opts: { cpuProfDir?: string } = {}): Promise<ChildResult> {
  const flags = opts.cpuProfDir ? ['--cpu-prof', `--cpu-prof-dir=${opts.cpuProfDir}`] : [];
  const child = spawn(process.execPath, [...flags, '--import', 'tsx', CHILD, JSON.stringify(task)], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let out = '';
  child.stdout.setEncoding('utf8');
  child.stdout.on('data', (s: string) => {
    out += s;
  });
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('close', (code) => {
      const line = out.split('\n').find((l) => l.startsWith(PREFIX));
      if (code !== 0 || !line) {
        reject(new Error(`bench child (${task.mode}) exited with ${code}${line ? '' : ' and no result'}`));
        return;
      }
      resolve(JSON.parse(line.slice(PREFIX.length)) as ChildResult);
    });
  });
}
