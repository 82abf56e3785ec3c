import type { Command } from 'commander';
import { readLedgerRuns } from '../../alerts/ledger-runs.ts';
import { alertRun, failedBeforeStart } from '../../alerts/run-alerts.ts';
import { analyticsAfterSync } from '../../analytics/refresh-analytics.ts';
import { systemClock } from '../../clock.ts';
import { ConnectorError, EXIT_LOCKED, isConnectorError } from '../../errors.ts';
import { syncOnce } from '../../jobs/sync-once.ts';
import { exitCodeOf } from '../../pipeline/run-status.ts';
import type { SyncResult } from '../../pipeline/sync-run.ts';
import { globalOptions, loadCliContext } from '../context.ts';
import { createProgress } from '../progress.ts';
import { formatRunSummary } from '../run-summary.ts';
import { exitCodeOfSignal, type StopState, withStopSignal } from '../stop-signal.ts';
import { parseEntityList } from './entity-list.ts';

/**
 * `sync`: one run now; exit 0 ok, 1 failed, 4 partial (SPEC §2), 5 refused because another run holds the lock,
 * 130 stopped by Ctrl-C, 143 stopped by SIGTERM.
 */
export function registerSyncCommand(program: Command): void {
  program
    .command('sync')
    .description('run one sync now')
    .option('--entities <list>', 'comma-separated entity names (default: the configured ones)')
    .option('--full-refresh', 'ignore stored watermarks and read everything')
    .option('--dry-run', 'extract and map without writing anywhere')
    .option('--sample <n>', 'dry run: mapped sample rows shown per entity', '3')
    .addHelpText(
      'after',
      `\nExit codes: 0 ok, 1 failed, 2 bad usage or config, 4 partial, ${EXIT_LOCKED} another run holds the lock, 130 Ctrl-C, 143 SIGTERM.`,
    )
    .action(
      async (opts: { entities?: string; fullRefresh?: boolean; dryRun?: boolean; sample: string }, cmd: Command) => {
        const ctx = await loadCliContext(cmd);
        const sample = sampleCount(opts.sample);
        // JSON logs are for machines: no bars between the records, even on a terminal.
        const progress = createProgress(ctx.logger, globalOptions(cmd).logFormat === 'json' ? { tty: false } : {});
        let stop: StopState = { signal: null };
        try {
          const result = await withStopSignal(
            (signal, state) => {
              stop = state;
              return syncOnce(ctx.config, {
                logger: ctx.logger,
                progress,
                only: parseEntityList(opts.entities),
                fullRefresh: opts.fullRefresh,
                dryRun: opts.dryRun,
                sampleRows: opts.dryRun ? sample : 0,
                signal,
                afterSuccess: analyticsAfterSync(ctx.config, ctx.logger),
              });
            },
            {
              onStop: (s) =>
                ctx.logger.warn(
                  `${s === 'SIGINT' ? 'Ctrl-C' : 'SIGTERM'}: stopping; entities already committed stay committed (press Ctrl-C again to exit at once)`,
                ),
            },
          );
          progress.stop();
          process.stdout.write(`${formatRunSummary(result, opts.dryRun ? 'dry run' : 'sync')}\n`);
          // Webhooks (config `alerts`): bounded, never changes the exit code.
          if (!result.dryRun) {
            await alertRun(ctx.config, result.run, {
              logger: ctx.logger,
              clock: systemClock,
              previousRuns: () => readLedgerRuns(ctx.config),
            });
          }
          if (stop.signal) {
            process.stderr.write(`${stoppedLine(stop.signal, result)}\n`);
            process.exitCode = exitCodeOfSignal(stop.signal);
          } else {
            process.exitCode = exitCodeOf(result.run.status);
          }
        } catch (e) {
          progress.stop();
          if (!stop.signal) {
            // A run that could not start (Databricks unreachable, …) is a failure worth an alert; a held lock is not.
            if (!opts.dryRun && !isLockedError(e)) {
              await alertRun(ctx.config, failedBeforeStart(e), { logger: ctx.logger, clock: systemClock });
            }
            throw e;
          }
          // Stopped before the run started loading (connector tables, lock): nothing of this run was written.
          process.stderr.write(
            `stopped (${signalName(stop.signal)}) before any entity was loaded: nothing was committed; run the same command again to start\n`,
          );
          process.exitCode = exitCodeOfSignal(stop.signal);
        } finally {
          progress.stop();
        }
      },
    );
}

function isLockedError(e: unknown): boolean {
  return isConnectorError(e) && e.code === 'LOCKED';
}

function signalName(s: 'SIGINT' | 'SIGTERM'): string {
  return s === 'SIGINT' ? 'Ctrl-C' : 'SIGTERM';
}

/** One line: what the stopped run committed, and that running again continues from there. */
export function stoppedLine(signal: 'SIGINT' | 'SIGTERM', result: SyncResult): string {
  const all = Object.entries(result.run.entities);
  const done = all.filter(([, c]) => c.status !== 'failed').map(([k]) => k);
  const open = all.length - done.length;
  const what = result.dryRun
    ? `dry run stopped: nothing was written (${done.length} of ${all.length} entities read)`
    : `${done.length} of ${all.length} entities committed${done.length ? ` (${abbreviate(done)})` : ''}; the other ${open} were left as they were (watermarks not moved)`;
  const again = result.dryRun ? 'run it again to see everything' : 'run the same command again to continue';
  return `stopped (${signalName(signal)}): ${what} — ${again}`;
}

function abbreviate(names: string[]): string {
  return names.length <= 5 ? names.join(', ') : `${names.slice(0, 5).join(', ')}, … +${names.length - 5}`;
}

function sampleCount(text: string): number {
  const n = Number(text);
  if (!Number.isInteger(n) || n < 0 || n > 1000) {
    throw new ConnectorError('USAGE', `--sample must be a whole number from 0 to 1000, not "${text}"`);
  }
  return n;
}
