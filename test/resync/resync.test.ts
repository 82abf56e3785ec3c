/**
 * `resync <entity>` against both emulators: readers polling the table while the rebuild runs (held mid-way by the
 * emulator's statement pauses) only ever see the old table or the new one; other tables, the history table and the
 * watermark before the swap are untouched; a CLI process killed (SIGKILL) in the middle leaves the old table and
 * watermark; the next resync cleans up what the dead one left and finishes.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createDatabricksClient,
  type DatabricksClient,
} from '../../src/destination/databricks/client/databricks-client.ts';
import { EpicorFixture } from '../../src/emulators/epicor/fixture-data.ts';
import { resyncOnce } from '../../src/jobs/resync-once.ts';
import { syncOnce } from '../../src/jobs/sync-once.ts';
import { runCli, startCli, writeConfig } from '../support/cli-harness.ts';
import { type E2eEnv, startE2eEnv } from '../support/e2e-env.ts';

const COMPANY = 'EPIC06';
const VENDORS = 40;
let env: E2eEnv;
let fixture: EpicorFixture;
let client: DatabricksClient;

async function count(table: string): Promise<number> {
  const r = await client.statements.execute(`SELECT COUNT(*) AS n FROM main.epicor.${table}`);
  return Number(r.rows[0][0]);
}
async function watermark(): Promise<string | null> {
  const r = await env.query(
    "SELECT cursor_value FROM main.epicor._ml_connector_state WHERE entity = 'vendors' AND company = 'EPIC06'",
  );
  return (r[0]?.cursor_value as string | undefined) ?? null;
}
/** A pause the test releases; `held` resolves once a statement waits on it. */
function hold(contains: string) {
  let release!: () => void;
  let paused!: () => void;
  const until = new Promise<void>((r) => (release = r));
  const held = new Promise<void>((r) => (paused = r));
  return { pause: { contains, until, onPaused: () => paused() }, release, held };
}

beforeAll(async () => {
  fixture = new EpicorFixture({
    [COMPANY]: {
      Companies: [{ Company1: COMPANY, Name: 'Resync Fabrication' }],
      Vendors: Array.from({ length: VENDORS }, (_, i) => ({
        VendorNum: i + 1,
        VendorID: `V${String(i + 1).padStart(3, '0')}`,
        Name: `Vendor ${i + 1}`,
      })),
    },
  });
  env = await startE2eEnv({ epicor: { fixture } });
  env.config = { ...env.config, entities: [{ name: 'companies' }, { name: 'vendors' }] as never, history: ['vendors'] };
  env.config.analytics = { ...env.config.analytics, enabled: false };
  client = createDatabricksClient(env.config.databricks);
  const first = await syncOnce(env.config, { logger: env.logger });
  expect(first.run.status).toBe('succeeded');
  fixture.upsert(COMPANY, 'Vendors', { VendorNum: 1, VendorID: 'V001', Name: 'Vendor 1 renamed' });
  expect((await syncOnce(env.config, { logger: env.logger })).run.status).toBe('succeeded');
}, 60_000);

afterAll(async () => {
  await client?.close();
  await env?.close();
});

