import { describe, expect, it } from 'vitest';
import { ENTITIES } from '../source/epicor/catalog.ts';
import { assignColumnNames, columnNameChoice, isValidIdentifier, toSnakeCase } from './naming.ts';

/** Every field named in the reference's entities table (keys + important fields), per row type. */
const REFERENCE_FIELDS: Record<string, string> = {
  Company: 'Company1 Name Address1 City State Zip Country CurrentFiscalYear FiscalCalendarID LegalName',
  Vendor:
    'Company VendorNum VendorID Name Address1 Address2 Address3 City State ZIP Country CurrencyCode TermsCode GroupCode Inactive PayHold EMailAddress PhoneNum TaxPayerID PurPoint',
  Customer:
    'Company CustNum CustID Name Address1 City State Zip Country CurrencyCode TermsCode GroupCode CustomerType CreditHold CreditLimit TerritoryID SalesRepCode EMailAddress PhoneNum EstDate Inactive',
  Part: 'Company PartNum PartDescription SearchWord TypeCode ClassID ProdCode IUM PUM SalesUM UOMClassID UnitPrice CostMethod NonStock InActive OnHold TrackLots TrackSerialNum',
  GLAccount: `Company COACode GLAccount1 AccountDesc ${Array.from({ length: 20 }, (_, i) => `SegValue${i + 1}`).join(' ')} Active EffFrom EffTo MultiCompany ParentGLAccount GlobalCOA`,
  POHeader:
    'Company PONum OrderDate VendorNum BuyerID TermsCode ShipViaCode FOB CurrencyCode ExchangeRate OpenOrder VoidOrder OrderHeld Approve ApprovalStatus POType DueDate PromiseDate TotalOrder DocTotalOrder VendorVendorID VendorName',
  PODetail:
    'Company PONUM POLine PartNum VenPartNum LineDesc IUM PUM OrderQty XOrderQty UnitCost DocUnitCost ExtCost DocExtCost CostPerCode OpenLine VoidLine DueDate VendorNum ClassID',
  PORel:
    'Company PONum POLine PORelNum DueDate PromiseDt RelQty XRelQty ReceivedQty ArrivedQty InvoicedQty OpenRelease VoidRelease WarehouseCode Plant JobNum',
  APInvHed:
    'Company VendorNum InvoiceNum InvoiceDate DueDate ApplyDate FiscalYear FiscalPeriod InvoiceAmt DocInvoiceAmt InvoiceBal DocInvoiceBal TaxAmt OpenPayable Posted DebitMemo CurrencyCode ExchangeRate TermsCode GroupID REFPONum Description InvoiceRef',
  APInvDtl:
    'Company VendorNum InvoiceNum InvoiceLine LineType PartNum Description PONum POLine PORelNum PackSlip PackLine VendorQty OurQty PUM IUM UnitCost DocUnitCost ExtCost DocExtCost',
  CheckHed:
    'Company HeadNum GroupID CheckNum CheckDate VendorNum Name CheckAmt DocCheckAmt CurrencyCode BankAcctID PMUID Posted Voided ClearedCheck CheckSrc FiscalYear FiscalPeriod',
  APTran:
    'Company HeadNum APTranNo InvoiceNum Voided TranType TranDate TranAmt DocTranAmt DiscAmt CheckNum VendorNum Posted FiscalYear FiscalPeriod',
  GLJrnDtl:
    'Company BookID FiscalYear FiscalYearSuffix JournalCode JournalNum JournalLine FiscalPeriod JEDate PostedDate Posted GLAccount COACode SegValue1 SegValue2 Description DebitAmount CreditAmount BookDebitAmount BookCreditAmount SourceModule CurrencyCode',
  Common: 'SysRevID SysRowID ChangedBy ChangeDate ChangeTime ChangedOn CreatedOn CreatedBy CreateDate Character01_c',
};

const name = (field: string) => columnNameChoice(field).preferred;

