import type { Command } from 'commander';
import { EXIT_LOCKED } from '../../errors.ts';
import { resyncOnce } from '../../jobs/resync-once.ts';
import { resyncEntityName } from '../../pipeline/resync.ts';
import { loadCliContext } from '../context.ts';
import { formatTable } from '../format-table.ts';
import { withStopSignal } from '../stop-signal.ts';

/**
 * `resync <entity>`: rebuilds one table from a full read; readers see the old table until the new one is swapped in
 * (SPEC §2). Exit 0 when the new table is in place (4 when some records could not be mapped), 1 when not.
 */
export function registerResyncCommand(program: Command): void {
  program
    .command('resync')
    .description('rebuild one table from a full read; the old table serves readers until the new one is committed')
    .argument('<entity>', 'entity name, e.g. vendors')
    .addHelpText(
      'after',
      `\nOther tables, watermarks and <dim>_history tables are not touched. Exit codes: 0 rebuilt, 1 not rebuilt (the old table stays), 4 rebuilt without some unmappable records, ${EXIT_LOCKED} another run holds the lock.`,
    )
    .action(async (entity: string, _opts: unknown, cmd: Command) => {
      const ctx = await loadCliContext(cmd);
      const name = resyncEntityName(ctx.config, entity);
      const result = await withStopSignal((signal) => resyncOnce(ctx.config, name, { logger: ctx.logger, signal }));
      const { run } = result;
      const seconds = run.finishedAt ? ((run.finishedAt.getTime() - run.startedAt.getTime()) / 1000).toFixed(1) : '?';
      const lines = [
        `resync ${run.syncId} of ${result.table}: ${run.status} in ${seconds}s`,
        formatTable(
          ['entity', 'status', 'fetched', 'loaded', 'bad', 'requests', 'watermark'],
          Object.entries(run.entities).map(([k, c]) => [
            k,
            c.status,
            c.fetched,
            c.inserted + c.updated,
            c.bad,
            c.requests,
            result.swapped ? (c.watermark_to ?? '-') : '(unchanged)',
          ]),
        ),
      ];
      const rows = Object.values(run.entities).reduce((n, c) => n + c.inserted + c.updated, 0);
      if (!result.swapped) lines.push(run.error ?? `${result.table} was not rebuilt; the table is as it was`);
      else lines.push(`${result.table} now holds ${rows} rows from a full read`);
      process.stdout.write(`${lines.join('\n')}\n`);
      process.exitCode = !result.swapped ? 1 : run.status === 'succeeded' ? 0 : 4;
    });
}
