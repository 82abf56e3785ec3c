import { randomUUID } from 'node:crypto';
import type { DatabricksConfig } from '../../../config/schema.ts';
import { messageOf } from '../../../errors.ts';
import { qualifiedName, quoteIdentifier } from '../sql/identifier.ts';
import { createDatabricksClient, type DatabricksClient, type DatabricksClientOptions } from './databricks-client.ts';
import { volumeRoot } from './volume-path.ts';

/** One line of `ml-connector check`. */
export interface CheckResult {
  name: string;
  ok: boolean;
  detail: string;
}

/**
 * Pings the Databricks side (SPEC §2 `check`): a token is obtained, the warehouse answers `SELECT 1`, the
 * catalog/schema and the staging volume are usable (created if missing, a small file put and deleted). A failed
 * step marks the steps that depend on it as skipped.
 */
export async function checkDatabricks(
  config: DatabricksConfig,
  opts: DatabricksClientOptions = {},
): Promise<CheckResult[]> {
  const client = createDatabricksClient(config, opts);
  try {
    return await runChecks(client, config);
  } finally {
    await client.close();
  }
}

async function runChecks(client: DatabricksClient, config: DatabricksConfig): Promise<CheckResult[]> {
  const results: CheckResult[] = [];
  const step = async (name: string, run: () => Promise<string>): Promise<boolean> => {
    const blocked = results.find((r) => !r.ok);
    if (blocked) {
      results.push({ name, ok: false, detail: `skipped because the ${blocked.name} check failed.` });
      return false;
    }
    try {
      results.push({ name, ok: true, detail: await run() });
      return true;
    } catch (e) {
      results.push({ name, ok: false, detail: messageOf(e) });
      return false;
    }
  };
  const schemaName = `${quoteIdentifier(config.catalog, 'catalog')}.${quoteIdentifier(config.schema, 'schema')}`;
  const volumeName = qualifiedName(config.catalog, config.schema, config.volume);

  await step('databricks token', async () => {
    await client.credentials.token();
    return client.credentials.method === 'pat'
      ? 'personal access token configured.'
      : `OAuth token obtained (${client.credentials.method}).`;
  });
  await step('databricks warehouse', async () => {
    const { rows } = await client.statements.execute('SELECT 1');
    if (rows[0]?.[0] !== '1')
      throw new Error(`warehouse ${config.warehouseId} answered SELECT 1 with ${JSON.stringify(rows)}.`);
    return `warehouse ${config.warehouseId} answered SELECT 1.`;
  });
  await step('databricks schema', async () => {
    await client.statements.execute(`CREATE SCHEMA IF NOT EXISTS ${schemaName}`);
    return `schema ${config.catalog}.${config.schema} is usable.`;
  });
  await step('databricks volume', async () => {
    await client.statements.execute(`CREATE VOLUME IF NOT EXISTS ${volumeName}`);
    const root = volumeRoot(config.catalog, config.schema, config.volume);
    const dir = `${root}/_ml_connector_check_${randomUUID()}`;
    await client.files.upload(`${dir}/probe.txt`, Buffer.from('ml-connector check\n'), { overwrite: true });
    await client.files.deleteTree(dir);
    return `volume ${root} is usable (a test file was written and deleted).`;
  });
  return results;
}
