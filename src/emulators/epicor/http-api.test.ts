import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../clock.ts';
import { createEpicorEmulator, type EpicorEmulator } from './emulator.ts';

/** Response bodies are checked field by field. */
const j = (r: Response): Promise<any> => r.json();

const BASIC = `Basic ${Buffer.from('manager:manager').toString('base64')}`;
const H = { 'x-api-key': 'demo-api-key', authorization: BASIC };
const clock = new ManualClock(Date.UTC(2026, 0, 5));
let emu: EpicorEmulator;
let base: string;
beforeAll(async () => {
  emu = createEpicorEmulator({ seed: 2, scale: 0.1, clock, tokenTtlSeconds: 600, maxTop: 500 });
  base = await emu.listen();
});
afterAll(() => emu.close());

const api = (path: string, headers: Record<string, string> = H) => fetch(`${base}/api/v2/odata/${path}`, { headers });
const expectEpicorError = async (res: Response, status: number, type?: RegExp) => {
  expect(res.status).toBe(status);
  const body = await j(res);
  expect(body).toMatchObject({
    HttpStatus: status,
    ReasonPhrase: expect.any(String),
    ErrorMessage: expect.any(String),
  });
  expect(body.CorrelationId).toMatch(/^[0-9a-f-]{36}$/);
  expect(Array.isArray(body.ErrorDetails)).toBe(true);
  if (type) expect(body.ErrorType).toMatch(type);
  return body;
};

describe('auth', () => {
  it('rejects a missing or wrong API key and bad Basic credentials with 401', async () => {
    await expectEpicorError(await api('EPIC06/Erp.BO.VendorSvc/Vendors', { authorization: BASIC }), 401);
    await expectEpicorError(await api('EPIC06/Erp.BO.VendorSvc/Vendors', { ...H, 'x-api-key': 'nope' }), 401);
    const bad = `Basic ${Buffer.from('manager:wrong').toString('base64')}`;
    await expectEpicorError(await api('EPIC06/Erp.BO.VendorSvc/Vendors', { ...H, authorization: bad }), 401);
    await expectEpicorError(await api('EPIC06/Erp.BO.VendorSvc/Vendors', { 'x-api-key': 'demo-api-key' }), 401);
    expect((await api('EPIC06/Erp.BO.VendorSvc/Vendors')).status).toBe(200);
  });

  it('issues OAuth tokens (form or Basic client credentials) that expire by the clock and can be revoked', async () => {
    const form = (body: string, headers: Record<string, string> = {}) =>
      fetch(`${base}/oauth/token`, {
        method: 'POST',
        body,
        headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
      });
    const bad = await form('grant_type=client_credentials&client_id=ml-connector-demo&client_secret=x');
    expect(bad.status).toBe(401);
    expect((await j(bad)).error).toBe('invalid_client');
    const viaBasic = await form('grant_type=client_credentials&scope=erp', {
      authorization: `Basic ${Buffer.from('ml-connector-demo:demo-secret').toString('base64')}`,
    });
    expect(await j(viaBasic)).toMatchObject({ token_type: 'Bearer', expires_in: 600, scope: 'erp' });
    const ok = await form('grant_type=client_credentials&client_id=ml-connector-demo&client_secret=demo-secret');
    const { access_token } = await j(ok);
    const bearer = { 'x-api-key': 'demo-api-key', authorization: `Bearer ${access_token}` };
    expect((await api('EPIC06/Erp.BO.VendorSvc/Vendors?$top=1', bearer)).status).toBe(200);
    clock.advance(601_000);
    await expectEpicorError(await api('EPIC06/Erp.BO.VendorSvc/Vendors?$top=1', bearer), 401);

    const tr = await fetch(`${base}/TokenResource.svc/`, {
      method: 'POST',
      headers: { ...H, accept: 'application/json' },
    });
    const body = await j(tr);
    expect(body).toMatchObject({ AccessToken: expect.any(String), ExpiresIn: 600, TokenType: 'Bearer' });
    const trBearer = { 'x-api-key': 'demo-api-key', authorization: `Bearer ${body.AccessToken}` };
    expect((await api('EPIC07/Erp.BO.PartSvc/Parts?$top=1', trBearer)).status).toBe(200);
    await fetch(`${base}/_emulator/revoke-tokens`, { method: 'POST' });
    await expectEpicorError(await api('EPIC07/Erp.BO.PartSvc/Parts?$top=1', trBearer), 401);
    const noBasic = await fetch(`${base}/TokenResource.svc/`, {
      method: 'POST',
      headers: { 'x-api-key': 'demo-api-key' },
    });
    await expectEpicorError(noBasic, 401);
  });
});

