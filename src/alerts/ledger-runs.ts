/** Reads the run ledger's newest runs for `recovered` decisions in a one-shot command (one statement). */
import type { Config } from '../config/schema.ts';
import { createDatabricksClient } from '../destination/databricks/client/databricks-client.ts';
import { createStateStore } from '../destination/databricks/state-store.ts';
import type { LedgerRun } from './run-alerts.ts';

export async function readLedgerRuns(config: Config, limit = 20): Promise<LedgerRun[]> {
  const client = createDatabricksClient(config.databricks, { retry: { maxRetries: 1 } });
  try {
    const ref = { catalog: config.databricks.catalog, schema: config.databricks.schema };
    return await createStateStore(client, ref).lastRuns(limit);
  } finally {
    await client.close();
  }
}