describe.sequential('resync', () => {
  it('serves the old table until the new one is swapped in, and touches nothing else', async () => {
    // The table lost rows (e.g. someone deleted them by hand): a resync is how to get them back.
    await env.query('DELETE FROM main.epicor.dim_vendor WHERE vendor_num > 30');
    const before = await count('dim_vendor');
    expect(before).toBe(30);
    const history = await env.query('SELECT * FROM main.epicor.dim_vendor_history ORDER BY vendor_key, _source_rev');
    const companies = await env.query('SELECT * FROM main.epicor.dim_company');
    const mark = await watermark();

    const building = hold('MERGE INTO `main`.`epicor`.`_ml_connector_resync_dim_vendor`');
    const swapping = hold('CREATE OR REPLACE TABLE `main`.`epicor`.`dim_vendor`');
    env.databricks.setFaults({ pauses: [building.pause, swapping.pause] });
    const seen: number[] = [];
    let done = false;
    const reader = (async () => {
      while (!done) seen.push(await count('dim_vendor'));
    })();
    const resync = resyncOnce(env.config, 'vendors', { logger: env.logger });

    await building.held; // the side table is being filled
    for (let i = 0; i < 5; i++) seen.push(await count('dim_vendor'));
    expect(await watermark()).toBe(mark);
    building.release();
    await swapping.held; // the side table is complete; the swap has not run
    expect(await count('_ml_connector_resync_dim_vendor')).toBe(VENDORS);
    expect(await count('dim_vendor')).toBe(before);
    expect(await watermark()).toBe(mark);
    swapping.release();
    const result = await resync;
    done = true;
    await reader;
    env.databricks.setFaults({});

    expect(result.run.status).toBe('succeeded');
    expect(seen.length).toBeGreaterThan(5);
    expect(new Set(seen.filter((n) => n !== before && n !== VENDORS))).toEqual(new Set());
    expect(seen[0]).toBe(before);
    expect(await count('dim_vendor')).toBe(VENDORS);
    const renamed = await env.query("SELECT name, _sync_id FROM main.epicor.dim_vendor WHERE vendor_id = 'V001'");
    expect(renamed).toEqual([{ name: 'Vendor 1 renamed', _sync_id: result.run.syncId }]);
    // History and the other tables untouched; the side table is gone; the watermark is the full read's bound.
    expect(await env.query('SELECT * FROM main.epicor.dim_vendor_history ORDER BY vendor_key, _source_rev')).toEqual(
      history,
    );
    expect(await env.query('SELECT * FROM main.epicor.dim_company')).toEqual(companies);
    const tables = await env.query("SELECT table_name FROM duckdb_tables() WHERE table_name LIKE '%resync%'");
    expect(tables).toEqual([]);
    expect(await watermark()).toBe(result.run.entities.vendors.watermark_to);
    expect(result.run.entities.vendors.watermark_to).not.toBeNull();
    // The layout of a created table is kept (clustered by _sync_date, change data feed on).
    const props = await client.statements.execute('SHOW TBLPROPERTIES main.epicor.dim_vendor');
    expect(props.rows.map((r) => r[0])).toContain('delta.enableChangeDataFeed');
    // A sync after the resync changes nothing.
    const after = await syncOnce(env.config, { logger: env.logger });
    expect(after.run.entities.vendors.inserted + after.run.entities.vendors.updated).toBe(0);
  }, 60_000);

  it('a resync process killed in the middle leaves the old table and watermark; the next one finishes', async () => {
    await env.query('DELETE FROM main.epicor.dim_vendor WHERE vendor_num > 35');
    const mark = await watermark();
    const file = writeConfig({ epicorUrl: env.epicorUrl, host: env.host });
    writeFileSync(
      file,
      readFileSync(file, 'utf8').replace('entities: all', 'entities: [companies, vendors]\nhistory: [vendors]'),
    );
    const building = hold('MERGE INTO `main`.`epicor`.`_ml_connector_resync_dim_vendor`');
    env.databricks.setFaults({ pauses: [building.pause] });
    const cli = startCli(['resync', 'vendors', '--config', file]);
    await building.held;
    cli.child.kill('SIGKILL');
    const killed = await cli.done;
    expect(killed.signal).toBe('SIGKILL');
    building.release(); // the statement the dead process sent still runs, into the side table only
    await new Promise((r) => setTimeout(r, 200));
    env.databricks.setFaults({});
    expect(await count('dim_vendor')).toBe(35);
    expect(await watermark()).toBe(mark);

    // The dead process's lock is taken over at once (its holder is a dead process on this host).
    const again = await resyncOnce(env.config, 'vendors', { logger: env.logger });
    expect(again.run.status).toBe('succeeded');
    expect(await count('dim_vendor')).toBe(VENDORS);

    // `status` shows the options per entity: history (and its as_of function) for vendors, none for companies.
    const st = await runCli(['status', '--json', '--config', file]);
    expect(st.code).toBe(0);
    const entities = JSON.parse(st.stdout).entities as { entity: string; options: unknown }[];
    expect(entities.find((e) => e.entity === 'vendors')?.options).toEqual({
      history: 'dim_vendor_history',
      as_of: 'dim_vendor_as_of(ts)',
    });
    expect(entities.find((e) => e.entity === 'companies')?.options).toEqual({ history: null, as_of: null });
    const text = await runCli(['status', '--config', file]);
    expect(text.stdout).toMatch(/vendors +dim_vendor +history → dim_vendor_history, as_of/);
  }, 90_000);
});
