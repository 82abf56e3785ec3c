/**
 * `checkDatabricks` against the Databricks emulator over loopback: it only reads (the schema and volume it reports
 * as "created by the first sync" do not exist afterwards, no CREATE reaches the warehouse), `--fix` creates them,
 * a bad warehouse id names `databricks.warehouseId`, and grants that do not allow the first sync fail with the GRANT
 * statements to run.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Probe } from '../../../check-probe.ts';
import { ManualClock } from '../../../clock.ts';
import type { DatabricksConfig } from '../../../config/schema.ts';
import {
  createDatabricksEmulator,
  DATABRICKS_DEMO,
  type DatabricksEmulator,
} from '../../../emulators/databricks/databricks-emulator.ts';
import { checkDatabricks } from './check-databricks.ts';

let emu: DatabricksEmulator;
let dir: string;
/** The emulator's one identity: the demo service principal (named by its application id). */
const me = DATABRICKS_DEMO.clientId;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'mlc-check-dbx-'));
  emu = await createDatabricksEmulator({ dataDir: dir });
  await emu.listen();
});
afterAll(async () => {
  await emu.close();
  rmSync(dir, { recursive: true, force: true });
});
beforeEach(() => emu.setGrants(undefined));

let schemaSeq = 0;
function configFor(over: Partial<DatabricksConfig> = {}): DatabricksConfig {
  return {
    host: emu.host,
    warehouseId: DATABRICKS_DEMO.warehouseId,
    catalog: 'main',
    schema: `check_${++schemaSeq}`,
    volume: 'staging',
    layout: 'cluster',
    stagingCompression: 'none',
    auth: {
      type: 'oauth-m2m',
      level: 'workspace',
      accountId: null,
      clientId: DATABRICKS_DEMO.clientId,
      clientSecret: DATABRICKS_DEMO.clientSecret,
    },
    ...over,
  } as DatabricksConfig;
}

const byId = (probes: Probe[], id: string) => probes.find((p) => p.id === id)!;

async function schemaExists(schema: string): Promise<boolean> {
  const rows = await emu.query(
    `SELECT schema_name FROM duckdb_schemas() WHERE database_name = 'c_main' AND schema_name = '${schema}'`,
  );
  return rows.length > 0;
}

