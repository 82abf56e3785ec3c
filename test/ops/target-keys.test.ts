/**
 * The destination side of reconcile on the Databricks emulator: the target-state read (keyset pages, halved when
 * the emulator's INLINE cap refuses one), deletion marks that touch only the latest version, and the
 * guard on values inlined into SQL.
 */
import { createHash } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { emulatedConfig } from '../../src/demo/emulated-config.ts';
import {
  createDatabricksClient,
  type DatabricksClient,
} from '../../src/destination/databricks/client/databricks-client.ts';
import { createDatabricksDestination } from '../../src/destination/databricks/destination.ts';
import { markDeletedSql } from '../../src/destination/databricks/sql/reconcile-sql.ts';
import { markDeleted, readTargetState, type TargetScope } from '../../src/destination/databricks/target-keys.ts';
import {
  createDatabricksEmulator,
  type DatabricksEmulator,
} from '../../src/emulators/databricks/databricks-emulator.ts';
import type { TargetSchema } from '../../src/mapping/target-schema.ts';

const ref = { catalog: 'main', schema: 'epicor' };
const schema: TargetSchema = {
  table: 'fact_thing',
  kind: 'fact',
  keyColumn: 'thing_key',
  columns: [
    { name: 'thing_key', type: 'STRING', role: 'key' },
    { name: '_source_rev', type: 'BIGINT', role: 'lineage' },
  ],
};
const keys = Array.from({ length: 120 }, (_, i) => createHash('sha256').update(`k${i}`).digest('hex').slice(0, 32));

let dir: string;
let emu: DatabricksEmulator;
let client: DatabricksClient;
let scope: TargetScope;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'target-keys-'));
  emu = await createDatabricksEmulator({ dataDir: dir });
  const config = emulatedConfig('http://127.0.0.1:9/kinetic', await emu.listen(0));
  client = createDatabricksClient(config.databricks);
  await createDatabricksDestination({ client, config: config.databricks }).prepare([]);
  await client.statements.execute(
    'CREATE TABLE main.epicor.fact_thing (thing_key STRING, _source_rev BIGINT, _is_deleted BOOLEAN, ' +
      '_source_instance STRING, _source_company STRING, _sync_id STRING, _synced_at TIMESTAMP, _sync_date DATE) USING DELTA',
  );
  // Two versions per key (revs 10 and 20); a foreign company's rows must never be read or touched.
  const values = keys.flatMap((k) =>
    [10, 20].map((r) => `('${k}', ${r}, false, 'http://x', 'C1', 'run-1', NULL, NULL)`),
  );
  values.push(`('${keys[0]}', 99, false, 'http://x', 'OTHER', 'run-1', NULL, NULL)`);
  await client.statements.execute(`INSERT INTO main.epicor.fact_thing VALUES ${values.join(', ')}`);
  scope = { client, ref, instance: 'http://x', company: 'C1' };
}, 30_000);

afterAll(async () => {
  await client?.close();
  await emu?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('target state', () => {
  it('reads the latest revision per key of this instance and company in one statement', async () => {
    const before = emu.statementLog().length;
    const state = await readTargetState(scope, schema);
    expect(emu.statementLog().length - before).toBe(1);
    expect(state.size).toBe(keys.length);
    for (const k of keys) expect(state.get(k)).toEqual({ rev: 20n, deleted: false });
  });

  it('reads in keyset pages on the key, with the same result', async () => {
    const whole = await readTargetState(scope, schema);
    const before = emu.statementLog().length;
    const paged = await readTargetState(scope, schema, 25);
    // 120 keys in pages of 25: four full pages and a short one that ends the read.
    expect(emu.statementLog().length - before).toBe(5);
    expect([...paged.entries()].sort()).toEqual([...whole.entries()].sort());
  });

  it('halves a page the warehouse refuses as too large for an INLINE result, and fails on any other error', async () => {
    const whole = await readTargetState(scope, schema);
    // About 60 bytes of JSON per key: 120 keys do not fit in 2,000 bytes, 30 do.
    emu.setInlineLimit(2_000);
    try {
      const before = emu.statementLog().length;
      const paged = await readTargetState(scope, schema);
      const log = emu.statementLog().slice(before);
      expect(
        log.filter((s) => s.state === 'FAILED').every((s) => /^Inline byte limit exceeded/.test(s.error ?? '')),
      ).toBe(true);
      expect(log.some((s) => s.state === 'FAILED')).toBe(true);
      expect([...paged.entries()].sort()).toEqual([...whole.entries()].sort());
    } finally {
      emu.setInlineLimit(undefined);
    }
    const broken = { ...schema, table: 'fact_missing' };
    await expect(readTargetState(scope, broken)).rejects.toMatchObject({
      code: 'STATEMENT_FAILED',
      details: { failure: 'permanent', errorClass: 'TABLE_OR_VIEW_NOT_FOUND' },
    });
  });
});

describe('deletion marks', () => {
  it('flips only the latest version, once, and leaves other companies alone', async () => {
    const marks = keys.slice(0, 5).map((key) => ({ key, rev: '20' }));
    expect(await markDeleted(scope, schema, marks, 'rec-1', new Date('2026-02-01T00:00:00Z'))).toBe(5);
    expect(await markDeleted(scope, schema, marks, 'rec-2', new Date('2026-02-02T00:00:00Z'))).toBe(0);
    const rows = await emu.query(
      `SELECT _source_company AS c, _source_rev AS r, _sync_id AS s FROM main.epicor.fact_thing WHERE _is_deleted ORDER BY 1, 2`,
    );
    expect(rows).toHaveLength(5);
    expect(rows.every((r) => r.c === 'C1' && Number(r.r) === 20 && r.s === 'rec-1')).toBe(true);
    const state = await readTargetState(scope, schema);
    expect(state.get(keys[0])).toEqual({ rev: 20n, deleted: true });
    expect(state.get(keys[5])).toEqual({ rev: 20n, deleted: false });
  });

  it('refuses to inline anything but a 32-hex key and an integer revision', () => {
    expect(() => markDeletedSql(ref, schema, [{ key: "x' OR '1'='1", rev: '1' }])).toThrow(/not a surrogate key/);
    expect(() => markDeletedSql(ref, schema, [{ key: keys[0], rev: '1 OR 1=1' }])).toThrow(/not a revision/);
    expect(markDeletedSql(ref, schema, [{ key: keys[0], rev: '7' }])).toContain(`'${keys[0]}' AND \`_source_rev\` = 7`);
  });
});
