import { afterEach, describe, expect, it } from 'vitest';
import type { DatabricksConfig } from '../../../config/schema.ts';
import { ConnectorError } from '../../../errors.ts';
import { createDatabricksClient, type DatabricksClient, type DatabricksClientOptions } from './databricks-client.ts';
import {
  type FakeReply,
  type FakeRoute,
  FakeWorkspace,
  type SeenRequest,
  SteppingClock,
} from './testing/fake-workspace.ts';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function setup(
  route: FakeRoute,
  statements: DatabricksClientOptions['statements'] = {},
  extra: Partial<DatabricksConfig> = {},
) {
  const clock = new SteppingClock();
  const fake = await FakeWorkspace.start({ clock, route, pat: 'dapi-test' });
  cleanups.push(() => fake.close());
  const config = fake.config({ warehouseId: 'wh-1', ...extra });
  const client: DatabricksClient = createDatabricksClient(config, {
    clock,
    retry: { minTimeoutMs: 10, maxTimeoutMs: 50 },
    statements,
  });
  cleanups.push(() => client.close());
  return { clock, fake, client };
}

const SUBMIT = /^\/api\/2\.0\/sql\/statements$/;
const POLL = /^\/api\/2\.0\/sql\/statements\/[^/]+$/;
const CANCEL = /^\/api\/2\.0\/sql\/statements\/[^/]+\/cancel$/;

function state(id: string, s: string, extra: object = {}): FakeReply {
  return { status: 200, body: { statement_id: id, status: { state: s }, ...extra } };
}

function succeeded(id: string, rows: (string | null)[][], extra: object = {}): FakeReply {
  return state(id, 'SUCCEEDED', {
    manifest: {
      format: 'JSON_ARRAY',
      schema: {
        column_count: 2,
        columns: [
          { name: 'id', type_name: 'INT', position: 0 },
          { name: 'name', type_name: 'STRING', position: 1 },
        ],
      },
      total_chunk_count: 1,
      total_row_count: rows.length,
    },
    result: { chunk_index: 0, row_offset: 0, row_count: rows.length, data_array: rows },
    ...extra,
  });
}

function failed(id: string, errorCode: string, message: string): FakeReply {
  return {
    status: 200,
    body: { statement_id: id, status: { state: 'FAILED', error: { error_code: errorCode, message } } },
  };
}

