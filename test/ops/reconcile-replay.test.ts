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
import { reconcileOnce, replayOnce } from '../../src/jobs/ops-once.ts';
import { syncOnce } from '../../src/jobs/sync-once.ts';
import { createLogger } from '../../src/log/create-logger.ts';
import type { OpsResult } from '../../src/pipeline/ops-run.ts';
import { entityByName } from '../../src/source/epicor/catalog.ts';
import { parentKeyOf } from '../../src/source/epicor/child-set-read.ts';

const ENTITIES = ['vendors', 'customers', 'parts', 'gl_accounts', 'purchase_orders', 'purchase_order_releases'];
const PAGE = 500;
/**
 * Keys fetched per request within the default 2048-byte budget: by SysRowID, each key is `(SysRowID eq <guid>)`
 * = 58 bytes encoded plus 8 for ` or `, next to 16 bytes of `$top=NN&$filter=`: floor((2048 − 16 + 8) / 66) = 30.
 */
const KEYS_PER_2048 = 30;
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
/** Per entity: the watermark the incremental sync started from (late commits at or below it are invisible to it). */
let incFrom: Record<string, bigint>;
/** Per entity, per SysRowID: the latest revision the target held before reconcile. */
const revBefore: Record<string, Map<string, bigint>> = {};

const q = (sql: string) => databricks.query(sql);
const setOf = (e: string) => entityByName(e)!.entitySet;
const wirePath = (e: string) => `/api/v2/odata/${COMPANY}/${entityByName(e)!.service}/${setOf(e)}`;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'ops-'));
  epicor = createEpicorEmulator({ seed: 11, scale: 0.2 });
  databricks = await createDatabricksEmulator({ dataDir: dir });
  config = emulatedConfig(await epicor.listen(0), await databricks.listen(0), { entities: ENTITIES, pageSize: PAGE });
  const full = await syncOnce(config, { logger, retry });
  expect(full.run.status).toBe('succeeded');
  fullSyncId = full.run.syncId;
  // A day with deletes and late commits (lower SysRevIDs than ones already handed out), then the incremental sync
  // that — by design — cannot see either.
  // A busy day first, synced, so every entity's watermark sits near the top of the revision counter; then a
  // stretch whose late commits take held-back revisions below those watermarks.
  epicor.advance({ inserts: 150, updates: 150, deletes: 0 });
  expect((await syncOnce(config, { logger, retry })).run.status).toBe('succeeded');
  activity = epicor.advance({ inserts: 0, updates: 0, deletes: 8, lateCommits: 12 });
  const inc = await syncOnce(config, { logger, retry });
  expect(inc.run.status).toBe('succeeded');
  incFrom = Object.fromEntries(ENTITIES.map((e) => [e, BigInt(inc.run.entities[e].watermark_from ?? '0')]));
  for (const e of ENTITIES) {
    const rows = await q(
      `SELECT _source_record_id AS id, max(_source_rev) AS rev FROM main.epicor.${entityByName(e)!.table} GROUP BY 1`,
    );
    revBefore[e] = new Map(rows.map((r) => [String(r.id), BigInt(r.rev as bigint)]));
  }
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
/** Late commits the incremental sync missed: their revision is not above the watermark it read from. */
const missedOf = (e: string) =>
  changesOf(e).lateCommits.filter((l) => BigInt(l.revision) <= incFrom[e] && isNewer(e, l));

/**
 * Whether the late commit's revision is above what the target held. The emulator may hand a late commit a revision
 * below the record's own previous one (Epicor cannot: the row is locked between its writes); such a version is
 * older than the target's by the only order there is, so neither reconcile nor any MERGE loads it.
 */
function isNewer(e: string, l: { key: Record<string, unknown>; revision: number }): boolean {
  const def = entityByName(e)!;
  const rec = epicor.records(COMPANY, def.entitySet).find((r) => def.keys.every((k) => r[k] === l.key[k]));
  const before = revBefore[e].get(String(rec?.SysRowID));
  return before === undefined || BigInt(l.revision) > before;
}

