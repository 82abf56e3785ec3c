/**
 * The order entities start loading in comes from the source: on a first load each entity's records are counted
 * (`$count`) and the largest start first; a source that does not count falls back to facts before dimensions.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Config } from '../../src/config/schema.ts';
import { syncOnce } from '../../src/jobs/sync-once.ts';
import { entityByName } from '../../src/source/epicor/catalog.ts';
import { type E2eEnv, startE2eEnv } from '../support/e2e-env.ts';

const ENTITIES = ['vendors', 'gl_accounts', 'parts', 'purchase_order_releases', 'customers'];

let env: E2eEnv;
/** A server that ignores `$count` (the reference calls its support in REST v2 unconfirmed). */
let uncounted: E2eEnv;
beforeAll(async () => {
  [env, uncounted] = await Promise.all([
    startE2eEnv({ epicor: { seed: 5, scale: 0.05 } }),
    startE2eEnv({ epicor: { seed: 5, scale: 0.05, countEnabled: false } }),
  ]);
});
afterAll(async () => {
  await Promise.all([env?.close(), uncounted?.close()]);
});

/** The env's config for ENTITIES with one Epicor request slot (two entities load at once: the order decides). */
const configOf = (e: E2eEnv): Config => ({
  ...e.config,
  entities: ENTITIES.map((name) => ({ name })),
  epicor: { ...e.config.epicor, concurrency: 1 },
});

/** Entity keys in the order their loads started. */
async function startOrder(config: Config): Promise<string[]> {
  const started: string[] = [];
  const result = await syncOnce(config, {
    logger: env.logger,
    progress: { start: (key) => started.push(key), advance: () => {}, finish: () => {} },
  });
  expect(result.run.status, result.run.error).toBe('succeeded');
  return started;
}

describe('load order', () => {
  it('starts a first load with the entities the source counts largest', async () => {
    const size = (name: string) => env.epicor.records('EPIC06', entityByName(name)!.entitySet).length;
    const bySize = [...ENTITIES].sort((a, b) => size(b) - size(a));
    expect(new Set(ENTITIES.map(size)).size, 'the sizes differ').toBe(ENTITIES.length);
    expect(bySize).not.toEqual(ENTITIES);
    expect(await startOrder(configOf(env))).toEqual(bySize);
  });

  it('falls back to facts first, then the configured order, when the source cannot count', async () => {
    expect(await startOrder(configOf(uncounted))).toEqual([
      'purchase_order_releases',
      'vendors',
      'gl_accounts',
      'parts',
      'customers',
    ]);
  });
});