describe('routing and query errors', () => {
  it('404 for unknown company, service, entity set, key; 400 for bad queries', async () => {
    await expectEpicorError(await api('NOPE/Erp.BO.VendorSvc/Vendors'), 404);
    await expectEpicorError(await api('EPIC06/Erp.BO.NopeSvc/Vendors'), 404);
    await expectEpicorError(await api('EPIC06/Erp.BO.VendorSvc/Vendorz'), 404);
    await expectEpicorError(await api("EPIC06/Erp.BO.VendorSvc/Vendors('EPIC06',999999)"), 404);
    await expectEpicorError(await api("EPIC06/Erp.BO.VendorSvc/Vendors?$filter=Name eq 'x"), 400, /ODataException/);
    await expectEpicorError(await api('EPIC06/Erp.BO.VendorSvc/Vendors?$filter=VendorNum eq'), 400, /ODataException/);
    await expectEpicorError(await api("EPIC06/Erp.BO.VendorSvc/Vendors?$filter=VendorNum eq 'x'"), 400);
    await expectEpicorError(await api('EPIC06/Erp.BO.VendorSvc/Vendors?$select=Name,Zip'), 400); // Vendors spell it ZIP
    await expectEpicorError(await api('EPIC06/Erp.BO.VendorSvc/Vendors?$top=501'), 400);
    await expectEpicorError(await api('EPIC06/Erp.BO.VendorSvc/Vendors?$Top=5'), 400); // options are case-sensitive
  });

  it('serves 100 rows without $top, no nextLink, and single records by key with quoted strings', async () => {
    const res = await api('EPIC06/Erp.BO.POSvc/PODetails');
    const body = await j(res);
    expect(body.value).toHaveLength(100);
    expect(body['@odata.nextLink']).toBeUndefined();
    expect(body['@odata.context']).toBe(`${base}/api/v2/odata/EPIC06/Erp.BO.POSvc/$metadata#PODetails`);

    const inv = emu.records('EPIC06', 'APInvoices')[3];
    const quoted = String(inv.InvoiceNum).replaceAll("'", "''");
    const one = await api(
      `EPIC06/Erp.BO.APInvoiceSvc/APInvoices('EPIC06',${inv.VendorNum},'${encodeURIComponent(quoted)}')`,
    );
    const row = await j(one);
    expect(row.SysRowID).toBe(inv.SysRowID);
    expect(row['@odata.context']).toContain('$metadata#APInvoices/$entity');

    const gl = emu.records('EPIC06', 'GLAccounts')[0];
    const named = await api(
      `EPIC06/Erp.BO.GLAccountSvc/GLAccounts(Company='EPIC06',COACode='${gl.COACode}',GLAccount1='${encodeURIComponent(String(gl.GLAccount1))}')`,
    );
    expect((await j(named)).GLAccount1).toBe(gl.GLAccount1);

    const tran = emu.records('EPIC06', 'APTrans')[0];
    const t = await api(`EPIC06/Erp.BO.PaymentEntrySvc/APTrans('EPIC06',${tran.HeadNum},1,'${tran.InvoiceNum}',false)`);
    expect((await j(t)).HeadNum).toBe(tran.HeadNum);

    const vendor = emu.records('EPIC06', 'Vendors').find((v) => String(v.Name).includes("'"));
    if (vendor) {
      const f = encodeURIComponent(`Name eq '${String(vendor.Name).replaceAll("'", "''")}'`);
      const byName = await j(await api(`EPIC06/Erp.BO.VendorSvc/Vendors?$filter=${f}`));
      expect(byName.value.map((v: { VendorNum: number }) => v.VendorNum)).toContain(vendor.VendorNum);
    }
    const companies = await j(await api('EPIC07/Erp.BO.CompanySvc/Companies'));
    expect(companies.value.map((c: { Company1: string }) => c.Company1)).toEqual(['EPIC07']);
  });

  it('honours or ignores $count per configuration', async () => {
    const counted = await j(await api('EPIC06/Erp.BO.VendorSvc/Vendors?$top=1&$count=true'));
    expect(counted['@odata.count']).toBe(emu.records('EPIC06', 'Vendors').length);
    const off = createEpicorEmulator({ seed: 2, scale: 0.05, countEnabled: false });
    const offBase = await off.listen();
    const body = await j(
      await fetch(`${offBase}/api/v2/odata/EPIC06/Erp.BO.VendorSvc/Vendors?$top=1&$count=true`, { headers: H }),
    );
    expect(body['@odata.count']).toBeUndefined();
    await off.close();
  });
});

