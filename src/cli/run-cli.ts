import type { Command } from 'commander';
import { ConnectorError, messageOf } from '../errors.ts';
import { redactSecrets } from '../log/redact-secrets.ts';
import { registeredSecrets } from '../log/secret-registry.ts';
import { withConfigHint } from './config-hints.ts';

/**
 * Parses argv and runs the chosen command. Errors become one sentence on stderr and the SPEC exit code;
 * stack traces only with --verbose.
 */
export async function runCli(program: Command, argv: string[]): Promise<void> {
  // Subcommands copy these settings when they are created, i.e. before this runs: set them on every command, or a
  // usage error in a subcommand (`sql` without its statement) exits 1 from inside commander instead of 2.
  for (const cmd of allCommands(program)) {
    cmd.exitOverride();
    cmd.configureOutput({ writeErr: (s) => process.stderr.write(s) });
  }
  try {
    await program.parseAsync(argv);
  } catch (e) {
    const err = e as { code?: string; exitCode?: number };
    if (typeof err.code === 'string' && err.code.startsWith('commander.')) {
      // commander already printed its message (help, version, usage errors).
      const helpLike = err.code === 'commander.helpDisplayed' || err.code === 'commander.version';
      process.exitCode = helpLike ? 0 : 2;
      return;
    }
    const verbose = program.opts().verbose === true;
    const secrets = registeredSecrets();
    process.stderr.write(`error: ${redactSecrets(withConfigHint(messageOf(e)), secrets)}\n`);
    if (verbose && e instanceof Error && e.stack) process.stderr.write(`${redactSecrets(e.stack, secrets)}\n`);
    process.exitCode = e instanceof ConnectorError ? e.exitCode : 1;
  }
}

function allCommands(cmd: Command): Command[] {
  return [cmd, ...cmd.commands.flatMap(allCommands)];
}
