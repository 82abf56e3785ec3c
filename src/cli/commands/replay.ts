import type { Command } from 'commander';
import { replayOnce } from '../../jobs/ops-once.ts';
import { loadCliContext } from '../context.ts';
import { withStopSignal } from '../stop-signal.ts';
import { parseEntityList } from './entity-list.ts';
import { formatOpsSummary } from './ops-summary.ts';

/** `replay <sync-id>`: re-fetch and reload exactly the records a run wrote; exit 0 ok, 1 failed or unknown run. */
export function registerReplayCommand(program: Command): void {
  program
    .command('replay')
    .description('re-fetch the source records a sync run wrote (by their keys) and reload them')
    .argument('<sync-id>', 'the run to replay (see `status`)')
    .option('--entities <list>', 'comma-separated entity names (default: the configured ones)')
    .action(async (syncId: string, opts: { entities?: string }, cmd: Command) => {
      const ctx = await loadCliContext(cmd);
      const result = await withStopSignal((signal) =>
        replayOnce(ctx.config, syncId, { logger: ctx.logger, only: parseEntityList(opts.entities), signal }),
      );
      process.stdout.write(`${formatOpsSummary(result, 'replay')}\n`);
      process.exitCode = result.run.status === 'succeeded' ? 0 : 1;
    });
}
