import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { EpicorConfig } from '../../config/schema.ts';
import { createEpicorEmulator, type EpicorEmulator } from '../../emulators/epicor/index.ts';
import { baqEntity, type CursorDef, type EntityDef, entityByName } from './catalog.ts';
import { createEpicorConnection, type EpicorConnection } from './create-epicor-client.ts';
import { type ExtractOptions, extractEntity } from './extract-entity.ts';
import { fixUpperBound } from './fix-upper-bound.ts';

const TINY = { minTimeoutMs: 1, maxTimeoutMs: 3, maxRetryAfterMs: 3, licenseBackoffMs: [1, 1, 1, 1, 1, 1] };

let emu: EpicorEmulator;
let base: string;
const connections: EpicorConnection[] = [];

beforeAll(async () => {
  emu = createEpicorEmulator({ seed: 11, scale: 0.2 });
  base = await emu.listen();
});
afterAll(() => emu.close());
afterEach(async () => {
  emu.setFaults({});
  for (const c of connections.splice(0)) await c.close();
});

function config(over: Partial<EpicorConfig> = {}): EpicorConfig {
  return {
    baseUrl: base,
    companies: ['EPIC06'],
    apiKey: 'demo-api-key',
    auth: { type: 'basic', username: 'manager', password: 'manager' },
    pageSize: 50,
    concurrency: 4,
    timeoutSeconds: 10,
    ...over,
  };
}

function connect(over: Partial<EpicorConfig> = {}, retry = {}) {
  const c = createEpicorConnection(config(over), { retry: { ...TINY, ...retry } });
  connections.push(c);
  return c.client;
}

const entity = (name: string, cursor?: CursorDef): EntityDef => {
  const def = entityByName(name)!;
  return cursor ? { ...def, cursor } : def;
};

async function readAll(opts: Omit<ExtractOptions, 'fields'> & { between?: (page: number) => void }) {
  const fields = await opts.client.fields(opts.company, opts.entity);
  const run = extractEntity({ ...opts, fields });
  const records: Record<string, unknown>[] = [];
  const cursors: (string | null)[] = [];
  let page = 0;
  for await (const p of run) {
    records.push(...p.records);
    cursors.push(p.cursorAfter);
    opts.between?.(++page);
  }
  return { records, cursors, stats: run.stats, last: cursors[cursors.length - 1] };
}

const ids = (rows: Record<string, unknown>[]) => rows.map((r) => String(r.SysRowID));
const sorted = (xs: string[]) => [...xs].sort();

