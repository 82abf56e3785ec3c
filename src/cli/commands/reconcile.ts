import type { Command } from 'commander';
import { reconcileOnce } from '../../jobs/ops-once.ts';
import { loadCliContext } from '../context.ts';
import { withStopSignal } from '../stop-signal.ts';
import { parseEntityList } from './entity-list.ts';
import { formatOpsSummary } from './ops-summary.ts';

/** `reconcile`: key + SysRevID scan against the target; exit 0 when every entity reconciled, else 1 (SPEC §2). */
export function registerReconcileCommand(program: Command): void {
  program
    .command('reconcile')
    .description('load what the incremental cursor missed and mark rows gone from Epicor as deleted')
    .option('--entities <list>', 'comma-separated entity names (default: the configured ones)')
    .action(async (opts: { entities?: string }, cmd: Command) => {
      const ctx = await loadCliContext(cmd);
      const result = await withStopSignal((signal) =>
        reconcileOnce(ctx.config, { logger: ctx.logger, only: parseEntityList(opts.entities), signal }),
      );
      process.stdout.write(`${formatOpsSummary(result, 'reconcile')}\n`);
      process.exitCode = result.run.status === 'succeeded' ? 0 : 1;
    });
}
