import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startWorkspace, type TestWorkspace } from './test-client.ts';

let ws: TestWorkspace;
beforeAll(async () => {
  ws = await startWorkspace();
  for (const s of [
    'CREATE CATALOG IF NOT EXISTS dev',
    'CREATE SCHEMA IF NOT EXISTS dev.erp',
    'CREATE VOLUME IF NOT EXISTS dev.erp.stage',
  ]) {
    expect((await ws.sql(s)).status.state).toBe('SUCCEEDED');
  }
});
afterAll(() => ws.emu.close());

const ok = async (statement: string, extra?: Record<string, unknown>) => {
  const r = await ws.sql(statement, extra);
  if (r.status.state !== 'SUCCEEDED') throw new Error(`${statement}: ${JSON.stringify(r.status)}`);
  return r;
};
const rows = async (statement: string) => (await ok(statement)).result.data_array ?? [];

/** Writes a Parquet file with DuckDB and uploads it through the Files API. */
async function stage(path: string, select: string) {
  const local = `${ws.dataDir}/upload-${Math.random().toString(36).slice(2)}.parquet`;
  await ws.emu.query(`COPY (${select}) TO '${local}' (FORMAT parquet)`);
  const { readFileSync } = await import('node:fs');
  const r = await ws.api('PUT', `/api/2.0/fs/files${path}?overwrite=true`, readFileSync(local));
  expect(r.status).toBe(204);
}

describe('Databricks SQL corpus', () => {
  const valid = [
    "CREATE TABLE IF NOT EXISTS `dev`.`erp`.`dim_vendor` (vendor_key STRING NOT NULL, vendor_id STRING COMMENT 'Epicor VendorID', amount DECIMAL(18,4), _source_rev BIGINT, _synced_at TIMESTAMP, _sync_date DATE, _is_deleted BOOLEAN) USING DELTA CLUSTER BY (vendor_key) TBLPROPERTIES ('delta.enableChangeDataFeed' = 'true') COMMENT 'vendors'",
    'CREATE TABLE IF NOT EXISTS dev.erp.fact_po (po_key STRING, n INT, x DOUBLE, _sync_date DATE) PARTITIONED BY (_sync_date)',
    'ALTER TABLE dev.erp.dim_vendor ADD COLUMNS (user_c STRING, flag_c BOOLEAN)',
    "INSERT INTO dev.erp.dim_vendor (vendor_key, vendor_id, amount, _source_rev) VALUES ('k1', 'V1', 1.5, 1)",
    "INSERT INTO dev.erp.fact_po SELECT 'p', 1, 2.5D, DATE'2026-01-02'",
    "UPDATE dev.erp.dim_vendor SET _is_deleted = false WHERE vendor_key = 'k1'",
    "DELETE FROM dev.erp.fact_po WHERE po_key = 'nope'",
    'CREATE OR REPLACE VIEW dev.erp.dim_vendor_current AS SELECT * FROM dev.erp.dim_vendor QUALIFY ROW_NUMBER() OVER (PARTITION BY vendor_key ORDER BY _source_rev DESC) = 1',
    'SELECT * FROM dev.erp.dim_vendor_current',
    'DESCRIBE TABLE dev.erp.dim_vendor',
    'SHOW TABLES IN dev.erp',
    'SELECT count(*) FROM dev.erp.dim_vendor WHERE _synced_at < current_timestamp()',
    'DROP VIEW IF EXISTS dev.erp.nothing_here',
    'DROP TABLE IF EXISTS dev.erp.nothing_here',
  ];
  it.each(valid)('runs %s', async (s) => {
    await ok(s);
  });

  const broken = [
    'SELEC 1',
    'CREATE TABLE dev.erp.x (a STRING',
    'CREATE TABLE dev.erp.x (a STRING) CLUSTER (a)',
    'MERGE INTO dev.erp.dim_vendor t USING s ON WHEN MATCHED THEN UPDATE SET *',
    "COPY INTO dev.erp.fact_po FROM '/Volumes/dev/erp/stage/x'",
    'SELECT 1; SELECT 2',
    "SELECT 'unterminated",
    'OPTIMIZE dev.erp.dim_vendor',
    'ALTER TABLE dev.erp.dim_vendor RENAME TO dev.erp.other',
  ];
  it.each(broken)('rejects %s with PARSE_SYNTAX_ERROR', async (s) => {
    const r = await ws.sql(s);
    expect(r.status.state).toBe('FAILED');
    expect(r.status.error.error_code).toBe('BAD_REQUEST');
    expect(r.status.error.message).toMatch(/^\[PARSE_SYNTAX_ERROR\]/);
  });

  it('reports analysis errors with Databricks error classes', async () => {
    const cases: [string, string][] = [
      ['SELECT * FROM dev.erp.missing', 'TABLE_OR_VIEW_NOT_FOUND'],
      ['SELECT nope FROM dev.erp.dim_vendor', 'UNRESOLVED_COLUMN'],
      ['CREATE TABLE dev.nope.t (a INT)', 'SCHEMA_NOT_FOUND'],
      ['ALTER TABLE dev.erp.dim_vendor ADD COLUMNS (amount INT)', 'FIELD_ALREADY_EXISTS'],
    ];
    for (const [s, cls] of cases) {
      const r = await ws.sql(s);
      expect(r.status.state).toBe('FAILED');
      expect(r.status.error.message.startsWith(`[${cls}`)).toBe(true);
    }
  });

  it('describes tables with Databricks type names and clustering info', async () => {
    const d = await rows('DESCRIBE TABLE dev.erp.dim_vendor');
    expect(d.slice(0, 7)).toEqual([
      ['vendor_key', 'string', null],
      ['vendor_id', 'string', 'Epicor VendorID'],
      ['amount', 'decimal(18,4)', null],
      ['_source_rev', 'bigint', null],
      ['_synced_at', 'timestamp', null],
      ['_sync_date', 'date', null],
      ['_is_deleted', 'boolean', null],
    ]);
    expect(d).toContainEqual(['# Clustering Information', '', '']);
    const tables = await rows('SHOW TABLES IN dev.erp');
    expect(tables).toContainEqual(['erp', 'dim_vendor', 'false']);
  });

  it('uses catalog/schema defaults for unqualified names', async () => {
    const r = await ok('SELECT vendor_id FROM dim_vendor', { catalog: 'dev', schema: 'erp' });
    expect(r.result.data_array).toEqual([['V1']]);
  });
});

