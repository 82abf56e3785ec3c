import type { Command } from 'commander';
import { sampleAlert } from '../../alerts/sample-alert.ts';
import { deliver } from '../../alerts/webhook-sender.ts';
import { systemClock } from '../../clock.ts';
import { ConnectorError } from '../../errors.ts';
import { loadCliContext } from '../context.ts';
import { formatTable } from '../format-table.ts';

/** `alerts test`: a sample alert to every configured webhook, one line per outcome; exit 0 when all arrived, else 1. */
export function registerAlertsCommand(program: Command): void {
  const alerts = program.command('alerts').description('webhook alerts (config alerts:)');
  alerts
    .command('test')
    .description('send a sample alert to every configured webhook and print the outcome')
    .action(async (_opts: unknown, cmd: Command) => {
      const ctx = await loadCliContext(cmd);
      const targets = ctx.config.alerts;
      if (targets.length === 0) {
        throw new ConnectorError('USAGE', 'no webhooks configured: add alerts: [{ webhook: https://… }] to the config');
      }
      const payload = sampleAlert(ctx.config, systemClock.now());
      // Every webhook gets the sample, whichever events it subscribes to.
      const all = targets.map((t) => ({ ...t, events: [payload.event] }));
      const outcomes = await deliver(all, payload, { logger: ctx.logger, deadlineMs: 20_000 });
      process.stdout.write(
        `${formatTable(
          ['webhook', 'signed', 'result'],
          outcomes.map((o, i) => [
            o.webhook,
            targets[i].secret ? 'yes' : 'no',
            o.ok ? `delivered (HTTP ${o.status})` : `not delivered: ${o.error}`,
          ]),
        )}\n`,
      );
      process.exitCode = outcomes.every((o) => o.ok) ? 0 : 1;
    });
}
