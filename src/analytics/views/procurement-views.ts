/** PO release fulfillment, supplier delivery, PO cycle time (SPEC §8). */
import { type AnalyticsView, BASE_CURRENCY, COMPANY_COLUMNS, DOC_CURRENCY, VENDOR_COLUMNS } from '../analytics-view.ts';
import {
  companies,
  invoiceLines,
  invoices,
  payments,
  receiptLines,
  releases,
  vendors,
  withCtes,
} from '../common-ctes.ts';
import { pct } from '../view-context.ts';

const RELEASE_COLUMNS = [
  ['purchase_order_release_key', 'Surrogate key of the PO release (fact_purchase_order_release)'],
  ['po_num', 'PO number (PORel.PONum)'],
  ['po_line', 'PO line (PORel.POLine)'],
  ['po_rel_num', 'Release number (PORel.PORelNum)'],
] as const;

/** Invoice lines summed per release they were matched to (PONum, POLine, PORelNum). */
const INVOICED_PER_RELEASE =
  'billed AS (SELECT _source_instance, _source_company, po_num, po_line, po_rel_num, sum(our_qty) AS qty, ' +
  'sum(doc_ext_cost) AS doc_amount, sum(ext_cost) AS amount, min(invoice_date) AS first_invoice_date FROM ivl ' +
  'WHERE po_num > 0 GROUP BY _source_instance, _source_company, po_num, po_line, po_rel_num)';

const RECEIVED_PER_RELEASE =
  'got AS (SELECT purchase_order_release_key, sum(our_qty) AS qty, sum(our_qty * doc_unit_cost) AS doc_amount, ' +
  'sum(our_qty * our_unit_cost) AS amount, min(arrived_date) AS first_arrival, max(arrived_date) AS last_arrival, ' +
  'count(1) AS receipt_lines FROM rcv GROUP BY purchase_order_release_key)';

export const poReleaseFulfillment: AnalyticsView = {
  name: 'mart_po_release_fulfillment',
  grain: 'PO release',
  description:
    'Ordered (PORel.RelQty), received (sum of RcvDtl.OurQty of received receipt lines), invoiced (sum of ' +
    'APInvDtl.OurQty matched by PONum/POLine/PORelNum) and open quantity and amount of every PO release, with the ' +
    'first and last arrival (RcvDtl.ArrivedDate).',
  reads: [
    'fact_purchase_order_current',
    'fact_purchase_order_line_current',
    'fact_purchase_order_release_current',
    'fact_receipt_line_current',
    'fact_ap_invoice_current',
    'fact_ap_invoice_line_current',
    'dim_company',
    'dim_vendor',
  ],
  columns: [
    ...COMPANY_COLUMNS,
    ...RELEASE_COLUMNS,
    ...VENDOR_COLUMNS,
    ['part_num', 'Part (PODetail.PartNum)'],
    ['order_date', 'PO order date (POHeader.OrderDate)'],
    ['due_date', 'Release due date (PORel.DueDate)'],
    ['promise_date', 'Vendor promise date (PORel.PromiseDt)'],
    ['is_void', 'Release, line or PO voided (VoidRelease / VoidLine / VoidOrder)'],
    ['open_release', 'Epicor still expects receipts (PORel.OpenRelease)'],
    DOC_CURRENCY,
    BASE_CURRENCY,
    ['unit_cost', 'PO unit cost, document currency (PODetail.DocUnitCost)'],
    ['unit_cost_base', 'PO unit cost, base currency (PODetail.UnitCost)'],
    ['ordered_qty', 'Release quantity (PORel.RelQty), our UOM'],
    ['received_qty', 'Received quantity from receipt lines (RcvDtl.OurQty)'],
    ['invoiced_qty', 'Invoiced quantity from AP invoice lines (APInvDtl.OurQty)'],
    ['open_qty', 'ordered_qty − received_qty, not below 0 (0 when void)'],
    ['ordered_amount', 'ordered_qty × unit_cost, document currency'],
    ['ordered_amount_base', 'ordered_qty × unit_cost_base, base currency'],
    ['received_amount', 'Σ OurQty × RcvDtl.DocUnitCost, document currency'],
    ['received_amount_base', 'Σ OurQty × RcvDtl.OurUnitCost, base currency'],
    ['invoiced_amount', 'Σ APInvDtl.DocExtCost, document currency'],
    ['invoiced_amount_base', 'Σ APInvDtl.ExtCost, base currency'],
    ['open_amount', 'open_qty × unit_cost, document currency'],
    ['open_amount_base', 'open_qty × unit_cost_base, base currency'],
    ['first_arrival_date', 'First arrival (RcvDtl.ArrivedDate)'],
    ['last_arrival_date', 'Last arrival (RcvDtl.ArrivedDate)'],
    ['receipt_line_count', 'Receipt lines against the release'],
  ],
  select: (ctx) => {
    const open = 'CASE WHEN r.is_void THEN 0 ELSE greatest(r.rel_qty - coalesce(g.qty, 0), 0) END';
    return (
      `${withCtes(companies(ctx), vendors(ctx), invoices(ctx, false), releases(ctx), receiptLines(ctx), invoiceLines(ctx), INVOICED_PER_RELEASE, RECEIVED_PER_RELEASE)}\n` +
      `SELECT r._source_company, r.company, r.purchase_order_release_key, r.po_num, r.po_line, r.po_rel_num, ` +
      `r.vendor_key, r.vendor_num, v.vendor_id, v.vendor_name, r.part_num, r.order_date, r.due_date, r.promise_date, ` +
      `r.is_void, r.open_release, r.currency_code, r.base_currency_code, r.doc_unit_cost, r.unit_cost, r.rel_qty, ` +
      `coalesce(g.qty, 0), coalesce(b.qty, 0), ${open}, r.rel_qty * r.doc_unit_cost, r.rel_qty * r.unit_cost, ` +
      `coalesce(g.doc_amount, 0), coalesce(g.amount, 0), coalesce(b.doc_amount, 0), coalesce(b.amount, 0), ` +
      `${open} * r.doc_unit_cost, ${open} * r.unit_cost, g.first_arrival, g.last_arrival, coalesce(g.receipt_lines, 0)\n` +
      `FROM rel AS r LEFT JOIN got AS g ON g.purchase_order_release_key = r.purchase_order_release_key ` +
      `LEFT JOIN billed AS b ON b._source_instance = r._source_instance AND b._source_company = r._source_company ` +
      `AND b.po_num = r.po_num AND b.po_line = r.po_line AND b.po_rel_num = r.po_rel_num ` +
      `LEFT JOIN vend AS v ON v.vendor_key = r.vendor_key`
    );
  },
};

