import type { Command } from 'commander';
import { loadConfig } from '../../config/load-config.ts';
import { ConnectorError } from '../../errors.ts';
import { startConsoleServer } from '../../ui/console-server.ts';
import { cliLogger, globalOptions } from '../context.ts';

/**
 * `ui [--port N] [--host H]`: the local web console (setup, fit check, runs). Starts without a config file (the
 * setup page writes one); prints the login link once; stops on Ctrl-C / SIGTERM.
 */
export function registerUiCommand(program: Command): void {
  program
    .command('ui')
    .description('serve the local web console: setup, fit check, runs (loopback and a login token by default)')
    .option('--port <n>', 'port to listen on (default ui.port, else 8765; 0 = any free port)')
    .option('--host <address>', 'address to listen on (default ui.host, else 127.0.0.1)')
    .action(async (opts: { port?: string; host?: string }, cmd: Command) => {
      const g = globalOptions(cmd);
      const logger = cliLogger(cmd);
      // The config may not exist or be valid yet; only its ui: section is used here.
      const ui = await loadConfig(g.config).then(
        (l) => l.config.ui,
        () => null,
      );
      const port = opts.port === undefined ? (ui?.port ?? 8765) : Number(opts.port);
      if (!Number.isInteger(port) || port < 0 || port > 65535) {
        throw new ConnectorError('USAGE', `--port must be a port number from 0 to 65535, not "${opts.port}"`);
      }
      const host = opts.host ?? ui?.host ?? '127.0.0.1';
      const server = await startConsoleServer({
        configPath: g.configPath,
        configDir: g.configDir,
        logger,
        port,
        host,
        token: ui?.token,
      });
      if (!['127.0.0.1', '::1', 'localhost'].includes(host)) {
        logger.warn(`the console listens on ${host}: anyone who can reach it and has the token can start syncs`);
      }
      process.stdout.write(
        ui?.token
          ? `console: ${server.url}/ (log in with ui.token)\n`
          : `console: ${server.loginUrl}\n(the link holds this session's login token; it changes at every start)\n`,
      );
      await new Promise<void>((resolve) => {
        const stop = () => resolve();
        process.once('SIGINT', stop);
        process.once('SIGTERM', stop);
      });
      await server.close();
      process.exit(0);
    });
}