describe('BAQs', () => {
  it('zSupplierSpend sums invoices per vendor; zOpenPOLines requires Plant', async () => {
    const spend = await j(
      await api('EPIC06/BaqSvc/zSupplierSpend/Data?CurrencyCode=USD&$orderby=Vendor_VendorNum&$top=500'),
    );
    const usd = emu.records('EPIC06', 'APInvoices').filter((i) => i.CurrencyCode === 'USD');
    const first = spend.value[0];
    const mine = usd.filter((i) => i.VendorNum === first.Vendor_VendorNum);
    expect(first.Calculated_InvoiceCount).toBe(mine.length);
    expect(first.Calculated_TotalSpend).toBeCloseTo(
      mine.reduce((a, i) => a + (i.InvoiceAmt as number), 0),
      4,
    );
    expect(
      spend.value.reduce((a: number, r: { Calculated_InvoiceCount: number }) => a + r.Calculated_InvoiceCount, 0),
    ).toBe(usd.length);
    expect(Object.keys(first).sort()).toEqual([
      'Calculated_InvoiceCount',
      'Calculated_TotalSpend',
      'RowIdent',
      'Vendor_Name',
      'Vendor_VendorID',
      'Vendor_VendorNum',
    ]);

    await expectEpicorError(await api('EPIC06/BaqSvc/zOpenPOLines/Data'), 400);
    const open = await j(
      await api(
        'EPIC06/BaqSvc/zOpenPOLines/Data?Plant=MfgSys&$filter=PODetail_OrderQty gt 10&$select=POHeader_PONum,PODetail_OrderQty',
      ),
    );
    expect(open.value.length).toBeGreaterThan(0);
    for (const r of open.value) expect(r.PODetail_OrderQty).toBeGreaterThan(10);
    await expectEpicorError(await api('EPIC06/BaqSvc/zNope/Data'), 404);
  });
});

describe('faults', () => {
  const once = async (faults: Record<string, number>) => {
    emu.setFaults(faults);
    try {
      return await api('EPIC06/Erp.BO.VendorSvc/Vendors?$top=50');
    } finally {
      emu.setFaults({});
    }
  };

  it('429 with Retry-After, licence exhaustion as 400, HTML pages', async () => {
    const r429 = await once({ rate429: 1, retryAfterSeconds: 7 });
    expect(r429.headers.get('retry-after')).toBe('7');
    await expectEpicorError(r429, 429);
    const lic = await expectEpicorError(await once({ rateLicense: 1 }), 400, /LicenseAccessException/);
    expect(lic.ErrorMessage).toContain('Maximum users exceeded');
    const r502 = await once({ rate502: 1 });
    expect(r502.status).toBe(502);
    expect(r502.headers.get('content-type')).toContain('text/html');
    expect(await r502.text()).toContain('<html>');
    const h = await once({ rateHtml: 1 });
    expect(h.headers.get('content-type')).toContain('text/html');
  });

  it('truncated bodies fail to parse and resets fail the request', async () => {
    const t = await once({ rateTruncated: 1 });
    expect(t.status).toBe(200);
    expect(t.headers.get('content-length')).toBeNull();
    const text = await t.text();
    expect(() => JSON.parse(text)).toThrow();
    await expect(once({ rateReset: 1 }).then((r) => r.text())).rejects.toThrow();
    const stats = emu.stats();
    expect(stats.byStatus.truncated).toBeGreaterThan(0);
    expect(stats.byStatus.reset).toBeGreaterThan(0);
  });

  it('admin endpoints set faults and latency, advance, and report stats', async () => {
    emu.resetStats();
    await fetch(`${base}/_emulator/faults`, { method: 'POST', body: JSON.stringify({ rate500: 1 }) });
    expect((await api('EPIC06/Erp.BO.VendorSvc/Vendors?$top=1')).status).toBe(500);
    await fetch(`${base}/_emulator/faults`, { method: 'POST', body: '{}' });
    await fetch(`${base}/_emulator/latency`, { method: 'POST', body: JSON.stringify({ fixedMs: 120 }) });
    const t0 = performance.now();
    expect((await api('EPIC06/Erp.BO.VendorSvc/Vendors?$top=3')).status).toBe(200);
    expect(performance.now() - t0).toBeGreaterThanOrEqual(100);
    await fetch(`${base}/_emulator/latency`, { method: 'POST', body: '{}' });
    const report = await j(
      await fetch(`${base}/_emulator/advance`, {
        method: 'POST',
        body: JSON.stringify({ inserts: 5, updates: 2, deletes: 0 }),
      }),
    );
    expect(report.totals.inserted).toBe(5);
    const stats = await j(await fetch(`${base}/_emulator/stats`));
    expect(stats).toMatchObject({ requests: 2, byStatus: { '200': 1, '500': 1 }, rowsServed: 3 });
  });
});
