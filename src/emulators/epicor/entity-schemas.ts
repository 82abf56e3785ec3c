import { TENANT_ROW_FIELDS } from './tenant-row-fields.ts';

/**
 * The entity sets as Epicor names them (service, entity set, row type, keys, fields with Edm types).
 * Fields are written compactly as `Name:code` where the code is the Edm type:
 * s String, i Int32, l Int64, m Decimal(20,4), u Decimal(18,9) (UD numbers), t DateTimeOffset, b Boolean, g Guid;
 * a trailing `?` marks a nullable field (dates are always nullable).
 */

import { ANALYTICS_SOURCES } from './analytics-entity-schemas.ts';

export type EdmType =
  | 'Edm.String'
  | 'Edm.Int32'
  | 'Edm.Int64'
  | 'Edm.Decimal'
  | 'Edm.DateTimeOffset'
  | 'Edm.Boolean'
  | 'Edm.Guid';

export interface FieldDef {
  name: string;
  type: EdmType;
  nullable: boolean;
  precision?: number;
  scale?: number;
}

export interface EntitySchema {
  service: string;
  entitySet: string;
  /** Entity type name in $metadata, e.g. `VendorRow`. */
  rowType: string;
  keys: readonly string[];
  fields: readonly FieldDef[];
  fieldMap: ReadonlyMap<string, FieldDef>;
}

const CODES: Record<string, Omit<FieldDef, 'name' | 'nullable'>> = {
  s: { type: 'Edm.String' },
  i: { type: 'Edm.Int32' },
  l: { type: 'Edm.Int64' },
  m: { type: 'Edm.Decimal', precision: 20, scale: 4 },
  u: { type: 'Edm.Decimal', precision: 18, scale: 9 },
  t: { type: 'Edm.DateTimeOffset' },
  b: { type: 'Edm.Boolean' },
  g: { type: 'Edm.Guid' },
};

/** Parses the compact `Name:code` list. */
export function parseFields(spec: string): FieldDef[] {
  return spec
    .trim()
    .split(/\s+/)
    .map((item) => {
      const [name, raw] = item.split(':');
      const nullable = raw.endsWith('?') || raw.startsWith('t');
      const code = CODES[raw.replace('?', '')];
      if (!code) throw new Error(`bad field spec ${item}`);
      return { name, nullable, ...code };
    });
}

/** Fields every Epicor row carries, after the business fields. */
const SYSTEM = 'SysRevID:l SysRowID:g RowMod:s BitFlag:i';

export interface SchemaSource {
  service: string;
  entitySet: string;
  rowType: string;
  keys: string[];
  fields: string;
}

