/**
 * CTEs several views share: the company's base currency and calendar, live vendors, posted AP invoices, applied
 * payment lines, posted GL lines, fiscal periods, PO releases with their line and header. All read `_current`
 * views (facts) or live rows (dimensions), so deleted records never reach a view.
 */
import { table, type ViewContext } from './view-context.ts';

const LIVE = 'NOT coalesce(_is_deleted, false)';

/** `co`: per company its base currency (Company.BaseCurrCode) and fiscal calendar. */
export const companies = (ctx: ViewContext): string =>
  `co AS (SELECT _source_instance, _source_company, company, base_curr_code AS base_currency_code, ` +
  `fiscal_calendar_id FROM ${table(ctx, 'dim_company')} WHERE ${LIVE})`;

/** `vend`: vendor id and name by vendor_key. */
export const vendors = (ctx: ViewContext): string =>
  `vend AS (SELECT vendor_key, vendor_id, name AS vendor_name FROM ${table(ctx, 'dim_vendor')} WHERE ${LIVE})`;

const INVOICE_COLUMNS =
  'i._source_instance, i._source_company, i.company, i.ap_invoice_key, i.vendor_key, i.vendor_num, i.invoice_number, ' +
  'CAST(i.invoice_date AS DATE) AS invoice_date, CAST(i.apply_date AS DATE) AS apply_date, ' +
  'CAST(i.due_date AS DATE) AS due_date, CAST(i.discount_date AS DATE) AS discount_date, i.fiscal_year, ' +
  'i.fiscal_period, i.terms_code, i.currency_code, i.exchange_rate, i.debit_memo, i.posted, i.invoice_amt, ' +
  'i.doc_invoice_amt, i.invoice_bal, i.doc_invoice_bal, co.base_currency_code';

/**
 * `inv`: AP invoices with their company's base currency. `postedOnly`: what AP owes (aging, spend, DPO) counts
 * posted invoices only; matching checks (price variance, three-way match) look at entered ones too.
 */
export const invoices = (ctx: ViewContext, postedOnly = true): string =>
  `inv AS (SELECT ${INVOICE_COLUMNS} FROM ${table(ctx, 'fact_ap_invoice_current')} AS i ` +
  `LEFT JOIN co ON co._source_instance = i._source_instance AND co._source_company = i._source_company` +
  `${postedOnly ? ' WHERE i.posted' : ''})`;

/**
 * `pay`: posted APTran lines applied to an invoice. Epicor's TranAmt excludes the prompt-payment discount, so an
 * invoice balance falls by TranAmt + DiscAmt; a voided check is a duplicate line with the signs flipped (Voided =
 * true), so summing every line nets a void out.
 */
export const payments = (ctx: ViewContext): string =>
  `pay AS (SELECT t._source_instance, t._source_company, t.ap_invoice_key, CAST(t.tran_date AS DATE) AS tran_date, ` +
  `t.tran_amt, t.doc_tran_amt, coalesce(t.disc_amt, 0) AS disc_amt, coalesce(t.doc_disc_amt, 0) AS doc_disc_amt ` +
  `FROM ${table(ctx, 'fact_ap_payment_line_current')} AS t WHERE t.posted AND t.ap_invoice_key IS NOT NULL)`;

/** `gl`: posted journal lines with their net book amount (debit − credit, book currency). */
export const glLines = (ctx: ViewContext): string =>
  `gl AS (SELECT g._source_instance, g._source_company, g.company, g.book_id, g.fiscal_year, g.fiscal_year_suffix, ` +
  `g.fiscal_period, g.coa_code, g.gl_account, g.gl_account_key, g.seg_value1, g.seg_value2, ` +
  `coalesce(g.book_debit_amount, 0) AS debit_amount, coalesce(g.book_credit_amount, 0) AS credit_amount, ` +
  `coalesce(g.book_debit_amount, 0) - coalesce(g.book_credit_amount, 0) AS net_amount ` +
  `FROM ${table(ctx, 'fact_gl_journal_line_current')} AS g WHERE g.posted)`;

