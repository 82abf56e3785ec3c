import { join } from 'node:path';

/** Where the secret store and key file of a config folder live (SPEC §3: beside the config). */
export interface StorePaths {
  dir: string;
  secretsFile: string;
  keyFile: string;
}

/** Paths of `.ml-connector/secrets.enc` and `.ml-connector/master.key` under `configDir`. */
export function storePaths(configDir: string): StorePaths {
  const dir = join(configDir, '.ml-connector');
  return { dir, secretsFile: join(dir, 'secrets.enc'), keyFile: join(dir, 'master.key') };
}

/** Environment variable that carries the master key (overrides the key file). */
export const MASTER_KEY_ENV = 'ML_CONNECTOR_MASTER_KEY';