const SOURCES: SchemaSource[] = [
  {
    service: 'Erp.BO.CompanySvc',
    entitySet: 'Companies',
    rowType: 'CompanyRow',
    keys: ['Company1'],
    fields:
      'Company1:s Name:s Address1:s City:s State:s Zip:s Country:s CurrentFiscalYear:i FiscalCalendarID:s LegalName:s BaseCurrCode:s',
  },
  {
    service: 'Erp.BO.VendorSvc',
    entitySet: 'Vendors',
    rowType: 'VendorRow',
    keys: ['Company', 'VendorNum'],
    fields:
      'Company:s VendorNum:i VendorID:s Name:s Address1:s Address2:s Address3:s City:s State:s ZIP:s Country:s ' +
      'CurrencyCode:s TermsCode:s GroupCode:s Inactive:b PayHold:b EMailAddress:s PhoneNum:s TaxPayerID:s PurPoint:s',
  },
  {
    service: 'Erp.BO.CustomerSvc',
    entitySet: 'Customers',
    rowType: 'CustomerRow',
    keys: ['Company', 'CustNum'],
    fields:
      'Company:s CustNum:i CustID:s Name:s Address1:s City:s State:s Zip:s Country:s CurrencyCode:s TermsCode:s ' +
      'GroupCode:s CustomerType:s CreditHold:b CreditLimit:m TerritoryID:s SalesRepCode:s EMailAddress:s PhoneNum:s ' +
      'EstDate:t Inactive:b ChangedBy:s ChangeDate:t ChangeTime:i',
  },
  {
    service: 'Erp.BO.PartSvc',
    entitySet: 'Parts',
    rowType: 'PartRow',
    keys: ['Company', 'PartNum'],
    fields:
      'Company:s PartNum:s PartDescription:s SearchWord:s TypeCode:s ClassID:s ProdCode:s IUM:s PUM:s SalesUM:s ' +
      'UOMClassID:s UnitPrice:m CostMethod:s NonStock:b InActive:b OnHold:b TrackLots:b TrackSerialNum:b ' +
      'CreatedBy:s CreatedOn:t ChangedOn:t',
  },
  {
    service: 'Erp.BO.GLAccountSvc',
    entitySet: 'GLAccounts',
    rowType: 'GLAccountRow',
    keys: ['Company', 'COACode', 'GLAccount1'],
    fields:
      'Company:s COACode:s GLAccount1:s AccountDesc:s ' +
      Array.from({ length: 20 }, (_, i) => `SegValue${i + 1}:s`).join(' ') +
      ' Active:b EffFrom:t EffTo:t MultiCompany:b ParentGLAccount:s GlobalCOA:b',
  },
  {
    service: 'Erp.BO.POSvc',
    entitySet: 'POes',
    rowType: 'POHeaderRow',
    keys: ['Company', 'PONum'],
    fields:
      'Company:s PONum:i OrderDate:t VendorNum:i BuyerID:s TermsCode:s ShipViaCode:s FOB:s CurrencyCode:s ' +
      'ExchangeRate:m OpenOrder:b VoidOrder:b OrderHeld:b Approve:b ApprovalStatus:s POType:s DueDate:t ' +
      'PromiseDate:t TotalOrder:m DocTotalOrder:m VendorVendorID:s VendorName:s ChangedBy:s ChangeDate:t',
  },
  {
    service: 'Erp.BO.POSvc',
    entitySet: 'PODetails',
    rowType: 'PODetailRow',
    keys: ['Company', 'PONUM', 'POLine'],
    fields:
      'Company:s PONUM:i POLine:i PartNum:s VenPartNum:s LineDesc:s IUM:s PUM:s OrderQty:m XOrderQty:m UnitCost:m ' +
      'DocUnitCost:m ExtCost:m DocExtCost:m CostPerCode:s OpenLine:b VoidLine:b DueDate:t VendorNum:i ClassID:s ' +
      'ChangedBy:s ChangeDate:t',
  },
  {
    service: 'Erp.BO.POSvc',
    entitySet: 'PORels',
    rowType: 'PORelRow',
    keys: ['Company', 'PONum', 'POLine', 'PORelNum'],
    fields:
      'Company:s PONum:i POLine:i PORelNum:i DueDate:t PromiseDt:t RelQty:m XRelQty:m ReceivedQty:m ArrivedQty:m ' +
      'InvoicedQty:m OpenRelease:b VoidRelease:b WarehouseCode:s Plant:s JobNum:s',
  },
  {
    service: 'Erp.BO.APInvoiceSvc',
    entitySet: 'APInvoices',
    rowType: 'APInvHedRow',
    keys: ['Company', 'VendorNum', 'InvoiceNum'],
    fields:
      'Company:s VendorNum:i InvoiceNum:s InvoiceDate:t DueDate:t ApplyDate:t FiscalYear:i FiscalPeriod:i ' +
      'InvoiceAmt:m DocInvoiceAmt:m InvoiceBal:m DocInvoiceBal:m TaxAmt:m OpenPayable:b Posted:b DebitMemo:b ' +
      'CurrencyCode:s ExchangeRate:m TermsCode:s GroupID:s REFPONum:i Description:s InvoiceRef:s ChangedBy:s ChangeDate:t ' +
      'DiscountDate:t DiscountAmt:m DocDiscountAmt:m',
  },
  {
    service: 'Erp.BO.APInvoiceSvc',
    entitySet: 'APInvDtls',
    rowType: 'APInvDtlRow',
    keys: ['Company', 'VendorNum', 'InvoiceNum', 'InvoiceLine'],
    fields:
      'Company:s VendorNum:i InvoiceNum:s InvoiceLine:i LineType:s PartNum:s Description:s PONum:i POLine:i ' +
      'PORelNum:i PackSlip:s PackLine:i VendorQty:m OurQty:m PUM:s IUM:s UnitCost:m DocUnitCost:m ExtCost:m ' +
      'DocExtCost:m ChangedBy:s ChangeDate:t',
  },
  {
    service: 'Erp.BO.PaymentEntrySvc',
    entitySet: 'PaymentEntries',
    rowType: 'CheckHedRow',
    keys: ['Company', 'HeadNum'],
    fields:
      'Company:s HeadNum:i GroupID:s CheckNum:i CheckDate:t VendorNum:i Name:s CheckAmt:m DocCheckAmt:m ' +
      'CurrencyCode:s BankAcctID:s PMUID:i Posted:b Voided:b ClearedCheck:b CheckSrc:s FiscalYear:i ' +
      'FiscalPeriod:i ChangedBy:s ChangeDate:t',
  },
  {
    service: 'Erp.BO.PaymentEntrySvc',
    entitySet: 'APTrans',
    rowType: 'APTranRow',
    keys: ['Company', 'HeadNum', 'APTranNo', 'InvoiceNum', 'Voided'],
    fields:
      'Company:s HeadNum:i APTranNo:i InvoiceNum:s Voided:b TranType:s TranDate:t TranAmt:m DocTranAmt:m ' +
      'DiscAmt:m CheckNum:i VendorNum:i Posted:b FiscalYear:i FiscalPeriod:i ChangedBy:s ChangeDate:t DocDiscAmt:m',
  },
  {
    service: 'Erp.BO.GLJrnDtlSvc',
    entitySet: 'GLJrnDtls',
    rowType: 'GLJrnDtlRow',
    keys: ['Company', 'BookID', 'FiscalYear', 'FiscalYearSuffix', 'JournalCode', 'JournalNum', 'JournalLine'],
    fields:
      'Company:s BookID:s FiscalYear:i FiscalYearSuffix:s JournalCode:s JournalNum:i JournalLine:i FiscalPeriod:i ' +
      'JEDate:t PostedDate:t Posted:b GLAccount:s COACode:s SegValue1:s SegValue2:s Description:s DebitAmount:m ' +
      'CreditAmount:m BookDebitAmount:m BookCreditAmount:m SourceModule:s CurrencyCode:s CreateDate:t',
  },
  // Receipts, purchasing terms and fiscal periods (analytics): appended, so earlier sets keep their generation salts.
  ...ANALYTICS_SOURCES,
];

