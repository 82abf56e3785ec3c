import type { Command } from 'commander';
import { startDaemon } from '../../daemon/daemon.ts';
import { describeSchedule } from '../../daemon/scheduler.ts';
import { ConnectorError, messageOf } from '../../errors.ts';
import { reconcileOnce } from '../../jobs/ops-once.ts';
import { startConsoleServer } from '../../ui/console-server.ts';
import { loadCliContext } from '../context.ts';

/** `run`: stays up, syncs on `schedule`, serves /healthz and /metrics on `metrics.port`; SIGTERM/SIGINT stop it (exit 0). */
export function registerRunCommand(program: Command): void {
  program
    .command('run')
    .description('stay up: sync on the configured schedule and serve /healthz and /metrics')
    .option('--stop-timeout <seconds>', 'on SIGTERM/SIGINT, how long to wait for the running sync to stop', '60')
    .action(async (opts: { stopTimeout: string }, cmd: Command) => {
      const stopTimeoutSeconds = Number(opts.stopTimeout);
      if (!Number.isFinite(stopTimeoutSeconds) || stopTimeoutSeconds < 0) {
        throw new ConnectorError('USAGE', `--stop-timeout must be a number of seconds, not "${opts.stopTimeout}"`);
      }
      const ctx = await loadCliContext(cmd);
      const { config, logger } = ctx;
      const daemon = await startDaemon({
        config,
        logger,
        reconcileFn: reconcileOnce,
        stopTimeoutMs: stopTimeoutSeconds * 1000,
      });
      const host = config.metrics.host;
      logger.info(
        { host, port: daemon.port },
        `serving /healthz and /metrics on http://${host.includes(':') ? `[${host}]` : host}:${daemon.port}`,
      );
      const when = (d: Date | null) => d?.toISOString() ?? 'never';
      logger.info(
        { schedule: describeSchedule(config.schedule), next: when(daemon.next('sync')) },
        config.schedule.kind === 'manual'
          ? 'schedule is manual: no syncs will run (use `ml-connector sync`)'
          : `next sync at ${when(daemon.next('sync'))}`,
      );
      if (config.reconcile.kind !== 'manual') logger.info(`next reconcile at ${when(daemon.next('reconcile'))}`);
      // The web console beside the scheduler when `ui:` is set; its actions take the same destination lock.
      const consoleServer = config.ui
        ? await startConsoleServer({ ...ctx, ...config.ui }).catch(async (e) => {
            await daemon.stop();
            throw e;
          })
        : null;
      if (consoleServer) {
        process.stdout.write(
          config.ui?.token ? `console: ${consoleServer.url}/\n` : `console: ${consoleServer.loginUrl}\n`,
        );
      }

      await new Promise<void>((resolve) => {
        let stopping = false;
        const onSignal = (signal: NodeJS.Signals) => {
          if (stopping) {
            logger.warn(`${signal} again: exiting without waiting for the running sync`);
            process.exit(1);
          }
          stopping = true;
          logger.info(`${signal} received: stopping`);
          Promise.all([daemon.stop(), consoleServer?.close()]).then(
            () => resolve(),
            (e) => {
              logger.error({ err: messageOf(e) }, 'stop did not finish cleanly');
              process.exitCode = 1;
              resolve();
            },
          );
        };
        process.on('SIGTERM', onSignal);
        process.on('SIGINT', onSignal);
      });
      // A run abandoned after the stop timeout may still hold sockets; they must not keep a stopped daemon alive.
      setTimeout(() => process.exit(process.exitCode ?? 0), 1000).unref();
    });
}
