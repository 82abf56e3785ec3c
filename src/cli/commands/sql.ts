import type { Command } from 'commander';
import { createDatabricksClient } from '../../destination/databricks/client/databricks-client.ts';
import { ConnectorError } from '../../errors.ts';
import { loadCliContext } from '../context.ts';
import { DEFAULT_TABLE_ROWS, type SqlOutputFormat, writeSqlResult } from '../sql-output.ts';

interface SqlOptions {
  json?: boolean;
  csv?: boolean;
  maxRows?: string;
}

/** `sql "<statement>"`: one statement on the configured warehouse, printed as a table, JSON or CSV. */
export function registerSqlCommand(program: Command): void {
  program
    .command('sql <statement>')
    .description('run one SQL statement on the configured Databricks warehouse and print the result')
    .option('--json', 'print every row as JSON (numbers, booleans and nulls typed from the result schema)')
    .option('--csv', 'print every row as CSV (RFC 4180, header first, NULL as an empty field)')
    .option('--max-rows <n>', `rows shown in table form (default ${DEFAULT_TABLE_ROWS}; --json/--csv print all)`)
    .action(async (statement: string, opts: SqlOptions, cmd: Command) => {
      const format = outputFormat(opts);
      const maxRows = parseMaxRows(opts.maxRows);
      const ctx = await loadCliContext(cmd);
      const client = createDatabricksClient(ctx.config.databricks);
      try {
        const result = await client.statements.execute(statement, {
          catalog: ctx.config.databricks.catalog,
          schema: ctx.config.databricks.schema,
        });
        await writeSqlResult(result, format, process.stdout, maxRows);
      } finally {
        await client.close();
      }
    });
}

function outputFormat(opts: SqlOptions): SqlOutputFormat {
  if (opts.json && opts.csv) throw new ConnectorError('USAGE', 'sql: choose one of --json and --csv, not both.');
  return opts.json ? 'json' : opts.csv ? 'csv' : 'table';
}

function parseMaxRows(value: string | undefined): number {
  if (value === undefined) return DEFAULT_TABLE_ROWS;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) {
    throw new ConnectorError('USAGE', `sql: --max-rows must be a whole number of rows (0 or more), not ${value}.`);
  }
  return n;
}
