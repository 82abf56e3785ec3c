import type { Command } from 'commander';
import { analyticsAfterSync } from '../../analytics/refresh-analytics.ts';
import { exitCodeOf } from '../../pipeline/run-status.ts';
import { syncOnce } from '../../pipeline/sync-once.ts';
import { loadCliContext } from '../context.ts';
import { createProgress } from '../progress.ts';
import { formatRunSummary } from '../run-summary.ts';
import { withStopSignal } from '../stop-signal.ts';
import { parseEntityList } from './entity-list.ts';

/** `sync`: one run now; exit 0 ok, 1 failed, 4 partial (SPEC §2). */
export function registerSyncCommand(program: Command): void {
  program
    .command('sync')
    .description('run one sync now')
    .option('--entities <list>', 'comma-separated entity names (default: the configured ones)')
    .option('--full-refresh', 'ignore stored watermarks and read everything')
    .option('--dry-run', 'extract and map without writing anywhere')
    .action(async (opts: { entities?: string; fullRefresh?: boolean; dryRun?: boolean }, cmd: Command) => {
      const ctx = await loadCliContext(cmd);
      const progress = createProgress(ctx.logger);
      try {
        const result = await withStopSignal((signal) =>
          syncOnce(ctx.config, {
            logger: ctx.logger,
            progress,
            only: parseEntityList(opts.entities),
            fullRefresh: opts.fullRefresh,
            dryRun: opts.dryRun,
            signal,
            afterSuccess: analyticsAfterSync(ctx.config, ctx.logger),
          }),
        );
        progress.stop();
        process.stdout.write(`${formatRunSummary(result, opts.dryRun ? 'dry run' : 'sync')}\n`);
        process.exitCode = exitCodeOf(result.run.status);
      } finally {
        progress.stop();
      }
    });
}
