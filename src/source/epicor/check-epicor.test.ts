/**
 * `checkEpicor` against the Epicor emulator over loopback: every probe ✓ on the default server; a wrong base URL, API
 * key, credentials or company named with the key to fix; an API key whose access scope leaves a service out; a
 * listener that accepts connections and never answers fails on the injected clock, naming what it waited for.
 * Server profiles (row cap, IIS query limit, strict IIS; strict dates and child filters on the parent once the
 * emulator has those switches — their tests find them by name) give the right ⚠ lines with their numbers.
 */
import { existsSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Probe } from '../../check-probe.ts';
import { ManualClock } from '../../clock.ts';
import type { EpicorConfig } from '../../config/schema.ts';
import { createEpicorEmulator, type EpicorEmulator, type EpicorEmulatorOptions } from '../../emulators/epicor/index.ts';
import { sampleMapper } from '../../pipeline/check-sample-mapper.ts';
import { ENTITIES, entityByName } from './catalog.ts';
import { checkEpicor, type EpicorCheckOptions } from './check-epicor.ts';

let emu: EpicorEmulator;
let base: string;
beforeAll(async () => {
  emu = createEpicorEmulator({ seed: 3, scale: 0.1 });
  base = await emu.listen();
});
afterAll(() => emu.close());

const config = (over: Partial<EpicorConfig> & { maxQueryBytes?: number } = {}): EpicorConfig => ({
  baseUrl: base,
  companies: ['EPIC06'],
  apiKey: 'demo-api-key',
  auth: { type: 'basic', username: 'manager', password: 'manager' },
  pageSize: 500,
  concurrency: 4,
  timeoutSeconds: 120,
  ...over,
});

const run = (c: EpicorConfig, entities = ENTITIES, opts: EpicorCheckOptions = {}) =>
  checkEpicor(c, entities, { mapSample: sampleMapper(c.baseUrl), ...opts });

const byId = (probes: Probe[], id: string) => probes.find((p) => p.id === id);
const statuses = (probes: Probe[]) => Object.fromEntries(probes.map((p) => [p.id, p.status]));

describe('checkEpicor on the default emulator', () => {
  it('every probe passes, one per fact, in a few dozen requests', async () => {
    emu.resetStats();
    const { probes, requests } = await run(config({ companies: ['EPIC06', 'EPIC07'] }));
    expect(probes.filter((p) => p.status !== 'ok')).toEqual([]);
    const ids = probes.map((p) => p.id);
    expect(ids.slice(0, 5)).toEqual([
      'epicor.reachable',
      'epicor.api-key',
      'epicor.auth',
      'epicor.company.EPIC06',
      'epicor.company.EPIC07',
    ]);
    for (const e of ENTITIES) expect(ids).toContain(`epicor.entity.${e.name}`);
    expect(ids).toEqual(
      expect.arrayContaining([
        'epicor.rows-per-response',
        'epicor.query-length',
        'epicor.date-literals',
        'epicor.child-filter.purchase_order_lines',
        'epicor.child-filter.purchase_order_releases',
        'epicor.child-filter.ap_invoice_lines',
        'epicor.child-filter.payment_lines',
      ]),
    );
    expect(byId(probes, 'epicor.entity.vendors')?.message).toMatch(
      /^Erp\.BO\.VendorSvc\/Vendors answers; \$metadata: \d+ fields, SysRevID present; a row read and mapped to \d+ columns\.$/,
    );
    expect(byId(probes, 'epicor.query-length')?.message).toContain('accepted a 2048-byte query string');
    expect(byId(probes, 'epicor.child-filter.purchase_order_lines')?.message).toContain('filters child rows');
    // Cheap: no full reads — what the server counted is what the check counted.
    expect(requests).toBe(emu.stats().requests);
    expect(requests).toBeLessThan(45);
    expect(emu.stats().rowsServed).toBeLessThan(1000);
  });
});

