/** Supplier spend, payment performance, DPO and the cash-outflow forecast (SPEC §8). */
import { type AnalyticsView, BASE_CURRENCY, COMPANY_COLUMNS, DOC_CURRENCY, VENDOR_COLUMNS } from '../analytics-view.ts';
import { companies, glLines, invoices, payments, periods, releases, terms, vendors, withCtes } from '../common-ctes.ts';
import { glAccountMatch, pct, sqlString } from '../view-context.ts';

export const supplierSpend: AnalyticsView = {
  name: 'mart_supplier_spend',
  grain: 'vendor × fiscal year × fiscal period × document currency',
  description:
    'Posted AP invoices (debit memos net them down) per vendor and fiscal period (APInvHed.FiscalYear/FiscalPeriod), ' +
    'in document and base currency, with the vendor’s share of the company’s spend in that period (base currency).',
  reads: ['fact_ap_invoice_current', 'dim_company', 'dim_vendor'],
  columns: [
    ...COMPANY_COLUMNS,
    ...VENDOR_COLUMNS,
    ['fiscal_year', 'Fiscal year the invoice is posted in (APInvHed.FiscalYear)'],
    ['fiscal_period', 'Fiscal period the invoice is posted in (APInvHed.FiscalPeriod)'],
    DOC_CURRENCY,
    BASE_CURRENCY,
    ['invoiced_amount', 'Sum of DocInvoiceAmt (document currency), debit memos negative'],
    ['invoiced_amount_base', 'Sum of InvoiceAmt (base currency), debit memos negative'],
    ['invoice_count', 'Number of invoices (debit memos not counted)'],
    ['debit_memo_count', 'Number of debit memos'],
    ['share_of_period_spend_pct', 'invoiced_amount_base as % of the company’s base-currency spend in the period'],
  ],
  select: (ctx) =>
    `${withCtes(companies(ctx), vendors(ctx), invoices(ctx))}\n` +
    `SELECT i._source_company, i.company, i.vendor_key, i.vendor_num, v.vendor_id, v.vendor_name, i.fiscal_year, ` +
    `i.fiscal_period, i.currency_code, i.base_currency_code, sum(i.doc_invoice_amt), sum(i.invoice_amt), ` +
    `count(CASE WHEN NOT i.debit_memo THEN 1 END), count(CASE WHEN i.debit_memo THEN 1 END), ` +
    `${pct('sum(i.invoice_amt)', 'sum(sum(i.invoice_amt)) OVER (PARTITION BY i._source_instance, i._source_company, i.fiscal_year, i.fiscal_period)')}\n` +
    `FROM inv AS i LEFT JOIN vend AS v ON v.vendor_key = i.vendor_key\n` +
    `GROUP BY i._source_instance, i._source_company, i.company, i.vendor_key, i.vendor_num, v.vendor_id, ` +
    `v.vendor_name, i.fiscal_year, i.fiscal_period, i.currency_code, i.base_currency_code`,
};

