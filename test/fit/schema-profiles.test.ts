/**
 * The sync against an Epicor emulator that describes and filters its data like a real tenant (schema-profile.ts),
 * each switch alone and all together: `$metadata` in `Erp.Tablesets` with a BaseType, decoys, comments and
 * `Scale="Variable"`; date literals refused without an offset; `$filter` on child sets applied to the parent; rows
 * as wide as a live tenant's. A full sync and an incremental after a day of activity are exact against the
 * emulator's ground truth.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type SchemaProfile, STRICT_SCHEMA } from '../../src/emulators/epicor/schema-profile.ts';
import { syncOnce } from '../../src/jobs/sync-once.ts';
import { type E2eEnv, startE2eEnv } from '../support/e2e-env.ts';
import { formatReport } from '../support/ground-truth.ts';

const ALL: string[] | undefined = undefined;
const CHILD_SETS = ['purchase_order_lines', 'purchase_order_releases', 'ap_invoice_lines', 'payment_lines'];
/** One service of each kind (header, child, dimension), to keep the single-switch runs short. */
const SAMPLE = ['vendors', 'customers', 'parts', 'gl_accounts', 'purchase_orders', ...CHILD_SETS, 'gl_journal_lines'];

// Each switch alone on the entities it concerns (date literals: date cursors are in schema-details.test.ts), then
// all of them on every entity.
const PROFILES: [string, SchemaProfile, string[] | undefined][] = [
  ['tablesets $metadata', { tablesetsMetadata: true }, SAMPLE],
  ['strict date literals', { strictDateLiterals: true }, ['purchase_orders', 'gl_journal_lines', 'customers']],
  ['child filters applied to the parent', { childFilterOnParent: true }, CHILD_SETS],
  ['wide rows', { wideRows: true }, SAMPLE],
  ['all switches together', STRICT_SCHEMA, ALL],
];

describe.each(PROFILES)('Epicor emulator with %s', (_name, profile, only) => {
  let env: E2eEnv;
  beforeAll(async () => {
    env = await startE2eEnv({ epicor: { seed: 11, scale: 0.05, profile } });
  });
  afterAll(async () => {
    await env?.close();
  });

  it('a full sync and an incremental after a day of activity load exactly what Epicor holds', async () => {
    const full = await syncOnce(env.config, { logger: env.logger, only });
    expect(full.run.status, full.run.error).toBe('succeeded');
    expect(full.badRecords).toEqual([]);
    const first = await env.check({ entities: only });
    expect(first.ok, formatReport(first)).toBe(true);

    const day = env.epicor.advance({ deletes: 0 });
    expect(day.totals.inserted + day.totals.updated).toBeGreaterThan(0);
    const incremental = await syncOnce(env.config, { logger: env.logger, only });
    expect(incremental.run.status, incremental.run.error).toBe('succeeded');
    expect(incremental.badRecords).toEqual([]);
    const changed = Object.values(incremental.run.entities).reduce((n, e) => n + e.inserted + e.updated, 0);
    expect(changed).toBeGreaterThan(0);
    const second = await env.check({ entities: only });
    expect(second.ok, formatReport(second)).toBe(true);
    expect(env.epicor.stats().byStatus['400'] ?? 0, 'requests Epicor refused').toBe(0);
  });
});
