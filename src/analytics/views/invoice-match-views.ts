/** Invoice price variance and three-way-match exceptions (SPEC §8). */
import { type AnalyticsView, BASE_CURRENCY, COMPANY_COLUMNS, DOC_CURRENCY, VENDOR_COLUMNS } from '../analytics-view.ts';
import { companies, invoiceLines, invoices, receiptLines, releases, vendors, withCtes } from '../common-ctes.ts';
import { table, type ViewContext } from '../view-context.ts';

const LINE_COLUMNS = [
  ['ap_invoice_key', 'Surrogate key of the AP invoice (fact_ap_invoice.ap_invoice_key)'],
  ['invoice_number', 'Vendor invoice number (APInvDtl.InvoiceNum)'],
  ['invoice_line', 'Invoice line (APInvDtl.InvoiceLine)'],
  ['invoice_date', 'Invoice date (APInvHed.InvoiceDate)'],
  ['posted', 'Invoice posted (APInvHed.Posted)'],
  ['po_num', 'PO the line is matched to (APInvDtl.PONum; 0 = none)'],
  ['po_line', 'PO line (APInvDtl.POLine)'],
  ['po_rel_num', 'PO release (APInvDtl.PORelNum)'],
  ['part_num', 'Part (APInvDtl.PartNum)'],
] as const;

/** `pol`: PO lines with the header's currency. */
const poLines = (ctx: ViewContext): string =>
  `pol AS (SELECT l._source_instance, l._source_company, l.po_num, l.po_line, l.unit_cost, l.doc_unit_cost, l.pum, ` +
  `h.currency_code FROM ${table(ctx, 'fact_purchase_order_line_current')} AS l ` +
  `JOIN ${table(ctx, 'fact_purchase_order_current')} AS h ON h.purchase_order_key = l.purchase_order_key)`;

const MATCH_ON =
  'p._source_instance = d._source_instance AND p._source_company = d._source_company AND p.po_num = d.po_num ' +
  'AND p.po_line = d.po_line';

const PRICE_PCT =
  'CAST(round(100 * (d.doc_unit_cost - p.doc_unit_cost) / nullif(p.doc_unit_cost, 0), 2) AS DECIMAL(9,2))';

export const invoicePriceVariance: AnalyticsView = {
  name: 'mart_invoice_price_variance',
  grain: 'AP invoice line matched to its PO line',
  description:
    'Invoice price variance: (invoice unit cost − PO unit cost) × invoiced quantity (APInvDtl.OurQty), in document ' +
    'currency (APInvDtl.DocUnitCost vs PODetail.DocUnitCost) and in base currency (UnitCost vs UnitCost; includes ' +
    'the exchange-rate difference between PO and invoice). price_variance_pct compares document-currency prices.',
  reads: [
    'fact_ap_invoice_current',
    'fact_ap_invoice_line_current',
    'fact_purchase_order_current',
    'fact_purchase_order_line_current',
    'dim_company',
    'dim_vendor',
  ],
  columns: [
    ...COMPANY_COLUMNS,
    ...VENDOR_COLUMNS,
    ...LINE_COLUMNS,
    DOC_CURRENCY,
    BASE_CURRENCY,
    ['invoiced_qty', 'Invoiced quantity, our UOM (APInvDtl.OurQty)'],
    ['invoice_unit_cost', 'Invoice unit cost, document currency (APInvDtl.DocUnitCost)'],
    ['po_unit_cost', 'PO unit cost, document currency (PODetail.DocUnitCost)'],
    ['invoice_unit_cost_base', 'Invoice unit cost, base currency (APInvDtl.UnitCost)'],
    ['po_unit_cost_base', 'PO unit cost, base currency (PODetail.UnitCost)'],
    ['price_variance_amount', '(invoice_unit_cost − po_unit_cost) × invoiced_qty, document currency'],
    ['price_variance_amount_base', '(invoice_unit_cost_base − po_unit_cost_base) × invoiced_qty, base currency'],
    ['price_variance_pct', '(invoice_unit_cost − po_unit_cost) / po_unit_cost × 100'],
  ],
  select: (ctx) =>
    `${withCtes(companies(ctx), vendors(ctx), invoices(ctx, false), invoiceLines(ctx), poLines(ctx))}\n` +
    `SELECT d._source_company, d.company, d.vendor_key, d.vendor_num, v.vendor_id, v.vendor_name, d.ap_invoice_key, ` +
    `d.invoice_number, d.invoice_line, d.invoice_date, d.posted, d.po_num, d.po_line, d.po_rel_num, d.part_num, ` +
    `d.currency_code, d.base_currency_code, d.our_qty, d.doc_unit_cost, p.doc_unit_cost, d.unit_cost, p.unit_cost, ` +
    `(d.doc_unit_cost - p.doc_unit_cost) * d.our_qty, (d.unit_cost - p.unit_cost) * d.our_qty, ${PRICE_PCT}\n` +
    `FROM ivl AS d JOIN pol AS p ON ${MATCH_ON} LEFT JOIN vend AS v ON v.vendor_key = d.vendor_key\n` +
    `WHERE d.po_num > 0`,
};

/** Exception classes of mart_three_way_match_exceptions, in the order they are reported. */
export const MATCH_EXCEPTIONS = [
  'no_po',
  'no_receipt',
  'invoiced_over_received',
  'price_outside_tolerance',
  'uom_mismatch',
] as const;

