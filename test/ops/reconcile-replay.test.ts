/**
 * `reconcile` and `replay` against both emulators on loopback: reconcile finds exactly the deletes and late commits
 * the Epicor emulator made, fetching only those records in full (requests on the wire prove it); a second reconcile
 * changes nothing; replaying a run restores what it wrote and replaying again changes nothing.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Config } from '../../src/config/schema.ts';
import { emulatedConfig } from '../../src/demo/emulated-config.ts';
import {
  createDatabricksEmulator,
  type DatabricksEmulator,
} from '../../src/emulators/databricks/databricks-emulator.ts';
import { type ActivityReport, createEpicorEmulator, type EpicorEmulator } from '../../src/emulators/epicor/index.ts';
import { createLogger } from '../../src/log/create-logger.ts';
import { reconcileOnce, replayOnce } from '../../src/pipeline/ops-once.ts';
import type { OpsResult } from '../../src/pipeline/ops-run.ts';
import { syncOnce } from '../../src/pipeline/sync-once.ts';
import { entityByName } from '../../src/source/epicor/catalog.ts';

const ENTITIES = ['vendors', 'customers', 'parts', 'gl_accounts', 'purchase_orders', 'purchase_order_releases'];
const PAGE = 500;
const COMPANY = 'EPIC06';
const logger = createLogger({ format: 'json', level: 'warn', secrets: [], stream: { write: () => {} } });
const retry = { minTimeoutMs: 5, maxTimeoutMs: 20 };

let dir: string;
let epicor: EpicorEmulator;
let databricks: DatabricksEmulator;
let config: Config;
let fullSyncId: string;
let activity: ActivityReport;
let first: OpsResult;
let wire: Record<string, number>;

const q = (sql: string) => databricks.query(sql);
const setOf = (e: string) => entityByName(e)!.entitySet;
const wirePath = (e: string) => `/api/v2/odata/${COMPANY}/${entityByName(e)!.service}/${setOf(e)}`;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'ops-'));
  epicor = createEpicorEmulator({ seed: 11, scale: 0.3 });
  databricks = await createDatabricksEmulator({ dataDir: dir });
  config = emulatedConfig(await epicor.listen(0), await databricks.listen(0), { entities: ENTITIES, pageSize: PAGE });
  const full = await syncOnce(config, { logger, retry });
  expect(full.run.status).toBe('succeeded');
  fullSyncId = full.run.syncId;
  // A day with deletes and late commits (lower SysRevIDs than ones already handed out), then the incremental sync
  // that — by design — cannot see either.
  activity = epicor.advance({ inserts: 20, updates: 20, deletes: 8, lateCommits: 6 });
  const inc = await syncOnce(config, { logger, retry });
  expect(inc.run.status).toBe('succeeded');
  epicor.resetStats();
  first = await reconcileOnce(config, { logger, retry });
  wire = epicor.stats().byPath;
}, 60_000);

afterAll(async () => {
  await epicor?.close();
  await databricks?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

const changesOf = (e: string) =>
  activity.companies[COMPANY][setOf(e)] ?? { inserted: [], updated: [], deleted: [], lateCommits: [] };

describe('reconcile', () => {
  it('loads exactly the late commits and marks exactly the deletes', async () => {
    expect(first.run.status).toBe('succeeded');
    expect(activity.totals.lateCommits).toBeGreaterThan(0);
    expect(activity.totals.deleted).toBeGreaterThan(0);
    for (const e of ENTITIES) {
      const c = first.run.entities[e];
      const changes = changesOf(e);
      expect(c.fetched, `${e} scanned`).toBe(epicor.records(COMPANY, setOf(e)).length);
      expect(c.refetched, `${e} refetched`).toBe(changes.lateCommits.length);
      expect(c.inserted + c.updated, `${e} loaded`).toBe(changes.lateCommits.length);
      expect(c.deleted, `${e} deleted`).toBe(epicor.deleted(COMPANY, setOf(e)).length);
    }
    // Each late commit's revision is now in the target.
    const lateVendors = changesOf('vendors').lateCommits;
    for (const l of lateVendors) {
      const rows = await q(
        `SELECT _source_rev FROM main.epicor.dim_vendor WHERE vendor_num = ${Number(l.key.VendorNum)} AND _source_company = '${COMPANY}'`,
      );
      expect(rows.map((r) => Number(r._source_rev))).toEqual([l.revision]);
    }
  });

  it('sends only scan pages and one request per 50 changed records, on the wire', () => {
    for (const e of ENTITIES) {
      const c = first.run.entities[e];
      const live = epicor.records(COMPANY, setOf(e)).length;
      const scanPages = Math.floor(live / PAGE) + 1;
      const batches = Math.ceil(c.refetched / 50);
      expect(c.pages, `${e} scan pages`).toBe(scanPages);
      expect(c.requests, `${e} requests`).toBe(scanPages + batches);
      expect(wire[wirePath(e)], `${e} requests on the wire`).toBe(scanPages + batches);
    }
  });

  it('marks deleted dimension rows and drops deleted facts from _current', async () => {
    const goneCustomers = epicor.deleted(COMPANY, 'Customers').map((r) => Number(r.CustNum));
    expect(goneCustomers.length).toBeGreaterThan(0);
    const marked = await q(
      `SELECT cust_num FROM main.epicor.dim_customer WHERE _is_deleted AND _source_company = '${COMPANY}'`,
    );
    expect(marked.map((r) => Number(r.cust_num)).sort()).toEqual([...goneCustomers].sort());

    const goneReleases = epicor.deleted(COMPANY, 'PORels');
    expect(goneReleases.length).toBeGreaterThan(0);
    const current = await q(
      `SELECT po_num, po_line, po_rel_num FROM main.epicor.fact_purchase_order_release_current WHERE _source_company = '${COMPANY}'`,
    );
    const key = (r: Record<string, unknown>) => [r.po_num, r.po_line, r.po_rel_num].map(Number).join('/');
    const inCurrent = new Set(current.map(key));
    for (const g of goneReleases) expect(inCurrent.has([g.PONum, g.POLine, g.PORelNum].join('/'))).toBe(false);
    expect(inCurrent.size).toBe(epicor.records(COMPANY, 'PORels').length);
    // History is kept: the deleted versions are still in the fact table, marked.
    const markedVersions = await q(
      `SELECT count(*) AS n FROM main.epicor.fact_purchase_order_release WHERE _is_deleted AND _source_company = '${COMPANY}'`,
    );
    expect(Number(markedVersions[0].n)).toBe(goneReleases.length);
  });

  it('records a reconcile ledger entry with per-entity counts', async () => {
    const rows = await q(
      `SELECT "trigger", status, entities FROM main.epicor._ml_connector_runs WHERE sync_id = '${first.run.syncId}'`,
    );
    expect(rows).toHaveLength(1);
    expect(rows[0].trigger).toBe('reconcile');
    expect(rows[0].status).toBe('succeeded');
    const counts = JSON.parse(String(rows[0].entities));
    expect(counts.customers.deleted).toBe(epicor.deleted(COMPANY, 'Customers').length);
    expect(counts.vendors.fetched).toBe(epicor.records(COMPANY, 'Vendors').length);
  });

  it('changes nothing when run again', async () => {
    const before = await snapshot();
    epicor.resetStats();
    const again = await reconcileOnce(config, { logger, retry });
    expect(again.run.status).toBe('succeeded');
    for (const e of ENTITIES) {
      const c = again.run.entities[e];
      expect([c.refetched, c.inserted, c.updated, c.deleted], e).toEqual([0, 0, 0, 0]);
    }
    expect(await snapshot()).toEqual(before);
  });
});

describe('replay', () => {
  it('restores the rows a run wrote, and a second replay changes nothing', async () => {
    // Lose three vendor rows the full sync wrote; replay of that run brings them back.
    const lost = await q(
      `SELECT vendor_key FROM main.epicor.dim_vendor WHERE _sync_id = '${fullSyncId}' ORDER BY vendor_key LIMIT 3`,
    );
    expect(lost).toHaveLength(3);
    const before = await snapshot();
    await q(
      `DELETE FROM main.epicor.dim_vendor WHERE vendor_key IN (${lost.map((r) => `'${r.vendor_key}'`).join(', ')})`,
    );
    const once = await replayOnce(config, fullSyncId, { logger, retry, only: ['vendors', 'purchase_orders'] });
    expect(once.run.status).toBe('succeeded');
    expect(once.run.entities.vendors.inserted).toBe(3);
    expect(once.run.entities.vendors.updated).toBe(0);
    expect(once.run.entities.purchase_orders.inserted + once.run.entities.purchase_orders.updated).toBe(0);
    expect(once.run.entities.vendors.fetched).toBeGreaterThan(3);
    const restored = await snapshot();
    expect(restored).toEqual(before);

    const twice = await replayOnce(config, fullSyncId, { logger, retry, only: ['vendors', 'purchase_orders'] });
    expect(twice.run.status).toBe('succeeded');
    for (const c of Object.values(twice.run.entities)) expect([c.inserted, c.updated]).toEqual([0, 0]);
    expect(await snapshot()).toEqual(restored);
    const ledger = await q(`SELECT "trigger" FROM main.epicor._ml_connector_runs WHERE sync_id = '${twice.run.syncId}'`);
    expect(ledger[0].trigger).toBe('replay');
  });

  it('rejects an unknown sync id with a clear sentence', async () => {
    await expect(replayOnce(config, 'no-such-run', { logger, retry })).rejects.toMatchObject({
      code: 'NOT_FOUND',
      message: expect.stringContaining('no sync run no-such-run'),
    });
  });
});

/** Every row of the tables under test, in a stable order, as text. */
async function snapshot(): Promise<string[]> {
  const out: string[] = [];
  for (const e of ENTITIES) {
    const table = entityByName(e)!.table;
    const rows = await q(`SELECT * FROM main.epicor.${table} ORDER BY ALL`);
    for (const r of rows) out.push(`${table} ${JSON.stringify(r, (_, v) => (typeof v === 'bigint' ? String(v) : v))}`);
  }
  return out;
}