/**
 * Tenant user-defined fields (`_c`) per company and entity set. They differ between the two companies on purpose:
 * schema drift between tenants is normal.
 */
const UD_FIELDS: Record<string, Record<string, string>> = {
  EPIC06: {
    Companies: 'Character01_c:s',
    Vendors: 'Character01_c:s? Number01_c:u CheckBox01_c:b',
    Customers: 'Character01_c:s?',
    Parts: 'Number01_c:u CheckBox01_c:b',
    GLAccounts: 'Character01_c:s?',
    POes: 'CheckBox01_c:b Character01_c:s?',
    PODetails: 'Character01_c:s?',
    APInvoices: 'Character01_c:s? Date01_c:t',
    PaymentEntries: 'Character01_c:s?',
  },
  EPIC07: {
    Vendors: 'Character01_c:s? ShortChar01_c:s Date01_c:t',
    Customers: 'Character01_c:s?',
    Parts: 'Character01_c:s?',
    POes: 'CheckBox01_c:b Number01_c:u',
    APInvoices: 'Character01_c:s?',
    GLJrnDtls: 'Character01_c:s?',
  },
};

/** Companies the emulator hosts, in generation order. */
export const COMPANIES = ['EPIC06', 'EPIC07'] as const;

/** Entity sets in generation order (parents before children). */
export const ENTITY_SETS = SOURCES.map((s) => s.entitySet);

