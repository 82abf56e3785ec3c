/**
 * `ml-connector demo`: both emulators on loopback, a full sync, a simulated day of Epicor activity, an incremental
 * sync (each followed by the analytics views), both run summaries, a vendor's history rows and three KPI excerpts
 * from the views — the
 * product's main job end to end, with nothing to set up.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { analyticsAfterSync } from '../analytics/refresh-analytics.ts';
import { formatRunSummary } from '../cli/run-summary.ts';
import { createDatabricksClient } from '../destination/databricks/client/databricks-client.ts';
import { createDatabricksEmulator } from '../emulators/databricks/databricks-emulator.ts';
import { createEpicorEmulator } from '../emulators/epicor/emulator.ts';
import { messageOf } from '../errors.ts';
import { syncOnce } from '../jobs/sync-once.ts';
import type { Logger } from '../log/create-logger.ts';
import type { ProgressSink } from '../pipeline/sync-run.ts';
import { emulatedConfig } from './emulated-config.ts';
import { historyExcerpt } from './history-excerpt.ts';
import { formatExcerpt, KPI_EXCERPTS } from './kpi-excerpts.ts';

export interface DemoOptions {
  logger: Logger;
  progress?: ProgressSink;
  out?: (text: string) => void;
  seed?: number;
  scale?: number;
}

/** Runs the demo; returns the process exit code (0 when both syncs succeeded). */
export async function runDemo(opts: DemoOptions): Promise<number> {
  const out = opts.out ?? ((t: string) => process.stdout.write(`${t}\n`));
  const dataDir = await mkdtemp(join(tmpdir(), 'ml-connector-demo-'));
  const epicor = createEpicorEmulator({ seed: opts.seed ?? 1, scale: opts.scale ?? 1, latency: { fixedMs: 2 } });
  const databricks = await createDatabricksEmulator({ dataDir });
  try {
    const epicorUrl = await epicor.listen(0);
    const host = await databricks.listen(0);
    out(`Epicor Kinetic emulator at ${epicorUrl} (company EPIC06), Databricks emulator at ${host}`);
    const config = emulatedConfig(epicorUrl, host);
    // History mode on for vendors, so the day's renames show up as versions (see historyExcerpt).
    config.history = ['vendors'];

    const runs = [];
    for (const phase of ['full sync', 'incremental sync'] as const) {
      if (phase === 'incremental sync') {
        const day = epicor.advance();
        out(`\nsimulated a day of Epicor activity: ${describeActivity(day)}`);
      }
      const statementsBefore = databricks.statementLog().length;
      const t0 = performance.now();
      const result = await syncOnce(config, {
        logger: opts.logger,
        progress: opts.progress,
        afterSuccess: analyticsAfterSync(config, opts.logger),
      });
      const seconds = (performance.now() - t0) / 1000;
      const statements = databricks.statementLog().length - statementsBefore;
      runs.push({ phase, result, seconds, statements });
      out(`\n${formatRunSummary(result, phase)}`);
      out(
        `${phase}: ${seconds.toFixed(1)} s wall, ${result.requests} Epicor requests, ${statements} Databricks statements`,
      );
    }

    const client = createDatabricksClient(config.databricks);
    try {
      try {
        out(`\n${await historyExcerpt((sql) => client.statements.execute(sql))}`);
      } catch (e) {
        out(`\nvendor history: not available (${messageOf(e)})`);
      }
      for (const excerpt of KPI_EXCERPTS) {
        try {
          out(`\n${formatExcerpt(excerpt, await client.statements.execute(excerpt.sql))}`);
        } catch (e) {
          // A view the warehouse could not create (logged by the refresh) must not hide the other excerpts.
          out(`\n${excerpt.title}: not available (${messageOf(e)})`);
        }
      }
    } finally {
      await client.close();
    }
    return runs.every((r) => r.result.run.status === 'succeeded') ? 0 : 1;
  } finally {
    await epicor.close();
    await databricks.close();
    await rm(dataDir, { recursive: true, force: true });
  }
}

function describeActivity(report: unknown): string {
  const totals = { inserted: 0, updated: 0, deleted: 0 };
  const walk = (v: unknown, key?: string) => {
    if (Array.isArray(v)) {
      if (key && key in totals) totals[key as keyof typeof totals] += v.length;
      return;
    }
    if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) walk(x, k);
  };
  walk(report);
  return `${totals.inserted} records created, ${totals.updated} updated, ${totals.deleted} deleted`;
}