export const paymentPerformance: AnalyticsView = {
  name: 'mart_payment_performance',
  grain: 'vendor × month the invoice was paid in full × document currency',
  description:
    'Invoices paid in full (InvoiceBal = 0 and at least one APTran), by the month of the last payment (TranDate): ' +
    'share paid by the due date, average days from invoice date to payment, prompt-payment discounts taken ' +
    '(APTran.DiscAmt) and lost (PurTerms.DiscountPercent × InvoiceAmt of invoices with a DiscountDate where none was taken).',
  reads: ['fact_ap_invoice_current', 'fact_ap_payment_line_current', 'dim_company', 'dim_vendor', 'dim_terms'],
  columns: [
    ...COMPANY_COLUMNS,
    ...VENDOR_COLUMNS,
    ['month', 'First day of the month the invoice was paid in full'],
    DOC_CURRENCY,
    BASE_CURRENCY,
    ['invoices_paid', 'Invoices paid in full in the month'],
    ['paid_on_time_count', 'Of those, paid on or before the due date'],
    ['paid_on_time_pct', 'paid_on_time_count as % of invoices_paid'],
    ['avg_days_to_pay', 'Average days from invoice date to the last payment'],
    ['avg_days_paid_late', 'Average days after the due date, late payments only'],
    ['paid_amount', 'Amount paid (DocTranAmt), document currency'],
    ['paid_amount_base', 'Amount paid (TranAmt), base currency'],
    ['discounts_taken_count', 'Invoices where a prompt-payment discount was taken'],
    ['discounts_taken_amount', 'Discounts taken (APTran.DocDiscAmt), document currency'],
    ['discounts_taken_amount_base', 'Discounts taken (APTran.DiscAmt), base currency'],
    ['discounts_lost_count', 'Invoices that offered a discount (DiscountDate set) where none was taken'],
    ['discounts_lost_amount', 'Discount offered but not taken (DiscountPercent × DocInvoiceAmt), document currency'],
    ['discounts_lost_amount_base', 'Discount offered but not taken (DiscountPercent × InvoiceAmt), base currency'],
  ],
  select: (ctx) =>
    `${withCtes(companies(ctx), vendors(ctx), invoices(ctx), payments(ctx), terms(ctx))},\n` +
    `settled AS (SELECT i.*, p.paid_date, p.paid, p.doc_paid, p.disc, p.doc_disc, ` +
    `CASE WHEN i.discount_date IS NOT NULL THEN coalesce(t.discount_percent, 0) ELSE 0 END AS offered_pct ` +
    `FROM inv AS i JOIN (SELECT ap_invoice_key, max(tran_date) AS paid_date, sum(tran_amt) AS paid, ` +
    `sum(doc_tran_amt) AS doc_paid, sum(disc_amt) AS disc, sum(doc_disc_amt) AS doc_disc FROM pay ` +
    `GROUP BY ap_invoice_key) AS p ON p.ap_invoice_key = i.ap_invoice_key ` +
    `LEFT JOIN terms AS t ON t._source_instance = i._source_instance AND t._source_company = i._source_company ` +
    `AND t.terms_code = i.terms_code WHERE NOT i.debit_memo AND i.invoice_bal = 0)\n` +
    `SELECT s._source_company, s.company, s.vendor_key, s.vendor_num, v.vendor_id, v.vendor_name, ` +
    `CAST(date_trunc('MONTH', s.paid_date) AS DATE), s.currency_code, s.base_currency_code, count(1), ` +
    `count(CASE WHEN s.paid_date <= s.due_date THEN 1 END), ` +
    `${pct('count(CASE WHEN s.paid_date <= s.due_date THEN 1 END)', 'count(1)')}, ` +
    `CAST(round(avg(datediff(s.paid_date, s.invoice_date)), 1) AS DECIMAL(9,1)), ` +
    `CAST(round(avg(CASE WHEN s.paid_date > s.due_date THEN datediff(s.paid_date, s.due_date) END), 1) AS DECIMAL(9,1)), ` +
    `sum(s.doc_paid), sum(s.paid), count(CASE WHEN s.disc <> 0 THEN 1 END), sum(s.doc_disc), sum(s.disc), ` +
    `count(CASE WHEN s.offered_pct > 0 AND s.disc = 0 THEN 1 END), ` +
    `sum(CASE WHEN s.offered_pct > 0 AND s.disc = 0 THEN round(s.doc_invoice_amt * s.offered_pct / 100, 2) ELSE 0 END), ` +
    `sum(CASE WHEN s.offered_pct > 0 AND s.disc = 0 THEN round(s.invoice_amt * s.offered_pct / 100, 2) ELSE 0 END)\n` +
    `FROM settled AS s LEFT JOIN vend AS v ON v.vendor_key = s.vendor_key\n` +
    `GROUP BY s._source_company, s.company, s.vendor_key, s.vendor_num, v.vendor_id, v.vendor_name, ` +
    `CAST(date_trunc('MONTH', s.paid_date) AS DATE), s.currency_code, s.base_currency_code`,
};

/** Said by mart_dpo when no COGS accounts are configured. */
export const DPO_NOT_CONFIGURED = 'analytics.cogsAccounts is empty: configure the COGS accounts to compute DPO';

