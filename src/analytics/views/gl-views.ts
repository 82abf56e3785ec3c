/** GL period balances and cost allocation by segment, over a spine of fiscal periods (SPEC §8). */
import { type AnalyticsView, BASE_CURRENCY, COMPANY_COLUMNS } from '../analytics-view.ts';
import { companies, glLines, periods, withCtes } from '../common-ctes.ts';
import { glAccountMatch, pct, sqlString, table } from '../view-context.ts';

const PERIOD_ORDER = 'p.fiscal_year, p.fiscal_year_suffix, p.fiscal_period';
const PERIOD_JOIN =
  'n._source_instance = s._source_instance AND n._source_company = s._source_company AND n.fiscal_year = s.fiscal_year ' +
  'AND n.fiscal_year_suffix = s.fiscal_year_suffix AND n.fiscal_period = s.fiscal_period';

export const glPeriodBalances: AnalyticsView = {
  name: 'mart_gl_period_balances',
  grain: 'GL account × book × fiscal period (every started period of the company’s calendar, with or without activity)',
  description:
    'Net change (BookDebitAmount − BookCreditAmount of posted GLJrnDtl lines) per account, book and fiscal period, ' +
    'with opening and closing balance accumulated from the first period with data. Periods without activity are ' +
    'filled from the fiscal calendar (net change 0). Amounts are in the book currency (base).',
  reads: ['fact_gl_journal_line_current', 'dim_company', 'dim_fiscal_period', 'dim_gl_account'],
  columns: [
    ...COMPANY_COLUMNS,
    ['gl_account_key', 'Surrogate key of the account (dim_gl_account.gl_account_key)'],
    ['book_id', 'GL book (GLJrnDtl.BookID)'],
    ['coa_code', 'Chart of accounts (GLJrnDtl.COACode)'],
    ['gl_account', 'GL account (GLJrnDtl.GLAccount)'],
    ['account_desc', 'Account description (GLAccount.AccountDesc)'],
    ['fiscal_year', 'Fiscal year (FiscalPer.FiscalYear)'],
    ['fiscal_period', 'Fiscal period (FiscalPer.FiscalPeriod)'],
    ['start_date', 'First day of the period (FiscalPer.StartDate)'],
    ['end_date', 'Last day of the period (FiscalPer.EndDate)'],
    BASE_CURRENCY,
    ['debit_amount', 'Sum of BookDebitAmount in the period, base currency'],
    ['credit_amount', 'Sum of BookCreditAmount in the period, base currency'],
    ['net_change', 'debit_amount − credit_amount, base currency'],
    ['opening_balance', 'Sum of net_change of all earlier periods, base currency'],
    ['closing_balance', 'opening_balance + net_change, base currency'],
  ],
  select: (ctx) =>
    `${withCtes(companies(ctx), glLines(ctx), periods(ctx))},\n` +
    `acct AS (SELECT DISTINCT _source_instance, _source_company, company, book_id, coa_code, gl_account, gl_account_key FROM gl),\n` +
    `n AS (SELECT _source_instance, _source_company, book_id, coa_code, gl_account, fiscal_year, fiscal_year_suffix, ` +
    `fiscal_period, sum(debit_amount) AS debit_amount, sum(credit_amount) AS credit_amount, sum(net_amount) AS net ` +
    `FROM gl GROUP BY _source_instance, _source_company, book_id, coa_code, gl_account, fiscal_year, ` +
    `fiscal_year_suffix, fiscal_period),\n` +
    `s AS (SELECT a.*, p.fiscal_year, p.fiscal_year_suffix, p.fiscal_period, p.start_date, p.end_date, ` +
    `p.base_currency_code FROM acct AS a JOIN per AS p ON p._source_instance = a._source_instance ` +
    `AND p._source_company = a._source_company),\n` +
    `f AS (SELECT s.*, coalesce(n.debit_amount, 0) AS debit_amount, coalesce(n.credit_amount, 0) AS credit_amount, ` +
    `coalesce(n.net, 0) AS net FROM s LEFT JOIN n ON ${PERIOD_JOIN} AND n.book_id = s.book_id ` +
    `AND n.coa_code = s.coa_code AND n.gl_account = s.gl_account)\n` +
    `SELECT p._source_company, p.company, p.gl_account_key, p.book_id, p.coa_code, p.gl_account, ga.account_desc, ` +
    `p.fiscal_year, p.fiscal_period, p.start_date, p.end_date, p.base_currency_code, p.debit_amount, p.credit_amount, ` +
    `p.net, coalesce(sum(p.net) OVER (PARTITION BY p._source_instance, p._source_company, p.book_id, p.coa_code, ` +
    `p.gl_account ORDER BY ${PERIOD_ORDER} ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING), 0), ` +
    `sum(p.net) OVER (PARTITION BY p._source_instance, p._source_company, p.book_id, p.coa_code, p.gl_account ` +
    `ORDER BY ${PERIOD_ORDER} ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW)\n` +
    `FROM f AS p LEFT JOIN (SELECT gl_account_key, account_desc FROM ${table(ctx, 'dim_gl_account')} ` +
    `WHERE NOT coalesce(_is_deleted, false)) AS ga ON ga.gl_account_key = p.gl_account_key`,
};

