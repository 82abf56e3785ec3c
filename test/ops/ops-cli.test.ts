/** `ml-connector reconcile` and `replay` as a user runs them: exit codes, summaries, one-sentence errors. */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { emulatedConfig } from '../../src/demo/emulated-config.ts';
import {
  createDatabricksEmulator,
  type DatabricksEmulator,
} from '../../src/emulators/databricks/databricks-emulator.ts';
import { createEpicorEmulator, type EpicorEmulator } from '../../src/emulators/epicor/index.ts';
import { syncOnce } from '../../src/jobs/sync-once.ts';
import { createLogger } from '../../src/log/create-logger.ts';
import { spawnCli } from '../cli/spawn-cli.ts';

const logger = createLogger({ format: 'json', level: 'warn', secrets: [], stream: { write: () => {} } });

let dir: string;
let epicor: EpicorEmulator;
let databricks: DatabricksEmulator;
const cli = (...args: string[]) => spawnCli(['--config', join(dir, 'ml-connector.yaml'), ...args], { cwd: dir });

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'ops-cli-'));
  epicor = createEpicorEmulator({ seed: 5, scale: 0.05 });
  databricks = await createDatabricksEmulator({ dataDir: join(dir, 'dbx') });
  const epicorUrl = await epicor.listen(0);
  const host = await databricks.listen(0);
  await writeFile(
    join(dir, 'ml-connector.yaml'),
    [
      'epicor:',
      `  baseUrl: ${epicorUrl}`,
      '  company: EPIC06',
      '  apiKey: demo-api-key',
      '  auth:',
      '    type: oauth2',
      `    tokenUrl: ${epicorUrl}/oauth/token`,
      '    clientId: ml-connector-demo',
      '    clientSecret: demo-secret',
      'databricks:',
      `  host: ${host}`,
      '  warehouseId: emulated-warehouse',
      '  catalog: main',
      '  schema: epicor',
      '  auth:',
      '    type: oauth-m2m',
      '    level: workspace',
      '    clientId: demo-sp',
      '    clientSecret: demo-sp-secret',
      'schedule: manual',
      'entities: [vendors, customers]',
      '',
    ].join('\n'),
  );
}, 30_000);

afterAll(async () => {
  await epicor?.close();
  await databricks?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('reconcile and replay commands', () => {
  it('reconcile exits 0 and reports what it marked; replay of an unknown run exits 1', async () => {
    const config = emulatedConfig(epicor.baseUrl, databricks.host, { entities: ['vendors', 'customers'] });
    expect((await syncOnce(config, { logger })).run.status).toBe('succeeded');
    const gone = epicor.advance({ inserts: 0, updates: 0, deletes: 2 }).companies.EPIC06.Customers?.deleted ?? [];
    expect(gone.length).toBeGreaterThan(0);

    // One after the other: both take the destination lock, so run together one would find it held.
    const r = await cli('reconcile', '--entities', 'customers');
    const unknown = await cli('replay', 'no-such-run');
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^reconcile \S+: succeeded/);
    expect(r.stdout).toContain(`${gone.length} marked deleted`);

    expect(unknown.code).toBe(1);
    expect(unknown.stderr.trim().split('\n')).toHaveLength(1);
    expect(unknown.stderr).toContain('There is no sync run no-such-run in the run ledger');
  }, 60_000);
});