export const dpo: AnalyticsView = {
  name: 'mart_dpo',
  grain: 'company × GL book × fiscal period (started periods of the company’s fiscal calendar)',
  description:
    'Days payable outstanding: average AP (open balance of posted invoices at the period’s start and end, base ' +
    'currency) ÷ COGS (net debits of posted GL lines in analytics.cogsAccounts) × days in the period. Without COGS ' +
    'accounts dpo is null and dpo_note says so; dpo_on_purchases divides by the period’s invoiced amount instead.',
  reads: [
    'fact_ap_invoice_current',
    'fact_ap_payment_line_current',
    'fact_gl_journal_line_current',
    'dim_company',
    'dim_fiscal_period',
  ],
  columns: [
    ...COMPANY_COLUMNS,
    ['book_id', 'GL book the COGS are read from (GLJrnDtl.BookID); null when the company has no GL lines'],
    ['fiscal_year', 'Fiscal year (FiscalPer.FiscalYear)'],
    ['fiscal_period', 'Fiscal period (FiscalPer.FiscalPeriod)'],
    ['start_date', 'First day of the period (FiscalPer.StartDate)'],
    ['end_date', 'Last day of the period (FiscalPer.EndDate)'],
    ['days_in_period', 'end_date − start_date + 1'],
    BASE_CURRENCY,
    ['opening_ap_base', 'AP open at the end of the day before start_date, base currency'],
    ['closing_ap_base', 'AP open at the end of end_date, base currency'],
    ['average_ap_base', '(opening_ap_base + closing_ap_base) / 2'],
    ['purchases_base', 'Posted invoices applied in the period (InvoiceAmt), base currency'],
    [
      'cogs_base',
      'Net debits (BookDebitAmount − BookCreditAmount) of posted GL lines in the COGS accounts; null if none configured',
    ],
    ['dpo', 'average_ap_base / cogs_base × days_in_period; null without COGS accounts or COGS'],
    ['dpo_on_purchases', 'average_ap_base / purchases_base × days_in_period'],
    ['dpo_note', 'Why dpo is null, if it is'],
  ],
  select: (ctx) => {
    const cogs = glAccountMatch('gl', ctx.settings.cogsAccounts);
    const note = cogs
      ? `CASE WHEN c.cogs IS NULL OR c.cogs = 0 THEN 'no COGS posted in the period' END`
      : sqlString(DPO_NOT_CONFIGURED);
    const avg = '(x.opening + x.closing) / 2';
    const cogsValue = cogs ? 'c.cogs' : 'CAST(NULL AS DECIMAL(38,4))';
    const samePeriod = (a: string, b: string) =>
      `${a}._source_instance = ${b}._source_instance AND ${a}._source_company = ${b}._source_company ` +
      `AND ${a}.fiscal_year = ${b}.fiscal_year AND ${a}.fiscal_year_suffix = ${b}.fiscal_year_suffix ` +
      `AND ${a}.fiscal_period = ${b}.fiscal_period`;
    return (
      `${withCtes(companies(ctx), invoices(ctx), payments(ctx), glLines(ctx), periods(ctx))},\n` +
      `ap AS (SELECT p._source_instance, p._source_company, p.fiscal_year, p.fiscal_year_suffix, p.fiscal_period, ` +
      `coalesce(sum(CASE WHEN coalesce(i.apply_date, i.invoice_date) < p.start_date THEN i.invoice_amt END), 0) AS inv_open, ` +
      `coalesce(sum(CASE WHEN coalesce(i.apply_date, i.invoice_date) <= p.end_date THEN i.invoice_amt END), 0) AS inv_close, ` +
      `coalesce(sum(CASE WHEN coalesce(i.apply_date, i.invoice_date) >= p.start_date AND coalesce(i.apply_date, i.invoice_date) <= p.end_date THEN i.invoice_amt END), 0) AS purchases ` +
      `FROM per AS p LEFT JOIN inv AS i ON i._source_instance = p._source_instance AND i._source_company = p._source_company ` +
      `GROUP BY p._source_instance, p._source_company, p.fiscal_year, p.fiscal_year_suffix, p.fiscal_period),\n` +
      `pa AS (SELECT p._source_instance, p._source_company, p.fiscal_year, p.fiscal_year_suffix, p.fiscal_period, ` +
      `coalesce(sum(CASE WHEN t.tran_date < p.start_date THEN t.tran_amt + t.disc_amt END), 0) AS pay_open, ` +
      `coalesce(sum(CASE WHEN t.tran_date <= p.end_date THEN t.tran_amt + t.disc_amt END), 0) AS pay_close ` +
      `FROM per AS p JOIN pay AS t ON t._source_instance = p._source_instance AND t._source_company = p._source_company ` +
      `JOIN inv AS i ON i.ap_invoice_key = t.ap_invoice_key ` +
      `GROUP BY p._source_instance, p._source_company, p.fiscal_year, p.fiscal_year_suffix, p.fiscal_period),\n` +
      `x AS (SELECT p.*, a.purchases, a.inv_open - coalesce(pa.pay_open, 0) AS opening, ` +
      `a.inv_close - coalesce(pa.pay_close, 0) AS closing, datediff(p.end_date, p.start_date) + 1 AS days ` +
      `FROM per AS p JOIN ap AS a ON ${samePeriod('a', 'p')} LEFT JOIN pa ON ${samePeriod('pa', 'p')}),\n` +
      `books AS (SELECT DISTINCT _source_instance, _source_company, book_id FROM gl),\n` +
      `c AS (SELECT _source_instance, _source_company, book_id, fiscal_year, fiscal_year_suffix, fiscal_period, ` +
      `${cogs ? `sum(CASE WHEN ${cogs} THEN net_amount ELSE 0 END)` : 'CAST(NULL AS DECIMAL(38,4))'} AS cogs FROM gl ` +
      `GROUP BY _source_instance, _source_company, book_id, fiscal_year, fiscal_year_suffix, fiscal_period)\n` +
      `SELECT x._source_company, x.company, b.book_id, x.fiscal_year, x.fiscal_period, x.start_date, x.end_date, ` +
      `x.days, x.base_currency_code, x.opening, x.closing, ${avg}, x.purchases, ` +
      `${cogs ? 'coalesce(c.cogs, 0)' : 'CAST(NULL AS DECIMAL(38,4))'}, ` +
      `CAST(round(${avg} / nullif(${cogsValue}, 0) * x.days, 1) AS DECIMAL(18,1)), ` +
      `CAST(round(${avg} / nullif(x.purchases, 0) * x.days, 1) AS DECIMAL(18,1)), ${note}\n` +
      `FROM x LEFT JOIN books AS b ON b._source_instance = x._source_instance AND b._source_company = x._source_company ` +
      `LEFT JOIN c ON c.book_id = b.book_id AND ${samePeriod('c', 'x')}`
    );
  },
};