/** Said by mart_gl_cost_allocation about which accounts it allocates. */
export function allocationScope(cost: readonly string[], cogs: readonly string[]): string {
  if (cost.length > 0) return 'analytics.costAccounts';
  if (cogs.length > 0) return 'analytics.cogsAccounts';
  return 'all accounts (configure analytics.costAccounts to allocate costs only)';
}

export const glCostAllocation: AnalyticsView = {
  name: 'mart_gl_cost_allocation',
  grain: 'segment (1 or 2) value × book × fiscal period',
  description:
    'Net amount (BookDebitAmount − BookCreditAmount of posted GLJrnDtl lines in the cost accounts: ' +
    'analytics.costAccounts, else analytics.cogsAccounts, else every account) per value of GL segment 1 and of ' +
    'segment 2 (SegValue1/SegValue2), its share of the period’s total for that segment, and the change against ' +
    'the prior period (periods without activity filled from the calendar).',
  reads: ['fact_gl_journal_line_current', 'dim_company', 'dim_fiscal_period'],
  columns: [
    ...COMPANY_COLUMNS,
    ['book_id', 'GL book (GLJrnDtl.BookID)'],
    ['segment_number', 'Which GL segment: 1 (SegValue1) or 2 (SegValue2)'],
    ['segment_value', 'The segment value'],
    ['fiscal_year', 'Fiscal year (FiscalPer.FiscalYear)'],
    ['fiscal_period', 'Fiscal period (FiscalPer.FiscalPeriod)'],
    BASE_CURRENCY,
    ['net_amount', 'Net debits of the cost accounts with this segment value in the period, base currency'],
    ['share_of_total', 'net_amount as % of all values of this segment in the period'],
    ['prior_period_net_amount', 'net_amount of the previous fiscal period'],
    ['change_vs_prior_period', 'net_amount − prior_period_net_amount'],
    ['account_scope', 'Which accounts are allocated'],
  ],
  select: (ctx) => {
    const { costAccounts, cogsAccounts } = ctx.settings;
    const match = glAccountMatch('g', costAccounts.length > 0 ? costAccounts : cogsAccounts);
    const scope = allocationScope(costAccounts, cogsAccounts);
    return (
      `${withCtes(companies(ctx), glLines(ctx), periods(ctx))},\n` +
      `seg AS (SELECT g._source_instance, g._source_company, g.company, g.book_id, 1 AS segment_number, ` +
      `g.seg_value1 AS segment_value, g.fiscal_year, g.fiscal_year_suffix, g.fiscal_period, g.net_amount FROM gl AS g` +
      `${match ? ` WHERE ${match}` : ''} UNION ALL SELECT g._source_instance, g._source_company, g.company, ` +
      `g.book_id, 2, g.seg_value2, g.fiscal_year, g.fiscal_year_suffix, g.fiscal_period, g.net_amount FROM gl AS g` +
      `${match ? ` WHERE ${match}` : ''}),\n` +
      `n AS (SELECT _source_instance, _source_company, book_id, segment_number, segment_value, fiscal_year, ` +
      `fiscal_year_suffix, fiscal_period, sum(net_amount) AS net FROM seg GROUP BY _source_instance, _source_company, ` +
      `book_id, segment_number, segment_value, fiscal_year, fiscal_year_suffix, fiscal_period),\n` +
      `s AS (SELECT k.*, p.fiscal_year, p.fiscal_year_suffix, p.fiscal_period, p.base_currency_code FROM ` +
      `(SELECT DISTINCT _source_instance, _source_company, company, book_id, segment_number, segment_value FROM seg) AS k ` +
      `JOIN per AS p ON p._source_instance = k._source_instance AND p._source_company = k._source_company),\n` +
      `f AS (SELECT s.*, coalesce(n.net, 0) AS net FROM s LEFT JOIN n ON ${PERIOD_JOIN} AND n.book_id = s.book_id ` +
      `AND n.segment_number = s.segment_number AND n.segment_value = s.segment_value),\n` +
      `w AS (SELECT p.*, lag(p.net) OVER (PARTITION BY p._source_instance, p._source_company, p.book_id, ` +
      `p.segment_number, p.segment_value ORDER BY ${PERIOD_ORDER}) AS prior, ` +
      `sum(p.net) OVER (PARTITION BY p._source_instance, p._source_company, p.book_id, p.segment_number, ` +
      `p.fiscal_year, p.fiscal_year_suffix, p.fiscal_period) AS total FROM f AS p)\n` +
      `SELECT _source_company, company, book_id, segment_number, segment_value, fiscal_year, fiscal_period, ` +
      `base_currency_code, net, ${pct('net', 'total')}, prior, net - prior, ${sqlString(scope)}\nFROM w`
    );
  },
};
