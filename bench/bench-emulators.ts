/** Both emulators on loopback for a benchmark phase, with the counting proxy in front of Databricks. */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createDatabricksEmulator, type DatabricksEmulator } from '../src/emulators/databricks/databricks-emulator.ts';
import { createEpicorEmulator, type EpicorEmulator } from '../src/emulators/epicor/index.ts';
import { type DatabricksProxy, startDatabricksProxy } from './databricks-proxy.ts';
import type { LatencyModel } from './latency-model.ts';

export interface BenchDatabricks {
  emulator: DatabricksEmulator;
  proxy: DatabricksProxy;
  /** What the client is given (the proxy). */
  host: string;
  close(): Promise<void>;
}

/** Starts the Epicor emulator with the model's latency; resolves it and its base URL. */
export async function startEpicor(
  seed: number,
  scale: number,
  model: LatencyModel,
): Promise<{ epicor: EpicorEmulator; url: string }> {
  const epicor = createEpicorEmulator({ seed, scale, latency: { ...model.epicor } });
  const url = await epicor.listen(0);
  return { epicor, url };
}

/** Starts a fresh Databricks emulator (own temp data dir) behind the counting proxy. */
export async function startDatabricks(model: LatencyModel): Promise<BenchDatabricks> {
  const dataDir = await mkdtemp(join(tmpdir(), 'ml-connector-bench-'));
  const emulator = await createDatabricksEmulator({ dataDir, ...model.databricks });
  const proxy = await startDatabricksProxy(await emulator.listen(0));
  return {
    emulator,
    proxy,
    host: proxy.url,
    async close() {
      await proxy.close();
      await emulator.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

/** Epicor API requests served so far (token endpoints excluded). */
export function epicorApiRequests(epicor: EpicorEmulator): number {
  const byPath = epicor.stats().byPath;
  return Object.entries(byPath).reduce((a, [p, n]) => (p.startsWith('/api/v2/') ? a + n : a), 0);
}
