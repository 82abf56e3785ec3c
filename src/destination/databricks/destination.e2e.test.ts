/**
 * End to end through the Databricks emulator over loopback HTTP: DDL, staged Parquet uploads, MERGE, `_current`
 * views, state tables and the lock, with the statements each step costs counted from the emulator's log.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, type TestContext } from 'vitest';
import { ManualClock } from '../../clock.ts';
import { createDatabricksEmulator, type DatabricksEmulator } from '../../emulators/databricks/databricks-emulator.ts';
import type { Row, TargetSchema } from '../../mapping/target-schema.ts';
import { createDatabricksClient, type DatabricksClient } from './client/databricks-client.ts';
import { createDatabricksDestination, type DatabricksDestination } from './destination.ts';
import { mergeStagedFolder } from './merge.ts';
import { PartWriter } from './parquet/part-writer.ts';
import { applyPlan, type CatalogSnapshot, planSchemaChanges } from './schema-sync.ts';
import { INTROSPECTION_SQL, introspectionParameters } from './sql/introspection-sql.ts';
import { StagingArea } from './staging.ts';

// gzip here (the default is none, which the pipeline e2e tests use): both staging codecs go through read_files.
const config = {
  catalog: 'main',
  schema: 'epicor',
  volume: 'stg',
  layout: 'cluster' as const,
  stagingCompression: 'gzip' as const,
};
const ref = { catalog: config.catalog, schema: config.schema };

const lineage = [
  { name: '_source_rev', type: 'BIGINT', role: 'lineage' },
  { name: '_sync_id', type: 'STRING', role: 'lineage' },
  { name: '_synced_at', type: 'TIMESTAMP', role: 'lineage' },
  { name: '_sync_date', type: 'DATE', role: 'lineage' },
  { name: '_is_deleted', type: 'BOOLEAN', role: 'lineage' },
] as const;
const vendors: TargetSchema = {
  table: 'dim_vendor',
  kind: 'dimension',
  keyColumn: 'vendor_key',
  columns: [
    { name: 'vendor_key', type: 'STRING', role: 'key' },
    { name: 'vendor_id', type: 'STRING', role: 'data' },
    { name: 'name', type: 'STRING', role: 'data' },
    { name: 'credit_limit', type: 'DECIMAL(18,4)', role: 'data' },
    ...lineage,
  ],
};
const invoices: TargetSchema = {
  table: 'fact_ap_invoice',
  kind: 'fact',
  keyColumn: 'ap_invoice_key',
  columns: [
    { name: 'ap_invoice_key', type: 'STRING', role: 'key' },
    { name: 'vendor_key', type: 'STRING', role: 'ref' },
    { name: 'invoice_amount', type: 'DECIMAL(18,4)', role: 'data' },
    { name: 'invoice_date', type: 'TIMESTAMP', role: 'data' },
    ...lineage,
  ],
};

const syncedAt = new Date('2026-01-02T03:04:05.678Z');
const lin = (rev: bigint, syncId: string) => ({
  _source_rev: rev,
  _sync_id: syncId,
  _synced_at: syncedAt,
  _sync_date: '2026-01-02',
  _is_deleted: false,
});
const vendor = (n: number, rev: bigint, name: string, syncId = 'sync-1'): Row => ({
  vendor_key: `v${n}`,
  vendor_id: `V${n}`,
  name,
  credit_limit: '12345678901234.5678',
  ...lin(rev, syncId),
});
const invoice = (n: number, rev: bigint, amount: string, syncId = 'sync-1'): Row => ({
  ap_invoice_key: `i${n}`,
  vendor_key: `v${n}`,
  invoice_amount: amount,
  invoice_date: new Date('2026-01-01T00:00:00Z'),
  ...lin(rev, syncId),
});

let dataDir: string;
let emu: DatabricksEmulator;
let client: DatabricksClient;
let dest: DatabricksDestination;

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'dbx-dest-'));
  emu = await createDatabricksEmulator({ dataDir });
  const host = await emu.listen();
  client = createDatabricksClient({
    host,
    warehouseId: 'emulated-warehouse',
    auth: { type: 'pat', token: 'dapi-demo-token' },
    ...config,
  });
  dest = createDatabricksDestination({ client, config, clock: new ManualClock(syncedAt.getTime()), partRows: 2 });
});
afterAll(async () => {
  await client?.close();
  await emu?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

/** Statements the emulator ran while `fn` ran. */
async function statementsDuring(fn: () => Promise<unknown>): Promise<string[]> {
  const before = emu.statementLog().length;
  await fn();
  return emu
    .statementLog()
    .slice(before)
    .map((s) => s.statement);
}

