import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { emulatedConfig } from '../../demo/emulated-config.ts';
import { createEpicorEmulator, type EpicorEmulator } from '../../emulators/epicor/index.ts';
import { entityByName } from './catalog.ts';
import { createEpicorSource } from './epicor-source.ts';

let emu: EpicorEmulator;
let url: string;
beforeAll(async () => {
  emu = createEpicorEmulator({ seed: 5, scale: 0.05 });
  url = await emu.listen(0);
});
afterAll(() => emu.close());

describe('EpicorSource.countRecords (progress bar totals)', () => {
  it('counts the revision range a read covers with $count over HTTP: full read and above a watermark', async () => {
    const source = createEpicorSource(emulatedConfig(url, 'http://127.0.0.1:9').epicor);
    try {
      const vendors = entityByName('vendors')!;
      const all = emu.records('EPIC06', 'Vendors');
      const bound = await source.upperBound(vendors, 'EPIC06');
      const plan = { entity: vendors, company: 'EPIC06', watermark: null, bound, lookbackMinutes: 0 };
      expect(await source.countRecords!(plan)).toBe(all.length);
      const revs = all.map((r) => BigInt(String(r.SysRevID))).sort((a, b) => (a < b ? -1 : 1));
      const mark = revs[revs.length - 4].toString();
      expect(await source.countRecords!({ ...plan, watermark: mark })).toBe(3);
      // No revision range (a date cursor read above a watermark): no total rather than a wrong one.
      const invoices = entityByName('ap_invoices')!;
      if (invoices.cursor.type !== 'revision') {
        expect(await source.countRecords!({ ...plan, entity: invoices, watermark: '2026-01-01T00:00:00Z' })).toBeNull();
      }
    } finally {
      await source.close();
    }
  });
});
