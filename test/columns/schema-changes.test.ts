/**
 * Schema-change policy (config `schemaChanges`, issue 19 item 3) end to end: the Epicor emulator's schema-drift
 * switch adds a UD field (`Region_c`), removes one (`PurPoint`) and retypes two (`Number01_c` Decimal(18,9) →
 * Decimal(28,9), which Delta widens in place; `CheckBox01_c` Boolean → String, which it cannot) of EPIC06's vendors.
 * Each policy is run against each change on real emulators; tables, statements and run results are asserted.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Config } from '../../src/config/schema.ts';
import type { SchemaChangePolicy } from '../../src/config/schema-changes-config.ts';
import { emulatedConfig } from '../../src/demo/emulated-config.ts';
import { createDatabricksClient } from '../../src/destination/databricks/client/databricks-client.ts';
import {
  createDatabricksEmulator,
  type DatabricksEmulator,
} from '../../src/emulators/databricks/databricks-emulator.ts';
import { EpicorFixture } from '../../src/emulators/epicor/fixture-data.ts';
import { createEpicorEmulator, type EpicorEmulator, type SchemaDrift } from '../../src/emulators/epicor/index.ts';
import { type SyncOnceOptions, syncOnce } from '../../src/jobs/sync-once.ts';
import { createLogger } from '../../src/log/create-logger.ts';

const COMPANY = 'EPIC06';
const ADD: SchemaDrift = { add: [{ name: 'Region_c', type: 'Edm.String', value: () => 'North' }] };
const REMOVE: SchemaDrift = { remove: ['PurPoint'] };
const RETYPE: SchemaDrift = {
  retype: [
    { name: 'Number01_c', type: 'Edm.Decimal', precision: 28, scale: 9 },
    { name: 'CheckBox01_c', type: 'Edm.String', convert: (v) => String(v) },
  ],
};
const ALL: SchemaDrift = { ...ADD, ...REMOVE, ...RETYPE };

type Row = Record<string, string | null>;

interface Env {
  epicor: EpicorEmulator;
  databricks: DatabricksEmulator;
  fixture: EpicorFixture;
  config: Config;
  dataDir: string;
  notices: string[];
  q(sql: string): Promise<Row[]>;
  /** Changes both vendors (new revisions), then syncs. */
  sync(): Promise<Awaited<ReturnType<typeof syncOnce>>>;
  columns(table: string): Promise<Record<string, string>>;
  close(): Promise<void>;
}

