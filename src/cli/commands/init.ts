import { access, mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Command } from 'commander';
import { DEFAULT_CONFIG_PATH } from '../../config/load-config.ts';
import { EMULATOR_PORTS, EMULATOR_SECRETS, STARTER_SECRETS, starterConfigYaml } from '../../config/starter-config.ts';
import { ConnectorError } from '../../errors.ts';
import { ensureSecretStoreFile, openSecretStore } from '../../secrets/secret-store.ts';
import { MASTER_KEY_ENV, storePaths } from '../../secrets/store-paths.ts';
import { globalOptions } from '../context.ts';

/** `init [--force] [--emulators]`: writes a commented starter config and creates the secret store + key. */
export function registerInitCommand(program: Command): void {
  program
    .command('init')
    .description('write a commented starter ml-connector.yaml and create the encrypted secret store')
    .option('--force', 'overwrite an existing config file')
    .option('--emulators', 'point the config at the built-in emulators and store their demo credentials')
    .action(async (opts: { force?: boolean; emulators?: boolean }, cmd: Command) => {
      const g = globalOptions(cmd);
      if (!opts.force && (await exists(g.configPath))) {
        throw new ConnectorError('USAGE', `${g.config} already exists: pass --force to overwrite it`);
      }

      // Store first: if the key or store is unusable, no config is left behind pointing at it.
      const paths = storePaths(g.configDir);
      const store = await openSecretStore(g.configDir, { create: true });
      await ensureSecretStoreFile(g.configDir);
      await protectFromCommits(paths.dir);
      if (opts.emulators) {
        for (const [name, value] of Object.entries(EMULATOR_SECRETS)) await store.set(name, value);
      }

      await mkdir(g.configDir, { recursive: true });
      await writeFile(g.configPath, starterConfigYaml({ emulators: opts.emulators }), {
        flag: opts.force ? 'w' : 'wx',
      });

      const flag = g.configPath === join(process.cwd(), DEFAULT_CONFIG_PATH) ? '' : ` --config ${g.config}`;
      const key =
        store.keySource === 'created'
          ? `created the master key ${paths.keyFile} (mode 0600; back it up, or set ${MASTER_KEY_ENV} instead)`
          : store.keySource === 'env'
            ? `using the master key from ${MASTER_KEY_ENV}`
            : `using the master key ${paths.keyFile}`;
      const lines = [`wrote ${g.config}`, `secret store ${paths.secretsFile}: ${key}`, '', 'next steps:'];
      if (opts.emulators) {
        lines.push(
          `  demo credentials are stored (${STARTER_SECRETS.join(', ')})`,
          // The ports the written config points at (emulate alone picks a free port, and check would then fail).
          `  ml-connector emulate epicor --port ${EMULATOR_PORTS.epicor}        # in one terminal`,
          `  ml-connector emulate databricks --port ${EMULATOR_PORTS.databricks}    # in another`,
          `  ml-connector check${flag}`,
          `  ml-connector sync${flag}`,
        );
      } else {
        lines.push(
          `  1. edit ${g.config}: epicor.baseUrl, company, auth; databricks.host, warehouseId, catalog, schema`,
          '  2. store the credentials (each reads the value from stdin):',
          ...STARTER_SECRETS.map((name) => `       ml-connector secrets set ${name}${flag}`),
          `  3. ml-connector check${flag}`,
          `  4. ml-connector sync${flag}`,
        );
      }
      process.stdout.write(`${lines.join('\n')}\n`);
    });
}

/** The key and store must never end up in git by accident. */
async function protectFromCommits(dir: string): Promise<void> {
  const ignore = join(dir, '.gitignore');
  if (!(await exists(ignore))) await writeFile(ignore, '*\n');
}

async function exists(path: string): Promise<boolean> {
  try {
    await access(path);
    return true;
  } catch {
    return false;
  }
}