export const cashOutflowForecast: AnalyticsView = {
  name: 'mart_cash_outflow_forecast',
  grain: 'week × document currency × source (ap_open_invoice, po_release)',
  description:
    'Cash that will go out, by week (Monday) it is due: open posted AP by due date (overdue items in the current ' +
    'week), plus not yet invoiced PO release quantity × PO unit cost due on the release date (PromiseDt, else ' +
    'DueDate) plus the PO’s terms days (PurTerms.DueDays).',
  reads: [
    'fact_ap_invoice_current',
    'fact_purchase_order_current',
    'fact_purchase_order_line_current',
    'fact_purchase_order_release_current',
    'dim_company',
    'dim_terms',
  ],
  columns: [
    ...COMPANY_COLUMNS,
    ['week_start', 'Monday of the week the payment is expected'],
    DOC_CURRENCY,
    BASE_CURRENCY,
    ['source', 'ap_open_invoice (APInvHed open balance) or po_release (PORel not yet invoiced)'],
    ['amount', 'Expected outflow, document currency'],
    ['amount_base', 'Expected outflow, base currency (PO releases at the PO’s unit cost in base currency)'],
    ['item_count', 'Invoices or releases in the week'],
  ],
  select: (ctx) =>
    `${withCtes(companies(ctx), invoices(ctx), releases(ctx), terms(ctx))},\n` +
    `items AS (SELECT _source_company, company, greatest(due_date, current_date()) AS pay_date, currency_code, ` +
    `base_currency_code, 'ap_open_invoice' AS source, doc_invoice_bal AS amount, invoice_bal AS amount_base ` +
    `FROM inv WHERE invoice_bal <> 0 OR doc_invoice_bal <> 0\n` +
    `UNION ALL SELECT r._source_company, r.company, ` +
    `greatest(date_add(coalesce(r.promise_date, r.due_date), coalesce(t.due_days, 0)), current_date()), ` +
    `r.currency_code, r.base_currency_code, 'po_release', q.qty * r.doc_unit_cost, q.qty * r.unit_cost ` +
    `FROM rel AS r JOIN (SELECT purchase_order_release_key, ` +
    `CASE WHEN open_release THEN greatest(rel_qty, epicor_received_qty) ELSE epicor_received_qty END ` +
    `- epicor_invoiced_qty AS qty FROM rel) AS q ON q.purchase_order_release_key = r.purchase_order_release_key ` +
    `LEFT JOIN terms AS t ON t._source_instance = r._source_instance AND t._source_company = r._source_company ` +
    `AND t.terms_code = r.terms_code WHERE NOT r.is_void AND q.qty > 0)\n` +
    `SELECT _source_company, company, CAST(date_trunc('WEEK', pay_date) AS DATE), currency_code, base_currency_code, ` +
    `source, sum(amount), sum(amount_base), count(1)\nFROM items\n` +
    `GROUP BY _source_company, company, CAST(date_trunc('WEEK', pay_date) AS DATE), currency_code, base_currency_code, source`,
};
