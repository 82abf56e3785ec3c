/**
 * Details of fitting a real tenant, against the emulator with every schema switch on (schema-profile.ts
 * STRICT_SCHEMA): `_source_url`s of keys with `/ # % ? & + '`, spaces and CJK resolve; a `Scale="Variable"` decimal
 * loads every place exactly and one with more places than any column holds is a bad record, never rounded; date
 * cursors (ChangeDate, CreateDate, a child set, a BAQ) work against a server that refuses offset-less literals; and
 * `sync --dry-run` goes on when Databricks does not answer.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Config } from '../../src/config/schema.ts';
import { emulatedConfig } from '../../src/demo/emulated-config.ts';
import { createEpicorEmulator } from '../../src/emulators/epicor/index.ts';
import { STRICT_SCHEMA } from '../../src/emulators/epicor/schema-profile.ts';
import { syncOnce } from '../../src/jobs/sync-once.ts';
import { runCli, writeConfig } from '../support/cli-harness.ts';
import { type E2eEnv, startE2eEnv } from '../support/e2e-env.ts';
import { type EpicorProxy, startEpicorProxy } from '../support/epicor-proxy.ts';
import { formatReport } from '../support/ground-truth.ts';

const AUTH = {
  'x-api-key': 'demo-api-key',
  authorization: `Basic ${Buffer.from('manager:manager').toString('base64')}`,
  accept: 'application/json',
};

let env: E2eEnv;
let proxy: EpicorProxy;
beforeAll(async () => {
  env = await startE2eEnv({
    epicor: { seed: 5, scale: 0.05, profile: STRICT_SCHEMA },
    front: async (url) => {
      proxy = await startEpicorProxy(url);
      return { url: proxy.baseUrl, close: () => proxy.close() };
    },
  });
  const full = await syncOnce(env.config, { logger: env.logger });
  expect(full.run.status, full.run.error).toBe('succeeded');
});
afterAll(async () => {
  await env?.close();
});

const withSchema = (config: Config, schema: string): Config => ({
  ...config,
  databricks: { ...config.databricks, schema },
});

describe.sequential('fit details with every schema switch on', () => {
  it("_source_url of part numbers with / # % ? & + ' space and CJK is percent-encoded and returns that record", async () => {
    const awkward = env.epicor
      .records('EPIC06', 'Parts')
      .filter((p) => /[/#%?&+' ]|[^\x00-\x7f]/.test(String(p.PartNum)));
    expect(awkward.length).toBeGreaterThanOrEqual(8);
    for (const part of awkward) {
      const [row] = await env.query(
        `SELECT _source_url, _source_record_id FROM c_main.epicor.dim_part WHERE part_num = '${String(part.PartNum).replaceAll("'", "''")}'`,
      );
      const url = String(row._source_url);
      const segment = url.slice(url.indexOf('/Parts(') + 7, -1);
      // Nothing in the key segment that ends a path segment, starts a query or fragment, or is not ASCII.
      expect(segment, url).toMatch(/^'EPIC06','[A-Za-z0-9_.~%'-]+'$/);
      expect(decodeURIComponent(segment)).toBe(`'EPIC06','${String(part.PartNum).replaceAll("'", "''")}'`);
      // Resolves on the emulator itself (the proxy in front is only for rewriting rows).
      const direct = url.replace(env.epicorUrl, env.epicor.baseUrl);
      const res = await fetch(direct, { headers: AUTH });
      expect(res.status, direct).toBe(200);
      const body = (await res.json()) as Record<string, unknown>;
      expect(body.PartNum).toBe(part.PartNum);
      expect(body.SysRowID).toBe(row._source_record_id);
    }
  });

  it('a Scale="Variable" decimal loads all its places; one with more than the column holds is a bad record', async () => {
    const [type] = await env.query(
      "SELECT data_type FROM information_schema.columns WHERE table_schema = 'epicor' AND table_name = 'dim_vendor' AND column_name = 'number01_c'",
    );
    expect(type.data_type).toBe('DECIMAL(38,10)');
    const vendors = env.epicor.records('EPIC06', 'Vendors');
    const [exact, tooMany] = [vendors[2].VendorNum, vendors[3].VendorNum];
    const stop = proxy.rewriteRows({
      entitySet: 'Vendors',
      rewrite: (row) =>
        row.VendorNum === exact
          ? { ...row, Number01_c: 1.2345678901 }
          : row.VendorNum === tooMany
            ? { ...row, Number01_c: 1.23456789012 }
            : row,
    });
    let result: Awaited<ReturnType<typeof syncOnce>>;
    try {
      result = await syncOnce(withSchema(env.config, 'places'), { logger: env.logger, only: ['vendors'] });
    } finally {
      stop();
    }
    expect(result.run.status).toBe('partial');
    expect(result.badRecords.map((b) => [b.key, b.reason])).toEqual([
      [
        `Company=EPIC06, VendorNum=${tooMany}`,
        'field Number01_c: "1.23456789012" has more than 10 decimal places, which DECIMAL(38,10) cannot hold without rounding',
      ],
    ]);
    const rows = await env.query(
      `SELECT vendor_num, CAST(number01_c AS VARCHAR) AS n FROM c_main.places.dim_vendor WHERE vendor_num IN (${exact}, ${tooMany})`,
    );
    expect(rows).toEqual([{ vendor_num: exact, n: '1.2345678901' }]);
  });

  it('date cursors, a child set and a BAQ read by date against a server refusing offset-less literals', async () => {
    const entities = [
      { name: 'purchase_orders', cursor: 'ChangeDate' },
      { name: 'purchase_order_lines', cursor: 'ChangeDate' },
      { name: 'gl_journal_lines', cursor: 'CreateDate' },
      { name: 'baq:zRecentAPInvoices', keys: ['RowIdent'], cursor: 'APInvHed_ChangeDate' },
    ];
    const config = withSchema(emulatedConfig(env.epicorUrl, env.host, { entities, pageSize: 200 }), 'dates');
    const check = async () => {
      const report = await env.check({
        schema: 'c_main.dates',
        entities: ['purchase_orders', 'purchase_order_lines', 'gl_journal_lines'],
      });
      expect(report.ok, formatReport(report)).toBe(true);
      const invoices = env.epicor.records('EPIC06', 'APInvoices');
      const baq = await env.query(
        'SELECT _source_record_id AS id, CAST(ap_inv_hed_invoice_amt AS DOUBLE) AS amt FROM c_main.dates.baq_zrecentapinvoices_current',
      );
      expect(new Map(baq.map((r) => [r.id, r.amt]))).toEqual(
        new Map(invoices.map((i) => [i.SysRowID, Number(i.InvoiceAmt)])),
      );
    };
    env.epicor.resetStats();
    const first = await syncOnce(config, { logger: env.logger });
    expect(first.run.status, first.run.error).toBe('succeeded');
    await check();
    env.epicor.advance({ deletes: 0 });
    const second = await syncOnce(config, { logger: env.logger });
    expect(second.run.status, second.run.error).toBe('succeeded');
    expect(second.run.entities.purchase_orders.watermark_from).toMatch(/Z$/);
    await check();
    expect(env.epicor.stats().byStatus['400'] ?? 0, 'literals Epicor refused').toBe(0);
  });
});

describe('sync --dry-run without Databricks', () => {
  it('exits 0, says every entity is treated as a first load, and reads Epicor', async () => {
    const epicor = createEpicorEmulator({ seed: 3, scale: 0.02, profile: STRICT_SCHEMA });
    const url = await epicor.listen(0);
    try {
      // Nothing listens on port 9 (discard): Databricks "does not answer".
      const file = writeConfig({ epicorUrl: url, host: 'http://127.0.0.1:9' });
      const r = await runCli(['sync', '--dry-run', '--entities', 'vendors,purchase_order_lines', '--config', file]);
      expect(r.code, r.stderr).toBe(0);
      expect(r.stderr).toMatch(/every entity of EPIC06 is treated as a first load/);
      expect(r.stdout).toMatch(/dry run/);
      const vendors = epicor.records('EPIC06', 'Vendors').length;
      expect(r.stdout).toMatch(new RegExp(`vendors\\s+succeeded\\s+${vendors}\\b`));
    } finally {
      await epicor.close();
    }
  });
});
