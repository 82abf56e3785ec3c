import { dirname, resolve } from 'node:path';
import type { Command } from 'commander';
import { loadConfig } from '../config/load-config.ts';
import type { Config } from '../config/schema.ts';
import { ConnectorError } from '../errors.ts';
import { createLogger, type LogFormat, type Logger } from '../log/create-logger.ts';
import { cliLogOutlet } from '../log/log-outlet.ts';
import { routeProcessWarnings } from '../log/process-warnings.ts';
import { registeredSecrets, registerSecrets } from '../log/secret-registry.ts';

/** The global options every command shares (`--config`, `--verbose`, `--log-format`). */
export interface GlobalOptions {
  /** As the user typed it (for messages). */
  config: string;
  /** Absolute path of the config file. */
  configPath: string;
  /** Folder of the config file (the secret store lives here). */
  configDir: string;
  verbose: boolean;
  logFormat: LogFormat;
}

export interface CliContext {
  config: Config;
  configPath: string;
  configDir: string;
  logger: Logger;
  secretValues: string[];
  verbose: boolean;
}

/** Reads the global options from any command (root or subcommand). */
export function globalOptions(cmd: Command): GlobalOptions {
  const opts = cmd.optsWithGlobals() as { config?: string; verbose?: boolean; logFormat?: string };
  const config = opts.config ?? './ml-connector.yaml';
  const logFormat = opts.logFormat ?? 'text';
  if (logFormat !== 'text' && logFormat !== 'json') {
    throw new ConnectorError('USAGE', `--log-format must be text or json, not "${logFormat}"`);
  }
  const configPath = resolve(config);
  return { config, configPath, configDir: dirname(configPath), verbose: opts.verbose === true, logFormat };
}

/** A logger following the global options, redacting every secret registered so far plus `secrets`. */
export function cliLogger(cmd: Command, secrets: readonly string[] = []): Logger {
  const g = globalOptions(cmd);
  registerSecrets(secrets);
  const logger = createLogger({
    format: g.logFormat,
    level: g.verbose ? 'debug' : 'info',
    secrets: registeredSecrets(),
    stream: cliLogOutlet,
  });
  routeProcessWarnings(logger);
  return logger;
}

/** Loads and validates the config named by `--config` once, and builds the command's logger. */
export async function loadCliContext(cmd: Command): Promise<CliContext> {
  const g = globalOptions(cmd);
  const loaded = await loadConfig(g.config);
  registerSecrets(loaded.secretValues);
  const logger = cliLogger(cmd);
  for (const w of loaded.warnings) logger.warn(w);
  return {
    config: loaded.config,
    configPath: loaded.configPath,
    configDir: loaded.configDir,
    logger,
    secretValues: loaded.secretValues,
    verbose: g.verbose,
  };
}
