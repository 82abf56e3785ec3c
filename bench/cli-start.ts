/**
 * Start time of the compiled CLI: `node bin/ml-connector.js --help`, run a few times after one warm-up (the page
 * cache), reported as the median and the fastest wall time. It measures dist/ — `npm run build` first.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const BIN = fileURLToPath(new URL('../bin/ml-connector.js', import.meta.url));
const DIST = fileURLToPath(new URL('../dist/main.js', import.meta.url));

export interface StartTime {
  medianMs: number;
  minMs: number;
  runs: number;
}

/** Times `ml-connector --help`; undefined when there is no build to time. */
export function measureCliStart(runs = 7): StartTime | undefined {
  if (!existsSync(DIST)) return undefined;
  const once = () => {
    const t0 = performance.now();
    const r = spawnSync(process.execPath, [BIN, '--help'], { stdio: 'ignore' });
    if (r.status !== 0) throw new Error(`ml-connector --help exited ${r.status}`);
    return performance.now() - t0;
  };
  once();
  const times = Array.from({ length: runs }, once).sort((a, b) => a - b);
  return { medianMs: times[Math.floor(runs / 2)], minMs: times[0], runs };
}
