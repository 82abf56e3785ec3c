/**
 * The CLI contract (SPEC §2) through the real binary against emulators in this process: dry run, status, sql, check
 * exit codes, and `sync` exit codes (0 ok, 4 partial when a record cannot be mapped — served through a proxy that
 * corrupts one record, since the emulator has no bad-record option).
 */
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { emulatorYaml, runCli, writeConfig } from '../support/cli-harness.ts';
import { type E2eEnv, startE2eEnv } from '../support/e2e-env.ts';
import { type EpicorProxy, startEpicorProxy } from '../support/epicor-proxy.ts';
import { formatReport } from '../support/ground-truth.ts';

let env: E2eEnv;
let proxy: EpicorProxy;
let configFile: string;

beforeAll(async () => {
  env = await startE2eEnv({
    epicor: { scale: 0.1 },
    front: async (url) => {
      proxy = await startEpicorProxy(url);
      return { url: proxy.baseUrl, close: () => proxy.close() };
    },
  });
  configFile = writeConfig({ epicorUrl: env.epicorUrl, host: env.host });
});
afterAll(async () => {
  await env?.close();
});

const cli = (...args: string[]) => runCli(['--config', configFile, ...args]);
const ENTITY_SETS: Record<string, string> = {
  companies: 'Companies',
  vendors: 'Vendors',
  customers: 'Customers',
  parts: 'Parts',
  gl_accounts: 'GLAccounts',
  purchase_orders: 'POes',
  purchase_order_lines: 'PODetails',
  purchase_order_releases: 'PORels',
  ap_invoices: 'APInvoices',
  ap_invoice_lines: 'APInvDtls',
  payments: 'PaymentEntries',
  payment_lines: 'APTrans',
  gl_journal_lines: 'GLJrnDtls',
  receipts: 'Receipts',
  receipt_lines: 'RcvDtls',
  terms: 'PurTerms',
  fiscal_periods: 'FiscalPers',
};

/** `entity → fetched` from the run summary table printed on stdout. */
function fetchedCounts(stdout: string): Record<string, number> {
  const lines = stdout.split('\n');
  const header = lines.findIndex((l) => /^entity\s+status\s+fetched/.test(l));
  expect(header, stdout).toBeGreaterThanOrEqual(0);
  const out: Record<string, number> = {};
  for (const line of lines.slice(header + 2)) {
    const cells = line.trim().split(/\s+/);
    if (!(cells[0] in ENTITY_SETS)) break;
    out[cells[0]] = Number(cells[2]);
  }
  return out;
}

describe.sequential('ml-connector CLI against the emulators', () => {
  it('sync --dry-run prints per-entity counts and creates nothing', async () => {
    const r = await cli('sync', '--dry-run');
    expect(r.code, r.stderr).toBe(0);
    const expected = Object.fromEntries(
      Object.entries(ENTITY_SETS).map(([name, set]) => [name, env.epicor.records('EPIC06', set).length]),
    );
    expect(fetchedCounts(r.stdout)).toEqual(expected);
    const tables = await env.query(
      "SELECT table_name FROM information_schema.tables WHERE table_catalog = 'c_main' AND table_schema = 'epicor'",
    );
    expect(tables).toEqual([]);
    const writes = env.databricks
      .statementLog()
      .filter((s) => /^\s*(CREATE|ALTER|MERGE|INSERT|UPDATE|DELETE|COPY|DROP)\b/i.test(s.statement));
    expect(writes.map((s) => s.statement.slice(0, 80))).toEqual([]);
  });

  it('check: exit 0 with a good config, 3 with a wrong API key or an unknown company', async () => {
    const dir = dirname(configFile);
    const badKey = join(dir, 'bad-key.yaml');
    writeFileSync(badKey, emulatorYaml({ epicorUrl: env.epicorUrl, host: env.host, apiKey: 'wrong-api-key-123' }));
    const badCompany = join(dir, 'bad-company.yaml');
    writeFileSync(badCompany, emulatorYaml({ epicorUrl: env.epicorUrl, host: env.host, company: 'NOPE99' }));
    const [good, k, c] = await Promise.all([
      cli('check'),
      runCli(['--config', badKey, 'check']),
      runCli(['--config', badCompany, 'check', '--only', 'epicor']),
    ]);
    expect(good.code, good.stdout + good.stderr).toBe(0);
    expect(good.stdout).toContain('✓');
    expect(good.stdout).not.toContain('✗');

    expect(k.code, k.stdout + k.stderr).toBe(3);
    expect(k.stdout + k.stderr).toContain('✗');
    expect(k.stdout + k.stderr).not.toContain('wrong-api-key-123');

    expect(c.code, c.stdout + c.stderr).toBe(3);
    expect(c.stdout + c.stderr).toContain('NOPE99');
  });

  it('sync exits 0, then status --json and sql report what it loaded', async () => {
    const s = await cli('sync');
    expect(s.code, s.stderr).toBe(0);
    expect(Object.keys(fetchedCounts(s.stdout))).toHaveLength(17);

    const [st, q, bad] = await Promise.all([
      cli('status', '--json'),
      cli('sql', '--json', 'SELECT COUNT(*) AS n FROM main.epicor.dim_vendor'),
      cli('sql', 'SELECT * FROM main.epicor.no_such_table'),
    ]);
    expect(st.code, st.stderr).toBe(0);
    const status = JSON.parse(st.stdout);
    expect(status.runs[0].status).toBe('succeeded');
    const vendors = status.entities.find((e: { entity: string }) => e.entity === 'vendors');
    expect(vendors.rows).toBe(env.epicor.records('EPIC06', 'Vendors').length);
    expect(vendors.watermark).not.toBeNull();
    expect(status.entities).toHaveLength(17);

    expect(q.code, q.stderr).toBe(0);
    // Values come back as text, as the Statement API sends them.
    expect(JSON.parse(q.stdout).map((r: { n: unknown }) => Number(r.n))).toEqual([
      env.epicor.records('EPIC06', 'Vendors').length,
    ]);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('no_such_table');
  });

  it('sync exits 4 when a record cannot be mapped, loads the rest, and picks the record up once fixed', async () => {
    const day = env.epicor.advance();
    const target = day.companies.EPIC06.Vendors.updated[0];
    expect(target, 'the day renames a vendor').toBeDefined();
    const stop = proxy.rewriteRows({
      entitySet: 'Vendors',
      rewrite: (row) => (row.VendorNum === target.VendorNum ? { ...row, Number01_c: 'lots' } : row),
    });
    const partial = await cli('sync');
    stop();
    expect(partial.code, partial.stdout + partial.stderr).toBe(4);
    expect(partial.stdout + partial.stderr).toContain(`VendorNum=${target.VendorNum}`);
    expect(partial.stdout + partial.stderr).toContain('Number01_c');
    const others = await env.check({ entities: Object.keys(ENTITY_SETS).filter((e) => e !== 'vendors') });
    expect(others.ok, formatReport(others)).toBe(true);

    const fixed = await cli('sync');
    expect(fixed.code, fixed.stderr).toBe(0);
    const all = await env.check();
    expect(all.ok, formatReport(all)).toBe(true);
  });
});