/** `per`: fiscal periods of each company's own calendar that have started (needs `co`). */
export const periods = (ctx: ViewContext): string =>
  `per AS (SELECT p._source_instance, p._source_company, p.company, p.fiscal_year, p.fiscal_year_suffix, ` +
  `p.fiscal_period, CAST(p.start_date AS DATE) AS start_date, CAST(p.end_date AS DATE) AS end_date, ` +
  `co.base_currency_code FROM ${table(ctx, 'dim_fiscal_period')} AS p JOIN co ` +
  `ON co._source_instance = p._source_instance AND co._source_company = p._source_company ` +
  `AND co.fiscal_calendar_id = p.fiscal_calendar_id ` +
  `WHERE NOT coalesce(p._is_deleted, false) AND CAST(p.start_date AS DATE) <= current_date())`;

/** `rel`: PO releases with their line's unit costs and UOM and the header's vendor, currency and terms. */
export const releases = (ctx: ViewContext): string =>
  `rel AS (SELECT r._source_instance, r._source_company, r.company, r.purchase_order_release_key, ` +
  `r.purchase_order_line_key, r.purchase_order_key, r.po_num, r.po_line, r.po_rel_num, ` +
  `CAST(r.due_date AS DATE) AS due_date, CAST(r.promise_dt AS DATE) AS promise_date, r.rel_qty, ` +
  `r.received_qty AS epicor_received_qty, r.invoiced_qty AS epicor_invoiced_qty, r.open_release, ` +
  `(r.void_release OR l.void_line OR h.void_order) AS is_void, l.part_num, l.pum, l.unit_cost, l.doc_unit_cost, ` +
  `h.vendor_key, h.vendor_num, h.currency_code, h.terms_code, CAST(h.order_date AS DATE) AS order_date, ` +
  `co.base_currency_code ` +
  `FROM ${table(ctx, 'fact_purchase_order_release_current')} AS r ` +
  `JOIN ${table(ctx, 'fact_purchase_order_line_current')} AS l ON l.purchase_order_line_key = r.purchase_order_line_key ` +
  `JOIN ${table(ctx, 'fact_purchase_order_current')} AS h ON h.purchase_order_key = r.purchase_order_key ` +
  `LEFT JOIN co ON co._source_instance = r._source_instance AND co._source_company = r._source_company)`;

/** `rcv`: receipt lines of received shipments with arrival dates. */
export const receiptLines = (ctx: ViewContext): string =>
  `rcv AS (SELECT d._source_instance, d._source_company, d.purchase_order_release_key, d.purchase_order_line_key, ` +
  `d.our_qty, d.our_unit_cost, d.doc_unit_cost, d.pum, CAST(d.arrived_date AS DATE) AS arrived_date, ` +
  `CAST(d.receipt_date AS DATE) AS receipt_date FROM ${table(ctx, 'fact_receipt_line_current')} AS d WHERE d.received)`;

/** `ivl`: AP invoice lines of live invoices (lines of a deleted invoice go with it). Needs `inv`. */
export const invoiceLines = (ctx: ViewContext): string =>
  `ivl AS (SELECT d._source_instance, d._source_company, d.company, d.ap_invoice_key, d.invoice_number, ` +
  `d.invoice_line, d.line_type, d.part_num, d.po_num, d.po_line, d.po_rel_num, d.our_qty, d.vendor_qty, d.pum, ` +
  `d.unit_cost, d.doc_unit_cost, d.ext_cost, d.doc_ext_cost, inv.vendor_key, inv.vendor_num, inv.invoice_date, ` +
  `inv.currency_code, inv.base_currency_code, inv.posted ` +
  `FROM ${table(ctx, 'fact_ap_invoice_line_current')} AS d JOIN inv ON inv.ap_invoice_key = d.ap_invoice_key)`;

/** `terms`: purchasing terms by company and code. */
export const terms = (ctx: ViewContext): string =>
  `terms AS (SELECT _source_instance, _source_company, terms_code, due_days, discount_days, discount_percent ` +
  `FROM ${table(ctx, 'dim_terms')} WHERE ${LIVE})`;

/** `WITH a, b, c` from the CTE texts. */
export const withCtes = (...ctes: string[]): string => `WITH ${ctes.join(',\n')}`;
