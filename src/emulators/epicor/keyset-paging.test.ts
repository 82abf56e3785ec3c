import { afterAll, beforeAll, expect, it } from 'vitest';
import { createEpicorEmulator, type EpicorEmulator } from './emulator.ts';

const H = { 'x-api-key': 'demo-api-key', authorization: `Basic ${Buffer.from('manager:manager').toString('base64')}` };
let emu: EpicorEmulator;
let base: string;
beforeAll(async () => {
  emu = createEpicorEmulator({ seed: 3, scale: 0.3 });
  base = await emu.listen();
});
afterAll(() => emu.close());

it('keyset paging by SysRevID with a fixed upper bound returns every record exactly once while activity runs', async () => {
  for (const [path, entitySet, keys] of [
    ['Erp.BO.POSvc/PORels', 'PORels', ['PONum', 'POLine', 'PORelNum']],
    ['Erp.BO.APInvoiceSvc/APInvoices', 'APInvoices', ['VendorNum', 'InvoiceNum']],
  ] as const) {
    const upper = emu.maxRevision();
    const before = emu.records('EPIC06', entitySet);
    const keyOf = (r: Record<string, unknown>) => keys.map((k) => r[k]).join('|');
    const seen = new Map<string, number>();
    let last = 0;
    let pages = 0;
    for (;;) {
      const q = `$filter=SysRevID gt ${last} and SysRevID le ${upper}&$orderby=SysRevID&$top=47`;
      const res = await fetch(`${base}/api/v2/odata/EPIC06/${path}?${q}`, { headers: H });
      const { value } = (await res.json()) as { value: Record<string, unknown>[] };
      for (const r of value) {
        expect(r.SysRevID as number).toBeGreaterThan(last);
        expect(r.SysRevID as number).toBeLessThanOrEqual(upper);
        seen.set(keyOf(r), (seen.get(keyOf(r)) ?? 0) + 1);
        last = r.SysRevID as number;
      }
      pages++;
      if (pages % 3 === 0) emu.advance({ inserts: 40, updates: 40, deletes: 2, company: 'EPIC06' });
      if (value.length < 47) break;
    }
    expect(pages).toBeGreaterThan(5);
    expect([...seen.values()].every((n) => n === 1)).toBe(true);
    // Every record that existed and was not touched since the run started was read.
    const after = new Map(emu.records('EPIC06', entitySet).map((r) => [keyOf(r), r.SysRevID]));
    const untouched = before.filter((r) => after.get(keyOf(r)) === r.SysRevID);
    expect(untouched.length).toBeLessThan(before.length); // activity did move some rows out of the window
    for (const r of untouched) expect(seen.has(keyOf(r))).toBe(true);
  }
});
