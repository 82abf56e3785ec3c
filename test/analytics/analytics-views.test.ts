/**
 * The fourteen analytics views against a hand-built Epicor company (analytics-fixture.ts), synced through the
 * real pipeline into the Databricks emulator and queried through the Statement Execution API. Every expected KPI
 * is worked out by hand from the fixture's numbers (or by a few lines of plain arithmetic over the fixture list),
 * never by the views' SQL. One sync serves every test; the last test deletes an invoice in Epicor and reconciles.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ANALYTICS_VIEWS } from '../../src/analytics/analytics-views.ts';
import { applyAnalytics, viewContext } from '../../src/analytics/apply-analytics.ts';
import { DASHBOARD_NAME, deployDashboard, loadDashboard, qualifyDashboard } from '../../src/analytics/dashboard.ts';
import { apOpenItems } from '../../src/analytics/views/ap-aging-views.ts';
import { DPO_NOT_CONFIGURED, dpo } from '../../src/analytics/views/ap-performance-views.ts';
import { createLakeviewClient } from '../../src/cli/lakeview-client.ts';
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
import { reconcileOnce } from '../../src/jobs/ops-once.ts';
import { syncOnce } from '../../src/jobs/sync-once.ts';
import { createLogger } from '../../src/log/create-logger.ts';
import { runCli, writeConfig } from '../support/cli-harness.ts';
import {
  type AnalyticsFixture,
  buildAnalyticsFixture,
  DAY,
  fiscalOf,
  fixtureDates,
  isoDay,
} from './analytics-fixture.ts';

const logger = createLogger({ format: 'text', level: 'silent', secrets: [] });
let fx: AnalyticsFixture;
let fixture: EpicorFixture;
let epicor: EpicorEmulator;
let databricks: DatabricksEmulator;
let dataDir: string;
let config: Config;
let client: DatabricksClient;

type Row = Record<string, string | null>;
async function q(sql: string): Promise<Row[]> {
  const r = await client.statements.execute(sql, { catalog: 'main', schema: 'epicor' });
  return r.rows.map((row) => Object.fromEntries(r.columns.map((c, i) => [c.name, row[i] ?? null])));
}
const n = (v: string | null | undefined): number | null => (v === null || v === undefined ? null : Number(v));

beforeAll(async () => {
  fx = buildAnalyticsFixture(fixtureDates());
  fixture = new EpicorFixture(fx.rows);
  epicor = createEpicorEmulator({ fixture });
  dataDir = mkdtempSync(join(tmpdir(), 'mlc-analytics-'));
  databricks = await createDatabricksEmulator({ dataDir });
  config = emulatedConfig(await epicor.listen(0), await databricks.listen(0));
  config.analytics = {
    ...config.analytics,
    cogsAccounts: ['5000|*'],
    costAccounts: ['seg1:5000', 'seg1:6000'],
    priceTolerancePct: 2,
  };
  const run = await syncOnce(config, { logger });
  expect(run.run.status).toBe('succeeded');
  client = createDatabricksClient(config.databricks);
  const t0 = performance.now();
  const applied = await applyAnalytics((sql, o) => client.statements.execute(sql, o), viewContext(config));
  console.log(
    `analytics apply: ${applied.commented} comments, ${applied.created.length} views in ${Math.round(performance.now() - t0)} ms`,
  );
  expect(applied.failed).toEqual([]);
  expect(applied.skipped).toEqual([]);
}, 240_000);

afterAll(async () => {
  await client?.close();
  await epicor?.close();
  await databricks?.close();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

/** Monday of the week of a day (UTC ms). */
const mondayOf = (ms: number) => ms - ((new Date(ms).getUTCDay() + 6) % 7) * DAY;
const bucketOf = (days: number) =>
  days <= 0 ? 'current' : days <= 30 ? '1-30' : days <= 60 ? '31-60' : days <= 90 ? '61-90' : '90+';
const daysBetween = (a: number, b: number) => Math.round((a - b) / DAY);
const monthStartOf = (ms: number) => isoDay(Date.UTC(new Date(ms).getUTCFullYear(), new Date(ms).getUTCMonth(), 1));

