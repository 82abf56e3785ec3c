/**
 * "Nothing duplicated" under crashes: `ml-connector sync` runs as a child process against emulators that live in
 * this test process, is SIGKILLed at several points (after a random delay, right after the first MERGE, mid-load
 * after a day of activity), then a final `sync` runs to completion. The tables must then be exactly
 * what Epicor holds, with no duplicate fact versions and no staged files left behind.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCli, writeConfig } from '../support/cli-harness.ts';
import { type E2eEnv, startE2eEnv } from '../support/e2e-env.ts';
import { filesUnder } from '../support/files-under.ts';
import { formatReport } from '../support/ground-truth.ts';

let env: E2eEnv;
let configFile: string;

beforeAll(async () => {
  env = await startE2eEnv({ epicor: { scale: 0.15, latency: { fixedMs: 1 } } });
  configFile = writeConfig({ epicorUrl: env.epicorUrl, host: env.host, pageSize: 100 });
});
afterAll(async () => {
  await env?.close();
});

/** Data MERGEs (not the run ledger's) sent so far. */
const targetMerges = () =>
  env.databricks.statementLog().filter((s) => /^\s*MERGE\s+INTO\s+\S*`(dim|fact)_/i.test(s.statement)).length;

/** Starts `sync` and SIGKILLs it once `when()` holds (polled every 2 ms); returns what the child did before. */
async function killWhen(label: string, when: () => boolean, timeoutMs = 90_000): Promise<string> {
  const run = startCli(['--config', configFile, 'sync']);
  const started = Date.now();
  let exited = false;
  void run.done.then(() => {
    exited = true;
  });
  while (!exited && !when()) {
    if (Date.now() - started > timeoutMs) break;
    await new Promise((r) => setTimeout(r, 2));
  }
  const finishedBeforeKill = exited;
  run.child.kill('SIGKILL');
  const result = await run.done;
  expect(finishedBeforeKill, `${label}: the run finished before the kill point\n${result.stderr}`).toBe(false);
  expect(result.signal).toBe('SIGKILL');
  return label;
}

describe('sync killed at any point', () => {
  it('killed three times, then run to completion: exactly the rows of a clean run', { timeout: 180_000 }, async () => {
    // 1. After a random delay: anywhere from start-up to the first loads (the delay is in the failure message).
    const delay = 800 + Math.floor(Math.random() * 2000);
    const t = Date.now();
    await killWhen(`after ${delay} ms`, () => Date.now() - t >= delay);
    // 2. Right after the first data MERGE is sent (it commits; the watermark is not written yet).
    const merges1 = targetMerges();
    await killWhen('after the first MERGE', () => targetMerges() > merges1);
    expect(targetMerges()).toBeGreaterThan(merges1);
    // 3. A day of activity, then killed with some entities loaded and others not.
    env.epicor.advance();
    const merges2 = targetMerges();
    await killWhen('mid-load', () => targetMerges() >= merges2 + 3);

    const final = startCli(['--config', configFile, 'sync']);
    const result = await final.done;
    expect(result.code, result.stderr).toBe(0);

    const report = await env.check();
    expect(report.ok, formatReport(report)).toBe(true);

    // No staging files of the killed runs survive the completed one.
    const staged = filesUnder(join(env.dataDir, 'volumes')).filter((f) => f.endsWith('.parquet'));
    expect(staged).toEqual([]);

    const [runs] = await env.query(
      "SELECT COUNT(*) FILTER (WHERE status = 'succeeded')::INT AS ok, COUNT(*) FILTER (WHERE status = 'running')::INT AS running, " +
        "COUNT(*) FILTER (WHERE status = 'failed' AND error LIKE '%killed or crashed%')::INT AS dead FROM c_main.epicor._ml_connector_runs",
    );
    expect(runs.ok).toBe(1);
    // The killed runs are closed in the ledger by the run that completed, not left `running` forever.
    expect(runs.running).toBe(0);
    expect(runs.dead).toBeGreaterThanOrEqual(1);
  });
});