let edits = 0;
async function startEnv(policy: SchemaChangePolicy): Promise<Env> {
  const fixture = new EpicorFixture({
    [COMPANY]: {
      Companies: [{ Company1: COMPANY, Name: 'Drift Fabrication' }],
      Vendors: [
        { VendorNum: 1, VendorID: 'ACME01', Name: 'Acme', PurPoint: 'P1', Number01_c: 1.5, CheckBox01_c: true },
        { VendorNum: 2, VendorID: 'BOLT02', Name: 'Bolt', PurPoint: 'P2', Number01_c: 2.25, CheckBox01_c: false },
      ],
    },
  });
  const epicor = createEpicorEmulator({ fixture });
  const dataDir = mkdtempSync(join(tmpdir(), 'mlc-schema-'));
  const databricks = await createDatabricksEmulator({ dataDir });
  const config = emulatedConfig(await epicor.listen(0), await databricks.listen(0), {
    entities: ['companies', 'vendors'],
  });
  config.history = ['vendors'];
  config.analytics = { ...config.analytics, enabled: false };
  config.schemaChanges = { default: policy, entities: {} };
  const client = createDatabricksClient(config.databricks);
  const notices: string[] = [];
  const logger = createLogger({
    format: 'json',
    level: 'warn',
    secrets: [],
    stream: { write: (l: string) => notices.push(JSON.parse(l).msg) },
  });
  const q = async (sql: string): Promise<Row[]> => {
    const r = await client.statements.execute(sql, { catalog: 'main', schema: 'epicor' });
    return r.rows.map((row) => Object.fromEntries(r.columns.map((c, i) => [c.name, row[i] ?? null])));
  };
  const env: Env = {
    epicor,
    databricks,
    fixture,
    config,
    dataDir,
    notices,
    q,
    async sync() {
      edits++;
      fixture.upsert(COMPANY, 'Vendors', { VendorNum: 1, Name: `Acme ${edits}` });
      fixture.upsert(COMPANY, 'Vendors', { VendorNum: 2, Name: `Bolt ${edits}` });
      const opts: SyncOnceOptions = { logger };
      return syncOnce(env.config, opts);
    },
    async columns(table) {
      const rows = await q(
        `SELECT column_name, full_data_type FROM system.information_schema.columns WHERE table_schema = 'epicor' AND table_name = '${table}'`,
      );
      return Object.fromEntries(rows.map((r) => [r.column_name as string, r.full_data_type as string]));
    },
    async close() {
      await Promise.allSettled([epicor.close(), databricks.close()]);
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
  const first = await env.sync();
  expect(first.run.status).toBe('succeeded');
  return env;
}

const ddlSince = (env: Env, from: number) =>
  env.databricks
    .statementLog()
    .slice(from)
    .map((s) => s.statement)
    .filter((s) => /^(ALTER|CREATE)/i.test(s.trim()));

describe.sequential('schemaChanges: allow', () => {
  let env: Env;
  let before: number;
  let result: Awaited<ReturnType<typeof syncOnce>>;
  beforeAll(async () => {
    env = await startEnv('allow');
    before = env.databricks.statementLog().length;
    env.epicor.setSchemaDrift(COMPANY, 'Vendors', ALL);
    result = await env.sync();
  }, 60_000);
  afterAll(() => env?.close());

  it('adds the new _c field, keeps the removed one, widens in place and adds a column for a non-widening type', async () => {
    expect(result.run.status).toBe('succeeded');
    const cols = await env.columns('dim_vendor');
    expect(cols.region_c).toBe('string');
    expect(cols.pur_point).toBe('string');
    expect(cols.number01_c).toBe('decimal(28,9)');
    expect(cols.check_box01_c).toBe('boolean');
    expect(cols.check_box01_c__string).toBe('string');
    const hist = await env.columns('dim_vendor_history');
    expect(hist.number01_c).toBe('decimal(28,9)');
    expect(hist.check_box01_c__string).toBe('string');
    expect(hist.region_c).toBe('string');
    const rows = await env.q(
      'SELECT vendor_id, region_c, pur_point, CAST(number01_c AS STRING) AS n, check_box01_c, check_box01_c__string FROM dim_vendor ORDER BY vendor_id',
    );
    // The removed field's column keeps the dimension's last value; the retyped one's old column its old value.
    expect(rows).toEqual([
      {
        vendor_id: 'ACME01',
        region_c: 'North',
        pur_point: 'P1',
        n: '1.500000000',
        check_box01_c: 'true',
        check_box01_c__string: 'true',
      },
      {
        vendor_id: 'BOLT02',
        region_c: 'North',
        pur_point: 'P2',
        n: '2.250000000',
        check_box01_c: 'false',
        check_box01_c__string: 'false',
      },
    ]);
  });

  it('costs the ADD COLUMNS, one property and one ALTER COLUMN TYPE per widened table, and reports every change', () => {
    const ddl = ddlSince(env, before);
    expect(ddl.filter((s) => /SET TBLPROPERTIES \('delta\.enableTypeWidening'/.test(s))).toHaveLength(2);
    expect(ddl.filter((s) => /ALTER COLUMN `number01_c` TYPE DECIMAL\(28,9\)/.test(s))).toHaveLength(2);
    expect(ddl.filter((s) => /ADD COLUMNS/.test(s))).toHaveLength(2); // dim_vendor and dim_vendor_history
    const text = env.notices.join('\n');
    expect(text).toMatch(
      /Number01_c changed type DECIMAL\(18,9\) → DECIMAL\(28,9\); column number01_c widened in place/,
    );
    expect(text).toMatch(/CheckBox01_c changed type BOOLEAN → STRING.*new column check_box01_c__string/);
    expect(text).toMatch(/pur_point no longer come from the source/);
  });

  it('a second run with the same drift changes nothing (no DDL beyond the introspection)', async () => {
    const at = env.databricks.statementLog().length;
    const again = await env.sync();
    expect(again.run.status).toBe('succeeded');
    expect(ddlSince(env, at)).toEqual([]);
  });
});

describe.sequential('schemaChanges: columns-only', () => {
  let env: Env;
  beforeAll(async () => {
    env = await startEnv('columns-only');
  }, 60_000);
  afterAll(() => env?.close());

  it('adds a new _c field and keeps a removed one', async () => {
    env.epicor.setSchemaDrift(COMPANY, 'Vendors', { ...ADD, ...REMOVE });
    const r = await env.sync();
    expect(r.run.status).toBe('succeeded');
    const cols = await env.columns('dim_vendor');
    expect(cols.region_c).toBe('string');
    expect(cols.pur_point).toBe('string');
  });

  it('refuses a retyped field: the entity fails naming the fields and the key, the table keeps its types', async () => {
    env.epicor.setSchemaDrift(COMPANY, 'Vendors', ALL);
    const r = await env.sync();
    expect(r.run.status).toBe('partial');
    expect(r.run.entities.companies.status).toBe('succeeded');
    expect(r.run.entities.vendors.status).toBe('failed');
    expect(r.run.entities.vendors.error).toMatch(
      /vendors \(dim_vendor\): the source's schema changed and schemaChanges is columns-only: retyped fields Number01_c \(DECIMAL\(18,9\) → DECIMAL\(28,9\)\), CheckBox01_c \(BOOLEAN → STRING\)\..*set schemaChanges: allow/,
    );
    const cols = await env.columns('dim_vendor');
    expect(cols.number01_c).toBe('decimal(18,9)');
    expect(cols.check_box01_c__string).toBeUndefined();
    const names = await env.q("SELECT name FROM dim_vendor WHERE vendor_id = 'ACME01'");
    expect(names[0].name).not.toBe(`Acme ${edits}`); // nothing of the refused run was loaded
  });
});

describe.sequential('schemaChanges: block', () => {
  let env: Env;
  beforeAll(async () => {
    env = await startEnv('block');
  }, 60_000);
  afterAll(() => env?.close());

  const cases: [string, SchemaDrift, RegExp][] = [
    ['a new _c field', ADD, /new fields Region_c/],
    ['a removed field', REMOVE, /removed fields \(columns no source field maps to\) pur_point/],
    ['a retyped field', RETYPE, /retyped fields Number01_c \(DECIMAL\(18,9\) → DECIMAL\(28,9\)\), CheckBox01_c/],
  ];
  for (const [what, drift, message] of cases) {
    it(`stops the entity on ${what}; the other entities load and the table is untouched`, async () => {
      env.epicor.setSchemaDrift(COMPANY, 'Vendors', drift);
      const before = await env.columns('dim_vendor');
      const r = await env.sync();
      expect(r.run.status).toBe('partial');
      expect(r.run.entities.companies.status).toBe('succeeded');
      expect(r.run.entities.vendors.status).toBe('failed');
      expect(r.run.entities.vendors.error).toMatch(/schemaChanges is block/);
      expect(r.run.entities.vendors.error).toMatch(message);
      expect(r.run.entities.vendors.error).toMatch(/set schemaChanges: columns-only or allow/);
      expect(await env.columns('dim_vendor')).toEqual(before);
    });
  }

  it('after switching to allow, the held-back changes load (the watermark did not move)', async () => {
    env.epicor.setSchemaDrift(COMPANY, 'Vendors', ALL);
    env.config.schemaChanges = { default: 'block', entities: { vendors: 'allow' } };
    const r = await env.sync();
    expect(r.run.status).toBe('succeeded');
    const rows = await env.q('SELECT vendor_id, name, region_c FROM dim_vendor ORDER BY vendor_id');
    expect(rows).toEqual([
      { vendor_id: 'ACME01', name: `Acme ${edits}`, region_c: 'North' },
      { vendor_id: 'BOLT02', name: `Bolt ${edits}`, region_c: 'North' },
    ]);
  });
});
