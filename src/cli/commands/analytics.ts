import type { Command } from 'commander';
import { applyAnalytics, viewContext } from '../../analytics/apply-analytics.ts';
import { deployDashboard, loadDashboard, qualifyDashboard } from '../../analytics/dashboard.ts';
import { createDatabricksClient } from '../../destination/databricks/client/databricks-client.ts';
import { loadCliContext } from '../context.ts';
import { createLakeviewClient } from '../lakeview-client.ts';

/**
 * `analytics apply`: (re)creates the analytics views of SPEC §8 (exit 1 when one could not be created);
 * `analytics dashboard [--publish]`: creates or updates the AI/BI dashboard (exit 1 on an API error).
 */
export function registerAnalyticsCommand(program: Command): void {
  const analytics = program.command('analytics').description('the finance and procurement views and their dashboard');
  analytics
    .command('apply')
    .description('create or replace the analytics views (mart_*) in analytics.schema')
    .action(async (_opts: unknown, cmd: Command) => {
      const ctx = await loadCliContext(cmd);
      const client = createDatabricksClient(ctx.config.databricks);
      try {
        const c = viewContext(ctx.config);
        const result = await applyAnalytics((sql, o) => client.statements.execute(sql, o), c);
        const where = `${c.views.catalog}.${c.views.schema}`;
        const lines = [
          ...result.created.map((v) => `✓ ${where}.${v}`),
          ...result.skipped.map(
            (s) => `⚠ ${s.view} skipped: needs ${s.missing.join(', ')} (sync those entities first)`,
          ),
          ...result.failed.map((f) => `✗ ${f.view}: ${f.error}`),
          `${result.created.length} views created or replaced, ${result.skipped.length} skipped, ${result.failed.length} failed; ` +
            `${result.commented} table/column comments written`,
        ];
        process.stdout.write(`${lines.join('\n')}\n`);
        process.exitCode = result.failed.length > 0 ? 1 : 0;
      } finally {
        await client.close();
      }
    });
  analytics
    .command('dashboard')
    .description('create or update the AI/BI dashboard (dashboards/ml-connector.lvdash.json) through the Lakeview API')
    .option('--publish', 'also publish it (shared with the configured warehouse, viewers use their own credentials)')
    .action(async (opts: { publish?: boolean }, cmd: Command) => {
      const ctx = await loadCliContext(cmd);
      const api = createLakeviewClient(ctx.config.databricks);
      try {
        const doc = qualifyDashboard(await loadDashboard(), viewContext(ctx.config));
        const r = await deployDashboard(api, doc, {
          warehouseId: ctx.config.databricks.warehouseId,
          publish: opts.publish === true,
        });
        const where = `${ctx.config.databricks.host}/dashboardsv3/${r.dashboardId}`;
        process.stdout.write(`✓ dashboard ${r.action}${r.published ? ' and published' : ''}: ${where}\n`);
      } finally {
        await api.close();
      }
    });
}
