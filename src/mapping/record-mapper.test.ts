import { describe, expect, it } from 'vitest';
import { baqEntity, type EntityDef, entityByName } from '../source/epicor/catalog.ts';
import type { SourceField } from '../source/epicor/source-field.ts';
import { buildTargetSchema } from './build-target-schema.ts';
import { createRecordMapper, type MapperContext, type MapResult } from './record-mapper.ts';
import type { Row } from './target-schema.ts';

const BASE = 'https://centralusdtapp73.epicorsaas.com/SaaS5333';
const CTX: MapperContext = {
  instance: BASE,
  company: 'EPIC06',
  syncId: 'sync-20240115-0001',
  syncedAt: new Date('2024-01-15T23:30:00.000Z'),
};

/** `Name:Type[:precision:scale]` list → SourceFields. */
const fields = (spec: string): SourceField[] =>
  spec
    .trim()
    .split(/\s+/)
    .map((s) => {
      const [name, edmType, p, sc] = s.split(':');
      return {
        name,
        edmType: `Edm.${edmType}`,
        nullable: true,
        ...(p ? { precision: Number(p) } : {}),
        ...(sc ? { scale: Number(sc) } : {}),
      };
    });

const COMMON = 'SysRevID:Int64 SysRowID:Guid RowMod:String BitFlag:Int32';
const VENDOR_FIELDS = fields(`Company:String VendorNum:Int32 VendorID:String Name:String Address1:String
  Address2:String Address3:String City:String State:String ZIP:String Country:String CurrencyCode:String
  TermsCode:String GroupCode:String Inactive:Boolean PayHold:Boolean EMailAddress:String PhoneNum:String
  TaxPayerID:String PurPoint:String CreditLimit:Decimal:18:3 EstDate:DateTimeOffset Character01_c:String ${COMMON}`);

const mapperFor = (name: string, spec: SourceField[], ctx: MapperContext = CTX) => {
  const entity = entityByName(name)!;
  const { schema } = buildTargetSchema(entity, spec);
  return { schema, map: createRecordMapper(entity, schema, ctx) };
};

const rowOf = (r: MapResult): Row => {
  if (!r.ok) throw new Error(`expected a row, got bad record ${r.key}: ${r.reason}`);
  return r.row;
};

const vendor = (over: Record<string, unknown> = {}): Record<string, unknown> => ({
  Company: 'EPIC06',
  VendorNum: 123,
  VendorID: 'ACME',
  Name: 'Acme \u0007 Supply — 株式会社',
  Address1: '1 Main St',
  Address2: '',
  Address3: null,
  City: 'Springfield',
  State: 'IL',
  ZIP: '62701',
  Country: 'USA',
  CurrencyCode: 'USD',
  TermsCode: 'N30',
  GroupCode: 'MAT',
  Inactive: false,
  PayHold: 'true',
  EMailAddress: 'ap@acme.example',
  PhoneNum: 5551234,
  TaxPayerID: '12-345',
  PurPoint: '',
  CreditLimit: 0.3,
  EstDate: '2019-06-01T00:00:00',
  Character01_c: 'x'.repeat(10_000),
  SysRevID: '9876543210123',
  SysRowID: 'b5a8e2f0-0000-4000-8000-000000000001',
  RowMod: '',
  BitFlag: 0,
  UnknownNewField_c: 'ignored',
  ...over,
});