describe('MERGE', () => {
  beforeAll(async () => {
    await ok('CREATE TABLE dev.erp.m (k STRING, a STRING, b DECIMAL(10,2), rev BIGINT)');
    await ok("INSERT INTO dev.erp.m VALUES ('1', 'old', 1, 1), ('2', 'keep', 2, 5), ('3', 'gone', 3, 1)");
  });

  it('matches SET * / INSERT * by name with reordered columns and returns counts', async () => {
    const r = await ok(`MERGE INTO dev.erp.m AS t
      USING (SELECT 2 AS rev, 9.5 AS b, 'new' AS a, '1' AS k, 'extra' AS ignored
             UNION ALL SELECT 1, 4, 'stale', '2', 'x' UNION ALL SELECT 1, 7, 'ins', '4', 'y') AS s
      ON t.k = s.k
      WHEN MATCHED AND s.rev > t.rev THEN UPDATE SET *
      WHEN NOT MATCHED THEN INSERT *
      WHEN NOT MATCHED BY SOURCE AND t.k = '3' THEN DELETE`);
    expect(r.manifest.schema.columns.map((c: any) => [c.name, c.type_text])).toEqual([
      ['num_affected_rows', 'BIGINT'],
      ['num_updated_rows', 'BIGINT'],
      ['num_deleted_rows', 'BIGINT'],
      ['num_inserted_rows', 'BIGINT'],
    ]);
    expect(r.result.data_array).toEqual([['3', '1', '1', '1']]);
    expect(await rows('SELECT * FROM dev.erp.m ORDER BY k')).toEqual([
      ['1', 'new', '9.50', '2'],
      ['2', 'keep', '2.00', '5'],
      ['4', 'ins', '7.00', '1'],
    ]);
  });

  it('counts each kind of action for every mix of clauses, skipping matches whose condition fails', async () => {
    await ok('CREATE TABLE dev.erp.n (k INT, rev INT, del BOOLEAN)');
    await ok('INSERT INTO dev.erp.n VALUES (1, 1, false), (2, 5, false), (3, 1, false), (4, 1, false)');
    const src = `(SELECT * FROM VALUES (1, 2, false), (2, 1, false), (3, 9, true), (7, 1, false), (8, 1, true)
      AS v(k, rev, del)) s`;
    const counts = async (whens: string) =>
      (await ok(`MERGE INTO dev.erp.n t USING ${src} ON t.k = s.k ${whens}`)).result.data_array;
    expect(
      await counts(
        'WHEN MATCHED AND s.rev > t.rev THEN UPDATE SET rev = s.rev WHEN NOT MATCHED AND NOT s.del THEN INSERT *',
      ),
    ).toEqual([['3', '2', '0', '1']]);
    expect(await counts('WHEN MATCHED AND s.del THEN DELETE WHEN NOT MATCHED THEN INSERT *')).toEqual([
      ['2', '0', '1', '1'],
    ]);
    expect(
      await counts('WHEN MATCHED THEN UPDATE SET rev = t.rev + 1 WHEN NOT MATCHED BY SOURCE AND t.k = 4 THEN DELETE'),
    ).toEqual([['5', '4', '1', '0']]);
    expect(await counts('WHEN MATCHED AND t.k = 2 THEN UPDATE SET rev = 7')).toEqual([['1', '1', '0', '0']]);
    expect(await rows('SELECT k, rev, del FROM dev.erp.n ORDER BY k')).toEqual([
      ['1', '3', 'false'],
      ['2', '7', 'false'],
      ['7', '2', 'false'],
      ['8', '2', 'true'],
    ]);
  });

  it('into an empty target inserts per the NOT MATCHED clause and still rejects clauses that do not bind', async () => {
    await ok('CREATE TABLE dev.erp.e (k INT, label STRING, rev BIGINT)');
    const src = "(SELECT * FROM VALUES (1, 'a', 3), (2, 'b', 0), (2, 'c', 5), (3, NULL, 1) AS v(k, l, rev)) s";
    const bad = await ws.sql(
      `MERGE INTO dev.erp.e t USING ${src} ON t.k = s.k WHEN MATCHED THEN UPDATE SET label = s.nope WHEN NOT MATCHED THEN INSERT (k, label, rev) VALUES (s.k, s.l, s.rev)`,
    );
    expect(bad.status.state).toBe('FAILED');
    expect(await rows('SELECT count(*) FROM dev.erp.e')).toEqual([['0']]);
    const r = await ok(
      `MERGE INTO dev.erp.e t USING ${src} ON t.k = s.k WHEN MATCHED THEN UPDATE SET label = s.l WHEN NOT MATCHED AND s.rev > 0 THEN INSERT (rev, k, label) VALUES (s.rev * 10, s.k, upper(s.l))`,
    );
    expect(r.result.data_array).toEqual([['3', '0', '0', '3']]);
    expect(await rows('SELECT k, label, rev FROM dev.erp.e ORDER BY k, rev')).toEqual([
      ['1', 'A', '30'],
      ['2', 'C', '50'],
      ['3', null, '10'],
    ]);
  });

  it('fails when the source lacks a target column (no schema evolution)', async () => {
    const r = await ws.sql(
      "MERGE INTO dev.erp.m t USING (SELECT '9' AS k) s ON t.k = s.k WHEN NOT MATCHED THEN INSERT *",
    );
    expect(r.status.error.message).toMatch(/^\[DELTA_MERGE_UNRESOLVED_EXPRESSION\]/);
  });

  it('adds new source columns WITH SCHEMA EVOLUTION', async () => {
    await ok(
      "MERGE WITH SCHEMA EVOLUTION INTO dev.erp.m t USING (SELECT '5' AS k, 'e' AS a, 1.0 AS b, 1 AS rev, 'z' AS extra_c) s ON t.k = s.k WHEN NOT MATCHED THEN INSERT *",
    );
    expect(await rows("SELECT extra_c FROM dev.erp.m WHERE k = '5'")).toEqual([['z']]);
  });

  it('fails with the Delta error when two source rows match one target row, changing nothing', async () => {
    const r = await ws.sql(
      "MERGE INTO dev.erp.m t USING (SELECT '1' AS k, 'x' AS a UNION ALL SELECT '1', 'y') s ON t.k = s.k WHEN MATCHED THEN UPDATE SET a = s.a",
    );
    expect(r.status.state).toBe('FAILED');
    expect(r.status.error.message).toMatch(/^\[DELTA_MULTIPLE_SOURCE_ROW_MATCHING_TARGET_ROW_IN_MERGE\]/);
    expect(await rows("SELECT a FROM dev.erp.m WHERE k = '1'")).toEqual([['new']]);
  });
});

