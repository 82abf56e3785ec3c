/** Both emulators on loopback for an end-to-end test file, plus the config and helpers the tests share. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Config } from '../../src/config/schema.ts';
import { emulatedConfig } from '../../src/demo/emulated-config.ts';
import {
  createDatabricksEmulator,
  type DatabricksEmulator,
  type DatabricksEmulatorOptions,
} from '../../src/emulators/databricks/databricks-emulator.ts';
import {
  createEpicorEmulator,
  type EpicorEmulator,
  type EpicorEmulatorOptions,
} from '../../src/emulators/epicor/index.ts';
import { createLogger, type Logger } from '../../src/log/create-logger.ts';
import { checkGroundTruth, type GroundTruthOptions, type GroundTruthReport } from './ground-truth.ts';

export interface E2eEnv {
  epicor: EpicorEmulator;
  databricks: DatabricksEmulator;
  /** Epicor base URL as configured (the emulator's, or a proxy's in front of it). */
  epicorUrl: string;
  host: string;
  dataDir: string;
  config: Config;
  logger: Logger;
  /** Ground truth of one company (default EPIC06) against `main.epicor`. */
  check(opts?: Partial<GroundTruthOptions>): Promise<GroundTruthReport>;
  /** Direct DuckDB read of the Databricks emulator. */
  query(sql: string): Promise<Record<string, unknown>[]>;
  close(): Promise<void>;
}

export interface E2eEnvOptions {
  epicor?: EpicorEmulatorOptions;
  databricks?: Omit<DatabricksEmulatorOptions, 'dataDir'>;
  /** Puts something (a proxy) in front of the Epicor emulator; returns the URL to configure. */
  front?: (epicorUrl: string) => Promise<{ url: string; close(): Promise<void> }>;
  companies?: string[];
  pageSize?: number;
}

/** Starts both emulators (fresh data dir) and builds the emulator config. */
export async function startE2eEnv(opts: E2eEnvOptions = {}): Promise<E2eEnv> {
  const dataDir = mkdtempSync(join(tmpdir(), 'mlc-e2e-'));
  const epicor = createEpicorEmulator({ seed: 7, scale: 0.2, ...opts.epicor });
  const databricks = await createDatabricksEmulator({ ...opts.databricks, dataDir });
  const direct = await epicor.listen(0);
  const host = await databricks.listen(0);
  const front = opts.front ? await opts.front(direct) : undefined;
  const epicorUrl = front?.url ?? direct;
  const config = emulatedConfig(epicorUrl, host, { companies: opts.companies, pageSize: opts.pageSize ?? 200 });
  const logger = createLogger({ format: 'text', level: 'silent', secrets: [] });
  const query = (sql: string) => databricks.query(sql);
  return {
    epicor,
    databricks,
    epicorUrl,
    host,
    dataDir,
    config,
    logger,
    query,
    check: (o = {}) => checkGroundTruth({ source: epicor, query, company: 'EPIC06', instance: epicorUrl, ...o }),
    async close() {
      await front?.close();
      await epicor.close();
      await databricks.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
