import { afterEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../../clock.ts';
import { startWorkspace, type TestWorkspace } from './test-client.ts';
import { until, WatchedClock } from './watched-clock.ts';

const basic = (id: string, secret: string) => `Basic ${Buffer.from(`${id}:${secret}`).toString('base64')}`;
const form = 'grant_type=client_credentials&scope=all-apis';
let ws: TestWorkspace | undefined;
afterEach(async () => {
  await ws?.emu.close();
  ws = undefined;
});

async function token(host: string, path = '/oidc/v1/token', secret = 'demo-sp-secret') {
  return fetch(host + path, {
    method: 'POST',
    headers: { authorization: basic('demo-sp', secret), 'content-type': 'application/x-www-form-urlencoded' },
    body: form,
  });
}

async function callWith(host: string, bearer: string) {
  return fetch(`${host}/api/2.0/sql/warehouses/emulated-warehouse`, { headers: { authorization: `Bearer ${bearer}` } });
}

describe('auth', () => {
  it('issues workspace and account tokens, honours the PAT, rejects bad clients, expiry and revocation', async () => {
    const clock = new ManualClock();
    ws = await startWorkspace({ clock, tokenTtlSeconds: 3600 });
    const disc = (await (await fetch(`${ws.host}/oidc/.well-known/oauth-authorization-server`)).json()) as any;
    expect(disc.token_endpoint).toBe(`${ws.host}/oidc/v1/token`);
    const wsTok = (await (await token(ws.host)).json()) as any;
    expect(wsTok).toMatchObject({ token_type: 'Bearer', expires_in: 3600, scope: 'all-apis' });
    const acct = (await (await token(ws.host, '/oidc/accounts/demo-account/v1/token')).json()) as any;
    expect((await callWith(ws.host, wsTok.access_token)).status).toBe(200);
    expect((await callWith(ws.host, acct.access_token)).status).toBe(200);
    expect((await callWith(ws.host, 'dapi-demo-token')).status).toBe(200);
    expect((await token(ws.host, '/oidc/accounts/other/v1/token')).status).toBe(400);
    const bad = await token(ws.host, '/oidc/v1/token', 'wrong');
    expect(bad.status).toBe(401);
    expect((await bad.json()) as any).toEqual({
      error: 'invalid_client',
      error_description: 'Client authentication failed',
    });
    const unknown = await callWith(ws.host, 'nope');
    expect(unknown.status).toBe(401);
    expect(((await unknown.json()) as any).error_code).toBe('UNAUTHENTICATED');
    clock.advance(3599_000);
    expect((await callWith(ws.host, wsTok.access_token)).status).toBe(200);
    clock.advance(1_000);
    expect((await callWith(ws.host, wsTok.access_token)).status).toBe(401);
    const fresh = (await (await token(ws.host)).json()) as any;
    ws.emu.revokeTokens();
    expect((await callWith(ws.host, fresh.access_token)).status).toBe(401);
    expect((await callWith(ws.host, 'dapi-demo-token')).status).toBe(401);
    const after = (await (await token(ws.host)).json()) as any;
    expect((await callWith(ws.host, after.access_token)).status).toBe(200);
  });
});

describe('statement execution', () => {
  it('answers PENDING for wait_timeout 0s while the warehouse starts, then SUCCEEDED on poll', async () => {
    const latencyClock = new WatchedClock();
    ws = await startWorkspace({ warehouseStartupMs: 300, latencyClock });
    const first = await ws.sql('SELECT 1 AS one', { wait_timeout: '0s' });
    expect(first.status.state).toBe('PENDING');
    const poll = async () =>
      (await (await ws!.api('GET', `/api/2.0/sql/statements/${first.statement_id}`)).json()) as any;
    latencyClock.advance(299);
    expect((await poll()).status.state).toBe('PENDING');
    latencyClock.advance(1);
    const body = await until(poll, (b) => b.status.state !== 'PENDING' && b.status.state !== 'RUNNING');
    expect(body.status.state).toBe('SUCCEEDED');
    expect(body.manifest.schema.columns[0]).toMatchObject({ name: 'one', type_name: 'INT', position: 0 });
    expect(body.result.data_array).toEqual([['1']]);
  });

  it('rejects bad wait_timeout, unknown warehouse, and shows RUNNING then cancels', async () => {
    const latencyClock = new WatchedClock();
    ws = await startWorkspace({ statementLatencyMs: 2000, latencyClock });
    for (const w of ['4s', '51s', '10', 'abc']) {
      const r = await ws.api(
        'POST',
        '/api/2.0/sql/statements',
        JSON.stringify({ statement: 'SELECT 1', warehouse_id: 'emulated-warehouse', wait_timeout: w }),
      );
      expect(r.status).toBe(400);
    }
    const wh = await ws.api(
      'POST',
      '/api/2.0/sql/statements',
      JSON.stringify({ statement: 'SELECT 1', warehouse_id: 'x' }),
    );
    expect(wh.status).toBe(404);
    expect(((await wh.json()) as any).error_code).toBe('RESOURCE_DOES_NOT_EXIST');
    const s = await ws.sql('SELECT 1', { wait_timeout: '0s' });
    await latencyClock.requested(2000);
    const get = async () => (await (await ws!.api('GET', `/api/2.0/sql/statements/${s.statement_id}`)).json()) as any;
    expect((await get()).status.state).toBe('RUNNING');
    expect((await ws.api('POST', `/api/2.0/sql/statements/${s.statement_id}/cancel`)).status).toBe(200);
    expect((await until(get, (b) => b.status.state !== 'RUNNING')).status.state).toBe('CANCELED');
  });

  it('waits up to wait_timeout, and CANCELs on timeout when asked', async () => {
    const latencyClock = new WatchedClock();
    ws = await startWorkspace({ statementLatencyMs: 5600, latencyClock });
    const reply = ws.sql('SELECT 1', { wait_timeout: '5s', on_wait_timeout: 'CANCEL' });
    await Promise.all([latencyClock.requested(5000), latencyClock.requested(5600)]);
    latencyClock.advance(4999);
    expect(ws.emu.statementLog().map((s) => s.state)).toEqual(['RUNNING']);
    latencyClock.advance(1);
    expect((await reply).status.state).toBe('CANCELED');
  });

  it('answers as soon as the statement ends within wait_timeout', async () => {
    const latencyClock = new WatchedClock();
    ws = await startWorkspace({ statementLatencyMs: 3000, latencyClock });
    const reply = ws.sql('SELECT 1', { wait_timeout: '5s' });
    await Promise.all([latencyClock.requested(5000), latencyClock.requested(3000)]);
    latencyClock.advance(3000);
    const r = await reply;
    expect(r.status.state).toBe('SUCCEEDED');
    expect(r.result.data_array).toEqual([['1']]);
  });

  it('queues statements beyond maxConcurrentStatements as PENDING', async () => {
    const latencyClock = new WatchedClock();
    ws = await startWorkspace({ statementLatencyMs: 400, maxConcurrentStatements: 1, latencyClock });
    const a = await ws.sql('SELECT 1', { wait_timeout: '0s' });
    const b = await ws.sql('SELECT 2', { wait_timeout: '0s' });
    await latencyClock.requested(400);
    const states = () => ws!.emu.statementLog().map((s) => [s.id, s.state]);
    expect(states()).toEqual([
      [a.statement_id, 'RUNNING'],
      [b.statement_id, 'PENDING'],
    ]);
    latencyClock.advance(400);
    await latencyClock.requested(400, 2);
    expect(states()).toEqual([
      [a.statement_id, 'SUCCEEDED'],
      [b.statement_id, 'RUNNING'],
    ]);
  });

  it('splits large results into chunks linked by next_chunk_index', async () => {
    ws = await startWorkspace();
    const r = await ws.sql('SELECT id FROM range(25000) AS t(id) ORDER BY id');
    expect(r.manifest.total_row_count).toBe(25000);
    expect(r.manifest.total_chunk_count).toBe(3);
    expect(r.manifest.schema.columns[0]).toMatchObject({ type_name: 'LONG', type_text: 'BIGINT' });
    const rows: string[][] = [...r.result.data_array];
    let next = r.result.next_chunk_internal_link;
    expect(r.result.next_chunk_index).toBe(1);
    while (next) {
      const c = (await (await ws.api('GET', next)).json()) as any;
      rows.push(...c.data_array);
      next = c.next_chunk_internal_link;
    }
    expect(rows.length).toBe(25000);
    expect(rows[24999]).toEqual(['24999']);
  });

  it('renders values and types as Databricks does, with named parameters', async () => {
    ws = await startWorkspace();
    const r = await ws.sql(
      'SELECT :s AS s, :i AS i, :d AS d, :t AS t, :b AS b, :dt AS dt, :n AS n, 1.5D AS dbl, CAST(2 AS BIGINT) AS big',
      {
        parameters: [
          { name: 's', value: "it's" },
          { name: 'i', value: '7', type: 'INT' },
          { name: 'd', value: '12.5', type: 'DECIMAL(18,4)' },
          { name: 't', value: '2026-01-02T03:04:05.123Z', type: 'TIMESTAMP' },
          { name: 'b', value: 'true', type: 'BOOLEAN' },
          { name: 'dt', value: '2026-01-02', type: 'DATE' },
          { name: 'n', type: 'BIGINT' },
        ],
      },
    );
    expect(r.status.state).toBe('SUCCEEDED');
    expect(r.result.data_array).toEqual([
      ["it's", '7', '12.5000', '2026-01-02T03:04:05.123Z', 'true', '2026-01-02', null, '1.5', '2'],
    ]);
    const cols = r.manifest.schema.columns;
    expect(cols.map((c: any) => c.type_name)).toEqual([
      'STRING',
      'INT',
      'DECIMAL',
      'TIMESTAMP',
      'BOOLEAN',
      'DATE',
      'LONG',
      'DOUBLE',
      'LONG',
    ]);
    expect(cols[2]).toMatchObject({ type_text: 'DECIMAL(18,4)', type_precision: 18, type_scale: 4 });
    const unbound = await ws.sql('SELECT :missing');
    expect(unbound.status.state).toBe('FAILED');
    expect(unbound.status.error.message).toMatch(/^\[UNBOUND_SQL_PARAMETER\]/);
  });
});

describe('faults', () => {
  it('injects 429 with Retry-After, 503 and 500 without doing the work', async () => {
    ws = await startWorkspace({ faults: { rate429: 1, retryAfterSeconds: 7 } });
    const r = await ws.api(
      'POST',
      '/api/2.0/sql/statements',
      JSON.stringify({ statement: 'CREATE SCHEMA f1', warehouse_id: 'emulated-warehouse' }),
    );
    expect(r.status).toBe(429);
    expect(r.headers.get('retry-after')).toBe('7');
    ws.emu.setFaults({ rate503: 1 });
    expect((await ws.api('GET', '/api/2.0/sql/warehouses/emulated-warehouse')).status).toBe(503);
    ws.emu.setFaults({ rate500: 1 });
    expect((await ws.api('GET', '/api/2.0/sql/warehouses/emulated-warehouse')).status).toBe(500);
    ws.emu.setFaults({});
    expect((await ws.sql('SHOW SCHEMAS')).result.data_array).toEqual([['default']]);
  });

  it('commits the work under an ambiguous failure (500 or reset socket)', async () => {
    ws = await startWorkspace({ faults: { rateAmbiguous: 1 }, seed: 3 });
    const outcomes: string[] = [];
    for (let i = 0; i < 6; i++) {
      try {
        const r = await ws.api(
          'POST',
          '/api/2.0/sql/statements',
          JSON.stringify({ statement: `CREATE SCHEMA s${i}`, warehouse_id: 'emulated-warehouse', wait_timeout: '0s' }),
        );
        outcomes.push(String(r.status));
      } catch {
        outcomes.push('reset');
      }
    }
    expect(outcomes).toContain('500');
    expect(outcomes).toContain('reset');
    ws.emu.setFaults({});
    const schemas = (await ws.sql('SHOW SCHEMAS')).result.data_array.map((r: string[]) => r[0]);
    expect(schemas).toEqual(['default', 's0', 's1', 's2', 's3', 's4', 's5']);
    ws.emu.setFaults({ rateAmbiguous: 1 });
    await ws.api('PUT', '/api/2.0/fs/directories/Volumes/main/default/v').catch(() => undefined);
  });

  it('slows statements with slowStatementMs and exposes admin endpoints', async () => {
    const latencyClock = new WatchedClock();
    ws = await startWorkspace({ latencyClock });
    await fetch(`${ws.host}/_emulator/faults`, { method: 'POST', body: JSON.stringify({ slowStatementMs: 300 }) });
    const reply = ws.sql('SELECT 1');
    await latencyClock.requested(300);
    expect(ws.emu.statementLog().map((s) => s.state)).toEqual(['RUNNING']);
    latencyClock.advance(300);
    expect((await reply).status.state).toBe('SUCCEEDED');
    const log = (await (await fetch(`${ws.host}/_emulator/statements`)).json()) as any;
    expect(log.statements.map((s: any) => [s.statement, s.state])).toEqual([['SELECT 1', 'SUCCEEDED']]);
    await fetch(`${ws.host}/_emulator/revoke-tokens`, { method: 'POST' });
    expect((await ws.api('GET', '/api/2.0/sql/warehouses/emulated-warehouse')).status).toBe(401);
  });
});

describe('persistence', () => {
  it('keeps tables, volumes and files across close and reopen of the same dataDir', async () => {
    ws = await startWorkspace();
    const { dataDir } = ws;
    await ws.sql('CREATE CATALOG IF NOT EXISTS dev');
    await ws.sql('CREATE SCHEMA IF NOT EXISTS dev.erp');
    await ws.sql('CREATE VOLUME IF NOT EXISTS dev.erp.stage');
    await ws.sql('CREATE TABLE dev.erp.t (k STRING, v DECIMAL(10,2)) CLUSTER BY (k)');
    await ws.sql("INSERT INTO dev.erp.t VALUES ('a', 1.25)");
    expect((await ws.api('PUT', '/api/2.0/fs/files/Volumes/dev/erp/stage/x.bin', 'hello')).status).toBe(204);
    await ws.emu.close();
    ws = await startWorkspace({ dataDir });
    expect((await ws.sql('SELECT * FROM dev.erp.t')).result.data_array).toEqual([['a', '1.25']]);
    expect(await (await ws.api('GET', '/api/2.0/fs/files/Volumes/dev/erp/stage/x.bin')).text()).toBe('hello');
    expect(await ws.emu.query('SELECT count(*)::INT AS n FROM dev.erp.t')).toEqual([{ n: 1 }]);
  });
});