describe('volumes, COPY INTO and read_files', () => {
  it('COPY INTO loads each file once and skips it on a re-run', async () => {
    await ok('CREATE TABLE dev.erp.c (k STRING, v BIGINT, missing STRING)');
    await stage('/Volumes/dev/erp/stage/copy/part-00000.parquet', "SELECT 'a' AS k, 1::BIGINT AS v, 'x' AS extra");
    await stage('/Volumes/dev/erp/stage/copy/part-00001.parquet', "SELECT 2::BIGINT AS v, 'b' AS k");
    const sql =
      "COPY INTO dev.erp.c FROM '/Volumes/dev/erp/stage/copy/' FILEFORMAT = PARQUET PATTERN = 'part-*.parquet' COPY_OPTIONS ('mergeSchema' = 'false')";
    expect((await ok(sql)).result.data_array).toEqual([['2', '2', '0']]);
    expect((await ok(sql)).result.data_array).toEqual([['0', '0', '0']]);
    await stage('/Volumes/dev/erp/stage/copy/part-00002.parquet', "SELECT 'c' AS k, 3::BIGINT AS v");
    expect((await ok(sql)).result.data_array).toEqual([['1', '1', '0']]);
    expect(await rows('SELECT k, v, missing FROM dev.erp.c ORDER BY k')).toEqual([
      ['a', '1', null],
      ['b', '2', null],
      ['c', '3', null],
    ]);
  });

  it('read_files reads a volume folder as a MERGE source, unioning files by name', async () => {
    await ok('CREATE TABLE dev.erp.r (k STRING, v BIGINT)');
    await stage('/Volumes/dev/erp/stage/run1/e/part-1.parquet', "SELECT 'a' AS k, 1::BIGINT AS v");
    await stage('/Volumes/dev/erp/stage/run1/e/part-2.parquet', "SELECT 2::BIGINT AS v, 'b' AS k");
    const r = await ok(
      "MERGE INTO dev.erp.r t USING (SELECT * FROM read_files('/Volumes/dev/erp/stage/run1/e/', format => 'parquet')) s ON t.k = s.k WHEN NOT MATCHED THEN INSERT *",
    );
    expect(r.result.data_array).toEqual([['2', '0', '0', '2']]);
    expect((await ws.api('PUT', '/api/2.0/fs/directories/Volumes/dev/erp/stage/empty')).status).toBe(200);
    const empty = await ws.sql("SELECT * FROM read_files('/Volumes/dev/erp/stage/empty/', format => 'parquet')");
    expect(empty.status.state).toBe('FAILED');
    expect(empty.status.error.message).toMatch(/^\[UNABLE_TO_INFER_SCHEMA\]/);
  });
});
