/**
 * Vitest global setup: builds dist/ once before any test runs, so every test that spawns `bin/ml-connector.js`
 * runs the compiled CLI of the sources under test (never a stale build) without tsx compiling at each start.
 */
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export default function setup(): void {
  const script = fileURLToPath(new URL('../scripts/build.mjs', import.meta.url));
  execFileSync(process.execPath, [script, '--quiet'], { stdio: 'inherit' });
}