describe('reconcile', () => {
  it('loads exactly the late commits and marks exactly the deletes', async () => {
    expect(first.run.status).toBe('succeeded');
    const missed = ENTITIES.reduce((n, e) => n + missedOf(e).length, 0);
    expect(missed).toBeGreaterThan(0);
    expect(activity.totals.deleted).toBeGreaterThan(0);
    for (const e of ENTITIES) {
      const c = first.run.entities[e];
      const missed = missedOf(e).length;
      expect(c.fetched, `${e} scanned`).toBe(epicor.records(COMPANY, setOf(e)).length);
      expect(c.refetched, `${e} refetched`).toBe(missed);
      expect(c.inserted + c.updated, `${e} loaded`).toBe(missed);
      expect(c.deleted, `${e} deleted`).toBe(epicor.deleted(COMPANY, setOf(e)).length);
    }
    // Each late commit's revision is now in the target.
    for (const l of changesOf('vendors').lateCommits.filter((x) => isNewer('vendors', x))) {
      const rows = await q(
        `SELECT _source_rev FROM main.epicor.dim_vendor WHERE vendor_num = ${Number(l.key.VendorNum)} AND _source_company = '${COMPANY}'`,
      );
      expect(rows.map((r) => Number(r._source_rev))).toEqual([l.revision]);
    }
  });

  it('sends only scan pages (ended by an empty one) and one request per 30 changed records, on the wire', () => {
    for (const e of ENTITIES) {
      const c = first.run.entities[e];
      const live = epicor.records(COMPANY, setOf(e)).length;
      // Rows per answer: the page size, or less where the server caps rows (ML_CONNECTOR_EPICOR_PROFILE=row-cap…).
      const perPage = Math.min(PAGE, epicor.profile().rowCap ?? PAGE);
      const scanPages = Math.ceil(live / perPage) + 1;
      const batches = Math.ceil(c.refetched / KEYS_PER_2048);
      expect(wire[wirePath(e)], `${e} requests on the wire`).toBe(c.requests);
      // A server timing out large pages makes the scan ask again for fewer rows: counts then depend on its limit.
      if (epicor.profile().executionTimeoutRows !== undefined) continue;
      expect(c.pages, `${e} scan pages`).toBe(scanPages);
      // Child sets: the run's first key read of one also fixes its bound and probes where its filters apply.
      const probe = parentKeyOf(entityByName(e)!) ? 2 : 0;
      expect(c.requests, `${e} requests`).toBe(scanPages + batches + probe);
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
    // A marked row's lineage names the reconcile run in full: its id, its start time and that time's date.
    for (const table of ['dim_customer', 'fact_purchase_order_release']) {
      const wrong = await q(
        `SELECT count(*) AS n FROM main.epicor.${table} t JOIN main.epicor._ml_connector_runs r ON t._sync_id = r.sync_id
         WHERE t._is_deleted AND (t._synced_at <> r.started_at OR t._sync_date <> CAST(r.started_at AS DATE) OR r."trigger" <> 'reconcile')`,
      );
      expect(Number(wrong[0].n), table).toBe(0);
    }
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
  it('reloads the records a run wrote, and a second replay changes nothing', async () => {
    // Three vendor rows the full sync wrote drift (as an older, wrong load would leave them); replay of that run
    // fetches every record it wrote again and the MERGE puts these three right.
    const drifted = await q(
      `SELECT vendor_key FROM main.epicor.dim_vendor WHERE _sync_id = '${fullSyncId}' ORDER BY vendor_key LIMIT 3`,
    );
    expect(drifted).toHaveLength(3);
    const written = await q(`SELECT count(*) AS n FROM main.epicor.dim_vendor WHERE _sync_id = '${fullSyncId}'`);
    const before = await snapshot(LINEAGE_OF_RUN);
    await q(
      `UPDATE main.epicor.dim_vendor SET name = 'drifted', _source_rev = _source_rev - 1 WHERE vendor_key IN (${drifted.map((r) => `'${r.vendor_key}'`).join(', ')})`,
    );
    expect(await snapshot(LINEAGE_OF_RUN)).not.toEqual(before);
    epicor.resetStats();
    const once = await replayOnce(config, fullSyncId, { logger, retry, only: ['vendors', 'purchase_orders'] });
    expect(once.run.status).toBe('succeeded');
    expect(once.run.entities.vendors.fetched).toBe(Number(written[0].n));
    expect([once.run.entities.vendors.inserted, once.run.entities.vendors.updated]).toEqual([0, 3]);
    expect(once.run.entities.purchase_orders.inserted + once.run.entities.purchase_orders.updated).toBe(0);
    expect(once.run.entities.purchase_orders.refetched).toBeGreaterThan(0);
    expect(epicor.stats().byPath[wirePath('vendors')]).toBe(
      Math.ceil(once.run.entities.vendors.fetched / KEYS_PER_2048),
    );
    expect(epicor.stats().maxQueryBytes).toBeLessThanOrEqual(2048);
    expect(await snapshot(LINEAGE_OF_RUN)).toEqual(before);
    const restored = await snapshot();
    const twice = await replayOnce(config, fullSyncId, { logger, retry, only: ['vendors', 'purchase_orders'] });
    expect(twice.run.status).toBe('succeeded');
    for (const c of Object.values(twice.run.entities)) expect([c.inserted, c.updated]).toEqual([0, 0]);
    expect(await snapshot()).toEqual(restored);
    const ledger = await q(
      `SELECT "trigger" FROM main.epicor._ml_connector_runs WHERE sync_id = '${twice.run.syncId}'`,
    );
    expect(ledger[0].trigger).toBe('replay');
  });

  it('rejects an unknown sync id with a clear sentence', async () => {
    await expect(replayOnce(config, 'no-such-run', { logger, retry })).rejects.toMatchObject({
      code: 'NOT_FOUND',
      message: expect.stringContaining('no sync run no-such-run'),
    });
  });
});

/** Which run wrote a row and when: the only columns a replay that repairs a row changes. */
const LINEAGE_OF_RUN = ['_sync_id', '_synced_at', '_sync_date'];

/** Every row of the tables under test, in a stable order, as text. */
async function snapshot(exclude: readonly string[] = []): Promise<string[]> {
  const out: string[] = [];
  const cols = exclude.length ? `* EXCLUDE (${exclude.join(', ')})` : '*';
  for (const e of ENTITIES) {
    const table = entityByName(e)!.table;
    const rows = await q(`SELECT ${cols} FROM main.epicor.${table} ORDER BY ALL`);
    for (const r of rows) out.push(`${table} ${JSON.stringify(r, (_, v) => (typeof v === 'bigint' ? String(v) : v))}`);
  }
  return out;
}
