/**
 * Shared set-up of the CLI tests that run the CLI on a config file: a folder per case under one temp root, the master
 * key they run with, and the `databricks:` part of a valid config.
 */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll } from 'vitest';

/** `ML_CONNECTOR_MASTER_KEY` of these tests (64 hex digits). */
export const MASTER_KEY = 'ab'.repeat(32);

/** The `databricks:` section of a valid config with PAT auth (nothing listens at the host). */
export function databricksSection(o: { host?: string; token?: string } = {}): string {
  return `databricks:
  host: ${o.host ?? 'https://adb.example.net'}
  warehouseId: w1
  catalog: main
  schema: epicor
  auth:
    type: pat
    token: ${o.token ?? 'dapi-literal'}
`;
}

/**
 * Registers a temp root for this test file (removed after its tests) and returns a maker of one folder per case;
 * with `yaml` the folder gets it as `ml-connector.yaml`.
 */
export function configDirs(prefix: string): (name: string, yaml?: string) => Promise<string> {
  let root = '';
  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), prefix));
  });
  afterAll(async () => {
    await rm(root, { recursive: true, force: true });
  });
  return async (name, yaml) => {
    const dir = join(root, name);
    await mkdir(dir, { recursive: true });
    if (yaml !== undefined) await writeFile(join(dir, 'ml-connector.yaml'), yaml);
    return dir;
  };
}
