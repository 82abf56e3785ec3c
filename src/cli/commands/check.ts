import type { Command } from 'commander';
import { checkDatabricks } from '../../destination/databricks/client/check-databricks.ts';
import { ConnectorError } from '../../errors.ts';
import { checkEpicor } from '../../source/epicor/check-epicor.ts';
import { loadCliContext } from '../context.ts';

/** `check [--only epicor|databricks]`: one ✓/✗ line per check; exit 3 when any failed. */
export function registerCheckCommand(program: Command): void {
  program
    .command('check')
    .description('ping Epicor and Databricks with the configured credentials')
    .option('--only <system>', 'epicor or databricks')
    .action(async (opts: { only?: string }, cmd: Command) => {
      if (opts.only !== undefined && opts.only !== 'epicor' && opts.only !== 'databricks') {
        throw new ConnectorError('USAGE', `--only must be epicor or databricks, not "${opts.only}"`);
      }
      const ctx = await loadCliContext(cmd);
      const results: { system: string; name: string; ok: boolean; detail: string }[] = [];
      if (opts.only !== 'databricks') {
        for (const r of await checkEpicor(ctx.config.epicor)) results.push({ system: 'epicor', ...r });
      }
      if (opts.only !== 'epicor') {
        for (const r of await checkDatabricks(ctx.config.databricks)) results.push({ system: 'databricks', ...r });
      }
      for (const r of results) {
        process.stdout.write(`${r.ok ? '✓' : '✗'} ${r.name}: ${r.detail}\n`);
      }
      process.exitCode = results.every((r) => r.ok) ? 0 : 3;
    });
}