export const supplierDelivery: AnalyticsView = {
  name: 'mart_supplier_delivery',
  grain: 'vendor × month of the release due date',
  description:
    'Delivery performance over non-void PO releases that are due (DueDate <= today) or already received: on time = ' +
    'first arrival (RcvDtl.ArrivedDate) on or before the release due date (PORel.DueDate); in full = received ' +
    '(RcvDtl.OurQty) >= ordered (PORel.RelQty); OTIF = the full quantity arrived by the due date. A due release ' +
    'with no receipt is neither on time nor in full.',
  reads: [
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
    ['month', 'First day of the month the releases were due'],
    ['releases_measured', 'Releases due (or received) in the month'],
    ['on_time_count', 'First arrival on or before the due date'],
    ['in_full_count', 'Received quantity at least the release quantity'],
    ['otif_count', 'Release quantity arrived by the due date'],
    ['on_time_pct', 'on_time_count as % of releases_measured'],
    ['in_full_pct', 'in_full_count as % of releases_measured'],
    ['otif_pct', 'otif_count as % of releases_measured'],
    [
      'avg_days_late',
      'Average days the first arrival came after the due date (early/on time count as 0), received releases',
    ],
    ['early_count', 'First arrival before the due date'],
    ['late_count', 'First arrival after the due date, or due and nothing received'],
    ['partial_count', 'Something received, less than ordered'],
    ['over_received_count', 'More received than ordered'],
    ['not_received_count', 'Due and nothing received'],
  ],
  select: (ctx) =>
    `${withCtes(companies(ctx), vendors(ctx), releases(ctx), receiptLines(ctx))},\n` +
    `m AS (SELECT r._source_company, r.company, r.vendor_key, r.vendor_num, r.due_date, r.rel_qty, ` +
    `min(d.arrived_date) AS first_arrival, coalesce(sum(d.our_qty), 0) AS received, ` +
    `coalesce(sum(CASE WHEN d.arrived_date <= r.due_date THEN d.our_qty END), 0) AS received_by_due ` +
    `FROM rel AS r LEFT JOIN rcv AS d ON d.purchase_order_release_key = r.purchase_order_release_key ` +
    `WHERE NOT r.is_void AND r.due_date IS NOT NULL ` +
    `GROUP BY r._source_company, r.company, r.purchase_order_release_key, r.vendor_key, r.vendor_num, r.due_date, r.rel_qty ` +
    `HAVING r.due_date <= current_date() OR count(d.our_qty) > 0)\n` +
    `SELECT m._source_company, m.company, m.vendor_key, m.vendor_num, v.vendor_id, v.vendor_name, ` +
    `CAST(date_trunc('MONTH', m.due_date) AS DATE), count(1), ` +
    `count(CASE WHEN m.first_arrival <= m.due_date THEN 1 END), count(CASE WHEN m.received >= m.rel_qty THEN 1 END), ` +
    `count(CASE WHEN m.received_by_due >= m.rel_qty THEN 1 END), ` +
    `${pct('count(CASE WHEN m.first_arrival <= m.due_date THEN 1 END)', 'count(1)')}, ` +
    `${pct('count(CASE WHEN m.received >= m.rel_qty THEN 1 END)', 'count(1)')}, ` +
    `${pct('count(CASE WHEN m.received_by_due >= m.rel_qty THEN 1 END)', 'count(1)')}, ` +
    `CAST(round(avg(CASE WHEN m.first_arrival IS NOT NULL THEN greatest(datediff(m.first_arrival, m.due_date), 0) END), 1) AS DECIMAL(9,1)), ` +
    `count(CASE WHEN m.first_arrival < m.due_date THEN 1 END), ` +
    `count(CASE WHEN m.first_arrival > m.due_date OR m.first_arrival IS NULL THEN 1 END), ` +
    `count(CASE WHEN m.received > 0 AND m.received < m.rel_qty THEN 1 END), ` +
    `count(CASE WHEN m.received > m.rel_qty THEN 1 END), count(CASE WHEN m.first_arrival IS NULL THEN 1 END)\n` +
    `FROM m LEFT JOIN vend AS v ON v.vendor_key = m.vendor_key\n` +
    `GROUP BY m._source_company, m.company, m.vendor_key, m.vendor_num, v.vendor_id, v.vendor_name, ` +
    `CAST(date_trunc('MONTH', m.due_date) AS DATE)`,
};

