/**
 * The analytics page's three numbers, read from the SPEC §8 views when they exist: open AP by aging bucket
 * (`mart_ap_open_items`), the top suppliers by spend in the latest fiscal year (`mart_supplier_spend`), and the
 * delivery on-time % per month (`mart_supplier_delivery`). Amounts are summed in base currency, one series per base
 * currency (companies of one instance may keep different ones). Read only.
 */
import { viewContext } from '../analytics/apply-analytics.ts';
import type { Config } from '../config/schema.ts';
import { createDatabricksClient } from '../destination/databricks/client/databricks-client.ts';
import { rowObjects } from '../destination/databricks/destination-client.ts';
import { tableName } from '../destination/databricks/sql/identifier.ts';
import { messageOf } from '../errors.ts';
import { redactSecrets } from '../log/redact-secrets.ts';

export const AGING_BUCKETS = ['current', '1-30', '31-60', '61-90', '90+'] as const;

export interface AnalyticsGlance {
  /** Where the views are looked for (`catalog.schema`). */
  where: string;
  /** The views this page reads that are not there. */
  missing: string[];
  aging: { currency: string; bucket: string; amount: number; invoices: number }[];
  spend: { fiscalYear: string | null; rows: { vendor: string; currency: string; amount: number }[] };
  delivery: { month: string; onTimePct: number | null; releases: number }[];
  /** Why a view could not be read (other than not existing). */
  problem: string | null;
}

const NOT_FOUND = /TABLE_OR_VIEW_NOT_FOUND|SCHEMA_NOT_FOUND|does not exist/i;

export async function readAnalyticsGlance(config: Config, secrets: readonly string[]): Promise<AnalyticsGlance> {
  const ctx = viewContext(config);
  const v = (name: string) => tableName(ctx.views, name);
  const client = createDatabricksClient(config.databricks, { retry: { maxRetries: 0 } });
  const glance: AnalyticsGlance = {
    where: `${ctx.views.catalog}.${ctx.views.schema}`,
    missing: [],
    aging: [],
    spend: { fiscalYear: null, rows: [] },
    delivery: [],
    problem: null,
  };
  const read = async (view: string, sql: string) => {
    try {
      return rowObjects(await client.statements.execute(sql));
    } catch (e) {
      const why = messageOf(e);
      if (NOT_FOUND.test(why)) glance.missing.push(view);
      else glance.problem ??= redactSecrets(why, secrets);
      return [];
    }
  };
  try {
    const [aging, spend, delivery] = await Promise.all([
      read(
        'mart_ap_open_items',
        `SELECT base_currency_code AS currency, aging_bucket AS bucket, sum(open_balance_base) AS amount, count(1) AS invoices FROM ${v('mart_ap_open_items')} GROUP BY base_currency_code, aging_bucket`,
      ),
      read(
        'mart_supplier_spend',
        `SELECT fiscal_year, coalesce(vendor_name, vendor_id, CAST(vendor_num AS STRING)) AS vendor, base_currency_code AS currency, sum(invoiced_amount_base) AS amount FROM ${v('mart_supplier_spend')} WHERE fiscal_year = (SELECT max(fiscal_year) FROM ${v('mart_supplier_spend')}) GROUP BY fiscal_year, vendor_name, vendor_id, vendor_num, base_currency_code ORDER BY amount DESC LIMIT 10`,
      ),
      read(
        'mart_supplier_delivery',
        `SELECT CAST(month AS STRING) AS month, sum(releases_measured) AS releases, CAST(round(100 * sum(on_time_count) / nullif(sum(releases_measured), 0), 1) AS DOUBLE) AS pct FROM ${v('mart_supplier_delivery')} GROUP BY month ORDER BY month DESC LIMIT 12`,
      ),
    ]);
    glance.aging = aging.map((r) => ({
      currency: r.currency ?? '',
      bucket: r.bucket ?? '',
      amount: Number(r.amount ?? 0),
      invoices: Number(r.invoices ?? 0),
    }));
    glance.spend = {
      fiscalYear: spend[0]?.fiscal_year ?? null,
      rows: spend.map((r) => ({ vendor: r.vendor ?? '—', currency: r.currency ?? '', amount: Number(r.amount ?? 0) })),
    };
    glance.delivery = delivery
      .map((r) => ({
        month: (r.month ?? '').slice(0, 7),
        onTimePct: r.pct === null || r.pct === undefined ? null : Number(r.pct),
        releases: Number(r.releases ?? 0),
      }))
      .reverse();
  } finally {
    await client.close();
  }
  return glance;
}