describe('StatementClient', () => {
  it('submits with wait_timeout, CONTINUE, parameters, and reads the inline result', async () => {
    const { fake, client } = await setup((req) =>
      req.method === 'POST'
        ? succeeded('st-1', [
            ['1', 'a'],
            ['2', null],
          ])
        : undefined,
    );
    const result = await client.statements.execute('SELECT * FROM t WHERE a = :a AND b = :b', {
      parameters: [
        { name: 'a', value: 7, type: 'INT' },
        { name: 'b', value: null },
      ],
      catalog: 'main',
      schema: 's',
    });
    expect(result).toEqual({
      statementId: 'st-1',
      columns: [
        { name: 'id', typeName: 'INT' },
        { name: 'name', typeName: 'STRING' },
      ],
      rows: [
        ['1', 'a'],
        ['2', null],
      ],
    });
    const [submit] = fake.seen('POST', SUBMIT);
    expect(submit.headers.authorization).toBe('Bearer dapi-test');
    expect(submit.json()).toEqual({
      statement: 'SELECT * FROM t WHERE a = :a AND b = :b',
      warehouse_id: 'wh-1',
      catalog: 'main',
      schema: 's',
      parameters: [{ name: 'a', value: '7', type: 'INT' }, { name: 'b' }],
      wait_timeout: '30s',
      on_wait_timeout: 'CONTINUE',
      disposition: 'INLINE',
      format: 'JSON_ARRAY',
    });
  });

  it('polls a PENDING statement with growing delays until it SUCCEEDS (no 60 s limit)', async () => {
    let polls = 0;
    const { clock, fake, client } = await setup((req) => {
      if (req.method === 'POST') return state('st-2', 'PENDING');
      polls++;
      return polls < 40 ? state('st-2', polls < 30 ? 'PENDING' : 'RUNNING') : succeeded('st-2', [['1', 'x']]);
    });
    const rows = await client.statements.query('SELECT 1');
    expect(rows).toEqual([{ id: '1', name: 'x' }]);
    expect(fake.seen('GET', POLL)).toHaveLength(40);
    expect(clock.sleeps.slice(0, 4)).toEqual([100, 150, 225, 337.5]);
    expect(Math.max(...clock.sleeps)).toBe(5000);
    expect(clock.sleeps.reduce((a, b) => a + b, 0)).toBeGreaterThan(60_000); // a cold warehouse may take minutes
  });

  it('reads every chunk by following next_chunk_internal_link', async () => {
    const { fake, client } = await setup((req) => {
      if (req.method === 'POST') {
        return succeeded('st-3', [['1', 'a']], {
          result: {
            chunk_index: 0,
            data_array: [['1', 'a']],
            next_chunk_index: 1,
            next_chunk_internal_link: '/api/2.0/sql/statements/st-3/result/chunks/1',
          },
        });
      }
      const n = Number(/chunks\/(\d+)$/.exec(req.rawPath)?.[1]);
      const next =
        n < 3
          ? { next_chunk_index: n + 1, next_chunk_internal_link: `/api/2.0/sql/statements/st-3/result/chunks/${n + 1}` }
          : {};
      return {
        status: 200,
        body: { chunk_index: n, data_array: [[String(n + 1), String.fromCharCode(97 + n)]], ...next },
      };
    });
    const { rows } = await client.statements.execute('SELECT * FROM big');
    expect(rows).toEqual([
      ['1', 'a'],
      ['2', 'b'],
      ['3', 'c'],
      ['4', 'd'],
    ]);
    expect(fake.seen('GET', /\/result\/chunks\/\d+$/).map((r) => r.rawPath.split('/').pop())).toEqual(['1', '2', '3']);
  });

  it('maps a FAILED statement to STATEMENT_FAILED with the Databricks message, not retried when permanent', async () => {
    const { fake, client } = await setup(() =>
      failed('st-4', 'BAD_REQUEST', '[PARSE_SYNTAX_ERROR] Syntax error at or near "SELEC".'),
    );
    const err = await client.statements.execute('SELEC 1').catch((e) => e);
    expect(err).toBeInstanceOf(ConnectorError);
    expect(err.code).toBe('STATEMENT_FAILED');
    expect(err.retryable).toBe(false);
    expect(err.message).toContain('[PARSE_SYNTAX_ERROR] Syntax error at or near "SELEC".');
    expect(err.details).toMatchObject({ statementId: 'st-4', errorCode: 'BAD_REQUEST' });
    expect(fake.seen('POST', SUBMIT)).toHaveLength(1);
  });

  it('re-runs a statement that FAILED transiently, a bounded number of times', async () => {
    let submits = 0;
    const { fake, client } = await setup(() =>
      ++submits < 3
        ? failed(`st-${submits}`, 'TEMPORARILY_UNAVAILABLE', 'warehouse busy')
        : succeeded('st-ok', [['1', 'a']]),
    );
    expect((await client.statements.execute('MERGE INTO t USING s ON …')).statementId).toBe('st-ok');
    expect(fake.seen('POST', SUBMIT)).toHaveLength(3);

    submits = -100;
    const err = await client.statements.execute('MERGE INTO t USING s ON …').catch((e) => e);
    expect(err.code).toBe('STATEMENT_FAILED');
    expect(err.message).toContain('TEMPORARILY_UNAVAILABLE');
    expect(fake.seen('POST', SUBMIT)).toHaveLength(3 + 4);
  });

  it('cancels the statement on the server when the signal fires while polling', async () => {
    const { fake, client } = await setup((req) => {
      if (CANCEL.test(req.rawPath)) return { status: 200, body: {} };
      return state('st-5', 'RUNNING');
    });
    const controller = new AbortController();
    const run = client.statements.execute('SELECT slow()', { signal: controller.signal });
    while (fake.seen('GET', POLL).length < 3) await new Promise((r) => setTimeout(r, 2));
    controller.abort();
    const err = await run.catch((e) => e);
    expect(err.code).toBe('ABORTED');
    const cancels = fake.seen('POST', CANCEL);
    expect(cancels.map((r) => r.rawPath)).toEqual(['/api/2.0/sql/statements/st-5/cancel']);
  });

  it('cancels a statement whose submit was still waiting when the signal fired', async () => {
    let answerSubmit: (r: FakeReply) => void = () => {};
    const { fake, client } = await setup((req) => {
      if (SUBMIT.test(req.rawPath)) return new Promise<FakeReply>((r) => (answerSubmit = r));
      if (CANCEL.test(req.rawPath)) return { status: 200, body: {} };
      return state('st-6', 'RUNNING');
    });
    const controller = new AbortController();
    const run = client.statements.execute('SELECT slow()', { signal: controller.signal });
    while (fake.seen('POST', SUBMIT).length < 1) await new Promise((r) => setTimeout(r, 2));
    controller.abort();
    expect((await run.catch((e) => e)).code).toBe('ABORTED'); // at once, not after the wait_timeout
    answerSubmit(state('st-6', 'RUNNING'));
    const until = Date.now() + 2000;
    while (fake.seen('POST', CANCEL).length < 1 && Date.now() < until) await new Promise((r) => setTimeout(r, 2));
    expect(fake.seen('POST', CANCEL).map((r) => r.rawPath)).toEqual(['/api/2.0/sql/statements/st-6/cancel']);
  });

  it('gives up (and cancels) after the configured longest wait', async () => {
    const { fake, client } = await setup(
      (req) => (CANCEL.test(req.rawPath) ? { status: 200, body: {} } : state('st-7', 'PENDING')),
      { maxWaitMs: 60_000 },
    );
    const err = await client.statements.execute('SELECT 1').catch((e) => e);
    expect(err.code).toBe('TIMEOUT');
    expect(err.message).toContain('st-7');
    expect(fake.seen('POST', CANCEL)).toHaveLength(1);
  });

  it('waits as long as databricks.statementTimeoutSeconds allows (past the old 30 minutes), then cancels', async () => {
    let polls = 0;
    const { clock, fake, client } = await setup(
      (req) => {
        if (CANCEL.test(req.rawPath)) return { status: 200, body: {} };
        if (POLL.test(req.rawPath) && clock.now() - start > 45 * 60_000 && id === 'st-8')
          return succeeded('st-8', [['1']]);
        polls++;
        return state(id, 'RUNNING');
      },
      {},
      { statementTimeoutSeconds: 3600 },
    );
    let id = 'st-8';
    let start = clock.now();
    expect((await client.statements.execute('MERGE INTO big')).rows).toEqual([['1']]);
    expect(fake.seen('POST', CANCEL)).toHaveLength(0);
    id = 'st-9';
    start = clock.now();
    const err = await client.statements.execute('MERGE INTO bigger').catch((e) => e);
    expect(err.code).toBe('TIMEOUT');
    expect(err.message).toContain('after 3600 s');
    expect(clock.now() - start).toBeGreaterThanOrEqual(3600_000);
    expect(fake.seen('POST', CANCEL).map((r) => r.rawPath)).toEqual(['/api/2.0/sql/statements/st-9/cancel']);
    expect(polls).toBeGreaterThan(0);
  });

  it('retries 429 and 503 answers, waiting as Retry-After says', async () => {
    let n = 0;
    const { clock, fake, client } = await setup((req: SeenRequest) => {
      if (req.method !== 'POST') return undefined;
      n++;
      if (n === 1)
        return {
          status: 429,
          headers: { 'retry-after': '3' },
          body: { error_code: 'RESOURCE_EXHAUSTED', message: 'slow down' },
        };
      if (n === 2)
        return {
          status: 503,
          headers: { 'retry-after': '1' },
          body: { error_code: 'TEMPORARILY_UNAVAILABLE', message: 'later' },
        };
      return succeeded('st-8', [['1', 'a']]);
    });
    expect((await client.statements.execute('SELECT 1')).statementId).toBe('st-8');
    expect(fake.seen('POST', SUBMIT)).toHaveLength(3);
    expect(clock.sleeps).toEqual([3000, 1000]);
  });

  it('surfaces a refused request (400) with its error_code and message, without retrying', async () => {
    const { fake, client } = await setup(() => ({
      status: 400,
      body: { error_code: 'INVALID_PARAMETER_VALUE', message: 'Warehouse wh-1 does not exist.' },
    }));
    const err = await client.statements.execute('SELECT 1').catch((e) => e);
    expect(err.code).toBe('HTTP_PERMANENT');
    expect(err.message).toContain('INVALID_PARAMETER_VALUE: Warehouse wh-1 does not exist.');
    expect(fake.seen('POST', SUBMIT)).toHaveLength(1);
  });
});
