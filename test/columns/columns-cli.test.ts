/**
 * `columns` and `schemaChanges` through the real CLI (child process) against both emulators: a hashed field with its
 * salt secret not stored exits 2 naming the secret; with it stored the sync loads hashes (the salt in no output);
 * `status` lists the options; under `schemaChanges: block` a new `_c` field fails vendors with the fields named
 * and exits 4 (partial) while companies load.
 */
import { createHash } from 'node:crypto';
import { rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDatabricksClient } from '../../src/destination/databricks/client/databricks-client.ts';
import {
  createDatabricksEmulator,
  type DatabricksEmulator,
} from '../../src/emulators/databricks/databricks-emulator.ts';
import { EpicorFixture } from '../../src/emulators/epicor/fixture-data.ts';
import { createEpicorEmulator, type EpicorEmulator } from '../../src/emulators/epicor/index.ts';
import { openSecretStore } from '../../src/secrets/secret-store.ts';
import { emulatorYaml, MASTER_KEY, runCli, writeConfig } from '../support/cli-harness.ts';

const SALT = 'cli-salt-9f8e7d6c5b4a3210';
let epicor: EpicorEmulator;
let databricks: DatabricksEmulator;
let fixture: EpicorFixture;
let file: string;
let host: string;

function configure(extra: string): void {
  const base = emulatorYaml({ epicorUrl: epicor.baseUrl, host }).replace(
    'entities: all',
    'entities: [companies, vendors]',
  );
  writeFileSync(file, `${base}${extra}`);
}

beforeAll(async () => {
  fixture = new EpicorFixture({
    EPIC06: {
      Companies: [{ Company1: 'EPIC06', Name: 'CLI Fabrication' }],
      Vendors: [{ VendorNum: 1, VendorID: 'ACME01', Name: 'Acme', TaxPayerID: '98-7654321' }],
    },
  });
  epicor = createEpicorEmulator({ fixture });
  await epicor.listen(0);
  file = writeConfig({ epicorUrl: epicor.baseUrl, host: 'http://127.0.0.1:1' });
  databricks = await createDatabricksEmulator({ dataDir: join(dirname(file), 'dbx') });
  host = await databricks.listen(0);
}, 60_000);

afterAll(async () => {
  await Promise.allSettled([epicor?.close(), databricks?.close()]);
  rmSync(dirname(file), { recursive: true, force: true });
});

const COLUMNS = `columns:
  salt: "\${secret:column_hash_salt}"
  vendors: { exclude: [PhoneNum], hash: [TaxPayerID] }
`;

describe.sequential('columns and schemaChanges on the command line', () => {
  it('exits 2 naming the salt secret to store when it is missing', async () => {
    configure(COLUMNS);
    const r = await runCli(['sync', '--config', file]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/secret column_hash_salt is not stored: run `ml-connector secrets set column_hash_salt/);
  }, 60_000);

  it('loads hashes once the salt is stored; the salt appears in no output; status lists the options', async () => {
    const store = await openSecretStore(dirname(file), { masterKey: MASTER_KEY, create: true });
    await store.set('column_hash_salt', SALT);
    const r = await runCli(['sync', '--config', file, '--verbose']);
    expect(r.code).toBe(0);
    expect(r.stdout + r.stderr).not.toContain(SALT);
    const client = createDatabricksClient({
      host,
      warehouseId: 'emulated-warehouse',
      auth: {
        type: 'oauth-m2m',
        level: 'workspace',
        accountId: null,
        clientId: 'demo-sp',
        clientSecret: 'demo-sp-secret',
      },
    } as never);
    const res = await client.statements.execute('SELECT tax_payer_id FROM main.epicor.dim_vendor');
    expect(res.rows).toEqual([[createHash('sha256').update(`${SALT}98-7654321`).digest('hex')]]);
    await client.close();
    const status = await runCli(['status', '--config', file]);
    expect(status.code).toBe(0);
    expect(status.stdout).toContain('vendors: excluded PhoneNum; hashed TaxPayerID (salted SHA-256)');
    expect(status.stdout).toContain('schema changes: allow');
  }, 90_000);

  it('under schemaChanges: block, a new _c field fails vendors (exit 4) naming the field; companies load', async () => {
    configure(`${COLUMNS}schemaChanges: block\n`);
    epicor.setSchemaDrift('EPIC06', 'Vendors', { add: [{ name: 'Region_c', type: 'Edm.String', value: () => 'N' }] });
    fixture.upsert('EPIC06', 'Vendors', { VendorNum: 1, Name: 'Acme 2' });
    fixture.upsert('EPIC06', 'Companies', { Company1: 'EPIC06', Name: 'CLI Fabrication 2' });
    const r = await runCli(['sync', '--config', file]);
    expect(r.code).toBe(4);
    expect(r.stdout + r.stderr).toMatch(/schemaChanges is block: new fields Region_c/);
  }, 60_000);
});