describe.sequential('analytics views on a hand-built Epicor company', () => {
  it('creates all fourteen views with the documented columns and comments', async () => {
    for (const def of ANALYTICS_VIEWS) {
      const r = await client.statements.execute(`SELECT * FROM main.epicor.${def.name} LIMIT 1`, {});
      expect(
        r.columns.map((c) => c.name),
        def.name,
      ).toEqual(def.columns.map(([c]) => c));
    }
    const cols = await q(
      "SELECT column_name, comment FROM main.information_schema.columns WHERE table_schema = 'epicor' " +
        "AND table_name = 'mart_ap_open_items' AND column_name = 'open_balance_base'",
    );
    expect(cols).toEqual([
      { column_name: 'open_balance_base', comment: 'Open balance in base currency (APInvHed.InvoiceBal)' },
    ]);
    const [t] = await q(
      "SELECT comment FROM main.information_schema.tables WHERE table_schema = 'epicor' AND table_name = 'mart_dpo'",
    );
    expect(t.comment).toMatch(/^Days payable outstanding/);
  });

  it('documents the connector tables and columns in Unity Catalog (Epicor source, currency, unit)', async () => {
    const [t] = await q(
      "SELECT comment FROM main.information_schema.tables WHERE table_schema = 'epicor' AND table_name = 'fact_ap_invoice'",
    );
    expect(t.comment).toMatch(
      /^Epicor Erp\.BO\.APInvoiceSvc\/APInvoices \(key Company, VendorNum, InvoiceNum\)\. Fact/,
    );
    const cols = await q(
      "SELECT column_name, comment FROM main.information_schema.columns WHERE table_schema = 'epicor' AND table_name = 'fact_ap_invoice' " +
        "AND column_name IN ('invoice_amt', 'doc_invoice_amt', 'vendor_key', '_source_rev', 'invoice_bal') ORDER BY column_name",
    );
    expect(cols).toEqual([
      { column_name: '_source_rev', comment: 'Lineage: Epicor SysRevID of the version loaded' },
      { column_name: 'doc_invoice_amt', comment: 'Amount in the document currency (currency_code)' },
      { column_name: 'invoice_amt', comment: 'Amount in the company’s base currency' },
      { column_name: 'invoice_bal', comment: 'Amount in the company’s base currency' },
      { column_name: 'vendor_key', comment: 'Key of dim_vendor (Company, VendorNum)' },
    ]);
    const [{ comment }] = await q('DESCRIBE TABLE main.epicor.fact_receipt_line').then((rows) =>
      rows.filter((r) => r.col_name === 'our_qty'),
    );
    expect(comment).toBe('Quantity in our unit of measure, IUM (OurQty)');
    // A second apply finds nothing left to write.
    const again = await applyAnalytics((sql, o) => client.statements.execute(sql, o), viewContext(config), []);
    expect(again.commented).toBe(0);
  });

  it('ages AP at a past month end from invoice and payment history (partial payments, a voided check, a debit memo)', async () => {
    const M = isoDay(fx.dates.M);
    const rows = await q(
      `SELECT invoice_number, currency_code, open_balance, open_balance_base, days_past_due, aging_bucket ` +
        `FROM mart_ap_aging_as_of WHERE as_of_date = DATE'${M}' ORDER BY invoice_number`,
    );
    // A: 1000 − 400 paid at M−20 (the 600 at M+5 comes later), 10 days past due. B: 500, the voided 100 nets out.
    // C: the −200 debit memo. G: 2000 EUR − 500 EUR paid = 1500 EUR (1650 USD at 1.1). H: not yet due.
    // F and K are paid in full by M; D and IM1 come after M; E is not posted.
    expect(
      rows.map((r) => [
        r.invoice_number,
        r.currency_code,
        n(r.open_balance),
        n(r.open_balance_base),
        n(r.days_past_due),
        r.aging_bucket,
      ]),
    ).toEqual([
      ['A', 'USD', 600, 600, 10, '1-30'],
      ['B', 'USD', 500, 500, 70, '61-90'],
      ['C', 'USD', -200, -200, 5, '1-30'],
      ['G', 'EUR', 1500, 1650, 65, '61-90'],
      ['H', 'USD', 700, 700, -28, 'current'],
    ]);
    const dates = await q('SELECT DISTINCT as_of_date FROM mart_ap_aging_as_of ORDER BY as_of_date DESC');
    expect(dates[0].as_of_date).toBe(isoDay(fx.dates.today));
  });

  it('pivots the aging by vendor, as-of date and currency', async () => {
    const M = isoDay(fx.dates.M);
    const rows = await q(
      `SELECT vendor_id, currency_code, base_currency_code, current_amount, days_1_30_amount, days_31_60_amount, ` +
        `days_61_90_amount, days_90_plus_amount, total_amount, days_61_90_amount_base, total_amount_base, open_item_count ` +
        `FROM mart_ap_aging_by_vendor WHERE as_of_date = DATE'${M}' ORDER BY vendor_id`,
    );
    expect(rows.map((r) => Object.values(r).map((v, i) => (i < 3 ? v : n(v))))).toEqual([
      ['ACME01', 'USD', 'USD', 700, 400, 0, 500, 0, 1600, 500, 1600, 4],
      ['EURO02', 'EUR', 'USD', 0, 0, 0, 1500, 0, 1500, 1650, 1650, 1],
    ]);
  });

  it('lists today’s open items with Epicor’s balances, days past due and bucket', async () => {
    const rows = await q(
      'SELECT invoice_number, open_balance, open_balance_base, due_date, days_past_due, aging_bucket FROM mart_ap_open_items ORDER BY invoice_number',
    );
    const open = fx.invoices.filter((i) => i.posted && i.bal !== 0).sort((a, b) => a.num.localeCompare(b.num));
    expect(open.map((i) => i.num)).toEqual(['B', 'C', 'D', 'G', 'H', 'IM1']);
    expect(rows).toEqual(
      open.map((i) => {
        const days = daysBetween(fx.dates.today, i.dueMs);
        return {
          invoice_number: i.num,
          open_balance: i.docBal.toFixed(4),
          open_balance_base: i.bal.toFixed(4),
          due_date: isoDay(i.dueMs),
          days_past_due: String(days),
          aging_bucket: bucketOf(days),
        };
      }),
    );
  });

  it('sums supplier spend per fiscal period and currency, with each vendor’s share of the period', async () => {
    const rows = await q(
      'SELECT vendor_id, fiscal_year, fiscal_period, currency_code, invoiced_amount, invoiced_amount_base, invoice_count, ' +
        'debit_memo_count, share_of_period_spend_pct FROM mart_supplier_spend ORDER BY fiscal_year, fiscal_period, vendor_id',
    );
    const M = fiscalOf(fx.dates.M);
    const inPeriod = rows.filter((r) => n(r.fiscal_year) === M.year && n(r.fiscal_period) === M.period);
    // M's period: ACME H 700 and debit memo C −200; EURO F 1000 + K 500 EUR = 1650 USD. Total 2150 USD.
    expect(
      inPeriod.map((r) => [
        r.vendor_id,
        r.currency_code,
        n(r.invoiced_amount),
        n(r.invoiced_amount_base),
        n(r.invoice_count),
        n(r.debit_memo_count),
        n(r.share_of_period_spend_pct),
      ]),
    ).toEqual([
      ['ACME01', 'USD', 500, 500, 1, 1, 23.26],
      ['EURO02', 'EUR', 1500, 1650, 2, 0, 76.74],
    ]);
    // Every period: the posted invoices grouped by hand.
    const expected = new Map<string, number>();
    for (const i of fx.invoices.filter((x) => x.posted)) {
      const f = fiscalOf(i.invoiceMs);
      const key = `${i.vendor === 1 ? 'ACME01' : 'EURO02'} ${f.year}/${f.period}`;
      expected.set(key, (expected.get(key) ?? 0) + i.base);
    }
    expect(
      new Map(rows.map((r) => [`${r.vendor_id} ${r.fiscal_year}/${r.fiscal_period}`, n(r.invoiced_amount_base)])),
    ).toEqual(expected);
  });

  it('measures payment performance: on time, days to pay, discounts taken and lost', async () => {
    const rows = await q(
      'SELECT vendor_id, month, invoices_paid, paid_on_time_count, paid_on_time_pct, avg_days_to_pay, avg_days_paid_late, ' +
        'paid_amount, paid_amount_base, discounts_taken_count, discounts_taken_amount, discounts_taken_amount_base, ' +
        'discounts_lost_count, discounts_lost_amount, discounts_lost_amount_base FROM mart_payment_performance ORDER BY vendor_id',
    );
    expect(rows.map((r) => Object.values(r).map((v, i) => (i < 2 ? v : n(v))))).toEqual([
      // A: invoiced M−40, due M−10, paid in full at M+5: 45 days to pay, 15 late.
      ['ACME01', monthStartOf(fx.dates.M + 5 * DAY), 1, 0, 0, 45, 15, 1000, 1000, 0, 0, 0, 0, 0, 0],
      // F paid in 7 days with the 2% discount (20 EUR / 22 USD); K paid in 24 days after its discount date:
      // 2% of 500 EUR = 10 EUR (11 USD) lost.
      ['EURO02', monthStartOf(fx.dates.M), 2, 2, 100, 15.5, null, 1480, 1628, 1, 20, 22, 1, 10, 11],
    ]);
  });

  it('computes DPO from average AP and COGS over the fiscal period', async () => {
    const M = fiscalOf(fx.dates.M);
    const days = new Date(fx.dates.M).getUTCDate();
    const [row] = await q(
      `SELECT book_id, days_in_period, opening_ap_base, closing_ap_base, average_ap_base, purchases_base, cogs_base, dpo, ` +
        `dpo_on_purchases, dpo_note FROM mart_dpo WHERE fiscal_year = ${M.year} AND fiscal_period = ${M.period}`,
    );
    // Opening (end of the day before the period): A 1000 + B 500 + G 2200 − 550 paid on G = 3150.
    // Closing at M: the as-of aging above, 600 + 500 − 200 + 1650 + 700 = 3250. COGS: 10000 − 2000 on 5000|100.
    expect(row.book_id).toBe('MAIN');
    expect([n(row.days_in_period), n(row.opening_ap_base), n(row.closing_ap_base), n(row.average_ap_base)]).toEqual([
      days,
      3150,
      3250,
      3200,
    ]);
    expect([n(row.purchases_base), n(row.cogs_base), row.dpo_note]).toEqual([2150, 8000, null]);
    expect(n(row.dpo)).toBe(Math.round((3200 / 8000) * days * 10) / 10);
    expect(n(row.dpo_on_purchases)).toBe(Math.round((3200 / 2150) * days * 10) / 10);
  });

  it('says so when no COGS accounts are configured (dpo null)', async () => {
    const ctx = viewContext({ ...config, analytics: { ...config.analytics, cogsAccounts: [] } });
    const applied = await applyAnalytics((sql, o) => client.statements.execute(sql, o), ctx, [dpo]);
    expect(applied.created).toEqual(['mart_dpo']);
    const M = fiscalOf(fx.dates.M);
    const [row] = await q(
      `SELECT cogs_base, dpo, dpo_on_purchases, dpo_note FROM mart_dpo WHERE fiscal_year = ${M.year} AND fiscal_period = ${M.period}`,
    );
    expect([row.cogs_base, row.dpo, row.dpo_note]).toEqual([null, null, DPO_NOT_CONFIGURED]);
    expect(n(row.dpo_on_purchases)).not.toBeNull();
    await applyAnalytics((sql, o) => client.statements.execute(sql, o), viewContext(config), [dpo]);
  });

  it('forecasts cash outflow by week, currency and source from open AP and open PO releases', async () => {
    const rows = await q(
      'SELECT week_start, currency_code, source, amount, amount_base, item_count FROM mart_cash_outflow_forecast',
    );
    const expected = new Map<string, [number, number, number]>();
    const add = (ms: number, cur: string, src: string, amount: number, base: number) => {
      const key = `${isoDay(mondayOf(Math.max(ms, fx.dates.today)))} ${cur} ${src}`;
      const [a, b, c] = expected.get(key) ?? [0, 0, 0];
      expected.set(key, [a + amount, b + base, c + 1]);
    };
    for (const i of fx.invoices.filter((x) => x.posted && x.bal !== 0))
      add(i.dueMs, i.currency, 'ap_open_invoice', i.docBal, i.bal);
    // PO 300: 4 × 25 not yet received, due in 10 days, paid 30 days later (N30). PO 100 line 5 is already billed.
    add(fx.dates.today + 40 * DAY, 'USD', 'po_release', 100, 100);
    expect(
      new Map(
        rows.map((r) => [
          `${r.week_start} ${r.currency_code} ${r.source}`,
          [n(r.amount), n(r.amount_base), n(r.item_count)],
        ]),
      ),
    ).toEqual(expected);
  });

  it('shows each PO release ordered, received, invoiced and open, with first and last arrival', async () => {
    const rows = await q(
      'SELECT po_num, po_line, ordered_qty, received_qty, invoiced_qty, open_qty, open_amount, first_arrival_date, ' +
        'last_arrival_date, receipt_line_count FROM mart_po_release_fulfillment WHERE po_num = 100 ORDER BY po_line',
    );
    const R = fx.dates.R;
    expect(
      rows.map((r) => [
        n(r.po_line),
        n(r.ordered_qty),
        n(r.received_qty),
        n(r.invoiced_qty),
        n(r.open_qty),
        n(r.open_amount),
        r.first_arrival_date,
        r.last_arrival_date,
        n(r.receipt_line_count),
      ]),
    ).toEqual([
      [1, 10, 10, 10, 0, 0, isoDay(R - 3 * DAY), isoDay(R - 3 * DAY), 1],
      [2, 20, 20, 25, 0, 0, isoDay(R + 5 * DAY), isoDay(R + 5 * DAY), 1],
      [3, 30, 30, 30, 0, 0, isoDay(R), isoDay(R + 10 * DAY), 2],
      [4, 5, 6, 6, 0, 0, isoDay(R - DAY), isoDay(R - DAY), 1],
      [5, 8, 0, 8, 8, 400, null, null, 0],
    ]);
  });

  it('scores supplier delivery: early, on time, late, partial then complete, over-received and missing releases', async () => {
    const rows = await q(
      'SELECT vendor_id, month, releases_measured, on_time_count, in_full_count, otif_count, on_time_pct, in_full_pct, ' +
        'otif_pct, avg_days_late, early_count, late_count, partial_count, over_received_count, not_received_count ' +
        'FROM mart_supplier_delivery ORDER BY vendor_id',
    );
    const month = monthStartOf(fx.dates.R);
    expect(rows.map((r) => Object.values(r).map((v, i) => (i < 2 ? v : n(v))))).toEqual([
      // Line 1 early (3 days), 2 late (5 days), 3 on time with 18 of 30 then 12 more, 4 over-received early,
      // 5 never received. On time 1,3,4; in full 1,2,3,4; OTIF 1,4; days late (0 + 5 + 0 + 0) / 4 = 1.25.
      ['ACME01', month, 5, 3, 4, 2, 60, 80, 40, 1.3, 2, 2, 0, 1, 1],
      ['EURO02', month, 1, 1, 1, 1, 100, 100, 100, 0, 0, 0, 0, 0, 0],
    ]);
  });

  it('measures PO line cycle time from order to receipt, invoice and payment', async () => {
    const [row] = await q(
      'SELECT order_date, first_receipt_date, first_invoice_date, first_payment_date, days_order_to_receipt, ' +
        'days_receipt_to_invoice, days_invoice_to_payment, days_order_to_payment FROM mart_po_cycle_time WHERE po_num = 100 AND po_line = 1',
    );
    const { M, R } = fx.dates;
    // Ordered M−60, arrived R−3 = M−48, billed by A at M−40, A first paid at M−20.
    expect(row).toEqual({
      order_date: isoDay(M - 60 * DAY),
      first_receipt_date: isoDay(R - 3 * DAY),
      first_invoice_date: isoDay(M - 40 * DAY),
      first_payment_date: isoDay(M - 20 * DAY),
      days_order_to_receipt: '12',
      days_receipt_to_invoice: '8',
      days_invoice_to_payment: '20',
      days_order_to_payment: '40',
    });
  });

  it('prices invoice lines against their PO lines in document and base currency', async () => {
    const rows = await q(
      'SELECT invoice_number, invoice_line, currency_code, price_variance_amount, price_variance_amount_base, price_variance_pct ' +
        "FROM mart_invoice_price_variance WHERE invoice_number IN ('A', 'H', 'IM1') ORDER BY invoice_number, invoice_line",
    );
    expect(
      rows.map((r) => [
        r.invoice_number,
        n(r.invoice_line),
        r.currency_code,
        n(r.price_variance_amount),
        n(r.price_variance_amount_base),
        n(r.price_variance_pct),
      ]),
    ).toEqual([
      ['A', 1, 'USD', 0, 0, 0],
      ['A', 2, 'USD', 0.6, 0.6, 1], // 30 × (2.02 − 2.00)
      ['H', 1, 'USD', 0, 0, 0],
      ['H', 2, 'USD', 50, 50, 10], // 5 × (110 − 100)
      // 10 × (21 − 20) EUR; in USD the invoice's rate 1.2 against the PO's 1.1: 10 × (25.20 − 22.00) = 32.
      ['IM1', 1, 'EUR', 10, 32, 5],
    ]);
  });

  it('reports each three-way-match exception class once, on the line that has it', async () => {
    const rows = await q(
      'SELECT invoice_number, invoice_line, exception FROM mart_three_way_match_exceptions ORDER BY invoice_number, invoice_line, exception',
    );
    expect(rows.map((r) => `${r.invoice_number}/${r.invoice_line} ${r.exception}`)).toEqual([
      'B/1 no_receipt', // PO 100 line 5 never arrived
      'D/1 uom_mismatch', // billed in BOX, ordered in EA
      'F/1 no_po', // a miscellaneous line without a PO
      'H/1 invoiced_over_received', // 25 billed, 20 received
      'H/2 price_outside_tolerance', // +10 % against a 2 % tolerance
      'IM1/1 price_outside_tolerance', // +5 %
    ]);
  });

  it('fills GL periods without activity from the fiscal calendar and carries balances through them', async () => {
    const rows = await q(
      "SELECT fiscal_year, fiscal_period, net_change, opening_balance, closing_balance, account_desc FROM mart_gl_period_balances WHERE gl_account = '5000|100' ORDER BY fiscal_year, fiscal_period",
    );
    const month = (offset: number) => {
      const i = fx.dates.monthIndex + offset;
      return `${Math.floor(i / 12)}/${(i % 12) + 1}`;
    };
    // Seven started periods (six before today's month and today's); the unposted 99 999 is left out.
    expect(
      rows.map((r) => [
        `${r.fiscal_year}/${r.fiscal_period}`,
        n(r.net_change),
        n(r.opening_balance),
        n(r.closing_balance),
      ]),
    ).toEqual([
      [month(-6), 0, 0, 0],
      [month(-5), 0, 0, 0],
      [month(-4), 3000, 0, 3000],
      [month(-3), 0, 3000, 3000], // no GL activity at all in this period
      [month(-2), 8000, 3000, 11000],
      [month(-1), 0, 11000, 11000],
      [month(0), 0, 11000, 11000],
    ]);
    expect(rows[0].account_desc).toBe('Cost of goods sold - Plant');
  });

  it('allocates cost by segment with the share of the period and the change against the prior period', async () => {
    const M = fiscalOf(fx.dates.M);
    const rows = await q(
      `SELECT segment_number, segment_value, net_amount, share_of_total, prior_period_net_amount, change_vs_prior_period, account_scope ` +
        `FROM mart_gl_cost_allocation WHERE fiscal_year = ${M.year} AND fiscal_period = ${M.period} ORDER BY segment_number, segment_value`,
    );
    expect(
      rows.map((r) => [
        n(r.segment_number),
        r.segment_value,
        n(r.net_amount),
        n(r.share_of_total),
        n(r.prior_period_net_amount),
        n(r.change_vs_prior_period),
      ]),
    ).toEqual([
      [1, '5000', 8000, 61.54, 0, 8000],
      [1, '6000', 5000, 38.46, 0, 5000],
      [2, '100', 8000, 61.54, 0, 8000],
      [2, '200', 5000, 38.46, 0, 5000],
    ]);
    expect(rows[0].account_scope).toBe('analytics.costAccounts');
  });

  it('deploys the AI/BI dashboard through the Lakeview API: every dataset runs, every widget field is a dataset column', async () => {
    const doc = qualifyDashboard(await loadDashboard(), viewContext(config));
    expect(doc.datasets.map((d) => d.name)).toEqual([
      'ap_aging',
      'supplier_spend',
      'supplier_delivery',
      'cash_outflow',
      'dpo_trend',
    ]);
    const columns = new Map<string, string[]>();
    for (const ds of doc.datasets) {
      const r = await client.statements.execute(ds.queryLines.join(''), {});
      expect(r.rows.length, ds.name).toBeGreaterThan(0);
      columns.set(
        ds.name,
        r.columns.map((c) => c.name),
      );
    }
    for (const page of doc.pages as {
      layout: { widget: { queries?: { query: { datasetName: string; fields: { expression: string }[] } }[] } }[];
    }[]) {
      for (const { widget } of page.layout) {
        for (const { query } of widget.queries ?? []) {
          for (const f of query.fields) {
            const col = /`([a-z_]+)`/.exec(f.expression)?.[1];
            expect(columns.get(query.datasetName), `${query.datasetName}: ${f.expression}`).toContain(col);
          }
        }
      }
    }
    const api = createLakeviewClient(config.databricks);
    try {
      const first = await deployDashboard(api, doc, { warehouseId: config.databricks.warehouseId, publish: false });
      const second = await deployDashboard(api, doc, { warehouseId: config.databricks.warehouseId, publish: true });
      expect([first.action, second.action, second.dashboardId]).toEqual(['created', 'updated', first.dashboardId]);
      const published = await api.publish(first.dashboardId, {
        embed_credentials: false,
        warehouse_id: config.databricks.warehouseId,
      });
      expect(published).toMatchObject({
        display_name: DASHBOARD_NAME,
        warehouse_id: config.databricks.warehouseId,
        embed_credentials: false,
      });
      const listed = await api.list();
      expect(listed.filter((d) => d.display_name === DASHBOARD_NAME)).toHaveLength(1);
      const stored = await api.get(first.dashboardId);
      expect(JSON.parse(stored.serialized_dashboard ?? '{}').datasets[0].queryLines[1]).toBe(
        'FROM `main`.`epicor`.mart_ap_aging_as_of\n',
      );
      // An update carrying an old etag is refused: someone changed the dashboard since it was read.
      await expect(
        api.update(first.dashboardId, { etag: '1', serialized_dashboard: JSON.stringify(doc) }),
      ).rejects.toThrow(/etag/);
      // A dataset that would not run on the warehouse is refused, naming the dataset.
      const broken = { ...doc, datasets: [{ name: 'gone', queryLines: ['SELECT * FROM main.epicor.mart_nope'] }] };
      await expect(
        deployDashboard(api, broken, {
          warehouseId: config.databricks.warehouseId,
          publish: false,
          displayName: 'broken',
        }),
      ).rejects.toThrow(/Dataset gone does not run/);
    } finally {
      await api.close();
    }
  });

  it('ages by invoice date instead when analytics.agingBasis says so (days past due stay on the due date)', async () => {
    const ctx = viewContext({ ...config, analytics: { ...config.analytics, agingBasis: 'invoice' } });
    await applyAnalytics((sql, o) => client.statements.execute(sql, o), ctx, [apOpenItems]);
    const [b] = await q(
      "SELECT days_past_due, aging_days, aging_bucket FROM mart_ap_open_items WHERE invoice_number = 'B'",
    );
    const invoiceB = fx.invoices.find((i) => i.num === 'B')!;
    const age = daysBetween(fx.dates.today, invoiceB.invoiceMs);
    expect([n(b.days_past_due), n(b.aging_days), b.aging_bucket]).toEqual([
      daysBetween(fx.dates.today, invoiceB.dueMs),
      age,
      bucketOf(age),
    ]);
    await applyAnalytics((sql, o) => client.statements.execute(sql, o), viewContext(config), [apOpenItems]);
  });

  it('analytics apply and analytics dashboard --publish work from the CLI', async () => {
    const file = writeConfig({ epicorUrl: epicor.baseUrl, host: config.databricks.host, analytics: true });
    const apply = await runCli(['--config', file, 'analytics', 'apply']);
    expect(apply.code, apply.stderr).toBe(0);
    expect(apply.stdout.match(/^✓ main\.epicor\.mart_/gm)).toHaveLength(14);
    expect(apply.stdout).toMatch(/14 views created or replaced, 0 skipped, 0 failed; 0 table\/column comments written/);
    const dash = await runCli(['--config', file, 'analytics', 'dashboard', '--publish']);
    expect(dash.code, dash.stderr).toBe(0);
    expect(dash.stdout).toMatch(
      /^✓ dashboard (created|updated) and published: http:\/\/127\.0\.0\.1:\d+\/dashboardsv3\/[0-9a-f]+$/m,
    );
  }, 120_000);

  it('drops an invoice deleted in Epicor from every view after reconcile', async () => {
    const [h] = await q("SELECT ap_invoice_key FROM mart_ap_open_items WHERE invoice_number = 'H'");
    expect(h.ap_invoice_key).toMatch(/^[0-9a-f]+$/);
    fixture.remove('EPIC06', 'APInvDtls', { VendorNum: 1, InvoiceNum: 'H', InvoiceLine: 1 });
    fixture.remove('EPIC06', 'APInvDtls', { VendorNum: 1, InvoiceNum: 'H', InvoiceLine: 2 });
    fixture.remove('EPIC06', 'APInvoices', { VendorNum: 1, InvoiceNum: 'H' });
    const rec = await reconcileOnce(config, { logger });
    expect(rec.run.status).toBe('succeeded');
    for (const def of ANALYTICS_VIEWS.filter((v) => v.columns.some(([c]) => c === 'ap_invoice_key'))) {
      const left = await q(`SELECT count(1) AS n FROM ${def.name} WHERE ap_invoice_key = '${h.ap_invoice_key}'`);
      expect(n(left[0].n), def.name).toBe(0);
    }
    const M = isoDay(fx.dates.M);
    const [acme] = await q(
      `SELECT current_amount, total_amount FROM mart_ap_aging_by_vendor WHERE vendor_id = 'ACME01' AND as_of_date = DATE'${M}'`,
    );
    expect([n(acme.current_amount), n(acme.total_amount)]).toEqual([0, 900]);
    const f = fiscalOf(fx.dates.M);
    const [spend] = await q(
      `SELECT invoiced_amount, invoice_count FROM mart_supplier_spend WHERE vendor_id = 'ACME01' AND fiscal_year = ${f.year} AND fiscal_period = ${f.period}`,
    );
    expect([n(spend.invoiced_amount), n(spend.invoice_count)]).toEqual([-200, 0]);
    const exceptions = await q("SELECT count(1) AS n FROM mart_three_way_match_exceptions WHERE invoice_number = 'H'");
    expect(n(exceptions[0].n)).toBe(0);
  });
});