describe('column naming', () => {
  it.each([
    ['VendorNum', 'vendor_num'],
    ['CurrencyCode', 'currency_code'],
    ['PONUM', 'po_num'],
    ['PONum', 'po_num'],
    ['SysRevID', 'sys_rev_id'],
    ['COACode', 'coa_code'],
    ['GLAccount', 'gl_account'],
    ['SegValue1', 'seg_value1'],
    ['SegValue20', 'seg_value20'],
    ['Address1', 'address1'],
    ['ZIP', 'zip'],
    ['Zip', 'zip'],
    ['Character01_c', 'character01_c'],
    ['VendorID', 'vendor_id'],
    ['InvoiceNum', 'invoice_number'],
    ['GLAccount1', 'gl_account'],
    ['Company1', 'company'],
    ['EMailAddress', 'email_address'],
    ['REFPONum', 'ref_po_num'],
    ['InActive', 'inactive'],
    ['Inactive', 'inactive'],
    ['APTranNo', 'ap_tran_no'],
    ['UOMClassID', 'uom_class_id'],
    ['JEDate', 'je_date'],
    ['XOrderQty', 'x_order_qty'],
    ['ParentGLAccount', 'parent_gl_account'],
    ['GlobalCOA', 'global_coa'],
    ['PMUID', 'pm_uid'],
    ['SalesUM', 'sales_um'],
    ['PODetail_PONUM', 'po_detail_po_num'],
    ['Vendor_VendorID', 'vendor_vendor_id'],
    ['Calculated_OpenAmt', 'calculated_open_amt'],
  ])('%s → %s', (field, expected) => {
    expect(name(field)).toBe(expected);
  });

  it('gives every field of the reference entities a valid, readable name', () => {
    const overridden = new Set(['PONUM', 'InvoiceNum', 'GLAccount1', 'Company1', 'InActive', 'PMUID']);
    for (const [rowType, list] of Object.entries(REFERENCE_FIELDS)) {
      for (const field of list.split(' ')) {
        const n = name(field);
        expect(isValidIdentifier(n), `${rowType}.${field} → ${n}`).toBe(true);
        expect(n, `${rowType}.${field}`).not.toMatch(/__|^_|_$/);
        // Readable: the plain rule only inserts word breaks, so the letters are the field's own.
        if (!overridden.has(field))
          expect(n.replaceAll('_', ''), `${rowType}.${field}`).toBe(field.toLowerCase().replaceAll('_', ''));
      }
    }
  });

  it('uses per-entity overrides ahead of the global table', () => {
    expect(columnNameChoice('VendorID', { VendorID: 'supplier_code' })).toEqual({
      preferred: 'supplier_code',
      natural: 'vendor_id',
      origin: 'entity-override',
    });
    expect(columnNameChoice('constructor').preferred).toBe('constructor');
    expect(columnNameChoice('toString').preferred).toBe('to_string');
  });

  it('snake-cases plain words and acronyms', () => {
    expect(toSnakeCase('HTTPServerURL')).toBe('http_server_url');
    expect(toSnakeCase('A')).toBe('a');
    expect(toSnakeCase('Address1Line')).toBe('address1_line');
  });
});

describe('assignColumnNames', () => {
  it('skips names that cannot be identifiers and reports them', () => {
    const hostile = [
      "Bad'Quote_c",
      'Back`tick_c',
      'Semi;colon_c',
      'Drop--Table_c',
      'Space Name_c',
      'Größe_c',
      `Long${'x'.repeat(200)}_c`,
      'x"); DROP TABLE t; --',
      '',
    ];
    const result = assignColumnNames(['VendorNum', ...hostile, 'Name'], []);
    expect(result.named.map((n) => n.column)).toEqual(['vendor_num', 'name']);
    expect(result.skipped.map((s) => s.field)).toEqual(hostile);
    for (const s of result.skipped) expect(s.reason).toMatch(/cannot become a valid column name/);
  });

  it('falls back to the natural name when an override is not a valid identifier', () => {
    const result = assignColumnNames(['VendorID'], [], { VendorID: 'bad name' });
    expect(result.named).toEqual([{ field: 'VendorID', column: 'vendor_id' }]);
  });

  it('resolves collisions deterministically, independent of metadata order', () => {
    // GLAccount (natural gl_account) beats GLAccount1 (override → gl_account); GLAccount1 falls back to gl_account1.
    const fields = ['GLAccount1', 'GLAccount', 'Zip', 'ZIP', 'InvoiceNumber', 'InvoiceNum'];
    const a = assignColumnNames(fields, []);
    const b = assignColumnNames([...fields].reverse(), []);
    const asMap = (r: typeof a) => Object.fromEntries(r.named.map((n) => [n.field, n.column]));
    expect(asMap(a)).toEqual({
      GLAccount: 'gl_account',
      GLAccount1: 'gl_account1',
      ZIP: 'zip',
      Zip: 'zip_2',
      InvoiceNumber: 'invoice_number',
      InvoiceNum: 'invoice_num',
    });
    expect(asMap(b)).toEqual(asMap(a));
    // Output order follows the input (metadata) order.
    expect(a.named.map((n) => n.field)).toEqual(fields);
  });

  it('never gives a data field a reserved column name', () => {
    const result = assignColumnNames(['Vendor_Key', '_sync_id'], ['vendor_key', '_sync_id']);
    expect(result.named).toEqual([
      { field: 'Vendor_Key', column: 'vendor_key_2' },
      { field: '_sync_id', column: '_sync_id_2' },
    ]);
  });

  it('skips a field listed twice', () => {
    const result = assignColumnNames(['Name', 'Name'], []);
    expect(result.named).toHaveLength(1);
    expect(result.skipped).toEqual([{ field: 'Name', reason: 'field listed twice in $metadata' }]);
  });

  it('accepts the catalog column overrides', () => {
    for (const e of ENTITIES) {
      for (const column of Object.values(e.columnOverrides ?? {})) expect(isValidIdentifier(column)).toBe(true);
    }
  });
});
