/**
 * The `as_of` table functions against a known history: a vendor renamed and a PO whose due date a planner moved,
 * then a PO deleted (found by reconcile). `dim_vendor_as_of(t)` and `fact_purchase_order_as_of(t)` answer, for a
 * time before, at and between the runs, exactly the versions in force then.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createDatabricksClient,
  type DatabricksClient,
} from '../../src/destination/databricks/client/databricks-client.ts';
import { EpicorFixture } from '../../src/emulators/epicor/fixture-data.ts';
import { reconcileOnce } from '../../src/jobs/ops-once.ts';
import { syncOnce } from '../../src/jobs/sync-once.ts';
import { type E2eEnv, startE2eEnv } from '../support/e2e-env.ts';

const COMPANY = 'EPIC06';
let env: E2eEnv;
let fixture: EpicorFixture;
let client: DatabricksClient;
/** Start of each run: full sync, the changes' sync, the reconcile that finds PO 2 gone. */
const starts: number[] = [];

const ts = (ms: number) => `TIMESTAMP'${new Date(ms).toISOString().replace('T', ' ').replace('Z', '')}'`;
async function rows(sql: string): Promise<string[][]> {
  const r = await client.statements.execute(sql);
  return r.rows.map((row) => row.map((v) => String(v)));
}
const vendorsAt = (ms: number) =>
  rows(`SELECT vendor_id, name FROM main.epicor.dim_vendor_as_of(${ts(ms)}) ORDER BY vendor_id`);
const posAt = (ms: number) =>
  rows(
    `SELECT CAST(po_num AS STRING), CAST(due_date AS STRING) FROM main.epicor.fact_purchase_order_as_of(${ts(ms)}) ORDER BY po_num`,
  );

beforeAll(async () => {
  fixture = new EpicorFixture({
    [COMPANY]: {
      Companies: [{ Company1: COMPANY, Name: 'As-of Fabrication' }],
      Vendors: [
        { VendorNum: 1, VendorID: 'ACME01', Name: 'Acme Steel' },
        { VendorNum: 2, VendorID: 'BOLT02', Name: 'Bolt Supply' },
      ],
      POes: [
        { PONum: 1, VendorNum: 1, DueDate: '2026-01-10T00:00:00' },
        { PONum: 2, VendorNum: 2, DueDate: '2026-01-15T00:00:00' },
      ],
    },
  });
  env = await startE2eEnv({ epicor: { fixture } });
  env.config = {
    ...env.config,
    entities: [{ name: 'companies' }, { name: 'vendors' }, { name: 'purchase_orders' }] as never,
    history: ['vendors'],
    analytics: { ...env.config.analytics, enabled: false },
  };
  client = createDatabricksClient(env.config.databricks);
  const sync = async () => {
    const r = await syncOnce(env.config, { logger: env.logger });
    expect(r.run.status).toBe('succeeded');
    starts.push(r.run.startedAt.getTime());
  };
  await sync();
  fixture.upsert(COMPANY, 'Vendors', { VendorNum: 1, VendorID: 'ACME01', Name: 'Acme Metals' });
  fixture.upsert(COMPANY, 'POes', { PONum: 1, VendorNum: 1, DueDate: '2026-02-20T00:00:00' });
  await new Promise((r) => setTimeout(r, 5));
  await sync();
  fixture.remove(COMPANY, 'POes', { PONum: 2 });
  await new Promise((r) => setTimeout(r, 5));
  const rec = await reconcileOnce(env.config, { logger: env.logger });
  expect(rec.run.status).toBe('succeeded');
  starts.push(rec.run.startedAt.getTime());
}, 90_000);

afterAll(async () => {
  await client?.close();
  await env?.close();
});

describe('as_of table functions', () => {
  it('dim_vendor_as_of answers the version valid at each time', async () => {
    expect(await vendorsAt(starts[0] - 1000)).toEqual([]);
    const first = [
      ['ACME01', 'Acme Steel'],
      ['BOLT02', 'Bolt Supply'],
    ];
    expect(await vendorsAt(starts[0])).toEqual(first);
    expect(await vendorsAt(starts[1] - 1)).toEqual(first);
    const renamed = [
      ['ACME01', 'Acme Metals'],
      ['BOLT02', 'Bolt Supply'],
    ];
    expect(await vendorsAt(starts[1])).toEqual(renamed);
    expect(await vendorsAt(starts[2] + 86_400_000)).toEqual(renamed);
  });

  it('fact_purchase_order_as_of answers the version in force, and drops a record once reconcile found it gone', async () => {
    // Before the first load only PO 2 shows: reconcile's deletion mark replaced its version's load time (documented
    // in docs/history.md), so that version counts from any time up to its deletion.
    expect(await posAt(starts[0] - 1000)).toEqual([['2', expect.stringContaining('2026-01-15')]]);
    const day = (d: string) => expect.stringContaining(d);
    expect(await posAt(starts[0])).toEqual([
      ['1', day('2026-01-10')],
      ['2', day('2026-01-15')],
    ]);
    expect(await posAt(starts[1])).toEqual([
      ['1', day('2026-02-20')],
      ['2', day('2026-01-15')],
    ]);
    // Still there between the change and the reconcile that found it deleted.
    expect(await posAt(starts[2] - 1)).toEqual([
      ['1', day('2026-02-20')],
      ['2', day('2026-01-15')],
    ]);
    expect(await posAt(starts[2])).toEqual([['1', day('2026-02-20')]]);
    // The versions stay in the fact table itself.
    expect(await rows('SELECT COUNT(*) FROM main.epicor.fact_purchase_order')).toEqual([['3']]);
  });
});
