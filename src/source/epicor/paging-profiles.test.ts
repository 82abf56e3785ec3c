/**
 * Source reads against emulator server profiles over loopback: row caps below `$top` (the measurement:
 * pages capped at 100 rows, pageSize 500 lost 17,600 of ~20,000 rows), `executionTimeout` pages retried smaller,
 * IIS/ASP.NET length refusals split or reported as too long, the request budget on the wire, key scans whose
 * outcome says whether they reached the end.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { EpicorConfig } from '../../config/schema.ts';
import { createEpicorEmulator, type EpicorEmulator } from '../../emulators/epicor/index.ts';
import { baqEntity, ENTITIES, type EntityDef, entityByName } from './catalog.ts';
import { createEpicorConnection, type EpicorConnection } from './create-epicor-client.ts';
import { extractEntity } from './extract-entity.ts';
import { fetchByKeys, scanKeys } from './key-scan.ts';

const TINY = { minTimeoutMs: 1, maxTimeoutMs: 3, maxRetryAfterMs: 3, licenseBackoffMs: [1] };

let emu: EpicorEmulator;
let base: string;
const connections: EpicorConnection[] = [];

beforeAll(async () => {
  emu = createEpicorEmulator({ seed: 3, scale: 1 });
  base = await emu.listen();
});
afterAll(() => emu.close());
afterEach(async () => {
  emu.setProfile({});
  emu.setFaults({});
  emu.resetStats();
  for (const c of connections.splice(0)) await c.close();
});

function connect(over: Partial<EpicorConfig> = {}, retry = {}) {
  const c = createEpicorConnection(
    {
      baseUrl: base,
      companies: ['EPIC06'],
      apiKey: 'demo-api-key',
      auth: { type: 'basic', username: 'manager', password: 'manager' },
      pageSize: 500,
      concurrency: 4,
      timeoutSeconds: 10,
      ...over,
    },
    { retry: { ...TINY, ...retry } },
  );
  connections.push(c);
  return c.client;
}

const entity = (name: string): EntityDef => entityByName(name)!;
const ids = (rows: Record<string, unknown>[]) => rows.map((r) => String(r.SysRowID)).sort();

async function readAll(client: ReturnType<typeof connect>, def: EntityDef, pageSize = 500, parallelRanges = 4) {
  const fields = await client.fields('EPIC06', def);
  const records: Record<string, unknown>[] = [];
  for await (const p of extractEntity({
    client,
    entity: def,
    company: 'EPIC06',
    fields,
    watermark: null,
    pageSize,
    parallelRanges,
  })) {
    records.push(...p.records);
  }
  return records;
}

describe('rows per response capped below $top', () => {
  it('pages capped at 100 with pageSize 500 still read all ~20,000 rows of the 13 entities, sequential and parallel', async () => {
    emu.setProfile('row-cap');
    const client = connect();
    let total = 0;
    for (const def of ENTITIES) {
      const truth = emu.records('EPIC06', def.entitySet);
      total += truth.length;
      expect(ids(await readAll(client, def, 500, 4)), def.name).toEqual(ids(truth));
    }
    expect(total).toBeGreaterThan(15_000);
    for (const def of [entity('vendors'), entity('gl_journal_lines')]) {
      expect(ids(await readAll(client, def, 500, 1)), def.name).toEqual(ids(emu.records('EPIC06', def.entitySet)));
    }
    // Every page asked for 500 and got at most 100.
    const pages = emu.stats().log.filter((r) => /\$top=500/.test(r.query));
    expect(pages.length).toBeGreaterThan(200);
  }, 60_000);

  it('offset paging (a BAQ without a cursor) advances by the rows that came back', async () => {
    emu.setProfile({ rowCap: 7 });
    const client = connect();
    const def = baqEntity({ id: 'zSupplierSpend', keys: ['RowIdent'] });
    const rows = await readAll(client, def, 50, 1);
    emu.setProfile({});
    const all = await readAll(client, def, 10_000, 1);
    expect(all.length).toBeGreaterThan(20);
    const key = (r: Record<string, unknown>) => String(r.RowIdent);
    expect(rows.map(key).sort()).toEqual(all.map(key).sort());
  });

  it('a key scan under a row cap is complete only once it reached its empty page', async () => {
    emu.setProfile({ rowCap: 40 });
    const client = connect();
    const def = entity('purchase_orders');
    const fields = await client.fields('EPIC06', def);
    const seen: string[] = [];
    const outcome = await scanKeys({ client, entity: def, company: 'EPIC06', fields, pageSize: 200 }, (rows) => {
      seen.push(...rows.map((r) => String(r.SysRowID)));
    });
    const truth = emu.records('EPIC06', def.entitySet);
    expect(outcome).toMatchObject({ status: 'complete', end: 'empty', pages: Math.ceil(truth.length / 40) + 1 });
    expect(seen.sort()).toEqual(ids(truth));
  });
});

describe('key scans cut short', () => {
  it('a scan whose pages start failing ends cut-short with the reason, not complete', async () => {
    const client = connect({}, { maxRetries: 1 });
    const def = entity('vendors');
    const fields = await client.fields('EPIC06', def);
    let pages = 0;
    const outcome = await scanKeys({ client, entity: def, company: 'EPIC06', fields, pageSize: 20 }, () => {
      if (++pages === 2) emu.setFaults({ rate500: 1 });
    });
    expect(outcome.status).toBe('cut-short');
    expect(outcome.pages).toBe(2);
    if (outcome.status === 'cut-short') expect(String(outcome.reason)).toMatch(/HTTP 500/);
  });

  it('an aborted scan ends cut-short', async () => {
    const client = connect();
    const def = entity('vendors');
    const fields = await client.fields('EPIC06', def);
    const stop = new AbortController();
    const outcome = await scanKeys(
      { client, entity: def, company: 'EPIC06', fields, pageSize: 20, signal: stop.signal },
      () => stop.abort(),
    );
    expect(outcome).toMatchObject({ status: 'cut-short', pages: 1 });
  });
});

describe('executionTimeout (HTML 500 "Request timed out.")', () => {
  it('a page that times out is asked again for half the rows, and the range still reads everything', async () => {
    emu.setProfile('execution-timeout');
    const client = connect();
    const def = entity('gl_journal_lines');
    const rows = await readAll(client, def, 500, 1);
    expect(rows.map((r) => String(r.SysRowID)).sort()).toEqual(ids(emu.records('EPIC06', def.entitySet)));
    const tops = emu.stats().log.filter((r) => /\$orderby=SysRevID(&|$)/.test(r.query));
    const asked = tops.map((r) => `${/\$top=(\d+)/.exec(r.query)![1]}:${r.status}`);
    // 500 and 250 time out (> 200 rows), 125 is answered; the rest of the range keeps 125.
    expect(asked.slice(0, 3)).toEqual(['500:500', '250:500', '125:200']);
    expect(asked.slice(3).every((a) => a === '125:200')).toBe(true);
  });

  it('parallel ranges of an entity: only the first page times out, the other ranges start at the size it learnt', async () => {
    emu.setProfile('execution-timeout');
    const client = connect();
    const def = entity('gl_journal_lines');
    const rows = await readAll(client, def, 500, 4);
    expect(ids(rows)).toEqual(ids(emu.records('EPIC06', def.entitySet)));
    // Data pages (the range split's lowest-revision lookup asks for $top=1).
    const pages = emu
      .stats()
      .log.filter((r) => /\$orderby=SysRevID(&|$)/.test(r.query) && !/\$top=1(&|$)/.test(r.query));
    // Before the first page went alone, each of the 4 ranges timed out at 500 and at 250 (8 of ~40 pages re-asked).
    expect(pages.filter((r) => r.status === 500)).toHaveLength(2);
    expect(pages.filter((r) => r.status === 200).every((r) => /\$top=125(&|$)/.test(r.query))).toBe(true);
  });

  it('stops halving at 10 rows and then reports the timeout', async () => {
    emu.setProfile({ executionTimeoutRows: 3 });
    const client = connect();
    await expect(readAll(client, entity('vendors'), 500, 1)).rejects.toMatchObject({ code: 'TIMEOUT' });
    const tops = emu
      .stats()
      .log.filter((r) => /\$orderby=SysRevID(&|$)/.test(r.query))
      .map((r) => /\$top=(\d+)/.exec(r.query)?.[1]);
    expect(tops).toEqual(['500', '250', '125', '62', '31', '15', '10']);
  });
});

describe('request length', () => {
  it('no request exceeds epicor.maxQueryBytes: key batches are sized by encoded bytes', async () => {
    const client = connect({ maxQueryBytes: 600 });
    const def = entity('gl_journal_lines'); // a 7-part key, fetched by SysRowID
    const fields = await client.fields('EPIC06', def);
    const keys = emu.records('EPIC06', def.entitySet).slice(0, 120);
    const got: Record<string, unknown>[] = [];
    for await (const b of fetchByKeys({ client, entity: def, company: 'EPIC06', fields, keys })) got.push(...b.records);
    expect(ids(got)).toEqual(ids(keys));
    const log = emu.stats().log.filter((r) => /SysRowID%20eq/.test(r.query));
    expect(Math.max(...log.map((r) => r.queryBytes))).toBeLessThanOrEqual(600);
    expect(log.length).toBeLessThan(120 / 5);
  });

  it('without SysRowID in the keys, batches by the composite key still fit the budget', async () => {
    const client = connect({ maxQueryBytes: 1024 });
    const def = entity('gl_journal_lines');
    const fields = await client.fields('EPIC06', def);
    const keys = emu
      .records('EPIC06', def.entitySet)
      .slice(0, 40)
      .map((r) => {
        const k: Record<string, unknown> = {};
        for (const name of def.keys) k[name] = r[name];
        return k;
      });
    let n = 0;
    for await (const b of fetchByKeys({ client, entity: def, company: 'EPIC06', fields, keys })) n += b.records.length;
    expect(n).toBe(40);
    expect(emu.stats().maxQueryBytes).toBeLessThanOrEqual(1024);
  });

  it('a server limit below the budget: refused batches are halved until they fit', async () => {
    emu.setProfile({ iisMaxQueryString: 500 });
    const client = connect();
    const def = entity('vendors');
    const fields = await client.fields('EPIC06', def);
    const keys = emu.records('EPIC06', def.entitySet).slice(0, 60);
    const batches = [];
    for await (const b of fetchByKeys({ client, entity: def, company: 'EPIC06', fields, keys })) batches.push(b);
    expect(ids(batches.flatMap((b) => b.records))).toEqual(ids(keys));
    const s = emu.stats();
    expect(s.byStatus['404']).toBeGreaterThan(0);
    expect(batches.reduce((n, b) => n + b.requests, 0)).toBe(s.log.filter((r) => r.query !== '').length);
  });

  it('a request refused even at its smallest says "request too long", never "no such resource"', async () => {
    emu.setProfile({ iisMaxQueryString: 40 });
    const client = connect();
    const def = entity('vendors');
    emu.setProfile({});
    const fields = await client.fields('EPIC06', def);
    emu.setProfile({ iisMaxQueryString: 40 });
    const keys = emu.records('EPIC06', def.entitySet).slice(0, 4);
    const read = async () => {
      for await (const _ of fetchByKeys({ client, entity: def, company: 'EPIC06', fields, keys })) void _;
    };
    await expect(read()).rejects.toMatchObject({
      code: 'REQUEST_TOO_LONG',
      message: expect.stringContaining("request too long for the server's limits (lower epicor.maxQueryBytes)"),
    });
    await expect(readAll(client, def, 500, 1)).rejects.toMatchObject({
      code: 'REQUEST_TOO_LONG',
      message: expect.stringContaining("request too long for the server's limits (lower epicor.maxQueryBytes)"),
    });
    // The company check refused the same way is not "company does not exist".
    await expect(client.validateCompany('EPIC06')).rejects.toMatchObject({ code: 'REQUEST_TOO_LONG' });
  });

  it('ASP.NET maxQueryStringLength (HTML 400): batches split, not reported as a bad query', async () => {
    emu.setProfile({ aspNetMaxQueryStringLength: 400 });
    const client = connect();
    const def = entity('parts');
    const fields = await client.fields('EPIC06', def);
    const keys = emu.records('EPIC06', def.entitySet).slice(0, 30);
    const got: Record<string, unknown>[] = [];
    for await (const b of fetchByKeys({ client, entity: def, company: 'EPIC06', fields, keys })) got.push(...b.records);
    expect(ids(got)).toEqual(ids(keys));
    expect(emu.stats().byStatus['400']).toBeGreaterThan(0);
  });

  it('a keyset page refused as too long drops to its compact form (first sort column `ge`) and reads everything', async () => {
    const client = connect();
    const def = { ...entity('purchase_orders'), cursor: { type: 'datetime' as const, field: 'ChangeDate' } };
    const truth = ids(emu.records('EPIC06', def.entitySet));
    expect(ids(await readAll(client, def, 50, 1))).toEqual(truth);
    // The shortest full keyset page `(ChangeDate gt X) or (ChangeDate eq X and SysRevID gt N)`: one byte less is
    // the server's limit, so every keyset page in that form is refused.
    const full = emu.stats().log.filter((r) => /%20or%20/.test(r.query));
    const limit = Math.min(...full.map((r) => r.queryBytes)) - 1;
    emu.resetStats();
    emu.setProfile({ iisMaxQueryString: limit });
    const second = await readAll(connect(), def, 50, 1);
    expect(ids(second)).toEqual(truth);
    const log = emu.stats().log;
    expect(log.some((r) => r.status === 404)).toBe(true);
    expect(log.filter((r) => r.status === 200 && /ChangeDate%20ge%20/.test(r.query)).length).toBeGreaterThan(3);
  });
});