describe('checkEpicor names what to fix', () => {
  it('a wrong base URL (the server answers 404) fails "Epicor reachable" with the URL tried and epicor.baseUrl', async () => {
    const wrong = base.replace(/\/kinetic$/, '/Kinetic2024');
    const { probes } = await run(config({ baseUrl: wrong }));
    expect(probes).toHaveLength(1);
    const [p] = probes;
    expect(p).toMatchObject({ id: 'epicor.reachable', status: 'failed' });
    expect(p.message).toContain(`${wrong}/api/v2/odata/EPIC06/Erp.BO.CompanySvc/`);
    expect(p.message).toContain('HTTP 404');
    expect(p.fix).toMatch(/^check epicor\.baseUrl \(server \+ instance/);
  });

  it('a web server that is not Epicor (HTML 200) is not "reachable"', async () => {
    const html = createServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/html' });
      res.end('<!DOCTYPE html><html><body>Welcome to IIS</body></html>');
    });
    const url = await listen(html);
    try {
      const { probes } = await run(config({ baseUrl: `${url}/kinetic` }));
      expect(probes.map((p) => [p.id, p.status])).toEqual([['epicor.reachable', 'failed']]);
      expect(probes[0].message).toContain("an HTML page, not Epicor's REST API");
      expect(probes[0].fix).toContain('epicor.baseUrl');
    } finally {
      await close(html);
    }
  });

  it('a wrong API key: ✗ API key accepted with the fix, the value nowhere', async () => {
    const { probes } = await run(config({ apiKey: 'wrong-key-4711' }));
    expect(statuses(probes)).toEqual({ 'epicor.reachable': 'ok', 'epicor.api-key': 'failed' });
    expect(byId(probes, 'epicor.api-key')).toMatchObject({
      message: 'Epicor rejected the API key (x-api-key) (HTTP 401): Invalid API key.',
      fix: 'set epicor.apiKey to a valid API key',
    });
    expect(JSON.stringify(probes)).not.toContain('wrong-key-4711');
  });

  it('bad Basic credentials and a bad OAuth client: ✗ Authenticated, secrets nowhere', async () => {
    const basic = await run(config({ auth: { type: 'basic', username: 'manager', password: 'nope-pass' } }));
    expect(statuses(basic.probes)).toEqual({
      'epicor.reachable': 'ok',
      'epicor.api-key': 'ok',
      'epicor.auth': 'failed',
    });
    expect(byId(basic.probes, 'epicor.auth')?.message).toBe(
      'Epicor rejected the credentials (HTTP 401): Incorrect user name or password.',
    );
    expect(JSON.stringify(basic.probes)).not.toContain('nope-pass');

    const oauth = await run(
      config({
        auth: { type: 'oauth2', tokenUrl: `${base}/oauth/token`, clientId: 'ml-connector-demo', clientSecret: 'bad-9' },
      }),
    );
    expect(byId(oauth.probes, 'epicor.auth')).toMatchObject({ title: 'Authenticated (oauth2)', status: 'failed' });
    expect(byId(oauth.probes, 'epicor.auth')?.message).toContain('invalid_client');
    expect(byId(oauth.probes, 'epicor.auth')?.fix).toContain('epicor.auth.clientId');
    expect(JSON.stringify(oauth.probes)).not.toContain('bad-9');
  });

  it('an unknown company fails alone; the entity probes run on a company that exists', async () => {
    const { probes } = await run(config({ companies: ['NOPE', 'EPIC07'] }), [entityByName('vendors')!]);
    expect(byId(probes, 'epicor.company.NOPE')).toMatchObject({
      status: 'failed',
      fix: 'check epicor.company (the company id as Epicor shows it, e.g. EPIC06)',
    });
    expect(byId(probes, 'epicor.company.NOPE')?.message).toMatch(/^Epicor company NOPE does not exist/);
    expect(byId(probes, 'epicor.company.EPIC07')?.status).toBe('ok');
    expect(byId(probes, 'epicor.entity.vendors')?.status).toBe('ok');
  });

  it("a service outside the API key's access scope (403) names the service and the scope", async () => {
    // Epicor answers 403 for a service the API key's access scope leaves out (reference, "Errors").
    const scoped = createServer((req, res) => {
      if (req.url?.includes('/Erp.BO.PartSvc/')) {
        res.writeHead(403, { 'content-type': 'application/json' });
        res.end(
          JSON.stringify({
            HttpStatus: 403,
            ReasonPhrase: 'REST API Exception',
            ErrorMessage: 'Access to Erp.BO.PartSvc is not allowed by the access scope.',
            ErrorType: 'Ice.Common.UnauthorizedAccessException',
          }),
        );
        return;
      }
      emu.handler(req, res);
    });
    const url = await listen(scoped);
    try {
      const { probes } = await run(config({ baseUrl: `${url}/kinetic` }), [
        entityByName('vendors')!,
        entityByName('parts')!,
      ]);
      expect(byId(probes, 'epicor.entity.vendors')?.status).toBe('ok');
      const parts = byId(probes, 'epicor.entity.parts')!;
      expect(parts.status).toBe('failed');
      expect(parts.message).toMatch(/^Erp\.BO\.PartSvc refused this API key \(HTTP 403, access scope\)/);
      expect(parts.fix).toMatch(/^extend the API key's access scope to Erp\.BO\.PartSvc/);
    } finally {
      await close(scoped);
    }
  });

  it('a listener that accepts connections but never answers fails within the 15 s deadline (injected clock)', async () => {
    const sockets = new Set<Socket>();
    const hung = createServer(() => {}); // accepts, reads the request, never answers
    hung.on('connection', (s) => sockets.add(s));
    const url = await listen(hung);
    const clock = new ManualClock();
    try {
      const pending = run(config({ baseUrl: `${url}/kinetic` }), ENTITIES, { clock });
      await waitFor(() => sockets.size > 0);
      clock.advance(14_999);
      let settled = false;
      void pending.then(() => (settled = true));
      await new Promise((r) => setTimeout(r, 50));
      expect(settled).toBe(false);
      clock.advance(1);
      const { probes } = await pending;
      expect(probes).toHaveLength(1);
      expect(probes[0]).toMatchObject({ id: 'epicor.reachable', status: 'failed' });
      expect(probes[0].message).toBe(
        `${url}/kinetic/api/v2/odata/EPIC06/Erp.BO.CompanySvc/ sent no answer within 15 s`,
      );
      expect(probes[0].fix).toContain('the connection was accepted, nothing answered');
    } finally {
      for (const s of sockets) s.destroy();
      await close(hung);
    }
  });
});

