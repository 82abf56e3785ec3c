import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { emulatedConfig } from '../../demo/emulated-config.ts';
import { createEpicorEmulator, type EpicorEmulator } from '../../emulators/epicor/index.ts';
import { entityByName } from './catalog.ts';
import { createEpicorSource } from './epicor-source.ts';

let emu: EpicorEmulator;
let url: string;
beforeAll(async () => {
  emu = createEpicorEmulator({ seed: 5, scale: 0.1 });
  url = await emu.listen(0);
});
afterAll(() => emu.close());

/** API requests the emulator has served (token requests excluded). */
const served = () =>
  Object.entries(emu.stats().byPath).reduce((n, [p, c]) => (p.startsWith('/api/v2/') ? n + c : n), 0);
/** Waits (up to 10 s) until the emulator has served `n` more API requests than `from`. */
async function servedAtLeast(from: number, n: number): Promise<void> {
  for (let i = 0; i < 200 && served() - from < n; i++) await new Promise((r) => setTimeout(r, 50));
}

describe('EpicorSource.prefetch', () => {
  const vendors = entityByName('vendors')!;
  const parts = entityByName('parts')!;

  it('answers the next company check and bounds from what it fetched, once, without more requests', async () => {
    const source = createEpicorSource(emulatedConfig(url, 'http://127.0.0.1:9').epicor);
    try {
      const before = served();
      source.prefetch!([vendors, parts], ['EPIC06']);
      await servedAtLeast(before, 5);
      const prefetched = served() - before;
      // company check + per entity: $metadata + bound
      expect(prefetched).toBe(5);
      await source.validateCompany('EPIC06');
      const [v, p] = await Promise.all([source.upperBound(vendors, 'EPIC06'), source.upperBound(parts, 'EPIC06')]);
      expect(served() - before).toBe(prefetched);
      expect(v.kind === 'revision' && BigInt(v.rev)).toBeGreaterThan(0n);
      expect(p.kind === 'revision' && BigInt(p.rev)).toBeGreaterThan(0n);
      // Used once: a second call asks Epicor again (metadata stays cached, the bound is new).
      await source.upperBound(vendors, 'EPIC06');
      expect(served() - before).toBe(prefetched + 1);
    } finally {
      await source.close();
    }
  });

  it('stops at the company check for an unknown company, and the run still gets its failure', async () => {
    const source = createEpicorSource(emulatedConfig(url, 'http://127.0.0.1:9').epicor);
    try {
      const before = served();
      source.prefetch!([vendors, parts], ['NOPE99']);
      await servedAtLeast(before, 1);
      await new Promise((r) => setTimeout(r, 200)); // room for requests that must not come
      expect(served() - before).toBe(1);
      await expect(source.validateCompany('NOPE99')).rejects.toMatchObject({ code: 'EPICOR_COMPANY' });
    } finally {
      await source.close();
    }
  });
});
