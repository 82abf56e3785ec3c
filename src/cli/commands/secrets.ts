import { access } from 'node:fs/promises';
import type { Command } from 'commander';
import { ConnectorError } from '../../errors.ts';
import { registerSecrets } from '../../log/secret-registry.ts';
import { readSecretValue } from '../../secrets/read-secret-value.ts';
import { checkName, openSecretStore } from '../../secrets/secret-store.ts';
import { storePaths } from '../../secrets/store-paths.ts';
import { globalOptions } from '../context.ts';

/** `secrets set|list|rm`: manage credentials in the encrypted store beside the config. */
export function registerSecretsCommand(program: Command): void {
  const secrets = program
    .command('secrets')
    .description('manage credentials kept encrypted beside the config (.ml-connector/secrets.enc)');

  secrets
    .command('set <name>')
    .description('store a secret; the value is read from stdin (never from the command line)')
    .action(async (name: string, _opts: unknown, cmd: Command) => {
      checkName(name);
      const { configDir } = globalOptions(cmd);
      const value = await readSecretValue(process.stdin, {
        text: `value for ${name} (input hidden): `,
        output: process.stderr,
      });
      if (value === '' && process.stdin.isTTY) {
        throw new ConnectorError('USAGE', `no value typed for ${name}: nothing was stored`);
      }
      if (value === '') {
        throw new ConnectorError(
          'USAGE',
          `no value for ${name} on stdin: pipe it in, e.g. \`printf %s "$VALUE" | ml-connector secrets set ${name}\``,
        );
      }
      registerSecrets([value]);
      const store = await openSecretStore(configDir, { create: true });
      await store.set(name, value);
      const created = store.keySource === 'created' ? ` (new master key in ${store.paths.keyFile})` : '';
      process.stdout.write(`stored ${name} in ${store.paths.secretsFile}${created}\n`);
    });

  secrets
    .command('list')
    .description('print the names of stored secrets (never their values)')
    .action(async (_opts: unknown, cmd: Command) => {
      const { configDir } = globalOptions(cmd);
      if (!(await exists(storePaths(configDir).secretsFile))) return;
      const store = await openSecretStore(configDir);
      for (const name of store.names()) process.stdout.write(`${name}\n`);
    });

  secrets
    .command('rm <name>')
    .description('remove a stored secret')
    .action(async (name: string, _opts: unknown, cmd: Command) => {
      checkName(name);
      const { configDir } = globalOptions(cmd);
      const { secretsFile } = storePaths(configDir);
      const removed = (await exists(secretsFile)) && (await (await openSecretStore(configDir)).remove(name));
      if (!removed) throw new ConnectorError('USAGE', `no secret named ${name} in ${secretsFile}`);
      process.stdout.write(`removed ${name}\n`);
    });
}

async function exists(path: string): Promise<boolean> {
  try {
    await access(path);
    return true;
  } catch {
    return false;
  }
}