describe('checkDatabricks', () => {
  it('only reads: says the first sync creates schema and volume, and creates nothing', async () => {
    const config = configFor();
    const before = emu.statementLog().length;
    const { probes, statements } = await checkDatabricks(config);
    expect(probes.map((p) => [p.id, p.status])).toEqual([
      ['databricks.token', 'ok'],
      ['databricks.warehouse', 'ok'],
      ['databricks.catalog', 'ok'],
      ['databricks.schema', 'ok'],
      ['databricks.volume', 'ok'],
      ['databricks.grants', 'ok'],
    ]);
    expect(byId(probes, 'databricks.schema').message).toBe(
      `schema main.${config.schema} does not exist yet: the first sync creates it (or run check --fix).`,
    );
    expect(byId(probes, 'databricks.volume').message).toContain('does not exist yet: the first sync creates it');
    expect(byId(probes, 'databricks.grants').message).toContain(`can create schema main.${config.schema}`);
    expect(await schemaExists(config.schema)).toBe(false);
    const sent = emu.statementLog().slice(before);
    expect(sent).toHaveLength(statements);
    expect(sent.filter((s) => !/^\s*(SELECT|SHOW)\b/i.test(s.statement)).map((s) => s.statement)).toEqual([]);
  });

  it('--fix creates the schema and volume; the next check finds them usable', async () => {
    const config = configFor();
    const fixed = await checkDatabricks(config, { fix: true });
    expect(byId(fixed.probes, 'databricks.fix')).toMatchObject({ status: 'ok' });
    expect(byId(fixed.probes, 'databricks.fix').message).toBe(
      `created schema main.${config.schema} and volume main.${config.schema}.staging.`,
    );
    expect(await schemaExists(config.schema)).toBe(true);

    const again = await checkDatabricks(config);
    expect(again.probes.every((p) => p.status === 'ok')).toBe(true);
    expect(byId(again.probes, 'databricks.schema').message).toMatch(/exists \(0 tables and views\)/);
    expect(byId(again.probes, 'databricks.volume').message).toMatch(
      /staging volume \/Volumes\/main\/.*exists and lists/,
    );
  });

  it('a bad warehouse id fails naming databricks.warehouseId', async () => {
    const { probes } = await checkDatabricks(configFor({ warehouseId: 'no-such-warehouse' }));
    expect(probes.map((p) => [p.id, p.status])).toEqual([
      ['databricks.token', 'ok'],
      ['databricks.warehouse', 'failed'],
    ]);
    const w = byId(probes, 'databricks.warehouse');
    expect(w.message).toMatch(/^warehouse no-such-warehouse does not exist on /);
    expect(w.fix).toMatch(/^check databricks\.warehouseId/);
  });

  it('rejected credentials fail the token probe, the secret nowhere', async () => {
    const config = configFor();
    const { probes } = await checkDatabricks({
      ...config,
      auth: {
        ...(config.auth as { type: 'oauth-m2m' }),
        clientSecret: 'not-the-secret-42',
      } as DatabricksConfig['auth'],
    });
    expect(probes).toHaveLength(1);
    expect(probes[0]).toMatchObject({ id: 'databricks.token', status: 'failed' });
    expect(JSON.stringify(probes)).not.toContain('not-the-secret-42');
  });

  it('an unknown catalog fails with the key to fix', async () => {
    const { probes } = await checkDatabricks(configFor({ catalog: 'nope_catalog' }));
    expect(byId(probes, 'databricks.catalog')).toMatchObject({ status: 'failed' });
    expect(byId(probes, 'databricks.catalog').fix).toContain('databricks.catalog');
  });

  it('grants without CREATE SCHEMA: ✗ with the GRANT to run; --fix is refused by the warehouse the same way', async () => {
    emu.setGrants([{ principal: me, action: 'USE CATALOG', objectType: 'CATALOG', objectKey: 'main' }]);
    const config = configFor();
    const { probes } = await checkDatabricks(config);
    const g = byId(probes, 'databricks.grants');
    expect(g.status).toBe('failed');
    expect(g.message).toContain(`${me} lacks CREATE SCHEMA on catalog main`);
    expect(g.fix).toBe(`have an admin run: GRANT CREATE SCHEMA ON CATALOG \`main\` TO \`${me}\``);

    const fix = await checkDatabricks(config, { fix: true });
    expect(byId(fix.probes, 'databricks.fix').status).toBe('failed');
    expect(byId(fix.probes, 'databricks.fix').message).toContain('PERMISSION_DENIED');
    expect(await schemaExists(config.schema)).toBe(false);

    emu.setGrants([{ principal: me, action: 'ALL PRIVILEGES', objectType: 'CATALOG', objectKey: 'main' }]);
    const allowed = await checkDatabricks(config, { fix: true });
    expect(allowed.probes.filter((p) => p.status !== 'ok')).toEqual([]);
  });

  it('an existing schema without WRITE VOLUME on the staging volume: ✗ naming it', async () => {
    const config = configFor();
    await checkDatabricks(config, { fix: true });
    emu.setGrants([
      { principal: me, action: 'USE CATALOG', objectType: 'CATALOG', objectKey: 'main' },
      { principal: me, action: 'USE SCHEMA', objectType: 'SCHEMA', objectKey: `main.${config.schema}` },
      { principal: me, action: 'CREATE TABLE', objectType: 'SCHEMA', objectKey: `main.${config.schema}` },
      { principal: me, action: 'READ VOLUME', objectType: 'VOLUME', objectKey: `main.${config.schema}.staging` },
    ]);
    const { probes } = await checkDatabricks(config);
    const g = byId(probes, 'databricks.grants');
    expect(g.status).toBe('failed');
    expect(g.message).toContain(`lacks WRITE VOLUME on volume main.${config.schema}.staging`);
  });

  it('a host that accepts connections but never answers fails the token probe at its 15 s deadline (injected clock)', async () => {
    const sockets = new Set<Socket>();
    const hung = createServer(() => {});
    hung.on('connection', (c) => sockets.add(c));
    await new Promise<void>((r) => hung.listen(0, '127.0.0.1', () => r()));
    const clock = new ManualClock();
    try {
      const host = `http://127.0.0.1:${(hung.address() as AddressInfo).port}`;
      const pending = checkDatabricks(configFor({ host }), { clock });
      for (let i = 0; i < 200 && sockets.size === 0; i++) await new Promise((r) => setTimeout(r, 10));
      expect(sockets.size).toBeGreaterThan(0);
      clock.advance(15_000);
      const { probes } = await pending;
      expect(probes.map((p) => [p.id, p.status])).toEqual([['databricks.token', 'failed']]);
      expect(probes[0].message).toContain('no answer within 15 s while waiting for a token from 127.0.0.1');
    } finally {
      for (const c of sockets) c.destroy();
      hung.closeAllConnections();
      await new Promise((r) => hung.close(r));
    }
  });
});
