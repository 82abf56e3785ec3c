/**
 * Broken Epicor answers with status 200 — an IIS/gateway HTML page, a body cut mid-way, Epicor's own JSON error
 * shape — are retried as transient faults and the tables end exact; when one persists, only that entity fails, with a
 * sentence saying what Epicor sent, nothing of it is written and its watermark stays where it was.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CannedReply, DataRequest } from './hostile-proxy.ts';
import { type ReliabilityEnv, startReliabilityEnv } from './reliability-env.ts';

let r: ReliabilityEnv;
beforeAll(async () => {
  r = await startReliabilityEnv();
});
afterAll(async () => {
  await r?.close();
});

const HTML: CannedReply = {
  status: 200,
  contentType: 'text/html; charset=utf-8',
  body: '<!DOCTYPE html><html><head><title>Service Unavailable</title></head><body><h1>Server Error in Application</h1></body></html>',
};
const epicorErrorBody = (message: string): CannedReply => ({
  status: 200,
  contentType: 'application/json; charset=utf-8',
  body: JSON.stringify({
    HttpStatus: 500,
    ReasonPhrase: 'REST Api Exception',
    ErrorMessage: message,
    ErrorType: 'Ice.Common.BusinessObjectException',
    ErrorDetails: [{ Message: message, Type: 'Error', Table: 'Vendor' }],
    CorrelationId: '9f0c1c55-3d8f-4b3e-9d0e-2f3c4d5e6f70',
  }),
});
/** A real page of the entity cut in the middle (the proxy closes the socket after the half). */
const TRUNCATED: CannedReply = {
  status: 200,
  contentType: 'application/json; charset=utf-8',
  body: '{"@odata.context":"x","value":[{"Company":"EPIC06","VendorNum":1,"Name":"Acme","SysRevID":12',
  cut: true,
};
/** The first attempt at each distinct URL fails (so every page is answered on its retry, however requests interleave). */
const firstAttemptOfEachUrl = (reply: CannedReply) => {
  const seen = new Set<string>();
  return (req: DataRequest) => {
    const url = req.url.toString();
    if (seen.has(url)) return undefined;
    seen.add(url);
    return reply;
  };
};

describe('broken responses with status 200', () => {
  const cases: [string, CannedReply, string, string][] = [
    ['an HTML error page', HTML, 'vendors', 'Vendors'],
    ['a truncated JSON body', TRUNCATED, 'gl_accounts', 'GLAccounts'],
    ['an Epicor JSON error body', epicorErrorBody('Record locked by another user, try again.'), 'parts', 'Parts'],
  ];
  for (const [what, reply, entity, set] of cases) {
    it(`${what} is retried and the table ends exact`, async () => {
      const remove = r.proxy.intercept(set, firstAttemptOfEachUrl(reply));
      const before = r.proxy.canned[set] ?? 0;
      const schema = `s200_${entity}`;
      try {
        const result = await r.sync(schema, [entity]);
        expect(result.run.status, result.run.error).toBe('succeeded');
        expect(result.badRecords).toEqual([]);
        expect(result.run.entities[entity].pages).toBeGreaterThan(1);
      } finally {
        remove();
      }
      expect((r.proxy.canned[set] ?? 0) - before, 'faults were served').toBeGreaterThan(1);
      const report = await r.check(schema, [entity]);
      expect(report.ok, report.text).toBe(true);
      expect(report.tables[0].actual).toBeGreaterThan(10);
    });
  }

  const persistent: [string, CannedReply, RegExp][] = [
    ['an HTML page', HTML, /Epicor answered 200 with a body that is not complete JSON/],
    ['an Epicor error body', epicorErrorBody('Database is in maintenance mode.'), /Database is in maintenance mode/],
  ];
  for (const [what, reply, sentence] of persistent) {
    it(`${what} that never goes away fails only that entity: nothing written, watermark unmoved`, async () => {
      const schema = `persist_${what.replace(/\W+/g, '_').toLowerCase()}`;
      // Run 1 loads both; Epicor changes; run 2 meets the persistent fault on vendors only.
      const first = await r.sync(schema, ['vendors', 'gl_accounts']);
      expect(first.run.status, first.run.error).toBe('succeeded');
      const marks = await r.watermarks(schema);
      const rowsBefore = await r.query(schema, 'SELECT * FROM S.dim_vendor ORDER BY vendor_key');
      r.env.epicor.advance({ inserts: 20, updates: 20, deletes: 0 });

      const remove = r.proxy.intercept('Vendors', () => reply);
      let second: Awaited<ReturnType<ReliabilityEnv['sync']>>;
      try {
        second = await r.sync(schema, ['vendors', 'gl_accounts']);
      } finally {
        remove();
      }
      expect(second.run.status).toBe('partial');
      expect(second.run.entities.vendors.status).toBe('failed');
      expect(second.run.entities.vendors.error).toMatch(sentence);
      expect(second.run.entities.vendors.error).toMatch(/gave up after \d+ attempts/);
      expect(second.run.entities.gl_accounts.status).toBe('succeeded');
      expect(await r.query(schema, 'SELECT * FROM S.dim_vendor ORDER BY vendor_key')).toEqual(rowsBefore);
      const after = await r.watermarks(schema);
      expect(after.vendors).toBe(marks.vendors);
      expect(BigInt(after.gl_accounts)).toBeGreaterThanOrEqual(BigInt(marks.gl_accounts));

      // The fault is gone: the next run catches vendors up exactly.
      const third = await r.sync(schema, ['vendors', 'gl_accounts']);
      expect(third.run.status, third.run.error).toBe('succeeded');
      const report = await r.check(schema, ['vendors', 'gl_accounts']);
      expect(report.ok, report.text).toBe(true);
    });
  }
});
