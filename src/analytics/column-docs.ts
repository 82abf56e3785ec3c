/**
 * What a connector table and its columns mean, for Unity Catalog comments: lineage columns (SPEC §5), surrogate
 * keys (from the catalog's references), and data columns by Epicor's naming conventions — `Doc…` amounts are in
 * the document (transaction) currency, `Rpt1…`–`Rpt3…` in a reporting currency, other amounts, balances and
 * costs in the company's base currency; `…Qty` are quantities in the row's unit of measure.
 */
import { ENTITIES, type EntityDef, surrogateKeyColumn } from '../source/epicor/catalog.ts';

const LINEAGE: Record<string, string> = {
  _source_system: 'Lineage: source system (epicor-kinetic)',
  _source_instance: 'Lineage: Epicor base URL (server + instance) the row was read from',
  _source_company: 'Lineage: Epicor company',
  _source_entity: 'Lineage: Epicor Service/EntitySet',
  _source_record_id: 'Lineage: Epicor SysRowID of the record',
  _source_rev: 'Lineage: Epicor SysRevID of the version loaded',
  _source_url: 'Lineage: OData URL that returns exactly this record',
  _sync_id: 'Lineage: the sync run that wrote the row (_ml_connector_runs.sync_id)',
  _synced_at: 'Lineage: when that run started (UTC)',
  _sync_date: 'Lineage: UTC date of _synced_at (clustering/partition column)',
  _is_deleted: 'Lineage: true once reconcile found the record gone from Epicor',
};

/** Readable meanings of fields the analytics views rely on (column name → meaning). */
const KNOWN: Record<string, string> = {
  company: 'Epicor company',
  vendor_num: 'Epicor vendor number (VendorNum)',
  vendor_id: 'Vendor ID shown to users (VendorID)',
  invoice_number: 'Vendor invoice number (InvoiceNum)',
  po_num: 'Purchase order number (PONum)',
  po_line: 'PO line (POLine)',
  po_rel_num: 'PO release (PORelNum)',
  pack_slip: 'Packing slip of the receipt (PackSlip)',
  pack_line: 'Receipt line (PackLine)',
  pur_point: 'Vendor purchase point (PurPoint; empty for the main address)',
  currency_code: 'Document currency of the row (CurrencyCode)',
  base_curr_code: 'Base currency of the company (BaseCurrCode)',
  exchange_rate: 'Exchange rate document → base currency (ExchangeRate)',
  terms_code: 'Purchasing terms (TermsCode → PurTerms)',
  due_days: 'Days from invoice date to due date (DueDays)',
  discount_days: 'Days within which the prompt-payment discount applies (DiscountDays)',
  discount_percent: 'Prompt-payment discount, percent (DiscountPercent)',
  fiscal_year: 'Fiscal year (FiscalYear)',
  fiscal_period: 'Fiscal period (FiscalPeriod)',
  fiscal_year_suffix: 'Fiscal year suffix (FiscalYearSuffix)',
  fiscal_calendar_id: 'Fiscal calendar (FiscalCalendarID)',
  posted: 'Posted to the ledger (Posted)',
  debit_memo: 'Debit memo: amounts carry a negative sign (DebitMemo)',
  voided: 'Voided (Voided); a void is a duplicate line with flipped signs',
  arrived_date: 'Date the shipment arrived (ArrivedDate)',
  receipt_date: 'Date the receipt was entered (ReceiptDate)',
  due_date: 'Due date (DueDate)',
  discount_date: 'Last day for the prompt-payment discount (DiscountDate)',
  our_qty: 'Quantity in our unit of measure, IUM (OurQty)',
  vendor_qty: 'Quantity in the vendor’s unit of measure, PUM (VendorQty)',
  our_unit_cost: 'Unit cost per our unit of measure, base currency (OurUnitCost)',
  sys_rev_id: 'Epicor row version (SysRevID)',
  sys_row_id: 'Epicor row id (SysRowID)',
};

/** Meaning of a data column from its name (Epicor field names snake_cased). */
export function dataColumnComment(column: string): string | undefined {
  const known = KNOWN[column];
  if (known) return known;
  const money = /(^|_)(amt|amount|bal|cost|price|total_order)$/.test(column) || /_(amt|bal)_/.test(column);
  if (money) {
    if (column.startsWith('doc_')) return 'Amount in the document currency (currency_code)';
    const rpt = /^rpt([123])_/.exec(column);
    if (rpt) return `Amount in reporting currency ${rpt[1]}`;
    return 'Amount in the company’s base currency';
  }
  if (/(^|_)qty$/.test(column)) return 'Quantity in the row’s unit of measure';
  if (/(^|_)(date|dt)$/.test(column)) return 'Date (Epicor date field)';
  if (column.endsWith('_c')) return 'Tenant user-defined field (Epicor _c field)';
  return undefined;
}

/** The comment of a connector table. */
export function tableComment(entity: EntityDef): string {
  const what =
    entity.kind === 'dimension'
      ? 'Dimension, one row per record, updated in place'
      : `Fact, one row per record version (_source_rev); ${entity.table}_current shows the latest live version`;
  return `Epicor ${entity.service}/${entity.entitySet} (key ${entity.keys.join(', ')}). ${what}. Loaded by ml-connector.`;
}

/** Comment of any column of an entity's table, or undefined when nothing useful can be said. */
export function columnComment(entity: EntityDef, column: string): string | undefined {
  if (LINEAGE[column]) return LINEAGE[column];
  if (column === surrogateKeyColumn(entity)) {
    return `Surrogate key of the record: hash of instance, company and ${entity.keys.join(', ')}`;
  }
  const ref = entity.references.find((r) => r.column === column);
  if (ref) {
    const target = ENTITIES.find((e) => e.name === ref.target);
    return `Key of ${target?.table ?? ref.target} (${ref.fields.join(', ')})`;
  }
  return dataColumnComment(column);
}
