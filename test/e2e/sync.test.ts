/**
 * The sync end to end against both emulators on loopback: a full load matches Epicor exactly (ground truth),
 * lineage URLs lead back to the record, an incremental run after a day of activity updates dimensions in place and
 * appends fact versions, a run with nothing new writes nothing, and hand-made table changes and a new tenant field
 * both load.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { emulatedConfig } from '../../src/demo/emulated-config.ts';
import type { ActivityReport } from '../../src/emulators/epicor/index.ts';
import { syncOnce } from '../../src/jobs/sync-once.ts';
import type { SyncResult } from '../../src/pipeline/sync-run.ts';
import { type E2eEnv, startE2eEnv } from '../support/e2e-env.ts';
import { type EpicorProxy, startEpicorProxy } from '../support/epicor-proxy.ts';
import { checkGroundTruth, formatReport } from '../support/ground-truth.ts';

let env: E2eEnv;
let proxy: EpicorProxy;
let full: SyncResult;

beforeAll(async () => {
  env = await startE2eEnv({
    front: async (url) => {
      proxy = await startEpicorProxy(url);
      return { url: proxy.baseUrl, close: () => proxy.close() };
    },
  });
  full = await syncOnce(env.config, { logger: env.logger });
});
afterAll(async () => {
  await env?.close();
});

const sync = () => syncOnce(env.config, { logger: env.logger });
const totals = (r: SyncResult) =>
  Object.values(r.run.entities).reduce(
    (a, e) => ({ inserted: a.inserted + e.inserted, updated: a.updated + e.updated, fetched: a.fetched + e.fetched }),
    { inserted: 0, updated: 0, fetched: 0 },
  );
const stateRows = () =>
  env.query(
    'SELECT entity, cursor_field, cursor_value, sync_id, CAST(updated_at AS VARCHAR) AS updated_at ' +
      'FROM c_main.epicor._ml_connector_state ORDER BY entity',
  );

describe.sequential('sync end to end', () => {
  it('a full sync loads exactly what Epicor holds, with lineage on every row', async () => {
    expect(full.run.status).toBe('succeeded');
    expect(full.badRecords).toEqual([]);
    expect(Object.keys(full.run.entities)).toHaveLength(17);
    const report = await env.check();
    expect(report.ok, formatReport(report)).toBe(true);
    for (const t of report.tables) expect(t.actual, t.table).toBeGreaterThan(0);
    const [runs] = await env.query(
      "SELECT COUNT(*)::INT AS n FROM c_main.epicor._ml_connector_runs WHERE status = 'succeeded'",
    );
    expect(runs.n).toBe(1);
  });

  it('facts join their dimensions by surrogate key (no orphans)', async () => {
    const orphans = await env.query(
      `SELECT 'invoice→vendor' AS j, COUNT(*)::INT AS n FROM c_main.epicor.fact_ap_invoice f
         LEFT JOIN c_main.epicor.dim_vendor d ON f.vendor_key = d.vendor_key WHERE d.vendor_key IS NULL
       UNION ALL SELECT 'gl line→account', COUNT(*)::INT FROM c_main.epicor.fact_gl_journal_line f
         LEFT JOIN c_main.epicor.dim_gl_account d ON f.gl_account_key = d.gl_account_key WHERE d.gl_account_key IS NULL
       UNION ALL SELECT 'po line→part', COUNT(*)::INT FROM c_main.epicor.fact_purchase_order_line f
         LEFT JOIN c_main.epicor.dim_part d ON f.part_key = d.part_key WHERE f.part_key IS NOT NULL AND d.part_key IS NULL`,
    );
    expect(orphans.map((o) => [o.j, o.n])).toEqual([
      ['invoice→vendor', 0],
      ['gl line→account', 0],
      ['po line→part', 0],
    ]);
  });

  it('_source_url of sampled rows returns that very record from Epicor', async () => {
    const auth = `Basic ${Buffer.from('manager:manager').toString('base64')}`;
    const tables = ['dim_vendor', 'dim_gl_account', 'fact_purchase_order_line', 'fact_ap_payment_line'];
    tables.push('fact_gl_journal_line', 'fact_ap_invoice');
    let fetched = 0;
    for (const table of tables) {
      const rows = await env.query(
        `SELECT _source_url, _source_record_id, CAST(_source_rev AS VARCHAR) AS rev FROM c_main.epicor.${table} ` +
          'ORDER BY _source_record_id LIMIT 3',
      );
      for (const row of rows) {
        const res = await fetch(String(row._source_url), {
          headers: { 'x-api-key': 'demo-api-key', authorization: auth, accept: 'application/json' },
        });
        expect(res.status, `${table} ${row._source_url}`).toBe(200);
        const body = (await res.json()) as Record<string, unknown> & { value?: Record<string, unknown>[] };
        const record = Array.isArray(body.value) ? body.value : [body];
        expect(record, String(row._source_url)).toHaveLength(1);
        expect(record[0].SysRowID).toBe(row._source_record_id);
        expect(String(record[0].SysRevID)).toBe(row.rev);
        fetched++;
      }
    }
    expect(fetched).toBe(tables.length * 3);
  });

  let day: ActivityReport;
  let before: Map<string, Record<string, unknown>>;
  it('an incremental sync after a day of activity updates dimensions in place and appends fact versions', async () => {
    // Rows of the records the day will delete, as the full sync left them.
    const snapshot = await env.query(
      `SELECT _source_record_id AS id, _sync_id, CAST(_source_rev AS VARCHAR) AS rev, _is_deleted
         FROM c_main.epicor.fact_purchase_order_release
       UNION ALL SELECT _source_record_id, _sync_id, CAST(_source_rev AS VARCHAR), _is_deleted FROM c_main.epicor.dim_customer`,
    );
    before = new Map(snapshot.map((r) => [String(r.id), r]));
    day = env.epicor.advance();
    const activity = day.companies.EPIC06;
    expect(day.totals.deleted).toBeGreaterThan(0);

    const result = await sync();
    expect(result.run.status).toBe('succeeded');
    expect(totals(result).inserted).toBeGreaterThan(0);
    expect(totals(result).updated).toBeGreaterThan(0);

    // Renamed vendor: still one row, new name, newer revision.
    const renamed = activity.Vendors.updated.map((k) => Number(k.VendorNum));
    expect(renamed.length).toBeGreaterThan(0);
    const current = env.epicor.records('EPIC06', 'Vendors').find((v) => v.VendorNum === renamed[0])!;
    const vendorRows = await env.query(
      `SELECT name, CAST(_source_rev AS VARCHAR) AS rev FROM c_main.epicor.dim_vendor WHERE vendor_num = ${renamed[0]}`,
    );
    expect(vendorRows).toEqual([{ name: current.Name, rev: String(current.SysRevID) }]);

    // Cancelled PO: a second fact version, and the current view shows it void.
    const cancelled = env.epicor
      .records('EPIC06', 'POes')
      .find((p) => p.VoidOrder === true && activity.POes.updated.some((k) => k.PONum === p.PONum));
    expect(cancelled, 'the day cancels a PO').toBeDefined();
    const versions = await env.query(
      `SELECT void_order, CAST(_source_rev AS VARCHAR) AS rev FROM c_main.epicor.fact_purchase_order
        WHERE po_num = ${cancelled!.PONum} ORDER BY _source_rev`,
    );
    expect(versions.length).toBeGreaterThanOrEqual(2);
    expect(versions.at(-1)).toEqual({ void_order: true, rev: String(cancelled!.SysRevID) });
    expect(versions[0].void_order).toBe(false);
    const now = await env.query(
      `SELECT void_order FROM c_main.epicor.fact_purchase_order_current WHERE po_num = ${cancelled!.PONum}`,
    );
    expect(now).toEqual([{ void_order: true }]);

    // Deleted in Epicor: rows untouched (not reconciled yet).
    const deletedIds = [...env.epicor.deleted('EPIC06', 'PORels'), ...env.epicor.deleted('EPIC06', 'Customers')].map(
      (d) => String(d.SysRowID),
    );
    expect(deletedIds.length).toBeGreaterThan(0);
    const list = deletedIds.map((id) => `'${id}'`).join(',');
    const after = await env.query(
      `SELECT _source_record_id AS id, _sync_id, CAST(_source_rev AS VARCHAR) AS rev, _is_deleted
         FROM c_main.epicor.fact_purchase_order_release WHERE _source_record_id IN (${list})
       UNION ALL SELECT _source_record_id, _sync_id, CAST(_source_rev AS VARCHAR), _is_deleted
         FROM c_main.epicor.dim_customer WHERE _source_record_id IN (${list})`,
    );
    const known = deletedIds.filter((id) => before.has(id));
    expect(after.map((r) => String(r.id)).sort()).toEqual(known.sort());
    for (const r of after) expect(r).toEqual(before.get(String(r.id)));

    const report = await env.check();
    expect(report.ok, formatReport(report)).toBe(true);
    expect(report.tables.reduce((a, t) => a + t.deletedRemaining, 0)).toBe(known.length);
  });

  it('a run with nothing new writes nothing and leaves the watermarks alone', async () => {
    const marks = await stateRows();
    const logBefore = env.databricks.statementLog().length;
    const result = await sync();
    const statements = env.databricks.statementLog().slice(logBefore);
    expect(result.run.status).toBe('succeeded');
    expect(totals(result)).toEqual({ inserted: 0, updated: 0, fetched: 0 });
    // The run ledger row is itself written with a MERGE; no target table may be.
    const merges = statements.filter((s) => /\bMERGE\s+INTO\b/i.test(s.statement));
    expect(merges.filter((s) => !/_ml_connector_/.test(s.statement.split(/\bUSING\b/i)[0]))).toEqual([]);
    expect(await stateRows()).toEqual(marks);
    expect(
      statements.length,
      `statements: ${statements.map((s) => s.statement.slice(0, 60).replace(/\s+/g, ' ')).join(' | ')}`,
    ).toBeLessThanOrEqual(6);
  });

  it('tables changed by hand (a column added, a column dropped) still load', async () => {
    await env.query('ALTER TABLE c_main.epicor.dim_vendor ADD COLUMN analyst_note VARCHAR');
    await env.query("UPDATE c_main.epicor.dim_vendor SET analyst_note = 'keep'");
    await env.query('ALTER TABLE c_main.epicor.dim_vendor DROP COLUMN pur_point');
    await env.query('ALTER TABLE c_main.epicor.fact_purchase_order ADD COLUMN reviewed BOOLEAN');
    await env.query('ALTER TABLE c_main.epicor.fact_purchase_order DROP COLUMN fob');
    env.epicor.advance({ inserts: 20, updates: 15, deletes: 0 });

    const result = await sync();
    expect(result.run.status, JSON.stringify(result.run.error)).toBe('succeeded');
    expect(result.run.entities.vendors.updated + result.run.entities.vendors.inserted).toBeGreaterThan(0);
    const report = await env.check();
    expect(report.ok, formatReport(report)).toBe(true);
    // The hand-added column keeps its values; the dropped source column is back and filled for new writes.
    const [kept] = await env.query(
      "SELECT COUNT(*) FILTER (WHERE analyst_note = 'keep')::INT AS kept, COUNT(*)::INT AS n FROM c_main.epicor.dim_vendor",
    );
    expect(kept.kept).toBeGreaterThan(0);
    const cols = await env.query(
      "SELECT column_name FROM information_schema.columns WHERE table_catalog = 'c_main' AND table_schema = 'epicor' " +
        "AND table_name IN ('dim_vendor', 'fact_purchase_order') AND column_name IN ('pur_point', 'fob')",
    );
    expect(cols.map((c) => c.column_name).sort()).toEqual(['fob', 'pur_point']);
  });

  it('a new tenant _c field appearing in Epicor becomes a column and loads', async () => {
    proxy.addField({
      entitySet: 'Vendors',
      rowType: 'VendorRow',
      name: 'Character09_c',
      edmType: 'Edm.String',
      valueOf: (row) => `tier-${String(row.VendorNum)}`,
    });
    const day = env.epicor.advance({ inserts: 10, updates: 10, deletes: 0 });
    const result = await sync();
    expect(result.run.status, JSON.stringify(result.run.error)).toBe('succeeded');
    const changed = result.run.entities.vendors.inserted + result.run.entities.vendors.updated;
    expect(changed, JSON.stringify(day.companies.EPIC06.Vendors)).toBeGreaterThan(0);
    const rows = await env.query(
      'SELECT vendor_num, character09_c FROM c_main.epicor.dim_vendor WHERE character09_c IS NOT NULL',
    );
    expect(rows.length).toBe(changed);
    for (const r of rows) expect(r.character09_c).toBe(`tier-${r.vendor_num}`);
    const report = await env.check();
    expect(report.ok, formatReport(report)).toBe(true);
  });

  it('the checker itself catches a tampered table', async () => {
    await env.query(
      "UPDATE c_main.epicor.dim_vendor SET name = 'Tampered' WHERE vendor_num = (SELECT MIN(vendor_num) FROM c_main.epicor.dim_vendor)",
    );
    await env.query(
      'DELETE FROM c_main.epicor.dim_part WHERE part_key = (SELECT MIN(part_key) FROM c_main.epicor.dim_part)',
    );
    await env.query(
      'INSERT INTO c_main.epicor.fact_ap_payment SELECT * FROM c_main.epicor.fact_ap_payment ORDER BY _source_rev LIMIT 1',
    );
    await env.query(
      'UPDATE c_main.epicor.fact_gl_journal_line SET _source_url = NULL WHERE journal_line = 1 AND journal_num = 1',
    );
    const report = await env.check({ entities: ['vendors', 'parts', 'payments', 'gl_journal_lines', 'customers'] });
    const by = Object.fromEntries(report.tables.map((t) => [t.entity, t]));
    expect(report.ok).toBe(false);
    expect(by.vendors.differing).toBe(1);
    expect(by.parts.missing).toBe(1);
    expect(by.payments.duplicates).toBeGreaterThanOrEqual(1);
    expect(by.gl_journal_lines.lineage).toBeGreaterThanOrEqual(1);
    expect(by.customers.missing + by.customers.differing + by.customers.extra).toBe(0);
    const strict = await env.check({ entities: ['customers'], deletedRecords: 'absent' });
    expect(strict.tables[0].extra).toBeGreaterThan(0);
  });
});

describe('two companies into one schema', () => {
  // Each company has its own tenant `_c` fields: `$metadata` must be read per company (it once was cached per
  // service, so EPIC07 was queried with EPIC06's fields and got HTTP 400).
  it('EPIC06 and EPIC07 both load exactly', async () => {
    const base = emulatedConfig(env.epicorUrl, env.host, { companies: ['EPIC06', 'EPIC07'], pageSize: 500 });
    const config = { ...base, databricks: { ...base.databricks, schema: 'two_companies' } };
    const result = await syncOnce(config, { logger: env.logger });
    expect(result.run.error ?? null).toBeNull();
    expect(result.run.status).toBe('succeeded');
    for (const company of ['EPIC06', 'EPIC07']) {
      const report = await checkGroundTruth({
        source: env.epicor,
        query: env.query,
        company,
        instance: env.epicorUrl,
        schema: 'c_main.two_companies',
      });
      expect(report.ok, formatReport(report)).toBe(true);
    }
  });
});