export const poCycleTime: AnalyticsView = {
  name: 'mart_po_cycle_time',
  grain: 'PO line',
  description:
    'Days from the PO order date (POHeader.OrderDate) to the first arrival against the line (RcvDtl.ArrivedDate), ' +
    'to the first AP invoice billing it (APInvHed.InvoiceDate of invoices with an APInvDtl on the line) and to the ' +
    'first payment of such an invoice (APTran.TranDate).',
  reads: [
    'fact_purchase_order_current',
    'fact_purchase_order_line_current',
    'fact_purchase_order_release_current',
    'fact_receipt_line_current',
    'fact_ap_invoice_current',
    'fact_ap_invoice_line_current',
    'fact_ap_payment_line_current',
    'dim_company',
    'dim_vendor',
  ],
  columns: [
    ...COMPANY_COLUMNS,
    ['purchase_order_line_key', 'Surrogate key of the PO line (fact_purchase_order_line)'],
    ['po_num', 'PO number (PODetail.PONUM)'],
    ['po_line', 'PO line (PODetail.POLine)'],
    ...VENDOR_COLUMNS,
    ['part_num', 'Part (PODetail.PartNum)'],
    ['order_date', 'PO order date (POHeader.OrderDate)'],
    ['first_receipt_date', 'First arrival against the line (RcvDtl.ArrivedDate)'],
    ['first_invoice_date', 'First invoice billing the line (APInvHed.InvoiceDate)'],
    ['first_payment_date', 'First payment of such an invoice (APTran.TranDate)'],
    ['days_order_to_receipt', 'first_receipt_date − order_date'],
    ['days_receipt_to_invoice', 'first_invoice_date − first_receipt_date (negative: billed before arrival)'],
    ['days_invoice_to_payment', 'first_payment_date − first_invoice_date'],
    ['days_order_to_payment', 'first_payment_date − order_date'],
  ],
  select: (ctx) =>
    `${withCtes(companies(ctx), vendors(ctx), invoices(ctx, false), payments(ctx), releases(ctx), receiptLines(ctx), invoiceLines(ctx))},\n` +
    `lines AS (SELECT DISTINCT _source_instance, _source_company, company, purchase_order_line_key, po_num, po_line, ` +
    `vendor_key, vendor_num, part_num, order_date FROM rel WHERE NOT is_void),\n` +
    `arr AS (SELECT purchase_order_line_key, min(arrived_date) AS first_arrival FROM rcv GROUP BY purchase_order_line_key),\n` +
    `bill AS (SELECT l._source_instance, l._source_company, l.po_num, l.po_line, min(l.invoice_date) AS first_invoice, ` +
    `min(p.tran_date) AS first_payment FROM ivl AS l LEFT JOIN pay AS p ON p.ap_invoice_key = l.ap_invoice_key ` +
    `WHERE l.po_num > 0 GROUP BY l._source_instance, l._source_company, l.po_num, l.po_line)\n` +
    `SELECT l._source_company, l.company, l.purchase_order_line_key, l.po_num, l.po_line, l.vendor_key, l.vendor_num, ` +
    `v.vendor_id, v.vendor_name, l.part_num, l.order_date, a.first_arrival, b.first_invoice, b.first_payment, ` +
    `datediff(a.first_arrival, l.order_date), datediff(b.first_invoice, a.first_arrival), ` +
    `datediff(b.first_payment, b.first_invoice), datediff(b.first_payment, l.order_date)\n` +
    `FROM lines AS l LEFT JOIN arr AS a ON a.purchase_order_line_key = l.purchase_order_line_key ` +
    `LEFT JOIN bill AS b ON b._source_instance = l._source_instance AND b._source_company = l._source_company ` +
    `AND b.po_num = l.po_num AND b.po_line = l.po_line LEFT JOIN vend AS v ON v.vendor_key = l.vendor_key`,
};