/** Whether a field is a tenant user-defined field. */
export const isUdField = (name: string): boolean => name.endsWith('_c');

function build(source: SchemaSource, company: string): EntitySchema {
  const ud = UD_FIELDS[company]?.[source.entitySet] ?? '';
  const fields = [...parseFields(source.fields), ...parseFields(SYSTEM), ...(ud ? parseFields(ud) : [])];
  for (const f of fields) if (source.keys.includes(f.name)) f.nullable = false;
  return {
    service: source.service,
    entitySet: source.entitySet,
    rowType: source.rowType,
    keys: source.keys,
    fields,
    fieldMap: new Map(fields.map((f) => [f.name, f])),
  };
}

const BY_COMPANY = new Map<string, Map<string, EntitySchema>>(
  COMPANIES.map((c) => [c, new Map(SOURCES.map((s) => [s.entitySet, build(s, c)]))]),
);

/** The legacy UD columns of Epicor 10 tables (kept by tenants upgraded from E10). */
const LEGACY_UD = [
  ...udRun('Character', 10, 's'),
  ...udRun('Number', 20, 'u'),
  ...udRun('Date', 20, 't'),
  ...udRun('CheckBox', 20, 'b'),
  ...udRun('ShortChar', 10, 's'),
].join(' ');

function udRun(prefix: string, n: number, code: string): string[] {
  return Array.from({ length: n }, (_, i) => `${prefix}${String(i + 1).padStart(2, '0')}:${code}`);
}

function buildWide(narrow: EntitySchema): EntitySchema {
  const have = new Set(narrow.fields.map((f) => f.name));
  // Business fields come first, then the system fields from SysRevID on, then the company's `_c` fields.
  const sysAt = narrow.fields.findIndex((f) => f.name === 'SysRevID');
  const businessCount = sysAt < 0 ? narrow.fields.length : sysAt;
  const tenantSpec = TENANT_ROW_FIELDS[narrow.rowType];
  const tenant = tenantSpec ? parseFields(tenantSpec).filter((f) => !have.has(f.name)) : [];
  const extra = [...tenant, ...parseFields(LEGACY_UD).filter((f) => !have.has(f.name))];
  for (const f of extra) f.nullable = true;
  const fields = [...narrow.fields.slice(0, businessCount), ...extra, ...narrow.fields.slice(businessCount)];
  return { ...narrow, fields, fieldMap: new Map(fields.map((f) => [f.name, f])) };
}

const WIDE = new Map<string, EntitySchema>();

/**
 * The wide schema of an entity set (`wideRows` switch): the narrow schema's business fields first (same values),
 * then the live tenant's other fields and the legacy UD columns, then system and `_c` fields.
 */
export function wideSchemaFor(company: string, entitySet: string): EntitySchema {
  const key = `${company}\u0000${entitySet}`;
  let wide = WIDE.get(key);
  if (!wide) {
    wide = buildWide(schemaFor(company, entitySet));
    WIDE.set(key, wide);
  }
  return wide;
}

/** The schema of one entity set as seen by one company (with that company's `_c` fields). */
export function schemaFor(company: string, entitySet: string): EntitySchema {
  const schema = BY_COMPANY.get(company)?.get(entitySet);
  if (!schema) throw new Error(`no schema for ${company}/${entitySet}`);
  return schema;
}

/** Entity sets served by one service, e.g. `Erp.BO.POSvc` → POes, PODetails, PORels. */
export function entitySetsOfService(service: string): string[] {
  return SOURCES.filter((s) => s.service === service).map((s) => s.entitySet);
}

export const SERVICES = [...new Set(SOURCES.map((s) => s.service))];
