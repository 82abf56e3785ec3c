import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../clock.ts';
import type { EpicorConfig } from '../../config/schema.ts';
import { createEpicorEmulator, type EpicorEmulator } from '../../emulators/epicor/index.ts';
import { entityByName } from './catalog.ts';
import { checkEpicor } from './check-epicor.ts';
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

describe('checkEpicor and company validation', () => {
  it('passes every check with good settings', async () => {
    const results = await checkEpicor(config());
    expect(results.map((r) => [r.name, r.ok])).toEqual([
      ['Epicor reachable', true],
      ['API key accepted', true],
      ['Authenticated (basic)', true],
      ['Company EPIC06 exists', true],
      ['Company EPIC07 exists', true],
    ]);
  });

  it('names a wrong API key in one sentence', async () => {
    const results = await checkEpicor(config({ apiKey: 'wrong-key' }));
    const bad = results.find((r) => !r.ok)!;
    expect(bad.name).toBe('API key accepted');
    expect(bad.detail).toMatch(/^Epicor rejected the API key \(x-api-key\) \(HTTP 401\): Invalid API key\.$/);
    expect(JSON.stringify(results)).not.toContain('wrong-key');
  });

  it('names bad credentials in one sentence, without the password', async () => {
    const results = await checkEpicor(config({ auth: { type: 'basic', username: 'manager', password: 'nope-pass' } }));
    expect(results.map((r) => r.ok)).toEqual([true, true, false, false, false]);
    expect(results[2].detail).toBe('Epicor rejected the credentials (HTTP 401): Incorrect user name or password.');
    expect(JSON.stringify(results)).not.toContain('nope-pass');
  });

  it('names bad OAuth client credentials', async () => {
    const results = await checkEpicor(
      config({
        auth: { type: 'oauth2', tokenUrl: `${base}/oauth/token`, clientId: 'ml-connector-demo', clientSecret: 'bad' },
      }),
    );
    expect(results[2]).toMatchObject({ name: 'Authenticated (oauth2)', ok: false });
    expect(results[2].detail).toContain('invalid_client');
  });

  it('reports an unknown company, and validateCompany fails with EPICOR_COMPANY', async () => {
    const results = await checkEpicor(config({ companies: ['EPIC06', 'NOPE'] }));
    expect(results.at(-1)).toEqual({
      name: 'Company NOPE exists',
      ok: false,
      detail: 'Epicor company NOPE does not exist or this user cannot see it',
    });
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

  it('reports an unreachable server', async () => {
    const results = await checkEpicor(config({ baseUrl: 'http://127.0.0.1:1/kinetic' }), { maxRetries: 0 });
    expect(results[0]).toMatchObject({ name: 'Epicor reachable', ok: false });
    expect(results[0].detail).toContain('cannot be reached');
    expect(results.slice(1).every((r) => !r.ok && r.detail.startsWith('not checked'))).toBe(true);
  });
});
