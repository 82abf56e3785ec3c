import type { Command } from 'commander';
import { createDatabricksClient } from '../../destination/databricks/client/databricks-client.ts';
import { loadCliContext } from '../context.ts';
import { formatTable } from '../format-table.ts';

/** `sql "<statement>"`: one statement on the configured warehouse, printed as a table (or JSON). */
export function registerSqlCommand(program: Command): void {
  program
    .command('sql <statement>')
    .description('run one SQL statement on the configured Databricks warehouse and print the result')
    .option('--json', 'print the result as JSON rows')
    .action(async (statement: string, opts: { json?: boolean }, cmd: Command) => {
      const ctx = await loadCliContext(cmd);
      const client = createDatabricksClient(ctx.config.databricks);
      try {
        const result = await client.statements.execute(statement, {
          catalog: ctx.config.databricks.catalog,
          schema: ctx.config.databricks.schema,
        });
        const names = result.columns.map((c) => c.name);
        if (opts.json) {
          const rows = result.rows.map((r) => Object.fromEntries(names.map((n, i) => [n, r[i]])));
          process.stdout.write(`${JSON.stringify(rows, null, 2)}\n`);
        } else {
          process.stdout.write(`${formatTable(names, result.rows)}\n(${result.rows.length} rows)\n`);
        }
      } finally {
        await client.close();
      }
    });
}
