import { AGING_BUCKETS, type AnalyticsGlance } from '../analytics-glance.ts';
import { html, type Safe } from '../safe-html.ts';
import { barChart } from '../svg-bars.ts';

const money = (n: number) => n.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });

function absent(view: string): Safe {
  return html`<p class="muted">The view <code>${view}</code> is not installed.</p>`;
}

function aging(g: AnalyticsGlance): Safe {
  if (g.missing.includes('mart_ap_open_items')) return absent('mart_ap_open_items');
  if (g.aging.length === 0) return html`<p>No open AP items: every posted invoice is paid.</p>`;
  const currencies = [...new Set(g.aging.map((a) => a.currency))].sort();
  return html`${currencies.map((cur) => {
    const bars = AGING_BUCKETS.map((bucket) => {
      const a = g.aging.find((x) => x.currency === cur && x.bucket === bucket);
      const amount = a?.amount ?? 0;
      const n = a?.invoices ?? 0;
      return {
        label: bucket === 'current' ? 'current (not due)' : `${bucket} days`,
        value: amount,
        text: `${money(amount)} ${cur} · ${n} inv.`,
      };
    });
    return barChart(`Open AP in ${cur} by days past due`, bars);
  })}`;
}

function spend(g: AnalyticsGlance): Safe {
  if (g.missing.includes('mart_supplier_spend')) return absent('mart_supplier_spend');
  if (g.spend.rows.length === 0) return html`<p>No posted AP invoices yet.</p>`;
  const bars = g.spend.rows.map((r) => ({
    label: r.vendor,
    value: r.amount,
    text: `${money(r.amount)} ${r.currency}`,
  }));
  return barChart(`Top ${bars.length} suppliers by invoiced amount, fiscal year ${g.spend.fiscalYear ?? ''}`, bars);
}

function delivery(g: AnalyticsGlance): Safe {
  if (g.missing.includes('mart_supplier_delivery')) return absent('mart_supplier_delivery');
  if (g.delivery.length === 0) return html`<p>No PO releases due yet.</p>`;
  const releases = g.delivery.reduce((n, d) => n + d.releases, 0);
  const onTime = g.delivery.reduce((n, d) => n + ((d.onTimePct ?? 0) * d.releases) / 100, 0);
  const bars = g.delivery.map((d) => ({
    label: d.month,
    value: d.onTimePct ?? 0,
    text: d.onTimePct === null ? 'no releases' : `${d.onTimePct.toFixed(1)} % of ${d.releases}`,
  }));
  return html`<p><strong id="on-time-total">${releases > 0 ? ((100 * onTime) / releases).toFixed(1) : '—'} % on time</strong> over the last ${g.delivery.length} months (${releases} releases due or received; on time = first arrival on or before the release due date).</p>
${barChart('Delivery on-time % by month of the release due date', bars, 100)}`;
}

export function analyticsPage(g: AnalyticsGlance): Safe {
  const none = g.missing.length === 3;
  return html`
<p>A glance at the finance and procurement views in <code>${g.where}</code>, as of today. Amounts are in each company's base currency.</p>
${g.problem ? html`<p class="notice" role="alert">The analytics views could not be read: ${g.problem}</p>` : ''}
${
  none
    ? html`<p class="notice" role="status" id="analytics-absent">Analytics views not installed in <code>${g.where}</code> — run <code>ml-connector analytics apply</code> (or set <code>analytics: { enabled: true }</code> so every successful sync refreshes them).</p>`
    : html`<section class="panel" aria-labelledby="aging-h"><h2 id="aging-h">AP aging by bucket</h2>${aging(g)}</section>
<section class="panel" aria-labelledby="spend-h"><h2 id="spend-h">Top suppliers by spend</h2>${spend(g)}</section>
<section class="panel" aria-labelledby="delivery-h"><h2 id="delivery-h">Delivery on time</h2>${delivery(g)}</section>`
}`;
}
