/**
 * Mapping micro-benchmark (was a printed timing inside record-mapper.test.ts; speed goals live in benchmarks):
 * CPU per record and per field value of the record mapper alone, on narrow vendor and PO-line records and on a
 * vendor record widened with the legacy UD columns a real tenant's rows carry (Character01–10, Number01–20,
 * Date01–20, CheckBox01–20, ShortChar01–10). `node --import tsx bench/mapping-micro.ts [records]`.
 */
import { buildTargetSchema } from '../src/mapping/build-target-schema.ts';
import { createRecordMapper, type MapperContext, type MapResult } from '../src/mapping/record-mapper.ts';
import { entityByName } from '../src/source/epicor/catalog.ts';
import type { SourceField } from '../src/source/epicor/source-field.ts';

const CTX: MapperContext = {
  instance: 'https://centralusdtapp73.epicorsaas.com/SaaS5333',
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
const VENDOR = `Company:String VendorNum:Int32 VendorID:String Name:String Address1:String Address2:String
  Address3:String City:String State:String ZIP:String Country:String CurrencyCode:String TermsCode:String
  GroupCode:String Inactive:Boolean PayHold:Boolean EMailAddress:String PhoneNum:String TaxPayerID:String
  PurPoint:String CreditLimit:Decimal:18:3 EstDate:DateTimeOffset Character01_c:String ${COMMON}`;
const PO_LINE = `Company:String PONUM:Int32 POLine:Int32 PartNum:String VenPartNum:String LineDesc:String IUM:String
  PUM:String OrderQty:Decimal:22:8 XOrderQty:Decimal UnitCost:Decimal:22:5 DocUnitCost:Decimal ExtCost:Decimal
  DocExtCost:Decimal CostPerCode:String OpenLine:Boolean VoidLine:Boolean DueDate:DateTimeOffset VendorNum:Int32
  ClassID:String ChangeDate:DateTimeOffset ChangedBy:String ${COMMON}`;
const range = (prefix: string, n: number, type: string) =>
  Array.from({ length: n }, (_, i) => `${prefix}${String(i + 1).padStart(2, '0')}:${type}`).join(' ');
const UD = [
  range('Character', 10, 'String'),
  range('Number', 20, 'Decimal:18:3'),
  range('Date', 20, 'DateTimeOffset'),
  range('CheckBox', 20, 'Boolean'),
  range('ShortChar', 10, 'String'),
].join(' ');
/** The UD columns' values as a tenant mostly holds them: constants and nulls. */
const udValues = (): Record<string, unknown> => {
  const o: Record<string, unknown> = {};
  for (const f of fields(UD)) {
    o[f.name] =
      f.edmType === 'Edm.String' ? '' : f.edmType === 'Edm.Boolean' ? false : f.edmType === 'Edm.Decimal' ? 0 : null;
  }
  return o;
};

const vendor = (i: number): Record<string, unknown> => ({
  Company: 'EPIC06',
  VendorNum: i + 1,
  VendorID: `V${i}`,
  Name: `Vendor ${i}`,
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
  PayHold: false,
  EMailAddress: 'ap@acme.example',
  PhoneNum: '555-1234',
  TaxPayerID: '12-345',
  PurPoint: '',
  CreditLimit: i * 10.25,
  EstDate: '2019-06-01T00:00:00',
  Character01_c: 'c',
  SysRevID: 1000 + i,
  SysRowID: 'b5a8e2f0-0000-4000-8000-000000000001',
  RowMod: '',
  BitFlag: 0,
});

const poLine = (i: number): Record<string, unknown> => ({
  Company: 'EPIC06',
  PONUM: 1000 + (i >> 3),
  POLine: (i & 7) + 1,
  PartNum: `P-${i % 997}`,
  VenPartNum: `V-${i}`,
  LineDesc: 'Widget, blue',
  IUM: 'EA',
  PUM: 'EA',
  OrderQty: 12.5,
  XOrderQty: '12.50',
  UnitCost: 3.25125,
  DocUnitCost: 3.2512,
  ExtCost: 39.27,
  DocExtCost: 39.27,
  CostPerCode: 'E',
  OpenLine: true,
  VoidLine: false,
  DueDate: '2024-03-01T00:00:00',
  VendorNum: 1 + (i % 500),
  ClassID: 'RAW',
  ChangeDate: '2024-01-15T10:20:30.123Z',
  ChangedBy: 'manager',
  SysRevID: 5000 + i,
  SysRowID: 'b5a8e2f0-0000-4000-8000-000000000001',
  RowMod: '',
  BitFlag: 0,
});

function mapperFor(name: string, spec: SourceField[]) {
  const entity = entityByName(name);
  if (!entity) throw new Error(`no entity ${name}`);
  return createRecordMapper(entity, buildTargetSchema(entity, spec).schema, CTX);
}

/** CPU time (this process, GC threads included) per record of `fn` over `records`, after a warm-up. */
function measure(fn: (r: Record<string, unknown>) => MapResult, records: Record<string, unknown>[]) {
  for (let i = 0; i < Math.min(5000, records.length); i++) fn(records[i]);
  const c0 = process.cpuUsage();
  let ok = 0;
  for (const rec of records) if (fn(rec).ok) ok++;
  const cpu = process.cpuUsage(c0);
  if (ok !== records.length) throw new Error(`${records.length - ok} records did not map`);
  const us = (cpu.user + cpu.system) / records.length;
  const width = Object.keys(records[0]).length;
  return { us, nsPerField: (us * 1000) / width, width };
}

const n = Number(process.argv[2] ?? 30_000);
const cases: [string, (r: Record<string, unknown>) => MapResult, Record<string, unknown>[]][] = [
  ['vendors (narrow)', mapperFor('vendors', fields(VENDOR)), Array.from({ length: n }, (_, i) => vendor(i))],
  [
    'PO lines (narrow, 3 refs)',
    mapperFor('purchase_order_lines', fields(PO_LINE)),
    Array.from({ length: n }, (_, i) => poLine(i)),
  ],
  [
    'vendors + 80 UD columns',
    mapperFor('vendors', fields(`${VENDOR} ${UD}`)),
    Array.from({ length: n }, (_, i) => ({ ...vendor(i), ...udValues() })),
  ],
];
process.stdout.write(`mapping micro-benchmark, ${n.toLocaleString('en-US')} records per case (CPU time)\n`);
for (const [name, fn, records] of cases) {
  const r = measure(fn, records);
  process.stdout.write(
    `  ${name.padEnd(28)} ${r.width} fields  ${r.us.toFixed(2)} µs/record  ${r.nsPerField.toFixed(0)} ns/field value  ` +
      `${Math.round(1e6 / r.us).toLocaleString('en-US')} records/s\n`,
  );
}
