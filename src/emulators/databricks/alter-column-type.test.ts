/**
 * The emulator refuses the column type changes Databricks refuses (Delta type widening: only with
 * `delta.enableTypeWidening`, only widenings; https://docs.databricks.com/aws/en/tables/features/type-widening).
 */
import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deltaCanWiden } from './alter-column-type.ts';
import { startWorkspace, type TestWorkspace } from './test-client.ts';

let ws: TestWorkspace;
const T = 'main.s.t';

beforeAll(async () => {
  ws = await startWorkspace();
  for (const s of [
    'CREATE SCHEMA IF NOT EXISTS main.s',
    `CREATE TABLE ${T} (i INT, d DECIMAL(18,9), b BOOLEAN, s STRING)`,
    `INSERT INTO ${T} VALUES (1, 1.5, true, 'x')`,
    // A view over the table (a fact's `_current`) does not stop a widening.
    `CREATE VIEW main.s.v AS SELECT * FROM ${T}`,
  ]) {
    const r = await ws.sql(s);
    expect(r.status.state).toBe('SUCCEEDED');
  }
});
afterAll(async () => {
  await ws?.emu.close();
  rmSync(ws?.dataDir ?? '', { recursive: true, force: true });
});

const error = async (sql: string) => (await ws.sql(sql)).status.error?.message as string | undefined;

describe.sequential('ALTER TABLE … ALTER COLUMN … TYPE', () => {
  it('is refused on a table without delta.enableTypeWidening, even for a widening', async () => {
    expect(await error(`ALTER TABLE ${T} ALTER COLUMN i TYPE BIGINT`)).toMatch(/^\[NOT_SUPPORTED_CHANGE_COLUMN\]/);
  });

  it('widens in place once type widening is enabled, keeping the values', async () => {
    expect(await error(`ALTER TABLE ${T} SET TBLPROPERTIES ('delta.enableTypeWidening' = 'true')`)).toBeUndefined();
    expect(await error(`ALTER TABLE ${T} ALTER COLUMN i TYPE BIGINT`)).toBeUndefined();
    expect(await error(`ALTER TABLE ${T} ALTER COLUMN d TYPE DECIMAL(28,9)`)).toBeUndefined();
    const r = await ws.sql(`SELECT i, CAST(d AS STRING) FROM ${T}`);
    expect(r.status.error).toBeUndefined();
    expect(r.result.data_array).toEqual([['1', '1.500000000']]);
    expect(r.manifest.schema.columns.map((c: { type_text: string }) => c.type_text)).toEqual(['BIGINT', 'STRING']);
    const d = await ws.sql(
      "SELECT full_data_type FROM system.information_schema.columns WHERE table_name = 't' AND column_name = 'd'",
    );
    expect(d.result.data_array).toEqual([['decimal(28,9)']]);
    const v = await ws.sql('SELECT CAST(d AS STRING) FROM main.s.v');
    expect(v.result.data_array).toEqual([['1.500000000']]);
  });

  it('refuses narrowings and changes of kind, as Delta does', async () => {
    for (const sql of [
      `ALTER TABLE ${T} ALTER COLUMN i TYPE INT`,
      `ALTER TABLE ${T} ALTER COLUMN d TYPE DECIMAL(28,11)`, // scale up by 2 needs precision up by 2
      `ALTER TABLE ${T} ALTER COLUMN b TYPE STRING`,
      `ALTER TABLE ${T} ALTER COLUMN s TYPE INT`,
    ]) {
      expect(await error(sql), sql).toMatch(/^\[NOT_SUPPORTED_CHANGE_COLUMN\]/);
    }
  });

  it('follows the documented widening table', () => {
    expect(deltaCanWiden('int', 'bigint')).toBe(true);
    expect(deltaCanWiden('int', 'decimal(10,0)')).toBe(true);
    expect(deltaCanWiden('int', 'decimal(11,2)')).toBe(false);
    expect(deltaCanWiden('bigint', 'decimal(20,0)')).toBe(true);
    expect(deltaCanWiden('bigint', 'double')).toBe(false);
    expect(deltaCanWiden('decimal(10,1)', 'decimal(12,3)')).toBe(true);
    expect(deltaCanWiden('decimal(10,1)', 'decimal(11,3)')).toBe(false);
    expect(deltaCanWiden('date', 'timestamp_ntz')).toBe(true);
    expect(deltaCanWiden('date', 'timestamp')).toBe(false);
    expect(deltaCanWiden('bigint', 'int')).toBe(false);
  });
});
