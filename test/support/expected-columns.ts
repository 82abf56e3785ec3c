/**
 * Hand-written expectations of the target columns, per entity: a representative set of source fields (keys, names,
 * money, flags, dates, one tenant `_c` field) with the column name SPEC §4 gives them and how the value must look.
 * Deliberately independent of `src/mapping`, so a naming or conversion bug there shows up as a difference here.
 */

/**
 * How a value is compared: s text, i integer, m DECIMAL(20,4), u DECIMAL(18,9), b boolean, t UTC instant,
 * d calendar date (a DATE column holding the date written in Epicor's value, whatever its offset).
 */
export type ValueKind = 's' | 'i' | 'm' | 'u' | 'b' | 't' | 'd';

export interface ExpectedColumn {
  field: string;
  column: string;
  kind: ValueKind;
}

const c = (spec: string): ExpectedColumn[] =>
  spec
    .trim()
    .split(/\s+/)
    .map((item) => {
      const [field, column, kind] = item.split(':');
      return { field, column, kind: kind as ValueKind };
    });

/** Entity name → columns checked on every row. Fields absent from a source record (other tenant) are skipped. */
export const EXPECTED_COLUMNS: Readonly<Record<string, ExpectedColumn[]>> = {
  companies: c('Company1:company:s Name:name:s CurrentFiscalYear:current_fiscal_year:i Character01_c:character01_c:s'),
  vendors: c(
    'Company:company:s VendorNum:vendor_num:i VendorID:vendor_id:s Name:name:s CurrencyCode:currency_code:s ' +
      'Inactive:inactive:b PayHold:pay_hold:b EMailAddress:email_address:s Number01_c:number01_c:u ' +
      'Character01_c:character01_c:s SysRevID:sys_rev_id:i',
  ),
  customers: c(
    'Company:company:s CustNum:cust_num:i CustID:cust_id:s Name:name:s CreditLimit:credit_limit:m ' +
      'CreditHold:credit_hold:b EstDate:est_date:d ChangeDate:change_date:d EMailAddress:email_address:s',
  ),
  parts: c(
    'Company:company:s PartNum:part_num:s PartDescription:part_description:s UnitPrice:unit_price:m ' +
      'NonStock:non_stock:b CreatedOn:created_on:t Number01_c:number01_c:u',
  ),
  gl_accounts: c(
    'Company:company:s COACode:coa_code:s GLAccount1:gl_account:s AccountDesc:account_desc:s Active:active:b ' +
      'EffFrom:eff_from:d SegValue1:seg_value1:s',
  ),
  purchase_orders: c(
    'Company:company:s PONum:po_num:i VendorNum:vendor_num:i OrderDate:order_date:d VoidOrder:void_order:b ' +
      'OpenOrder:open_order:b TotalOrder:total_order:m ExchangeRate:exchange_rate:m CurrencyCode:currency_code:s ' +
      'CheckBox01_c:check_box01_c:b',
  ),
  purchase_order_lines: c(
    'Company:company:s PONUM:po_num:i POLine:po_line:i PartNum:part_num:s OrderQty:order_qty:m ' +
      'UnitCost:unit_cost:m VoidLine:void_line:b DueDate:due_date:d',
  ),
  purchase_order_releases: c(
    'Company:company:s PONum:po_num:i POLine:po_line:i PORelNum:po_rel_num:i RelQty:rel_qty:m ' +
      'ReceivedQty:received_qty:m OpenRelease:open_release:b DueDate:due_date:d',
  ),
  ap_invoices: c(
    'Company:company:s VendorNum:vendor_num:i InvoiceNum:invoice_number:s InvoiceDate:invoice_date:d ' +
      'InvoiceAmt:invoice_amt:m InvoiceBal:invoice_bal:m Posted:posted:b Date01_c:date01_c:t',
  ),
  ap_invoice_lines: c(
    'Company:company:s VendorNum:vendor_num:i InvoiceNum:invoice_number:s InvoiceLine:invoice_line:i ' +
      'PONum:po_num:i ExtCost:ext_cost:m Description:description:s',
  ),
  payments: c(
    'Company:company:s HeadNum:head_num:i CheckNum:check_num:i CheckDate:check_date:d CheckAmt:check_amt:m ' +
      'Voided:voided:b',
  ),
  payment_lines: c(
    'Company:company:s HeadNum:head_num:i APTranNo:ap_tran_no:i InvoiceNum:invoice_number:s Voided:voided:b ' +
      'TranAmt:tran_amt:m TranDate:tran_date:d',
  ),
  gl_journal_lines: c(
    'Company:company:s BookID:book_id:s FiscalYear:fiscal_year:i FiscalYearSuffix:fiscal_year_suffix:s ' +
      'JournalCode:journal_code:s JournalNum:journal_num:i JournalLine:journal_line:i GLAccount:gl_account:s ' +
      'DebitAmount:debit_amount:m JEDate:je_date:d Posted:posted:b',
  ),
  receipts: c(
    'Company:company:s VendorNum:vendor_num:i PurPoint:pur_point:s PackSlip:pack_slip:s PONum:po_num:i ' +
      'ArrivedDate:arrived_date:t ReceiptDate:receipt_date:t Received:received:b',
  ),
  receipt_lines: c(
    'Company:company:s PackSlip:pack_slip:s PackLine:pack_line:i PONum:po_num:i POLine:po_line:i ' +
      'PORelNum:po_rel_num:i OurQty:our_qty:m VendorQty:vendor_qty:m OurUnitCost:our_unit_cost:m ' +
      'ArrivedDate:arrived_date:t',
  ),
  terms: c(
    'Company:company:s TermsCode:terms_code:s DueDays:due_days:i DiscountDays:discount_days:i ' +
      'DiscountPercent:discount_percent:m',
  ),
  fiscal_periods: c(
    'Company:company:s FiscalCalendarID:fiscal_calendar_id:s FiscalYear:fiscal_year:i ' +
      'FiscalPeriod:fiscal_period:i StartDate:start_date:t EndDate:end_date:t',
  ),
};

