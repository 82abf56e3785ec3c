import { afterEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../../../clock.ts';
import { createDatabricksClient } from './databricks-client.ts';
import { type FakeReply, FakeWorkspace } from './testing/fake-workspace.ts';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

const ONE: FakeReply = {
  status: 200,
  body: {
    statement_id: 'st',
    status: { state: 'SUCCEEDED' },
    manifest: { schema: { columns: [{ name: '1', type_name: 'INT' }] }, total_chunk_count: 1 },
    result: { chunk_index: 0, data_array: [['1']] },
  },
};

async function setup(ttl: number) {
  const clock = new ManualClock();
  const fake = await FakeWorkspace.start({ clock, tokenTtlSeconds: ttl, route: () => ONE });
  cleanups.push(() => fake.close());
  let refreshEvents = 0;
  const config = fake.config();
  const client = createDatabricksClient(config, { clock, onTokenRefresh: () => refreshEvents++ });
  cleanups.push(() => client.close());
  return { clock, fake, client, refreshEvents: () => refreshEvents };
}

describe('createDatabricksClient token lifecycle', () => {
  it.each([
    [3600, 60_000, 150], // 2½ hours of calls a minute apart
    [60, 2_000, 120],
    [30, 1_000, 120],
    [30, 7_000, 60], // steps that jump straight past the stale window into expiry
  ])('a %i s token never fails a call (step %i ms, %i calls)', async (ttl, step, calls) => {
    const { clock, fake, client, refreshEvents } = await setup(ttl);
    for (let i = 0; i < calls; i++) {
      clock.advance(step);
      const { rows } = await client.statements.execute('SELECT 1');
      expect(rows).toEqual([['1']]);
    }
    expect(fake.rejectedCalls).toBe(0);
    const lifetimes = (calls * step) / (ttl * 1000);
    expect(fake.tokenRequests).toBeGreaterThanOrEqual(Math.floor(lifetimes));
    expect(fake.tokenRequests).toBeLessThanOrEqual(Math.ceil(lifetimes * 4) + 1);
    expect(client.credentials.refreshCount()).toBe(fake.tokenRequests);
    expect(refreshEvents()).toBe(fake.tokenRequests);
  });

  it('after a 401 retries once with a fresh token', async () => {
    const { fake, client } = await setup(3600);
    await client.statements.execute('SELECT 1');
    fake.revokeTokens();
    await client.statements.execute('SELECT 1');
    const submits = fake.seen('POST', /^\/api\/2\.0\/sql\/statements$/).map((r) => r.headers.authorization);
    expect(submits).toEqual(['Bearer tok-1', 'Bearer tok-1', 'Bearer tok-2']);
    expect(fake.rejectedCalls).toBe(1);
    expect(fake.tokenRequests).toBe(2);
  });

  it('many concurrent calls on a cold start share one token request', async () => {
    const { fake, client } = await setup(3600);
    await Promise.all(Array.from({ length: 16 }, () => client.statements.execute('SELECT 1')));
    expect(fake.tokenRequests).toBe(1);
    expect(fake.seen('POST', /^\/api\/2\.0\/sql\/statements$/)).toHaveLength(16);
  });
});
