/**
 * The entity catalog (SPEC §4) as typed data: where each entity lives in Epicor, its keys, its change cursor,
 * the target table and the dimension keys it carries. Field lists and types are not here: they are read from the
 * service's `$metadata` at run time, so tenant `_c` fields and schema drift need no catalog change.
 */

/** How an entity's changes are found. */
export type CursorDef =
  /** A unique, monotonically assigned number (Epicor's database-wide rowversion). */
  | { type: 'revision'; field: string }
  /** A date/time field that is not unique: paged by composite keyset (field, keys...). */
  | { type: 'datetime'; field: string }
  /** A BAQ column of any orderable type (its Edm type comes from `$metadata`): composite keyset (column, keys...). */
  | { type: 'column'; field: string }
  /** Customer: a date-only field plus an int seconds-since-midnight field, compared as one instant. */
  | { type: 'date+seconds'; dateField: string; secondsField: string }
  /** No orderable unique cursor (some BAQs): offset paging with overlap, de-duplicated by key. */
  | { type: 'offset' };

/** A surrogate key this entity carries that points at another table's `<name>_key`. */
export interface KeyReference {
  /** Column written on this entity's table, e.g. `vendor_key`. */
  column: string;
  /** The entity whose key it equals, e.g. `vendors`. */
  target: string;
  /** This entity's source fields, in the order of the target's key fields. */
  fields: readonly string[];
}

export interface EntityDef {
  /** Name used in config and on the CLI, e.g. `vendors`. */
  name: string;
  /** Epicor service, e.g. `Erp.BO.VendorSvc`. */
  service: string;
  /** Entity set, e.g. `Vendors`. */
  entitySet: string;
  /** Target table name (without catalog/schema). */
  table: string;
  kind: 'dimension' | 'fact';
  /** Epicor key fields, in order (the company field first where there is one). */
  keys: readonly string[];
  /** Field holding the company code (`Company`, or `Company1` on Company itself). */
  companyField: string;
  /** Default cursor. */
  cursor: CursorDef;
  /** Other cursors a user may pick for this entity in config. */
  alternativeCursors: readonly CursorDef[];
  /** Field used for `_source_record_id`. */
  recordIdField: string;
  /** Dimension (and header) keys written on this table. */
  references: readonly KeyReference[];
  /**
   * Fields Epicor stores as a calendar date (SQL `date`: no time of day, no zone), loaded as DATE; every other
   * date/time field is an instant, loaded as TIMESTAMP (mapping/column-types.ts says how it was decided).
   * `$metadata` cannot tell them apart: Epicor declares both as Edm.DateTimeOffset.
   */
  dateFields?: readonly string[];
  /** Per-entity source-field → column-name overrides, on top of the global ones in mapping. */
  columnOverrides?: Readonly<Record<string, string>>;
  /** BAQ parameters sent as query options (BAQ entities only). */
  parameters?: Readonly<Record<string, string>>;
}

const REV: CursorDef = { type: 'revision', field: 'SysRevID' };
const CHANGE_DATE: CursorDef = { type: 'datetime', field: 'ChangeDate' };

const vendorRef = (vendorField = 'VendorNum'): KeyReference => ({
  column: 'vendor_key',
  target: 'vendors',
  fields: ['Company', vendorField],
});