/** The text a value of `kind` must have once loaded (the same text the checker reads back from DuckDB). */
export function expectedText(kind: ValueKind, v: unknown): string | null {
  if (v === null || v === undefined) return null;
  switch (kind) {
    case 's':
    case 'i':
      return String(v);
    case 'b':
      return v === true ? 'true' : v === false ? 'false' : `not a boolean: ${String(v)}`;
    case 'm':
      return decimalText(v, 4);
    case 'u':
      return decimalText(v, 9);
    case 'd': {
      const m = /^(\d{4}-\d{2}-\d{2})(?:$|T)/.exec(String(v));
      return m ? m[1] : `not a date: ${String(v)}`;
    }
    case 't': {
      const s = String(v);
      const ms = Date.parse(/(Z|[+-]\d\d:\d\d)$/.test(s) ? s : `${s}Z`);
      return Number.isNaN(ms) ? `not a date: ${s}` : String(ms);
    }
  }
}

/** Exact decimal text with `scale` places from a JSON number or numeric text (no floating-point rounding). */
export function decimalText(v: unknown, scale: number): string {
  let s = typeof v === 'number' ? String(v) : String(v).trim();
  if (/e/i.test(s)) s = Number(s).toFixed(scale);
  const neg = s.startsWith('-');
  if (neg || s.startsWith('+')) s = s.slice(1);
  const [int, frac = ''] = s.split('.');
  if (frac.length > scale) return `more than ${scale} places: ${v}`;
  const text = `${int.replace(/^0+(?=\d)/, '') || '0'}.${frac.padEnd(scale, '0')}`;
  return neg && /[1-9]/.test(text) ? `-${text}` : text;
}

/** The SQL reading a column back as comparable text (instants as epoch milliseconds). */
export function readBackSql(column: string, kind: ValueKind): string {
  const q = `"${column}"`;
  return kind === 't' ? `CAST(epoch_ms(${q}) AS VARCHAR)` : `CAST(${q} AS VARCHAR)`;
}