describe('extractEntity against the emulator', () => {
  it.each([7, 50, 1000])('reads every record exactly once at page size %i', async (pageSize) => {
    const client = connect();
    for (const name of ['gl_journal_lines', 'vendors', 'purchase_order_lines']) {
      const def = entity(name);
      const { records, last, stats } = await readAll({
        client,
        entity: def,
        company: 'EPIC06',
        watermark: null,
        pageSize,
      });
      const truth = emu.records('EPIC06', def.entitySet);
      expect(sorted(ids(records))).toEqual(sorted(ids(truth)));
      expect(last).toBe(String(Math.max(...truth.map((r) => Number(r.SysRevID)))));
      expect(stats.records).toBe(truth.length);
    }
  });

  it('selects every $metadata field (tenant _c fields included) and keeps SysRevID exact', async () => {
    const client = connect();
    const fields = await client.fields('EPIC06', entity('vendors'));
    const { records } = await readAll({
      client,
      entity: entity('vendors'),
      company: 'EPIC06',
      watermark: null,
      pageSize: 500,
    });
    expect(Object.keys(records[0]).sort()).toEqual(fields.map((f) => f.name).sort());
    expect(Number(records[0].SysRevID)).toBeGreaterThan(2 ** 31);
  });

  it('splits a first load into parallel ranges and still reads each record once', async () => {
    const client = connect();
    const def = entity('gl_journal_lines');
    const { records, cursors } = await readAll({
      client,
      entity: def,
      company: 'EPIC06',
      watermark: null,
      pageSize: 20,
      parallelRanges: 4,
    });
    const truth = emu.records('EPIC06', def.entitySet);
    expect(sorted(ids(records))).toEqual(sorted(ids(truth)));
    expect(cursors.slice(0, -1).every((c) => c === null)).toBe(true);
    expect(cursors.at(-1)).toBe(String(Math.max(...truth.map((r) => Number(r.SysRevID)))));
  });

  it('pages date cursors by composite keyset (ChangeDate; Customer ChangeDate+ChangeTime)', async () => {
    const client = connect();
    for (const def of [
      entity('purchase_orders', { type: 'datetime', field: 'ChangeDate' }),
      entity('customers', { type: 'date+seconds', dateField: 'ChangeDate', secondsField: 'ChangeTime' }),
    ]) {
      const { records } = await readAll({ client, entity: def, company: 'EPIC06', watermark: null, pageSize: 9 });
      expect(sorted(ids(records))).toEqual(sorted(ids(emu.records('EPIC06', def.entitySet))));
    }
  });

  it('reads BAQs: offset paging with overlap, and a cursor column with key tie-breakers', async () => {
    const client = connect();
    const spend = baqEntity({ id: 'zSupplierSpend', keys: ['RowIdent'] });
    const a = await readAll({ client, entity: spend, company: 'EPIC06', watermark: null, pageSize: 7 });
    const rowIdents = a.records.map((r) => String(r.RowIdent));
    expect(new Set(rowIdents).size).toBe(rowIdents.length);
    expect(rowIdents.length).toBeGreaterThan(7);
    const lines = baqEntity({
      id: 'zOpenPOLines',
      keys: ['RowIdent'],
      cursor: 'PODetail_SysRevID',
      parameters: { Plant: 'MfgSys' },
    });
    const b = await readAll({ client, entity: lines, company: 'EPIC06', watermark: null, pageSize: 5 });
    const all = await client.query('EPIC06', lines, { top: 10_000 });
    expect(sorted(b.records.map((r) => String(r.RowIdent)))).toEqual(sorted(all.map((r) => String(r.RowIdent))));
  });

  it('with writes, deletes and late commits between pages: nothing read twice; the next run picks up the rest', async () => {
    const local = createEpicorEmulator({ seed: 5, scale: 0.2 });
    const url = await local.listen();
    try {
      const c = createEpicorConnection(config({ baseUrl: url }), { retry: TINY });
      connections.push(c);
      const client = c.client;
      for (const name of ['purchase_order_releases', 'customers', 'gl_journal_lines']) {
        const def = entity(name);
        const bound = await fixUpperBound(client, def, 'EPIC06');
        const run1 = await readAll({
          client,
          entity: def,
          company: 'EPIC06',
          watermark: null,
          upperBound: bound,
          pageSize: 25,
          between: (n) => {
            if (n % 3 === 1) local.advance({ inserts: 40, updates: 40, deletes: 6, lateCommits: 4, company: 'EPIC06' });
          },
        });
        // No version read twice. A record can appear twice with two revisions: a late commit may take a held-back
        // revision between the cursor and the bound after its earlier version was read.
        const versions = run1.records.map((r) => `${r.SysRowID}@${r.SysRevID}`);
        expect(new Set(versions).size).toBe(run1.records.length);
        expect(run1.records.every((r) => BigInt(String(r.SysRevID)) <= BigInt(bound!))).toBe(true);
        expect(run1.last).toBe(bound);
        const run2 = await readAll({ client, entity: def, company: 'EPIC06', watermark: run1.last, pageSize: 25 });
        expect(new Set(ids(run2.records)).size).toBe(run2.records.length);
        // Everything now in Epicor with a revision above the first bound is in run 2; what run 1 + run 2 saw covers
        // every live record except late commits (those are reconcile's job).
        const truth = local.records('EPIC06', def.entitySet);
        const above = truth.filter((r) => BigInt(String(r.SysRevID)) > BigInt(bound!));
        expect(sorted(ids(run2.records))).toEqual(sorted(ids(above)));
        const seen = new Set([...ids(run1.records), ...ids(run2.records)]);
        const missing = truth.filter((r) => !seen.has(String(r.SysRowID)));
        expect(missing.every((r) => BigInt(String(r.SysRevID)) <= BigInt(bound!))).toBe(true);
      }
    } finally {
      await local.close();
    }
  });

  it('reads exactly the right records with 10% injected faults of every kind', async () => {
    const client = connect({}, { maxRetries: 10 });
    const def = entity('gl_journal_lines');
    emu.resetStats();
    emu.setFaults({
      rate429: 0.0125,
      rate500: 0.0125,
      rate502: 0.0125,
      rate503: 0.0125,
      rateLicense: 0.0125,
      rateReset: 0.0125,
      rateTruncated: 0.0125,
      rateHtml: 0.0125,
      retryAfterSeconds: 0,
    });
    const { records } = await readAll({
      client,
      entity: def,
      company: 'EPIC06',
      watermark: null,
      pageSize: 4,
      parallelRanges: 2,
    });
    emu.setFaults({});
    expect(sorted(ids(records))).toEqual(sorted(ids(emu.records('EPIC06', def.entitySet))));
    const s = emu.stats().byStatus;
    // Every kind of fault was served (licence exhaustion answers 400) and each was retried to success.
    for (const k of ['429', '500', '502', '503', '400', 'reset', 'truncated']) expect(s[k] ?? 0, k).toBeGreaterThan(0);
  });

  it('retries licence exhaustion with the licence backoff', async () => {
    const client = connect();
    emu.setFaults({ rateLicense: 0.4 });
    const { records } = await readAll({
      client,
      entity: entity('vendors'),
      company: 'EPIC06',
      watermark: null,
      pageSize: 10,
    });
    emu.setFaults({});
    expect(records.length).toBe(emu.records('EPIC06', 'Vendors').length);
  });

  it('an incremental run with nothing new yields one empty page and keeps the watermark', async () => {
    const client = connect();
    const def = entity('vendors');
    const bound = await fixUpperBound(client, def, 'EPIC06');
    const { records, cursors } = await readAll({
      client,
      entity: def,
      company: 'EPIC06',
      watermark: bound,
      upperBound: bound,
      pageSize: 10,
    });
    expect(records).toEqual([]);
    expect(cursors).toEqual([bound]);
  });
});
