/**
 * `npm test`: runs vitest with colour only on a terminal. Vitest's colour library turns colour on whenever TERM is
 * set, even when output goes to a file or a CI log, so escape codes ended up in logs. NO_COLOR / FORCE_COLOR set by
 * the caller win; otherwise a non-TTY stdout gets NO_COLOR=1. Arguments are passed through (`npm test -- file`).
 */
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const env = { ...process.env };
if (!('NO_COLOR' in env) && !('FORCE_COLOR' in env) && !process.stdout.isTTY) env.NO_COLOR = '1';
// The package's own bin file (not in its exports map, so resolved from its package.json).
const vitest = join(dirname(createRequire(import.meta.url).resolve('vitest/package.json')), 'vitest.mjs');
const child = spawn(process.execPath, [vitest, ...process.argv.slice(2)], { stdio: 'inherit', env });
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
child.on('exit', (code, signal) => {
  if (signal) process.kill(process.pid, signal);
  else process.exit(code ?? 1);
});
