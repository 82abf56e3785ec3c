import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type Clock, ManualClock, systemClock } from '../../../clock.ts';
import type { DatabricksConfig } from '../../../config/schema.ts';
import {
  createDatabricksEmulator,
  DATABRICKS_DEMO,
  type DatabricksEmulator,
} from '../../../emulators/databricks/databricks-emulator.ts';
import { createDatabricksClient, type DatabricksClientOptions } from './databricks-client.ts';

/** Real time, but sleeps return at once and are recorded (Retry-After and backoff become observable). */
function instantClock(): Clock & { sleeps: number[] } {
  const sleeps: number[] = [];
  return { sleeps, now: () => Date.now(), sleep: async (ms) => void sleeps.push(ms) };
}

const dirs: string[] = [];
const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of closers.splice(0).reverse()) await c();
});
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

async function emulator(opts: Parameters<typeof createDatabricksEmulator>[0] = {}): Promise<DatabricksEmulator> {
  const dataDir = mkdtempSync(join(tmpdir(), 'dbx-client-'));
  dirs.push(dataDir);
  const emu = await createDatabricksEmulator({ dataDir, ...opts });
  await emu.listen();
  return emu;
}

function configFor(host: string, auth: Partial<Record<string, unknown>> = {}): DatabricksConfig {
  return {
    host,
    warehouseId: DATABRICKS_DEMO.warehouseId,
    catalog: 'main',
    schema: 'client_it',
    volume: 'staging',
    layout: 'cluster',
    auth: {
      type: 'oauth-m2m',
      level: 'workspace',
      accountId: null,
      clientId: DATABRICKS_DEMO.clientId,
      clientSecret: DATABRICKS_DEMO.clientSecret,
      ...auth,
    },
  } as DatabricksConfig;
}

function client(emu: DatabricksEmulator, opts: DatabricksClientOptions = {}, auth = {}) {
  const c = createDatabricksClient(configFor(emu.host, auth), opts);
  closers.push(() => c.close());
  return c;
}

