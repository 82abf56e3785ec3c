import type { Command } from 'commander';
import { registerAlertsCommand } from './alerts.ts';
import { registerAnalyticsCommand } from './analytics.ts';
import { registerCheckCommand } from './check.ts';
import { registerDemoCommand } from './demo.ts';
import { registerEmulateCommand } from './emulate.ts';
import { registerInitCommand } from './init.ts';
import { registerReconcileCommand } from './reconcile.ts';
import { registerReplayCommand } from './replay.ts';
import { registerResyncCommand } from './resync.ts';
import { registerRunCommand } from './run.ts';
import { registerSecretsCommand } from './secrets.ts';
import { registerSqlCommand } from './sql.ts';
import { registerStatusCommand } from './status.ts';
import { registerSyncCommand } from './sync.ts';
import { registerUiCommand } from './ui.ts';

/** Every CLI command registers itself here (one file per command in this folder). */
export const COMMANDS: ((program: Command) => void)[] = [
  registerInitCommand,
  registerSecretsCommand,
  registerCheckCommand,
  registerSyncCommand,
  registerRunCommand,
  registerStatusCommand,
  registerSqlCommand,
  registerEmulateCommand,
  registerDemoCommand,
  registerReplayCommand,
  registerReconcileCommand,
  registerResyncCommand,
  registerAnalyticsCommand,
  registerAlertsCommand,
  registerUiCommand,
];