export const ENTITIES: readonly EntityDef[] = [
  {
    name: 'companies',
    service: 'Erp.BO.CompanySvc',
    entitySet: 'Companies',
    table: 'dim_company',
    kind: 'dimension',
    keys: ['Company1'],
    companyField: 'Company1',
    cursor: REV,
    alternativeCursors: [],
    recordIdField: 'SysRowID',
    references: [],
  },
  {
    name: 'vendors',
    service: 'Erp.BO.VendorSvc',
    entitySet: 'Vendors',
    table: 'dim_vendor',
    kind: 'dimension',
    keys: ['Company', 'VendorNum'],
    companyField: 'Company',
    cursor: REV,
    alternativeCursors: [],
    recordIdField: 'SysRowID',
    references: [],
  },
  {
    name: 'customers',
    service: 'Erp.BO.CustomerSvc',
    entitySet: 'Customers',
    table: 'dim_customer',
    kind: 'dimension',
    keys: ['Company', 'CustNum'],
    companyField: 'Company',
    cursor: REV,
    alternativeCursors: [{ type: 'date+seconds', dateField: 'ChangeDate', secondsField: 'ChangeTime' }],
    recordIdField: 'SysRowID',
    dateFields: ['EstDate', 'ChangeDate'],
    references: [],
  },
  {
    name: 'parts',
    service: 'Erp.BO.PartSvc',
    entitySet: 'Parts',
    table: 'dim_part',
    kind: 'dimension',
    keys: ['Company', 'PartNum'],
    companyField: 'Company',
    cursor: REV,
    alternativeCursors: [{ type: 'datetime', field: 'ChangedOn' }],
    recordIdField: 'SysRowID',
    references: [],
  },
  {
    name: 'gl_accounts',
    service: 'Erp.BO.GLAccountSvc',
    entitySet: 'GLAccounts',
    table: 'dim_gl_account',
    kind: 'dimension',
    keys: ['Company', 'COACode', 'GLAccount1'],
    companyField: 'Company',
    cursor: REV,
    alternativeCursors: [],
    recordIdField: 'SysRowID',
    dateFields: ['EffFrom', 'EffTo'],
    references: [],
  },
  {
    name: 'purchase_orders',
    service: 'Erp.BO.POSvc',
    entitySet: 'POes',
    table: 'fact_purchase_order',
    kind: 'fact',
    keys: ['Company', 'PONum'],
    companyField: 'Company',
    cursor: REV,
    alternativeCursors: [CHANGE_DATE],
    recordIdField: 'SysRowID',
    dateFields: ['OrderDate', 'DueDate', 'PromiseDate'],
    references: [vendorRef()],
  },
  {
    name: 'purchase_order_lines',
    service: 'Erp.BO.POSvc',
    entitySet: 'PODetails',
    table: 'fact_purchase_order_line',
    kind: 'fact',
    keys: ['Company', 'PONUM', 'POLine'],
    companyField: 'Company',
    cursor: REV,
    alternativeCursors: [CHANGE_DATE],
    recordIdField: 'SysRowID',
    dateFields: ['DueDate', 'PromiseDt'],
    references: [
      { column: 'purchase_order_key', target: 'purchase_orders', fields: ['Company', 'PONUM'] },
      vendorRef(),
      { column: 'part_key', target: 'parts', fields: ['Company', 'PartNum'] },
    ],
  },
  {
    name: 'purchase_order_releases',
    service: 'Erp.BO.POSvc',
    entitySet: 'PORels',
    table: 'fact_purchase_order_release',
    kind: 'fact',
    keys: ['Company', 'PONum', 'POLine', 'PORelNum'],
    companyField: 'Company',
    cursor: REV,
    alternativeCursors: [],
    recordIdField: 'SysRowID',
    dateFields: ['DueDate', 'PromiseDt'],
    references: [
      { column: 'purchase_order_key', target: 'purchase_orders', fields: ['Company', 'PONum'] },
      { column: 'purchase_order_line_key', target: 'purchase_order_lines', fields: ['Company', 'PONum', 'POLine'] },
    ],
  },
  {
    name: 'ap_invoices',
    service: 'Erp.BO.APInvoiceSvc',
    entitySet: 'APInvoices',
    table: 'fact_ap_invoice',
    kind: 'fact',
    keys: ['Company', 'VendorNum', 'InvoiceNum'],
    companyField: 'Company',
    cursor: REV,
    alternativeCursors: [CHANGE_DATE],
    recordIdField: 'SysRowID',
    dateFields: ['InvoiceDate', 'DueDate', 'ApplyDate'],
    references: [
      vendorRef(),
      { column: 'purchase_order_key', target: 'purchase_orders', fields: ['Company', 'REFPONum'] },
    ],
  },
  {
    name: 'ap_invoice_lines',
    service: 'Erp.BO.APInvoiceSvc',
    entitySet: 'APInvDtls',
    table: 'fact_ap_invoice_line',
    kind: 'fact',
    keys: ['Company', 'VendorNum', 'InvoiceNum', 'InvoiceLine'],
    companyField: 'Company',
    cursor: REV,
    alternativeCursors: [CHANGE_DATE],
    recordIdField: 'SysRowID',
    references: [
      { column: 'ap_invoice_key', target: 'ap_invoices', fields: ['Company', 'VendorNum', 'InvoiceNum'] },
      vendorRef(),
      { column: 'part_key', target: 'parts', fields: ['Company', 'PartNum'] },
      { column: 'purchase_order_key', target: 'purchase_orders', fields: ['Company', 'PONum'] },
    ],
  },
  {
    name: 'payments',
    service: 'Erp.BO.PaymentEntrySvc',
    entitySet: 'PaymentEntries',
    table: 'fact_ap_payment',
    kind: 'fact',
    keys: ['Company', 'HeadNum'],
    companyField: 'Company',
    cursor: REV,
    alternativeCursors: [CHANGE_DATE],
    recordIdField: 'SysRowID',
    dateFields: ['CheckDate'],
    references: [vendorRef()],
  },
  {
    name: 'payment_lines',
    service: 'Erp.BO.PaymentEntrySvc',
    entitySet: 'APTrans',
    table: 'fact_ap_payment_line',
    kind: 'fact',
    keys: ['Company', 'HeadNum', 'APTranNo', 'InvoiceNum', 'Voided'],
    companyField: 'Company',
    cursor: REV,
    alternativeCursors: [CHANGE_DATE],
    recordIdField: 'SysRowID',
    dateFields: ['TranDate'],
    references: [
      { column: 'ap_payment_key', target: 'payments', fields: ['Company', 'HeadNum'] },
      { column: 'ap_invoice_key', target: 'ap_invoices', fields: ['Company', 'VendorNum', 'InvoiceNum'] },
      vendorRef(),
    ],
  },
  {
    name: 'gl_journal_lines',
    service: 'Erp.BO.GLJrnDtlSvc',
    entitySet: 'GLJrnDtls',
    table: 'fact_gl_journal_line',
    kind: 'fact',
    keys: ['Company', 'BookID', 'FiscalYear', 'FiscalYearSuffix', 'JournalCode', 'JournalNum', 'JournalLine'],
    companyField: 'Company',
    cursor: REV,
    alternativeCursors: [{ type: 'datetime', field: 'CreateDate' }],
    recordIdField: 'SysRowID',
    dateFields: ['JEDate', 'PostedDate'],
    references: [{ column: 'gl_account_key', target: 'gl_accounts', fields: ['Company', 'COACode', 'GLAccount'] }],
  },
  // Receipts, purchasing terms and the fiscal calendar (for the analytics views). Service, set and key names as the
  // REST v2 swagger of a live tenant has them (public generated client Snolandia/EpicorRestAPI_MethodsSchemas:
  // Erp_BO_ReceiptSvc.tsx, Erp_BO_PurTermsSvc.tsx, Erp_BO_FiscalCalSvc.tsx). Vendor and invoice TermsCode point
  // at PurTerms (AP terms); Erp.BO.TermsSvc holds customer terms.
  {
    name: 'receipts',
    service: 'Erp.BO.ReceiptSvc',
    entitySet: 'Receipts',
    table: 'fact_receipt',
    kind: 'fact',
    keys: ['Company', 'VendorNum', 'PurPoint', 'PackSlip'],
    companyField: 'Company',
    cursor: REV,
    alternativeCursors: [CHANGE_DATE],
    recordIdField: 'SysRowID',
    references: [
      vendorRef(),
      { column: 'purchase_order_key', target: 'purchase_orders', fields: ['Company', 'PONum'] },
    ],
  },
  {
    name: 'receipt_lines',
    service: 'Erp.BO.ReceiptSvc',
    entitySet: 'RcvDtls',
    table: 'fact_receipt_line',
    kind: 'fact',
    keys: ['Company', 'VendorNum', 'PurPoint', 'PackSlip', 'PackLine'],
    companyField: 'Company',
    cursor: REV,
    alternativeCursors: [CHANGE_DATE],
    recordIdField: 'SysRowID',
    references: [
      { column: 'receipt_key', target: 'receipts', fields: ['Company', 'VendorNum', 'PurPoint', 'PackSlip'] },
      vendorRef(),
      { column: 'part_key', target: 'parts', fields: ['Company', 'PartNum'] },
      { column: 'purchase_order_key', target: 'purchase_orders', fields: ['Company', 'PONum'] },
      { column: 'purchase_order_line_key', target: 'purchase_order_lines', fields: ['Company', 'PONum', 'POLine'] },
      {
        column: 'purchase_order_release_key',
        target: 'purchase_order_releases',
        fields: ['Company', 'PONum', 'POLine', 'PORelNum'],
      },
    ],
  },
  {
    name: 'terms',
    service: 'Erp.BO.PurTermsSvc',
    entitySet: 'PurTerms',
    table: 'dim_terms',
    kind: 'dimension',
    keys: ['Company', 'TermsCode'],
    companyField: 'Company',
    cursor: REV,
    alternativeCursors: [],
    recordIdField: 'SysRowID',
    references: [],
  },
  {
    name: 'fiscal_periods',
    service: 'Erp.BO.FiscalCalSvc',
    entitySet: 'FiscalPers',
    table: 'dim_fiscal_period',
    kind: 'dimension',
    keys: ['Company', 'FiscalCalendarID', 'FiscalYear', 'FiscalYearSuffix', 'FiscalPeriod'],
    companyField: 'Company',
    cursor: REV,
    alternativeCursors: [],
    recordIdField: 'SysRowID',
    references: [],
  },
];

