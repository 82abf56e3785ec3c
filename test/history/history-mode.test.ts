/**
 * History mode (config `history`) end to end against both emulators: a vendor renamed twice, deleted (found by
 * reconcile) and re-created leaves exactly one `dim_vendor_history` row per version with back-to-back validity
 * ranges taken from the runs' start times, also when a run dies between the table's MERGE and the history MERGE;
 * re-running a sync and replaying a run add nothing; the in-place `dim_vendor` keeps one row per vendor as before.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Config } from '../../src/config/schema.ts';
import { emulatedConfig } from '../../src/demo/emulated-config.ts';
import {
  createDatabricksClient,
  type DatabricksClient,
} from '../../src/destination/databricks/client/databricks-client.ts';
import {
  createDatabricksEmulator,
  type DatabricksEmulator,
} from '../../src/emulators/databricks/databricks-emulator.ts';
import { EpicorFixture } from '../../src/emulators/epicor/fixture-data.ts';
import { createEpicorEmulator, type EpicorEmulator } from '../../src/emulators/epicor/index.ts';
import { reconcileOnce, replayOnce } from '../../src/jobs/ops-once.ts';
import { syncOnce } from '../../src/jobs/sync-once.ts';
import { createLogger } from '../../src/log/create-logger.ts';

const COMPANY = 'EPIC06';
const logger = createLogger({ format: 'text', level: 'silent', secrets: [] });
let fixture: EpicorFixture;
let epicor: EpicorEmulator;
let databricks: DatabricksEmulator;
let dataDir: string;
let config: Config;
let client: DatabricksClient;
/** Start time (ISO, ms) of each run in order: full, rename 1, rename 2, reconcile (delete), re-create. */
const starts: string[] = [];
const syncIds: string[] = [];

type Row = Record<string, string | null>;
async function q(sql: string): Promise<Row[]> {
  const r = await client.statements.execute(sql, { catalog: 'main', schema: 'epicor' });
  return r.rows.map((row) => Object.fromEntries(r.columns.map((c, i) => [c.name, row[i] ?? null])));
}
const iso = (v: string | null) =>
  v === null ? null : new Date(v.replace(' ', 'T').replace(/(Z)?$/, 'Z')).toISOString();

async function sync(): Promise<void> {
  const r = await syncOnce(config, { logger });
  expect(r.run.status).toBe('succeeded');
  starts.push(r.run.startedAt.toISOString());
  syncIds.push(r.run.syncId);
}

const HISTORY_ROWS =
  'SELECT vendor_id, name, CAST(_source_rev AS STRING) AS rev, _valid_from, _valid_to, _is_current ' +
  'FROM dim_vendor_history ORDER BY vendor_id, _source_rev';

beforeAll(async () => {
  fixture = new EpicorFixture({
    [COMPANY]: {
      Companies: [{ Company1: COMPANY, Name: 'History Fabrication' }],
      Vendors: [
        { VendorNum: 1, VendorID: 'ACME01', Name: 'Acme Steel' },
        { VendorNum: 2, VendorID: 'BOLT02', Name: 'Bolt Supply' },
      ],
    },
  });
  epicor = createEpicorEmulator({ fixture });
  dataDir = mkdtempSync(join(tmpdir(), 'mlc-history-'));
  databricks = await createDatabricksEmulator({ dataDir });
  config = emulatedConfig(await epicor.listen(0), await databricks.listen(0), { entities: ['companies', 'vendors'] });
  config.history = ['vendors'];
  config.analytics = { ...config.analytics, enabled: false };
  client = createDatabricksClient(config.databricks);

  await sync(); // 0: both vendors appear
  fixture.upsert(COMPANY, 'Vendors', { VendorNum: 1, VendorID: 'ACME01', Name: 'Acme Steel & Wire' });
  await sync(); // 1: first rename
  fixture.upsert(COMPANY, 'Vendors', { VendorNum: 1, VendorID: 'ACME01', Name: 'Acme Metals' });
  // The run dies between the dimension's MERGE (committed) and the history MERGE: the watermark stays, so the
  // next run reads the rename again and the history catches up from its own staged folder.
  databricks.setFaults({
    writeConflicts: [{ errorClass: 'DELTA_CONCURRENT_APPEND', contains: 'dim_vendor_history', times: 1000 }],
  });
  const broken = await syncOnce(config, { logger, retry: { maxRetries: 1, minTimeoutMs: 1, maxTimeoutMs: 2 } });
  expect(broken.run.entities.vendors.status).toBe('failed');
  expect((await q("SELECT name FROM dim_vendor WHERE vendor_id = 'ACME01'"))[0].name).toBe('Acme Metals');
  databricks.setFaults({});
  await sync(); // 2: second rename (the re-run)
  fixture.remove(COMPANY, 'Vendors', { VendorNum: 1 });
  const rec = await reconcileOnce(config, { logger });
  expect(rec.run.status).toBe('succeeded');
  starts.push(rec.run.startedAt.toISOString()); // 3: reconcile finds ACME01 gone
  syncIds.push(rec.run.syncId);
  fixture.upsert(COMPANY, 'Vendors', { VendorNum: 1, VendorID: 'ACME01', Name: 'Acme Metals (new)' });
  await sync(); // 4: re-created
}, 60_000);