async function load(schema: TargetSchema, syncId: string, entity: string, rows: Row[]) {
  const l = dest.openEntityLoad(schema, syncId, entity);
  for (const r of rows) await l.write(r);
  return l.commit();
}

const dump = (table: string, order: string) =>
  emu.query(
    `SELECT * EXCLUDE (_synced_at), CAST(_synced_at AS VARCHAR) AS ts FROM main.epicor.${table} ORDER BY ${order}`,
  );

const emptySnapshot: CatalogSnapshot = {
  catalogExists: true,
  schemaExists: false,
  volumeExists: false,
  tables: new Map(),
  views: new Set(),
};

describe('Databricks destination through the emulator', () => {
  it('creates schema, volume, connector tables, target tables and views', async () => {
    const plan = planSchemaChanges(emptySnapshot, {
      ref,
      volume: 'stg',
      layout: 'cluster',
      schemas: [vendors, invoices],
    });
    await applyPlan(client, plan);
    const tables = await emu.query(
      "SELECT table_name FROM information_schema.tables WHERE table_schema = 'epicor' ORDER BY table_name",
    );
    expect(tables.map((t) => t.table_name)).toEqual([
      '_ml_connector_lock',
      '_ml_connector_runs',
      '_ml_connector_state',
      'dim_vendor',
      'fact_ap_invoice',
      'fact_ap_invoice_current',
    ]);
  });

  it('loads a dimension and a fact, de-duplicating by key (newest revision wins)', async () => {
    const d = await load(vendors, 'sync-1', 'vendors', [
      vendor(1, 10n, 'Acme old'),
      vendor(2, 20n, 'Zoë ☃ "Ltd"'),
      vendor(1, 11n, 'Acme'),
      vendor(3, 30n, 'Third'),
    ]);
    expect(d).toEqual({ inserted: 3, updated: 0 });
    const f = await load(invoices, 'sync-1', 'ap_invoices', [
      invoice(1, 100n, '-12.3400'),
      invoice(2, 200n, '0.0000'),
      invoice(1, 100n, '-12.3400'),
    ]);
    expect(f).toEqual({ inserted: 2, updated: 0 });
    const rows = await emu.query(
      'SELECT vendor_key, name, CAST(credit_limit AS VARCHAR) AS credit, _source_rev FROM main.epicor.dim_vendor ORDER BY vendor_key',
    );
    expect(rows).toEqual([
      { vendor_key: 'v1', name: 'Acme', credit: '12345678901234.5678', _source_rev: 11n },
      { vendor_key: 'v2', name: 'Zoë ☃ "Ltd"', credit: '12345678901234.5678', _source_rev: 20n },
      { vendor_key: 'v3', name: 'Third', credit: '12345678901234.5678', _source_rev: 30n },
    ]);
    // Staging is gone after the MERGE committed.
    expect(await client.files.list('/Volumes/main/epicor/stg/sync-1')).toEqual([]);
  });

  it('re-loading the same rows changes nothing', async () => {
    const before = [
      await dump('dim_vendor', 'vendor_key'),
      await dump('fact_ap_invoice', 'ap_invoice_key, _source_rev'),
    ];
    expect(
      await load(vendors, 'sync-2', 'vendors', [vendor(1, 11n, 'Acme', 'sync-2'), vendor(2, 20n, 'x', 'sync-2')]),
    ).toEqual({
      inserted: 0,
      updated: 0,
    });
    expect(await load(invoices, 'sync-2', 'ap_invoices', [invoice(1, 100n, '-12.3400', 'sync-2')])).toEqual({
      inserted: 0,
      updated: 0,
    });
    const after = [
      await dump('dim_vendor', 'vendor_key'),
      await dump('fact_ap_invoice', 'ap_invoice_key, _source_rev'),
    ];
    expect(after).toEqual(before);
  });

  it('a MERGE that is run again (committed but answered with an error) changes nothing the second time', async () => {
    const staging = new StagingArea(client, ref, 'stg').entity('sync-retry', 'vendors');
    const writer = new PartWriter({ columns: vendors.columns, onPart: (p) => staging.stage(p) });
    await writer.write(vendor(4, 40n, 'Fourth', 'sync-retry'));
    await writer.write(vendor(1, 12n, 'Acme renamed', 'sync-retry'));
    await writer.finish();
    await staging.drain();
    expect(await mergeStagedFolder(client, ref, vendors, staging.folder)).toEqual({ inserted: 1, updated: 1 });
    const once = await dump('dim_vendor', 'vendor_key');
    expect(await mergeStagedFolder(client, ref, vendors, staging.folder)).toEqual({ inserted: 0, updated: 0 });
    expect(await dump('dim_vendor', 'vendor_key')).toEqual(once);
    await staging.remove();
  });

  it('a newer revision updates the dimension in place and adds a fact version; _current shows the latest', async () => {
    expect(
      await load(vendors, 'sync-3', 'vendors', [vendor(2, 21n, 'Two v2', 'sync-3'), vendor(3, 29n, 'older', 'sync-3')]),
    ).toEqual({
      inserted: 0,
      updated: 1,
    });
    expect(await load(invoices, 'sync-3', 'ap_invoices', [invoice(1, 101n, '99.0000', 'sync-3')])).toEqual({
      inserted: 1,
      updated: 0,
    });
    const dims = await emu.query(
      'SELECT vendor_key, name, _source_rev FROM main.epicor.dim_vendor ORDER BY vendor_key',
    );
    expect(dims.map((r) => [r.vendor_key, r.name, r._source_rev])).toEqual([
      ['v1', 'Acme renamed', 12n],
      ['v2', 'Two v2', 21n],
      ['v3', 'Third', 30n],
      ['v4', 'Fourth', 40n],
    ]);
    const versions = await emu.query('SELECT count(*)::INT AS n FROM main.epicor.fact_ap_invoice');
    expect(versions[0].n).toBe(3);
    const current = await emu.query(
      'SELECT ap_invoice_key, CAST(invoice_amount AS VARCHAR) AS amount, _source_rev FROM main.epicor.fact_ap_invoice_current ORDER BY 1',
    );
    expect(current).toEqual([
      { ap_invoice_key: 'i1', amount: '99.0000', _source_rev: 101n },
      { ap_invoice_key: 'i2', amount: '0.0000', _source_rev: 200n },
    ]);
  });

  it('a newer version of a dimension row marked deleted clears the flag; an older one does not', async () => {
    await emu.query("UPDATE main.epicor.dim_vendor SET _is_deleted = true WHERE vendor_key IN ('v3', 'v4')");
    expect(
      await load(vendors, 'sync-3b', 'vendors', [
        vendor(3, 31n, 'Third back', 'sync-3b'),
        vendor(4, 39n, 'stale', 'sync-3b'),
      ]),
    ).toEqual({ inserted: 0, updated: 1 });
    const rows = await emu.query(
      "SELECT vendor_key, name, _is_deleted FROM main.epicor.dim_vendor WHERE vendor_key IN ('v3', 'v4') ORDER BY 1",
    );
    expect(rows).toEqual([
      { vendor_key: 'v3', name: 'Third back', _is_deleted: false },
      { vendor_key: 'v4', name: 'Fourth', _is_deleted: true },
    ]);
    await emu.query("UPDATE main.epicor.dim_vendor SET _is_deleted = false WHERE vendor_key = 'v4'");
  });

  it('abort removes what was staged and loads nothing', async () => {
    const l = dest.openEntityLoad(vendors, 'sync-abort', 'vendors');
    for (let i = 0; i < 5; i++) await l.write(vendor(100 + i, 1n, 'never', 'sync-abort'));
    expect(l.parts).toBe(2);
    await l.abort();
    expect(await client.files.list('/Volumes/main/epicor/stg/sync-abort')).toEqual([]);
    const n = await emu.query("SELECT count(*)::INT AS n FROM main.epicor.dim_vendor WHERE name = 'never'");
    expect(n[0].n).toBe(0);
    await expect(l.commit()).rejects.toThrow(/aborted/);
  });

  it('an entity with no rows costs no upload and no statement', async () => {
    const statements = await statementsDuring(() => load(invoices, 'sync-4', 'ap_invoices', []));
    expect(statements).toEqual([]);
  });

  it('keeps watermarks, the run ledger and the lock in the destination', async () => {
    await dest.state.startRun({
      syncId: 'sync-5',
      trigger: 'manual',
      startedAt: syncedAt,
      status: 'running',
      entities: {},
    });
    await dest.state.startRun({
      syncId: 'sync-5',
      trigger: 'manual',
      startedAt: syncedAt,
      status: 'running',
      entities: {},
    });
    await dest.state.writeWatermark(
      'https://epicor/SaaS1',
      'EPIC06',
      'vendors',
      { cursorField: 'SysRevID', cursorValue: '40' },
      'sync-5',
    );
    await Promise.all(
      ['vendors', 'ap_invoices'].map((entity, i) =>
        dest.state.writeWatermark(
          'https://epicor/SaaS1',
          'EPIC06',
          entity,
          { cursorField: 'SysRevID', cursorValue: String(100 + i) },
          'sync-5',
        ),
      ),
    );
    const marks = await dest.state.readWatermarks('https://epicor/SaaS1', 'EPIC06');
    expect(Object.fromEntries(marks)).toEqual({
      vendors: { cursorField: 'SysRevID', cursorValue: '100' },
      ap_invoices: { cursorField: 'SysRevID', cursorValue: '101' },
    });
    expect((await dest.state.readWatermarks('https://epicor/SaaS1', 'OTHER')).size).toBe(0);
    const counts = {
      vendors: {
        fetched: 2,
        inserted: 1,
        updated: 1,
        unchanged: 0,
        bad: 0,
        pages: 1,
        requests: 2,
        watermark_from: '11',
        watermark_to: '40',
        status: 'succeeded' as const,
      },
    };
    await dest.state.finishRun({
      syncId: 'sync-5',
      trigger: 'manual',
      startedAt: syncedAt,
      status: 'succeeded',
      entities: counts,
      finishedAt: new Date('2026-01-02T03:05:00Z'),
    });
    const [run] = await dest.state.lastRuns(5);
    expect(run).toEqual({
      syncId: 'sync-5',
      trigger: 'manual',
      startedAt: syncedAt,
      finishedAt: new Date('2026-01-02T03:05:00Z'),
      status: 'succeeded',
      entities: counts,
      error: null,
    });
    expect(await dest.state.lastRuns(5)).toHaveLength(1);
  });

  it('lets one holder take the lock at a time, and a stale lock be taken over', async () => {
    const clock = new ManualClock(syncedAt.getTime());
    const a = createDatabricksDestination({ client, config, clock, lock: { holder: 'a', staleAfterMs: 60_000 } }).lock;
    const b = createDatabricksDestination({ client, config, clock, lock: { holder: 'b', staleAfterMs: 60_000 } }).lock;
    await a.acquire();
    await expect(b.acquire()).rejects.toMatchObject({ code: 'LOCKED', message: expect.stringContaining('(a,') });
    clock.advance(30_000);
    await a.heartbeat();
    clock.advance(45_000);
    await expect(b.acquire()).rejects.toMatchObject({ code: 'LOCKED' });
    clock.advance(30_000);
    await b.acquire();
    await expect(a.heartbeat()).rejects.toMatchObject({ code: 'LOCKED' });
    await b.release();
    await a.acquire();
    expect((await a.read()).holder).toBe('a');
    await a.release();
    expect((await a.read()).holder).toBeNull();
  });

  it('prepare is one statement in steady state; a hand-dropped column comes back, a hand-added one is left alone', async (ctx) => {
    await skipUnlessIntrospection(ctx);
    // A destination object serves one run and introspects once; each new run starts from a fresh one.
    const newRun = () =>
      (dest = createDatabricksDestination({ client, config, clock: new ManualClock(syncedAt.getTime()), partRows: 2 }));
    newRun();
    // Steady state: everything exists.
    expect(await statementsDuring(() => dest.prepare([vendors, invoices]))).toEqual([INTROSPECTION_SQL]);
    // The same run preparing again costs nothing.
    expect(await statementsDuring(() => dest.prepare([vendors, invoices]))).toEqual([]);
    // By hand: drop a column the product writes, add one it does not know.
    await emu.query('ALTER TABLE main.epicor.dim_vendor DROP COLUMN name');
    await emu.query('ALTER TABLE main.epicor.dim_vendor ADD COLUMN note_by_hand VARCHAR');
    await emu.query("UPDATE main.epicor.dim_vendor SET note_by_hand = 'kept'");
    newRun();
    const ddl = await statementsDuring(() => dest.prepare([vendors, invoices]));
    expect(ddl).toEqual([INTROSPECTION_SQL, 'ALTER TABLE `main`.`epicor`.`dim_vendor` ADD COLUMNS (`name` STRING)']);
    expect(
      await load(vendors, 'sync-6', 'vendors', [vendor(1, 50n, 'Back', 'sync-6'), vendor(9, 1n, 'New', 'sync-6')]),
    ).toEqual({
      inserted: 1,
      updated: 1,
    });
    const rows = await emu.query(
      "SELECT vendor_key, name, note_by_hand FROM main.epicor.dim_vendor WHERE vendor_key IN ('v1', 'v2', 'v9') ORDER BY 1",
    );
    expect(rows).toEqual([
      { vendor_key: 'v1', name: 'Back', note_by_hand: 'kept' },
      { vendor_key: 'v2', name: null, note_by_hand: 'kept' },
      { vendor_key: 'v9', name: 'New', note_by_hand: null },
    ]);
  });

  it('a whole run stays within the statement budget; a no-change run costs at most 6 statements', async (ctx) => {
    await skipUnlessIntrospection(ctx);
    const run = (syncId: string, batches: [TargetSchema, string, Row[]][]) =>
      statementsDuring(async () => {
        dest = createDatabricksDestination({ client, config, clock: new ManualClock(syncedAt.getTime()), partRows: 2 });
        await dest.prepare(batches.map((b) => b[0]));
        await dest.lock.acquire();
        await dest.state.readWatermarks('https://epicor/SaaS1', 'EPIC06');
        await dest.state.startRun({
          syncId,
          trigger: 'schedule',
          startedAt: syncedAt,
          status: 'running',
          entities: {},
        });
        await dest.cleanupOrphans(syncId);
        await Promise.all(
          batches.map(async ([schema, entity, rows]) => {
            const counts = await load(schema, syncId, entity, rows);
            if (rows.length > 0) {
              await dest.state.writeWatermark(
                'https://epicor/SaaS1',
                'EPIC06',
                entity,
                { cursorField: 'SysRevID', cursorValue: String(rows.length) },
                syncId,
              );
            }
            return counts;
          }),
        );
        await dest.state.finishRun({
          syncId,
          trigger: 'schedule',
          startedAt: syncedAt,
          status: 'succeeded',
          entities: {},
        });
        await dest.lock.release();
      });
    const busy = await run('sync-7', [
      [vendors, 'vendors', [vendor(7, 70n, 'Seven', 'sync-7')]],
      [invoices, 'ap_invoices', [invoice(7, 700n, '7.0000', 'sync-7')]],
    ]);
    expect(busy.length).toBeLessThanOrEqual(4 * 2 + 6);
    const idle = await run('sync-8', [
      [vendors, 'vendors', []],
      [invoices, 'ap_invoices', []],
    ]);
    expect(idle.length).toBeLessThanOrEqual(6);
  });
});

let introspectionWorks: boolean | undefined;
/** Skips (visibly) while the emulator cannot answer the introspection statement; see the report. */
async function skipUnlessIntrospection(ctx: TestContext): Promise<void> {
  introspectionWorks ??= await client.statements
    .execute(INTROSPECTION_SQL, { parameters: introspectionParameters(ref, 'stg') })
    .then(
      () => true,
      () => false,
    );
  if (!introspectionWorks) ctx.skip('emulator lacks system.information_schema');
}
