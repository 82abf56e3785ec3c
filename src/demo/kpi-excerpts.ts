/**
 * The demo's closing KPI excerpts, read from the analytics views: AP aging by vendor, supplier delivery and the
 * cash-outflow forecast. Every amount is printed with the currency it is in (document or base currency).
 */
import { formatTable } from '../cli/format-table.ts';
import type { StatementResult } from '../destination/databricks/destination-client.ts';

export interface KpiExcerpt {
  title: string;
  sql: string;
  /** Printed columns: header and how to render the row (by column name). */
  columns: [header: string, render: (row: Record<string, string | null>) => string][];
}

/** `1234567.891` → `1,234,567.89 EUR`. */
export function money(value: string | null, currency: string | null): string {
  if (value === null) return '';
  const n = Number(value);
  const text = n.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
  return `${text} ${currency ?? '?'}`;
}

const pctText = (v: string | null) => (v === null ? '' : `${Number(v).toFixed(1)} %`);
const doc = (col: string) => (r: Record<string, string | null>) => money(r[col], r.currency_code);
const base = (col: string) => (r: Record<string, string | null>) => money(r[col], r.base_currency_code);
const text = (col: string) => (r: Record<string, string | null>) => r[col] ?? '';

export const KPI_EXCERPTS: readonly KpiExcerpt[] = [
  {
    title:
      'AP aging by vendor as of today (top 8 by open balance; buckets in the invoices’ currency, total also in base currency)',
    sql:
      'SELECT * FROM main.epicor.mart_ap_aging_by_vendor WHERE as_of_date = current_date() ' +
      'ORDER BY total_amount_base DESC LIMIT 8',
    columns: [
      ['vendor', text('vendor_id')],
      ['current', doc('current_amount')],
      ['1-30', doc('days_1_30_amount')],
      ['31-60', doc('days_31_60_amount')],
      ['61-90', doc('days_61_90_amount')],
      ['90+', doc('days_90_plus_amount')],
      ['total', doc('total_amount')],
      ['total (base)', base('total_amount_base')],
    ],
  },
  {
    title: 'supplier delivery, latest months (on time = first arrival by the release due date)',
    sql:
      'SELECT * FROM main.epicor.mart_supplier_delivery ' +
      'ORDER BY month DESC, releases_measured DESC, vendor_id LIMIT 8',
    columns: [
      ['vendor', text('vendor_id')],
      ['month', text('month')],
      ['releases', text('releases_measured')],
      ['on time', (r) => pctText(r.on_time_pct)],
      ['in full', (r) => pctText(r.in_full_pct)],
      ['OTIF', (r) => pctText(r.otif_pct)],
      ['avg days late', text('avg_days_late')],
    ],
  },
  {
    title: 'cash-outflow forecast by week (open AP by due date, open PO releases by due date + terms)',
    sql: 'SELECT * FROM main.epicor.mart_cash_outflow_forecast ORDER BY week_start, source, currency_code LIMIT 10',
    columns: [
      ['week of', text('week_start')],
      ['source', text('source')],
      ['items', text('item_count')],
      ['amount', doc('amount')],
      ['amount (base)', base('amount_base')],
    ],
  },
];

/** The excerpt as a titled table; money columns are right-aligned by padding. */
export function formatExcerpt(excerpt: KpiExcerpt, result: StatementResult): string {
  const rows = result.rows.map((r) => Object.fromEntries(result.columns.map((c, i) => [c.name, r[i] ?? null])));
  const cells = rows.map((r) => excerpt.columns.map(([, render]) => render(r)));
  const widths = excerpt.columns.map((_, i) => Math.max(...cells.map((c) => c[i].length), 0));
  const aligned = cells.map((c) => c.map((v, i) => (/\d [A-Z?]{1,4}$|%$/.test(v) ? v.padStart(widths[i]) : v)));
  const body =
    rows.length === 0
      ? '(no rows)'
      : formatTable(
          excerpt.columns.map(([h]) => h),
          aligned,
        );
  return `${excerpt.title}:\n${body}`;
}