/** Configuration of one `baq:<BAQID>` entity (from `entities:` in the config). */
export interface BaqConfig {
  id: string;
  keys: readonly string[];
  /** Cursor column; omitted → offset paging with overlap. */
  cursor?: string;
  parameters?: Readonly<Record<string, string>>;
}

/** Builds the catalog entry of a BAQ. BAQs have no company column of their own: the URL company is used. */
export function baqEntity(baq: BaqConfig): EntityDef {
  return {
    name: `baq:${baq.id}`,
    service: 'BaqSvc',
    entitySet: `${baq.id}/Data`,
    table: `baq_${baq.id.toLowerCase().replace(/[^a-z0-9_]/g, '_')}`,
    kind: 'fact',
    keys: baq.keys,
    companyField: '',
    // A BAQ column is not known to be unique (joins repeat values), so it is paged with the keys as tie-breakers.
    cursor: baq.cursor ? { type: 'column', field: baq.cursor } : { type: 'offset' },
    alternativeCursors: [],
    recordIdField: baq.keys.length === 1 ? baq.keys[0] : 'RowIdent',
    references: [],
    parameters: baq.parameters,
  };
}

export function entityByName(name: string): EntityDef | undefined {
  return ENTITIES.find((e) => e.name === name);
}

/** `<name>_key`: the surrogate key column of an entity's table (`dim_vendor` → `vendor_key`). */
export function surrogateKeyColumn(entity: EntityDef): string {
  return `${entity.table.replace(/^(dim|fact|baq)_/, '')}_key`;
}