export const threeWayMatchExceptions: AnalyticsView = {
  name: 'mart_three_way_match_exceptions',
  grain: 'AP invoice line × exception (lines that match cleanly have no row)',
  description:
    'Three-way match (PO, receipt, invoice) per AP invoice line: no_po (APInvDtl.PONum 0 or no such PO line), ' +
    'no_receipt (nothing received against the release), invoiced_over_received (all invoice lines of the release ' +
    'bill more than its receipt lines received), price_outside_tolerance (document unit cost more than ' +
    'analytics.priceTolerancePct from the PO’s), uom_mismatch (APInvDtl.PUM differs from PODetail.PUM).',
  reads: [
    'fact_ap_invoice_current',
    'fact_ap_invoice_line_current',
    'fact_purchase_order_current',
    'fact_purchase_order_line_current',
    'fact_purchase_order_release_current',
    'fact_receipt_line_current',
    'dim_company',
    'dim_vendor',
  ],
  columns: [
    ...COMPANY_COLUMNS,
    ...VENDOR_COLUMNS,
    ...LINE_COLUMNS,
    ['exception', MATCH_EXCEPTIONS.join(', ')],
    DOC_CURRENCY,
    BASE_CURRENCY,
    ['invoiced_qty', 'This line’s quantity (APInvDtl.OurQty)'],
    ['release_invoiced_qty', 'All invoice lines’ quantity on the release'],
    ['received_qty', 'Received on the release (RcvDtl.OurQty)'],
    ['invoice_unit_cost', 'Invoice unit cost, document currency (APInvDtl.DocUnitCost)'],
    ['po_unit_cost', 'PO unit cost, document currency (PODetail.DocUnitCost)'],
    ['price_variance_pct', '(invoice_unit_cost − po_unit_cost) / po_unit_cost × 100'],
    ['invoice_pum', 'Invoice line purchasing UOM (APInvDtl.PUM)'],
    ['po_pum', 'PO line purchasing UOM (PODetail.PUM)'],
    ['line_amount', 'Line amount, document currency (APInvDtl.DocExtCost)'],
    ['line_amount_base', 'Line amount, base currency (APInvDtl.ExtCost)'],
  ],
  select: (ctx) => {
    const tol = Number(ctx.settings.priceTolerancePct);
    if (!Number.isFinite(tol)) throw new TypeError('analytics.priceTolerancePct must be a number');
    const checks: Record<(typeof MATCH_EXCEPTIONS)[number], string> = {
      no_po: 'NOT m.has_po',
      no_receipt: 'm.has_po AND m.received_qty = 0',
      invoiced_over_received: 'm.has_po AND m.received_qty > 0 AND m.release_invoiced_qty > m.received_qty',
      price_outside_tolerance: `m.has_po AND abs(m.price_variance_pct) > ${tol}`,
      uom_mismatch: 'm.has_po AND m.invoice_pum <> m.po_pum',
    };
    const cols =
      'm._source_company, m.company, m.vendor_key, m.vendor_num, v.vendor_id, v.vendor_name, m.ap_invoice_key, ' +
      'm.invoice_number, m.invoice_line, m.invoice_date, m.posted, m.po_num, m.po_line, m.po_rel_num, m.part_num';
    const rest =
      'm.currency_code, m.base_currency_code, m.our_qty, m.release_invoiced_qty, m.received_qty, m.doc_unit_cost, ' +
      'm.po_doc_unit_cost, m.price_variance_pct, m.invoice_pum, m.po_pum, m.doc_ext_cost, m.ext_cost';
    const union = MATCH_EXCEPTIONS.map(
      (e) =>
        `SELECT ${cols}, '${e}', ${rest} FROM m LEFT JOIN vend AS v ON v.vendor_key = m.vendor_key WHERE ${checks[e]}`,
    ).join('\nUNION ALL\n');
    return (
      `${withCtes(companies(ctx), vendors(ctx), invoices(ctx, false), invoiceLines(ctx), poLines(ctx), releases(ctx), receiptLines(ctx))},\n` +
      `got AS (SELECT r._source_instance, r._source_company, r.po_num, r.po_line, r.po_rel_num, sum(d.our_qty) AS qty ` +
      `FROM rcv AS d JOIN rel AS r ON r.purchase_order_release_key = d.purchase_order_release_key ` +
      `GROUP BY r._source_instance, r._source_company, r.po_num, r.po_line, r.po_rel_num),\n` +
      `billed AS (SELECT _source_instance, _source_company, po_num, po_line, po_rel_num, sum(our_qty) AS qty FROM ivl ` +
      `WHERE po_num > 0 GROUP BY _source_instance, _source_company, po_num, po_line, po_rel_num),\n` +
      `m AS (SELECT d.*, p.po_num IS NOT NULL AS has_po, coalesce(g.qty, 0) AS received_qty, ` +
      `coalesce(b.qty, 0) AS release_invoiced_qty, p.doc_unit_cost AS po_doc_unit_cost, d.pum AS invoice_pum, ` +
      `p.pum AS po_pum, ${PRICE_PCT} AS price_variance_pct ` +
      `FROM ivl AS d LEFT JOIN pol AS p ON d.po_num > 0 AND ${MATCH_ON} ` +
      `LEFT JOIN got AS g ON g._source_instance = d._source_instance AND g._source_company = d._source_company ` +
      `AND g.po_num = d.po_num AND g.po_line = d.po_line AND g.po_rel_num = d.po_rel_num ` +
      `LEFT JOIN billed AS b ON b._source_instance = d._source_instance AND b._source_company = d._source_company ` +
      `AND b.po_num = d.po_num AND b.po_line = d.po_line AND b.po_rel_num = d.po_rel_num)\n` +
      union
    );
  },
};
