import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../clock.ts';
import type { EpicorConfig } from '../../config/schema.ts';
import { createEpicorEmulator, type EpicorEmulator } from '../../emulators/epicor/index.ts';
import { entityByName } from './catalog.ts';
import { createEpicorConnection } from './create-epicor-client.ts';
import { extractEntity } from './extract-entity.ts';

let emu: EpicorEmulator;
let base: string;
beforeAll(async () => {
  emu = createEpicorEmulator({ seed: 3, scale: 0.1 });
  base = await emu.listen();
});
afterAll(() => emu.close());

const config = (over: Partial<EpicorConfig> = {}): EpicorConfig => ({
  baseUrl: base,
  companies: ['EPIC06', 'EPIC07'],
  apiKey: 'demo-api-key',
  auth: { type: 'basic', username: 'manager', password: 'manager' },
  pageSize: 50,
  concurrency: 4,
  timeoutSeconds: 10,
  ...over,
});

describe('tokens across a long extraction', () => {
  // Simulated time jumps between pages; in parallel mode up to ~6 requests are in flight or buffered, so the
  // jump is kept below the expiry margin there (a real request does not stay in flight for 15 s of token life).
  it.each([
    ['token-resource', { type: 'token-resource', username: 'manager', password: 'manager' }, 1, 20_000],
    ['oauth2', { type: 'oauth2', tokenUrl: '', clientId: 'ml-connector-demo', clientSecret: 'demo-secret' }, 1, 20_000],
    [
      'oauth2 parallel',
      { type: 'oauth2', tokenUrl: '', clientId: 'ml-connector-demo', clientSecret: 'demo-secret' },
      3,
      2_000,
    ],
  ] as const)('%s: 60 s tokens, time moving between pages, no request fails', async (_name, auth, parallel, step) => {
    const clock = new ManualClock();
    const local = createEpicorEmulator({ seed: 3, scale: 0.1, clock, tokenTtlSeconds: 60 });
    const url = await local.listen();
    const resolved = auth.type === 'oauth2' ? { ...auth, tokenUrl: `${url}/oauth/token` } : auth;
    let refreshes = 0;
    const conn = createEpicorConnection(config({ baseUrl: url, auth: resolved }), {
      clock,
      onTokenRefresh: () => refreshes++,
    });
    try {
      const entity = entityByName('gl_journal_lines')!;
      const fields = await conn.client.fields('EPIC06', entity);
      let records = 0;
      for await (const page of extractEntity({
        client: conn.client,
        entity,
        company: 'EPIC06',
        fields,
        watermark: null,
        pageSize: 10,
        parallelRanges: parallel,
      })) {
        records += page.records.length;
        clock.advance(step);
      }
      expect(records).toBe(local.records('EPIC06', 'GLJrnDtls').length);
      expect(local.stats().byStatus['401'] ?? 0).toBe(0);
      expect(refreshes).toBeGreaterThan(2);
    } finally {
      await conn.close();
      await local.close();
    }
  });
});

describe('company validation', () => {
  it('validateCompany fails with EPICOR_COMPANY for an unknown company', async () => {
    const conn = createEpicorConnection(config());
    try {
      const err = await conn.client.validateCompany('NOPE').catch((e) => e);
      expect(err.code).toBe('EPICOR_COMPANY');
      expect(err.message).toBe(
        'Epicor company NOPE does not exist or this user cannot see it; check epicor.company in the configuration.',
      );
      await expect(conn.client.validateCompany('EPIC07')).resolves.toBeUndefined();
    } finally {
      await conn.close();
    }
  });
});