describe('Databricks client against the emulator', () => {
  let emu: DatabricksEmulator;
  beforeAll(async () => {
    emu = await emulator({ chunkRows: 100 });
  });
  afterAll(async () => emu.close());

  it('runs DDL, parameterised DML and reads a multi-chunk result', async () => {
    const c = client(emu);
    await c.statements.execute('CREATE SCHEMA IF NOT EXISTS main.client_it');
    await c.statements.execute('CREATE TABLE IF NOT EXISTS main.client_it.t (id BIGINT, name STRING)');
    await c.statements.execute('INSERT INTO main.client_it.t VALUES (:id, :name)', {
      parameters: [
        { name: 'id', value: 1n, type: 'BIGINT' },
        { name: 'name', value: null },
      ],
    });
    expect(await c.statements.query('SELECT id, name FROM t', [], { catalog: 'main', schema: 'client_it' })).toEqual([
      { id: '1', name: null },
    ]);
    const { rows, columns } = await c.statements.execute('SELECT * FROM range(250)');
    expect(columns).toHaveLength(1);
    expect(rows).toHaveLength(250);
    expect(rows[249]).toEqual(['249']);
  });

  it('maps a syntax error to STATEMENT_FAILED with the Databricks message', async () => {
    const err = await client(emu)
      .statements.execute('SELEC 1')
      .catch((e) => e);
    expect(err.code).toBe('STATEMENT_FAILED');
    expect(err.retryable).toBe(false);
    expect(err.message).toContain('PARSE_SYNTAX_ERROR');
  });

  it('round-trips files in a volume', async () => {
    const c = client(emu);
    await c.statements.execute('CREATE SCHEMA IF NOT EXISTS main.client_it');
    await c.statements.execute('CREATE VOLUME IF NOT EXISTS main.client_it.staging');
    const dir = '/Volumes/main/client_it/staging/sync 1';
    await c.files.upload(`${dir}/part-00001.parquet`, Buffer.from('one'));
    await c.files.upload(`${dir}/sub/part-00002.parquet`, Buffer.from('two'));
    await expect(
      c.files.upload(`${dir}/part-00001.parquet`, Buffer.from('x'), { overwrite: false }),
    ).rejects.toMatchObject({ status: 409 });
    expect(await c.files.exists(`${dir}/part-00001.parquet`)).toBe(true);
    expect((await c.files.download(`${dir}/sub/part-00002.parquet`)).toString()).toBe('two');
    expect((await c.files.list(dir)).map((e) => [e.name, e.isDirectory]).sort()).toEqual([
      ['part-00001.parquet', false],
      ['sub', true],
    ]);
    await c.files.deleteTree(dir);
    expect(await c.files.exists(`${dir}/part-00001.parquet`)).toBe(false);
    await c.files.delete(`${dir}/part-00001.parquet`);
  });

  it('retries 429/503/500 and ambiguous failures of idempotent statements, honouring Retry-After', async () => {
    const clock = instantClock();
    const c = client(emu, { clock, retry: { maxRetries: 8 } });
    await c.statements.execute('SELECT 1'); // token first, so faults hit the statements
    emu.setFaults({ rate429: 0.2, rate503: 0.15, rate500: 0.1, rateAmbiguous: 0.2, retryAfterSeconds: 2 });
    try {
      for (let i = 0; i < 30; i++) {
        await c.statements.execute('CREATE SCHEMA IF NOT EXISTS main.client_it');
        expect((await c.statements.execute('SELECT 41 + 1')).rows).toEqual([['42']]);
      }
    } finally {
      emu.setFaults({});
    }
    expect(clock.sleeps).toContain(2000);
    expect(clock.sleeps.length).toBeGreaterThan(5);
  });

  it('a 401 after revoked tokens is retried once with a fresh token', async () => {
    const own = await emulator(); // revoking also revokes the PAT, so not on the shared emulator
    closers.push(() => own.close());
    const c = client(own);
    await c.statements.execute('SELECT 1');
    own.revokeTokens();
    await c.statements.execute('SELECT 1');
    expect(c.credentials.refreshCount()).toBe(2);
  });

  it('account-level OAuth and PAT both authenticate', async () => {
    const account = client(emu, {}, { level: 'account', accountId: DATABRICKS_DEMO.accountId });
    expect((await account.statements.execute('SELECT 1')).rows).toEqual([['1']]);
    expect(account.credentials.method).toBe('oauth-m2m-account');
    const pat = client(emu, {}, { type: 'pat', token: DATABRICKS_DEMO.pat });
    expect((await pat.statements.execute('SELECT 1')).rows).toEqual([['1']]);
  });

  it('cancels a running statement on the warehouse when the signal fires', async () => {
    const c = client(emu, { statements: { waitTimeout: '0s' } });
    await c.statements.execute('SELECT 1');
    emu.setFaults({ slowStatementMs: 10_000 });
    const controller = new AbortController();
    const started = Date.now();
    const run = c.statements.execute('SELECT 7 AS slow', { signal: controller.signal });
    setTimeout(() => controller.abort(), 300);
    const err = await run.catch((e) => e);
    emu.setFaults({});
    expect(err.code).toBe('ABORTED');
    expect(Date.now() - started).toBeLessThan(5000);
    const entry = emu.statementLog().find((s) => s.statement === 'SELECT 7 AS slow');
    expect(entry?.state).toBe('CANCELED');
  });
});

describe('Databricks client with a cold warehouse and short tokens', () => {
  it('polls PENDING statements until the warehouse is up', async () => {
    const emu = await emulator({ warehouseStartupMs: 1200 });
    closers.push(() => emu.close());
    const c = client(emu, { clock: systemClock, statements: { waitTimeout: '0s' } });
    const started = Date.now();
    expect((await c.statements.execute('SELECT 1')).rows).toEqual([['1']]);
    expect(Date.now() - started).toBeGreaterThanOrEqual(1000);
    expect(emu.statementLog().map((s) => s.state)).toEqual(['SUCCEEDED']);
  });

  it('a 30 s token never fails a call over many minutes', async () => {
    const clock = new ManualClock(Date.now());
    const emu = await emulator({ clock, tokenTtlSeconds: 30 });
    closers.push(() => emu.close());
    const c = client(emu, { clock });
    for (let i = 0; i < 90; i++) {
      clock.advance(4_000);
      expect((await c.statements.execute('SELECT 1')).rows).toEqual([['1']]);
    }
    expect(c.credentials.refreshCount()).toBeGreaterThanOrEqual(12);
  });
});
