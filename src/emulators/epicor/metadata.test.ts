import { afterAll, beforeAll, expect, it } from 'vitest';
import { createEpicorEmulator, type EpicorEmulator } from './emulator.ts';

const H = { 'x-api-key': 'demo-api-key', authorization: `Basic ${Buffer.from('manager:manager').toString('base64')}` };
let emu: EpicorEmulator;
let base: string;
beforeAll(async () => {
  emu = createEpicorEmulator({ seed: 1, scale: 0.05 });
  base = await emu.listen();
});
afterAll(() => emu.close());

/** A small CSDL reader: entity types with keys and properties, and entity sets. */
function readCsdl(xml: string) {
  const types = new Map<string, { keys: string[]; props: Map<string, Record<string, string>> }>();
  for (const m of xml.matchAll(/<EntityType Name="([^"]+)">([\s\S]*?)<\/EntityType>/g)) {
    const keys = [...m[2].matchAll(/<PropertyRef Name="([^"]+)"\/>/g)].map((k) => k[1]);
    const props = new Map<string, Record<string, string>>();
    for (const p of m[2].matchAll(/<Property ([^>]+)\/>/g)) {
      const attrs = Object.fromEntries([...p[1].matchAll(/(\w+)="([^"]*)"/g)].map((a) => [a[1], a[2]]));
      props.set(attrs.Name, attrs);
    }
    types.set(m[1], { keys, props });
  }
  const sets = [...xml.matchAll(/<EntitySet Name="([^"]+)" EntityType="([^"]+)"\/>/g)].map((s) => [s[1], s[2]]);
  return { types, sets };
}

const metadata = async (company: string, service: string) => {
  const res = await fetch(`${base}/api/v2/odata/${company}/${service}/$metadata`, { headers: H });
  expect(res.headers.get('content-type')).toContain('xml');
  return readCsdl(await res.text());
};

it('lists each entity type with keys, Edm types and the company-specific _c fields', async () => {
  const epic06 = await metadata('EPIC06', 'Erp.BO.VendorSvc');
  const vendor = epic06.types.get('VendorRow')!;
  expect(vendor.keys).toEqual(['Company', 'VendorNum']);
  expect(vendor.props.get('SysRevID')).toMatchObject({ Type: 'Edm.Int64', Nullable: 'false' });
  expect(vendor.props.get('SysRowID')?.Type).toBe('Edm.Guid');
  expect(vendor.props.get('Inactive')?.Type).toBe('Edm.Boolean');
  expect(vendor.props.get('ZIP')?.Type).toBe('Edm.String');
  expect(vendor.props.get('Number01_c')).toMatchObject({ Type: 'Edm.Decimal', Precision: '18', Scale: '9' });
  expect(epic06.sets).toEqual([['Vendors', 'Erp.BO.VendorSvc.VendorRow']]);
  const epic07 = await metadata('EPIC07', 'Erp.BO.VendorSvc');
  const v07 = epic07.types.get('VendorRow')!;
  expect(v07.props.has('Number01_c')).toBe(false);
  expect(v07.props.get('Date01_c')?.Type).toBe('Edm.DateTimeOffset');
  // Metadata and data agree.
  expect([...vendor.props.keys()]).toEqual(Object.keys(emu.records('EPIC06', 'Vendors')[0]));

  const po = await metadata('EPIC06', 'Erp.BO.POSvc');
  expect(po.sets.map((s) => s[0])).toEqual(['POes', 'PODetails', 'PORels']);
  expect(po.types.get('PODetailRow')!.keys).toEqual(['Company', 'PONUM', 'POLine']);
  expect(po.types.get('POHeaderRow')!.props.get('TotalOrder')).toMatchObject({
    Type: 'Edm.Decimal',
    Precision: '20',
    Scale: '4',
  });
  expect(po.types.get('POHeaderRow')!.props.get('ChangeDate')).toMatchObject({
    Type: 'Edm.DateTimeOffset',
    Nullable: 'true',
  });
  const gl = await metadata('EPIC06', 'Erp.BO.GLAccountSvc');
  expect(gl.types.get('GLAccountRow')!.keys).toEqual(['Company', 'COACode', 'GLAccount1']);
});

it('BaqSvc has $metadata for all BAQs and per BAQ', async () => {
  const all = await metadata('EPIC06', 'BaqSvc');
  expect([...all.types.keys()]).toEqual(['zSupplierSpendRow', 'zOpenPOLinesRow', 'zRecentAPInvoicesRow']);
  expect(all.types.get('zOpenPOLinesRow')!.props.get('PODetail_SysRevID')?.Type).toBe('Edm.Int64');
  const one = readCsdl(
    await (await fetch(`${base}/api/v2/odata/EPIC06/BaqSvc/zSupplierSpend/$metadata`, { headers: H })).text(),
  );
  expect(one.sets).toEqual([['Data', 'Ice.BO.BaqSvc.zSupplierSpend.zSupplierSpendRow']]);
  expect(one.types.get('zSupplierSpendRow')!.props.get('Calculated_TotalSpend')?.Type).toBe('Edm.Decimal');
});
