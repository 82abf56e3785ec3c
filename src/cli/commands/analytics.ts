import type { Command } from 'commander';
import { applyAnalytics, viewContext } from '../../analytics/apply-analytics.ts';
import { createDatabricksClient } from '../../destination/databricks/client/databricks-client.ts';
import { loadCliContext } from '../context.ts';

/** `analytics apply`: (re)creates the analytics views of SPEC §8; exit 1 when a view could not be created. */
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
}