// ---- server profiles (emulator switches from epicor-paging / epicor-schema) ----------------------------------------

// Switches still being added to the emulator (epicor-schema's schema-profile.ts) are looked up at run time, so
// their tests turn on when they land.
const hasSchemaProfile = existsSync(new URL('../../emulators/epicor/schema-profile.ts', import.meta.url));
type Switches = string | Record<string, unknown>;
const strictDates: Switches | undefined = hasSchemaProfile ? { profile: { strictDateLiterals: true } } : undefined;
const childOnParent: Switches | undefined = hasSchemaProfile ? { profile: { childFilterOnParent: true } } : undefined;

/** An emulator with a named server profile (`strict-iis`) or with the given options switched on. */
async function withProfile<T>(profile: Switches | undefined, fn: (url: string) => Promise<T>): Promise<T> {
  const options = typeof profile === 'string' ? { profile } : profile;
  const e = createEpicorEmulator({ seed: 3, scale: 0.1, ...options } as EpicorEmulatorOptions);
  const url = await e.listen();
  try {
    return await fn(url);
  } finally {
    await e.close();
  }
}

describe('checkEpicor against server profiles', () => {
  it('row cap below $top: ⚠ with the cap, paging continues past short pages', async () => {
    await withProfile('row-cap', async (url) => {
      const { probes } = await run(config({ baseUrl: url }), [entityByName('gl_journal_lines')!]);
      const p = byId(probes, 'epicor.rows-per-response')!;
      expect(p.status).toBe('adapted');
      expect(p.message).toMatch(/^server returns at most 100 rows per request \(\$top=500 on Erp\.BO\.GLJrnDtlSvc/);
      expect(p.message).toContain('paging continues past short pages');
    });
  });

  it('IIS 2048-byte query strings with epicor.maxQueryBytes 4096: ⚠ with 2048 and the advice to lower the key', async () => {
    await withProfile('iis-limits', async (url) => {
      const { probes, requests } = await run(config({ baseUrl: url, maxQueryBytes: 4096 }), [entityByName('vendors')!]);
      const p = byId(probes, 'epicor.query-length')!;
      expect(p.status).toBe('adapted');
      expect(p.message).toMatch(/at most 2048 bytes, less than epicor\.maxQueryBytes \(4096\)/);
      expect(p.message).toContain('IIS 404.15');
      expect(p.fix).toBe('lower epicor.maxQueryBytes to 2048');
      expect(requests).toBeLessThan(30);
    });
  });

  it('the default budget (2048) passes behind IIS limits', async () => {
    await withProfile('iis-limits', async (url) => {
      const { probes } = await run(config({ baseUrl: url }), [entityByName('vendors')!]);
      expect(byId(probes, 'epicor.query-length')?.status).toBe('ok');
    });
  });

  it.skipIf(!strictDates)(
    'strict date literals: offsets accepted, offset-less literals reported as rejected',
    async () => {
      await withProfile(strictDates, async (url) => {
        const { probes } = await run(config({ baseUrl: url }), [entityByName('purchase_orders')!]);
        const p = byId(probes, 'epicor.date-literals')!;
        expect(p.status).toBe('ok');
        expect(p.message).toMatch(/^`ChangeDate gt 2000-01-01T00:00:00Z` accepted on Erp\.BO\.POSvc\/POes;/);
        expect(p.message).toContain('literals without an offset are rejected (strict OData v4)');
      });
    },
  );

  it.skipIf(!childOnParent)('child-set filters applied to the parent: ⚠ per child set, saying so', async () => {
    await withProfile(childOnParent, async (url) => {
      const { probes } = await run(config({ baseUrl: url }), [
        entityByName('purchase_orders')!,
        entityByName('purchase_order_lines')!,
      ]);
      const p = byId(probes, 'epicor.child-filter.purchase_order_lines')!;
      expect(p.status).toBe('adapted');
      expect(p.message).toContain('the server applies $filter on PODetails to the parent POes rows');
      expect(p.message).toContain('sync reads PODetails by parent key');
    });
  });

  it('strict-iis: nothing fails; what adapts says how', async () => {
    await withProfile('strict-iis', async (url) => {
      const { probes } = await run(config({ baseUrl: url, maxQueryBytes: 4096 }));
      expect(probes.filter((p) => p.status === 'failed')).toEqual([]);
      expect(byId(probes, 'epicor.query-length')?.status).toBe('adapted');
      const paging = [byId(probes, 'epicor.page-timeout'), byId(probes, 'epicor.rows-per-response')];
      expect(paging.some((p) => p?.status === 'adapted')).toBe(true);
    });
  });
});

// ---- helpers -------------------------------------------------------------------------------------------------------

function listen(server: Server): Promise<string> {
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}`));
  });
}

function close(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.closeAllConnections();
    server.close(() => resolve());
  });
}

async function waitFor(cond: () => boolean): Promise<void> {
  for (let i = 0; i < 200 && !cond(); i++) await new Promise((r) => setTimeout(r, 10));
  expect(cond()).toBe(true);
}
