/** AP open items today, at any past month end, and pivoted by vendor (SPEC §8). */
import { type AnalyticsView, BASE_CURRENCY, COMPANY_COLUMNS, DOC_CURRENCY, VENDOR_COLUMNS } from '../analytics-view.ts';
import { companies, invoices, payments, vendors, withCtes } from '../common-ctes.ts';
import { agingBasisColumn, agingBucket, view } from '../view-context.ts';

const INVOICE_COLUMNS = [
  ['ap_invoice_key', 'Surrogate key of the AP invoice (fact_ap_invoice.ap_invoice_key)'],
  ['invoice_number', 'Vendor invoice number (APInvHed.InvoiceNum)'],
  ['invoice_date', 'Invoice date (APInvHed.InvoiceDate)'],
  ['apply_date', 'Date the invoice is applied to the books (APInvHed.ApplyDate)'],
  ['due_date', 'Due date from the terms (APInvHed.DueDate)'],
  ['discount_date', 'Last day for the prompt-payment discount (APInvHed.DiscountDate); null without a discount'],
  ['terms_code', 'Purchasing terms (APInvHed.TermsCode → PurTerms)'],
  ['debit_memo', 'True for a debit memo (APInvHed.DebitMemo); its amounts are negative'],
  DOC_CURRENCY,
  BASE_CURRENCY,
  ['exchange_rate', 'Exchange rate document → base currency (APInvHed.ExchangeRate)'],
  ['invoice_amount', 'Invoice total in document currency (APInvHed.DocInvoiceAmt)'],
  ['invoice_amount_base', 'Invoice total in base currency (APInvHed.InvoiceAmt)'],
] as const;

const AGING_COLUMNS = [
  ['days_past_due', 'Days from the due date to the as-of date (negative: not yet due)'],
  ['aging_days', 'Days from the aging basis date (analytics.agingBasis: due, invoice or apply date) to the as-of date'],
  ['aging_bucket', 'current (aging_days <= 0), 1-30, 31-60, 61-90 or 90+'],
] as const;

const SELECT_INVOICE =
  'i._source_company, i.company, i.vendor_key, i.vendor_num, v.vendor_id, v.vendor_name, i.ap_invoice_key, ' +
  'i.invoice_number, i.invoice_date, i.apply_date, i.due_date, i.discount_date, i.terms_code, i.debit_memo, ' +
  'i.currency_code, i.base_currency_code, i.exchange_rate, i.doc_invoice_amt, i.invoice_amt';

export const apOpenItems: AnalyticsView = {
  name: 'mart_ap_open_items',
  grain: 'open, posted AP invoice (or debit memo) today',
  description:
    'Open AP items as of today: Epicor’s own open balance (APInvHed.InvoiceBal / DocInvoiceBal) of posted invoices ' +
    'whose balance is not zero, aged in the buckets current, 1-30, 31-60, 61-90, 90+.',
  reads: ['fact_ap_invoice_current', 'dim_company', 'dim_vendor'],
  columns: [
    ...COMPANY_COLUMNS,
    ...VENDOR_COLUMNS,
    ...INVOICE_COLUMNS,
    ['open_balance', 'Open balance in document currency (APInvHed.DocInvoiceBal)'],
    ['open_balance_base', 'Open balance in base currency (APInvHed.InvoiceBal)'],
    ['as_of_date', 'The date the aging is computed at (today)'],
    ...AGING_COLUMNS,
  ],
  select: (ctx) => {
    const basis = agingBasisColumn(ctx, 'i');
    return (
      `${withCtes(companies(ctx), vendors(ctx), invoices(ctx))}\n` +
      `SELECT ${SELECT_INVOICE}, i.doc_invoice_bal, i.invoice_bal, current_date(), ` +
      `datediff(current_date(), i.due_date), datediff(current_date(), ${basis}), ` +
      `${agingBucket(`datediff(current_date(), ${basis})`)}\n` +
      `FROM inv AS i LEFT JOIN vend AS v ON v.vendor_key = i.vendor_key\n` +
      `WHERE i.invoice_bal <> 0 OR i.doc_invoice_bal <> 0`
    );
  },
};

/** Month ends of the last 24 months and today, generated without a table-valued function. */
const AS_OF_DATES =
  'dates AS (SELECT last_day(make_date(CAST(floor(k / 12) AS INT), CAST(k % 12 AS INT) + 1, 1)) AS as_of_date ' +
  'FROM (SELECT year(current_date()) * 12 + month(current_date()) - 1 - n AS k FROM VALUES ' +
  Array.from({ length: 24 }, (_, i) => `(${i + 1})`).join(', ') +
  ' AS m(n)) AS months UNION ALL SELECT current_date() AS as_of_date)';