afterAll(async () => {
  await Promise.allSettled([epicor?.close(), databricks?.close()]);
  rmSync(dataDir, { recursive: true, force: true });
});

describe.sequential('history mode', () => {
  it('keeps one row per version with back-to-back validity ranges; a delete closes the open row', async () => {
    const rows = (await q(HISTORY_ROWS)).map((r) => ({
      vendor: r.vendor_id,
      name: r.name,
      from: iso(r._valid_from),
      to: iso(r._valid_to),
      current: r._is_current,
    }));
    expect(rows).toEqual([
      { vendor: 'ACME01', name: 'Acme Steel', from: starts[0], to: starts[1], current: 'false' },
      { vendor: 'ACME01', name: 'Acme Steel & Wire', from: starts[1], to: starts[2], current: 'false' },
      { vendor: 'ACME01', name: 'Acme Metals', from: starts[2], to: starts[3], current: 'false' },
      { vendor: 'ACME01', name: 'Acme Metals (new)', from: starts[4], to: null, current: 'true' },
      { vendor: 'BOLT02', name: 'Bolt Supply', from: starts[0], to: null, current: 'true' },
    ]);
    // The in-place dimension is unchanged by history mode: one row per vendor, the latest version.
    const dim = await q('SELECT vendor_id, name, _is_deleted FROM dim_vendor ORDER BY vendor_id');
    expect(dim).toEqual([
      { vendor_id: 'ACME01', name: 'Acme Metals (new)', _is_deleted: 'false' },
      { vendor_id: 'BOLT02', name: 'Bolt Supply', _is_deleted: 'false' },
    ]);
  });

  it('reads the dimension as of a date with the documented predicate', async () => {
    // Between the first and the second rename: the first renamed version, and BOLT02.
    const at = new Date((Date.parse(starts[1]) + Date.parse(starts[2])) / 2).toISOString();
    const asOf = await q(
      `SELECT vendor_id, name FROM dim_vendor_history WHERE _valid_from <= TIMESTAMP'${at}' ` +
        `AND (_valid_to IS NULL OR _valid_to > TIMESTAMP'${at}') ORDER BY vendor_id`,
    );
    expect(asOf).toEqual([
      { vendor_id: 'ACME01', name: 'Acme Steel & Wire' },
      { vendor_id: 'BOLT02', name: 'Bolt Supply' },
    ]);
  });

  it('a re-run, a replay of a run and a retried history MERGE add nothing', async () => {
    const before = await q(HISTORY_ROWS);
    await sync();
    const replay = await replayOnce(config, syncIds[1], { logger });
    expect(replay.run.status).toBe('succeeded');
    expect(await q(HISTORY_ROWS)).toEqual(before);

    expect(await q(HISTORY_ROWS)).toEqual(before);
  });
});