describe('createRecordMapper', () => {
  it('maps a vendor record to a typed row with lineage', () => {
    const { schema, map } = mapperFor('vendors', VENDOR_FIELDS);
    const r = map(vendor());
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.key).toBe('Company=EPIC06, VendorNum=123');
    expect(r.rev).toBe(9876543210123n);
    const row = r.row;
    expect(Object.keys(row)).toEqual(schema.columns.map((c) => c.name));
    // `values` (what the Parquet writer takes) are the row's values in schema column order.
    expect(r.values).toEqual(schema.columns.map((c) => row[c.name]));
    expect(row.vendor_key).toMatch(/^[0-9a-f]{32}$/);
    expect(row).toMatchObject({
      company: 'EPIC06',
      vendor_num: 123,
      vendor_id: 'ACME',
      name: 'Acme \u0007 Supply — 株式会社',
      address2: '',
      address3: null,
      zip: '62701',
      inactive: false,
      pay_hold: true,
      email_address: 'ap@acme.example',
      phone_num: '5551234',
      credit_limit: '0.300',
      est_date: new Date('2019-06-01T00:00:00Z'),
      sys_rev_id: 9876543210123n,
      sys_row_id: 'b5a8e2f0-0000-4000-8000-000000000001',
      _source_system: 'epicor-kinetic',
      _source_instance: BASE,
      _source_company: 'EPIC06',
      _source_entity: 'Erp.BO.VendorSvc/Vendors',
      _source_record_id: 'b5a8e2f0-0000-4000-8000-000000000001',
      _source_rev: 9876543210123n,
      _source_url: `${BASE}/api/v2/odata/EPIC06/Erp.BO.VendorSvc/Vendors('EPIC06',123)`,
      _sync_id: 'sync-20240115-0001',
      _synced_at: new Date('2024-01-15T23:30:00.000Z'),
      _sync_date: '2024-01-15',
      _is_deleted: false,
    });
    expect((row.character01_c as string).length).toBe(10_000);
    expect(row).not.toHaveProperty('row_mod');
    expect(row).not.toHaveProperty('unknown_new_field_c');
  });

  it('marks rows deleted when the context says so', () => {
    const { map } = mapperFor('vendors', VENDOR_FIELDS, { ...CTX, deleted: true });
    expect(rowOf(map(vendor()))._is_deleted).toBe(true);
  });

  it('gives a reference column the referenced dimension key of the same record', () => {
    const { map: mapVendor } = mapperFor('vendors', VENDOR_FIELDS);
    const { map: mapPart } = mapperFor(
      'parts',
      fields(`Company:String PartNum:String PartDescription:String ${COMMON}`),
    );
    const { map: mapPo } = mapperFor('purchase_orders', fields(`Company:String PONum:Int32 VendorNum:Int32 ${COMMON}`));
    const { map: mapLine } = mapperFor(
      'purchase_order_lines',
      fields(`Company:String PONUM:Int32 POLine:Int32 PartNum:String VendorNum:Int32 OrderQty:Decimal ${COMMON}`),
    );
    const { map: mapRel } = mapperFor(
      'purchase_order_releases',
      fields(`Company:String PONum:Int32 POLine:Int32 PORelNum:Int32 RelQty:Decimal ${COMMON}`),
    );
    const vendorRow = rowOf(mapVendor(vendor({ VendorNum: 77 })));
    const partRow = rowOf(mapPart({ Company: 'EPIC06', PartNum: 'O\'Brien 10"', SysRevID: 5 }));
    const poRow = rowOf(mapPo({ Company: 'EPIC06', PONum: 5001, VendorNum: 77, SysRevID: 6 }));
    const line = { Company: 'EPIC06', PONUM: 5001, POLine: 2, PartNum: 'O\'Brien 10"', VendorNum: '77' };
    const lineRow = rowOf(mapLine({ ...line, OrderQty: '12.5', SysRevID: 7 }));
    const relRow = rowOf(mapRel({ Company: 'EPIC06', PONum: 5001, POLine: 2, PORelNum: 1, SysRevID: 8 }));

    expect(poRow.vendor_key).toBe(vendorRow.vendor_key);
    expect(lineRow.vendor_key).toBe(vendorRow.vendor_key);
    expect(lineRow.part_key).toBe(partRow.part_key);
    expect(lineRow.purchase_order_key).toBe(poRow.purchase_order_key);
    expect(relRow.purchase_order_key).toBe(poRow.purchase_order_key);
    expect(relRow.purchase_order_line_key).toBe(lineRow.purchase_order_line_key);
    // Different entities with equal key values still get different keys.
    expect(poRow.purchase_order_key).not.toBe(lineRow.purchase_order_line_key);
  });

  it('joins GL journal lines to GL accounts and AP invoices to vendors and POs', () => {
    const { map: mapAcct } = mapperFor(
      'gl_accounts',
      fields(`Company:String COACode:String GLAccount1:String AccountDesc:String ${COMMON}`),
    );
    const { map: mapJrn } = mapperFor(
      'gl_journal_lines',
      fields(`Company:String BookID:String FiscalYear:Int32 FiscalYearSuffix:String JournalCode:String
        JournalNum:Int32 JournalLine:Int32 GLAccount:String COACode:String DebitAmount:Decimal ${COMMON}`),
    );
    const acct = rowOf(mapAcct({ Company: 'EPIC06', COACode: 'MAIN', GLAccount1: '1000|00|00', SysRevID: 1 }));
    const jrnRecord = {
      Company: 'EPIC06',
      BookID: 'MAIN',
      FiscalYear: 2024,
      FiscalYearSuffix: '', // empty is a valid key value
      JournalCode: 'GJ',
      JournalNum: 12,
      JournalLine: 1,
      GLAccount: '1000|00|00',
      COACode: 'MAIN',
      DebitAmount: 100,
      SysRevID: 2,
    };
    const jrn = rowOf(mapJrn(jrnRecord));
    expect(acct.gl_account).toBe('1000|00|00');
    expect(jrn.gl_account_key).toBe(acct.gl_account_key);
    expect(rowOf(mapJrn({ ...jrnRecord, GLAccount: '' })).gl_account_key).toBeNull();

    const { map: mapInv } = mapperFor(
      'ap_invoices',
      fields(`Company:String VendorNum:Int32 InvoiceNum:String REFPONum:Int32 InvoiceAmt:Decimal ${COMMON}`),
    );
    const { map: mapPo } = mapperFor('purchase_orders', fields(`Company:String PONum:Int32 VendorNum:Int32 ${COMMON}`));
    const { map: mapVendor } = mapperFor('vendors', VENDOR_FIELDS);
    const inv = rowOf(mapInv({ Company: 'EPIC06', VendorNum: 77, InvoiceNum: 'INV-1', REFPONum: 5001, SysRevID: 3 }));
    expect(inv.invoice_number).toBe('INV-1');
    expect(inv.vendor_key).toBe(rowOf(mapVendor(vendor({ VendorNum: 77 }))).vendor_key);
    expect(inv.purchase_order_key).toBe(
      rowOf(mapPo({ Company: 'EPIC06', PONum: 5001, SysRevID: 9 })).purchase_order_key,
    );
    // REFPONum 0 / null means "no PO": the reference is null, the record is fine.
    const noPo = mapInv({ Company: 'EPIC06', VendorNum: 77, InvoiceNum: 'INV-2', REFPONum: 0, SysRevID: 4 });
    expect(rowOf(noPo).purchase_order_key).toBeNull();
    expect(
      rowOf(mapInv({ Company: 'EPIC06', VendorNum: 77, InvoiceNum: 'INV-3', SysRevID: 4 })).purchase_order_key,
    ).toBeNull();
  });

  it('reports bad records with the key and a reason naming the field', () => {
    const { map } = mapperFor('vendors', VENDOR_FIELDS);
    const bad = (over: Record<string, unknown>) => {
      const r = map(vendor(over));
      if (r.ok) throw new Error('expected a bad record');
      return r;
    };
    expect(bad({ VendorNum: null })).toEqual({
      ok: false,
      key: 'Company=EPIC06, VendorNum=null',
      reason: 'missing key field VendorNum',
    });
    expect(bad({ Company: undefined }).reason).toBe('missing key field Company');
    expect(bad({ SysRevID: undefined }).reason).toBe('missing SysRevID');
    expect(bad({ SysRevID: 'abc' }).reason).toBe('field SysRevID: "abc" is not an integer');
    expect(bad({ CreditLimit: 'NaN' }).reason).toMatch(/^field CreditLimit: "NaN" is not a decimal number$/);
    expect(bad({ CreditLimit: '1e99999999999' }).reason).toMatch(/^field CreditLimit: exponent out of range/);
    expect(bad({ CreditLimit: 1e16 }).reason).toBe(
      'field CreditLimit: needs 17 integer digits but DECIMAL(18,3) allows 15',
    );
    expect(bad({ EstDate: 'next tuesday' }).reason).toBe('field EstDate: "next tuesday" is not an ISO 8601 date/time');
    expect(bad({ Inactive: 'maybe' }).reason).toBe('field Inactive: "maybe" is not a boolean');
    const two = bad({ Inactive: 2, EstDate: '2024-02-30' });
    expect(two.key).toBe('Company=EPIC06, VendorNum=123');
    expect(two.reason).toBe(
      'field Inactive: 2 is not a boolean; field EstDate: "2024-02-30" is not an ISO 8601 date/time',
    );
  });

  it('range-checks INT and BIGINT values', () => {
    const { map } = mapperFor(
      'purchase_orders',
      fields(`Company:String PONum:Int32 VendorNum:Int32 Big:Int64 ${COMMON}`),
    );
    const base = { Company: 'EPIC06', PONum: 1, SysRevID: 1 };
    const reason = (over: Record<string, unknown>) => {
      const r = map({ ...base, ...over });
      return r.ok ? 'ok' : r.reason;
    };
    expect(reason({ VendorNum: 2147483647 })).toBe('ok');
    expect(reason({ VendorNum: 2147483648 })).toBe('field VendorNum: 2147483648 is out of INT range');
    expect(reason({ VendorNum: 1.5 })).toBe('field VendorNum: 1.5 is not an integer');
    expect(reason({ VendorNum: '42' })).toBe('ok');
    expect(reason({ Big: '9223372036854775807' })).toBe('ok');
    expect(reason({ Big: '9223372036854775808' })).toBe('field Big: "9223372036854775808" is out of BIGINT range');
    expect(reason({ Big: 2 ** 60 })).toMatch(/beyond 2\^53/);
    expect(rowOf(map({ ...base, VendorNum: '42', Big: '-5' }))).toMatchObject({ vendor_num: 42, big: -5n });
  });

  it('maps BAQ rows with the cursor column as revision and RowIdent as record id', () => {
    const baq: EntityDef = baqEntity({
      id: 'OpenPOs',
      keys: ['POHeader_PONum', 'PODetail_POLine'],
      cursor: 'POHeader_ChangeDate',
    });
    const { schema } = buildTargetSchema(
      baq,
      fields('POHeader_PONum:Int32 PODetail_POLine:Int32 POHeader_ChangeDate:DateTimeOffset RowIdent:String'),
    );
    const map = createRecordMapper(baq, schema, CTX);
    const r = map({
      POHeader_PONum: 42,
      PODetail_POLine: 1,
      POHeader_ChangeDate: '2024-01-15T10:00:00Z',
      RowIdent: 'abc',
    });
    expect(r.ok && r.rev).toBe(BigInt(Date.parse('2024-01-15T10:00:00Z')));
    const row = rowOf(r);
    expect(row.openpos_key).toMatch(/^[0-9a-f]{32}$/);
    expect(row._source_record_id).toBe('abc');
    expect(row._source_entity).toBe('BaqSvc/OpenPOs/Data');
    expect(row._source_url).toBe(
      `${BASE}/api/v2/odata/EPIC06/BaqSvc/OpenPOs/Data?$filter=POHeader_PONum%20eq%2042%20and%20PODetail_POLine%20eq%201`,
    );
    const noCursor = baqEntity({ id: 'Simple', keys: ['Part_PartNum'] });
    const simple = createRecordMapper(noCursor, buildTargetSchema(noCursor, fields('Part_PartNum:String')).schema, CTX);
    const s = simple({ Part_PartNum: 'P-1' });
    expect(s.ok && s.rev).toBe(0n);
    expect(rowOf(s)._source_record_id).toBe('P-1');
  });
});