export const apAgingAsOf: AnalyticsView = {
  name: 'mart_ap_aging_as_of',
  grain: 'posted AP invoice × as-of date (the last 24 month ends and today) at which it was open',
  description:
    'AP aging at any past date: for each month end of the last 24 months and today, the open balance of every ' +
    'posted invoice applied by then (ApplyDate, else InvoiceDate), from its amount (InvoiceAmt) less the payments ' +
    'and discounts applied by then (APTran.TranAmt + DiscAmt with TranDate <= as-of date).',
  reads: ['fact_ap_invoice_current', 'fact_ap_payment_line_current', 'dim_company', 'dim_vendor'],
  columns: [
    ...COMPANY_COLUMNS,
    ...VENDOR_COLUMNS,
    ...INVOICE_COLUMNS,
    ['as_of_date', 'The date the balance and aging are computed at'],
    ['open_balance', 'Open balance at the as-of date, document currency (DocInvoiceAmt − DocTranAmt − DocDiscAmt)'],
    ['open_balance_base', 'Open balance at the as-of date, base currency (InvoiceAmt − TranAmt − DiscAmt)'],
    ...AGING_COLUMNS,
  ],
  select: (ctx) => {
    const basis = agingBasisColumn(ctx, 'i');
    return (
      `${withCtes(companies(ctx), vendors(ctx), invoices(ctx), payments(ctx), AS_OF_DATES)},\n` +
      `paid AS (SELECT d.as_of_date, p.ap_invoice_key, sum(p.tran_amt + p.disc_amt) AS applied, ` +
      `sum(p.doc_tran_amt + p.doc_disc_amt) AS doc_applied FROM dates AS d JOIN pay AS p ON p.tran_date <= d.as_of_date ` +
      `GROUP BY d.as_of_date, p.ap_invoice_key),\n` +
      `bal AS (SELECT i.*, d.as_of_date, i.doc_invoice_amt - coalesce(pd.doc_applied, 0) AS doc_open, ` +
      `i.invoice_amt - coalesce(pd.applied, 0) AS base_open FROM inv AS i ` +
      `JOIN dates AS d ON coalesce(i.apply_date, i.invoice_date) <= d.as_of_date ` +
      `LEFT JOIN paid AS pd ON pd.ap_invoice_key = i.ap_invoice_key AND pd.as_of_date = d.as_of_date)\n` +
      `SELECT ${SELECT_INVOICE}, i.as_of_date, i.doc_open, i.base_open, datediff(i.as_of_date, i.due_date), ` +
      `datediff(i.as_of_date, ${basis}), ${agingBucket(`datediff(i.as_of_date, ${basis})`)}\n` +
      `FROM bal AS i LEFT JOIN vend AS v ON v.vendor_key = i.vendor_key\n` +
      `WHERE i.doc_open <> 0 OR i.base_open <> 0`
    );
  },
};

const BUCKETS = [
  ['current', 'current'],
  ['1-30', 'days_1_30'],
  ['31-60', 'days_31_60'],
  ['61-90', 'days_61_90'],
  ['90+', 'days_90_plus'],
] as const;

export const apAgingByVendor: AnalyticsView = {
  name: 'mart_ap_aging_by_vendor',
  grain: 'vendor × as-of date × document currency',
  description: 'mart_ap_aging_as_of summed per vendor, as-of date and currency, one column per aging bucket.',
  reads: [],
  after: ['mart_ap_aging_as_of'],
  columns: [
    ...COMPANY_COLUMNS,
    ...VENDOR_COLUMNS,
    ['as_of_date', 'The date the balances are computed at'],
    DOC_CURRENCY,
    BASE_CURRENCY,
    ...BUCKETS.map(([b, c]) => [`${c}_amount`, `Open balance in bucket ${b}, document currency`] as const),
    ['total_amount', 'Total open balance, document currency'],
    ...BUCKETS.map(([b, c]) => [`${c}_amount_base`, `Open balance in bucket ${b}, base currency`] as const),
    ['total_amount_base', 'Total open balance, base currency'],
    ['open_item_count', 'Number of open invoices and debit memos'],
  ],
  select: (ctx) => {
    const sums = (col: string) =>
      BUCKETS.map(([b]) => `sum(CASE WHEN aging_bucket = '${b}' THEN ${col} ELSE 0 END)`).join(', ');
    return (
      `SELECT _source_company, company, vendor_key, vendor_num, vendor_id, vendor_name, as_of_date, currency_code, ` +
      `base_currency_code, ${sums('open_balance')}, sum(open_balance), ${sums('open_balance_base')}, ` +
      `sum(open_balance_base), count(1)\n` +
      `FROM ${view(ctx, 'mart_ap_aging_as_of')}\n` +
      `GROUP BY _source_company, company, vendor_key, vendor_num, vendor_id, vendor_name, as_of_date, currency_code, ` +
      `base_currency_code`
    );
  },
};
