/**
 * DESCRIBE / SHOW / information_schema shapes and comment storage through the emulator's HTTP API, with the
 * result shapes Databricks documents (sql-ref-syntax-aux-describe-table, sql-ref-syntax-aux-show-tblproperties,
 * information-schema/tables|columns|views, sql-ref-syntax-ddl-comment).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startWorkspace, type TestWorkspace } from './test-client.ts';

let ws: TestWorkspace;
const ok = async (statement: string, extra?: Record<string, unknown>) => {
  const r = await ws.sql(statement, extra);
  if (r.status.state !== 'SUCCEEDED') throw new Error(`${statement}: ${JSON.stringify(r.status)}`);
  return r;
};
const rows = async (statement: string, extra?: Record<string, unknown>) =>
  (await ok(statement, extra)).result.data_array ?? [];
const names = (r: { manifest: { schema: { columns: { name: string }[] } } }) =>
  r.manifest.schema.columns.map((c) => c.name);

beforeAll(async () => {
  ws = await startWorkspace();
  for (const s of [
    'CREATE CATALOG IF NOT EXISTS dev',
    'CREATE SCHEMA IF NOT EXISTS dev.erp',
    `CREATE TABLE dev.erp.fact_inv (inv_key STRING NOT NULL COMMENT 'Invoice key', amount DECIMAL(20,4),
       posted BOOLEAN, due DATE, synced TIMESTAMP, rev BIGINT, qty INT, rate DOUBLE)
       CLUSTER BY (inv_key) TBLPROPERTIES ('delta.enableChangeDataFeed' = 'true') COMMENT 'AP invoices'`,
    "COMMENT ON TABLE dev.erp.fact_inv IS 'AP invoice headers (Epicor Erp.BO.APInvoiceSvc)'",
    "COMMENT ON COLUMN dev.erp.fact_inv.amount IS 'Invoice amount in base currency (InvoiceAmt)'",
    "ALTER TABLE dev.erp.fact_inv ALTER COLUMN due COMMENT 'Epicor DueDate'",
    `INSERT INTO dev.erp.fact_inv VALUES ('i1', 100.5, false, DATE'2026-01-31', TIMESTAMP'2026-01-01 00:00:00', 1, 2, 1.5),
       ('i1', 90, false, DATE'2026-01-31', TIMESTAMP'2026-01-02 00:00:00', 2, 2, 1.5),
       ('i2', 10, true, DATE'2026-02-28', TIMESTAMP'2026-01-02 00:00:00', 1, 1, 1.0)`,
    `CREATE OR REPLACE VIEW dev.erp.fact_inv_current AS SELECT * FROM dev.erp.fact_inv
       QUALIFY row_number() OVER (PARTITION BY inv_key ORDER BY rev DESC) = 1`,
    `CREATE OR REPLACE VIEW dev.erp.mart_open (inv_key COMMENT 'Invoice', open_amt COMMENT 'Open balance', days_late)
       COMMENT 'Open AP items' AS SELECT inv_key, amount, datediff(DATE'2026-03-02', due)
       FROM dev.erp.fact_inv_current WHERE NOT posted`,
  ]) {
    await ok(s);
  }
});
afterAll(() => ws.emu.close());

describe('comments', () => {
  it('round-trip through information_schema.tables and columns of the catalog and of system', async () => {
    const tables = `SELECT table_name, table_type, comment FROM dev.information_schema.tables
      WHERE table_schema = 'erp' ORDER BY table_name`;
    const expected = [
      ['fact_inv', 'MANAGED', 'AP invoice headers (Epicor Erp.BO.APInvoiceSvc)'],
      ['fact_inv_current', 'VIEW', null],
      ['mart_open', 'VIEW', 'Open AP items'],
    ];
    expect(await rows(tables)).toEqual(expected);
    expect(await rows(tables.replace('dev.information_schema', 'system.information_schema'))).toEqual(expected);
    expect(await rows(tables.replace('dev.information_schema', 'information_schema'), { catalog: 'dev' })).toEqual(
      expected,
    );
    expect(
      await rows(`SELECT column_name, comment FROM dev.information_schema.columns
        WHERE table_schema = 'erp' AND table_name = 'mart_open' ORDER BY ordinal_position`),
    ).toEqual([
      ['inv_key', 'Invoice'],
      ['open_amt', 'Open balance'],
      ['days_late', null],
    ]);
  });

  it('COMMENT ON COLUMN of a view, IS NULL to remove, and errors for what does not exist', async () => {
    await ok("COMMENT ON COLUMN dev.erp.mart_open.days_late IS 'Days past due as of 2026-03-02'");
    await ok('COMMENT ON COLUMN dev.erp.mart_open.inv_key IS NULL');
    expect(
      await rows(`SELECT column_name, comment FROM dev.information_schema.columns
        WHERE table_name = 'mart_open' ORDER BY ordinal_position`),
    ).toEqual([
      ['inv_key', null],
      ['open_amt', 'Open balance'],
      ['days_late', 'Days past due as of 2026-03-02'],
    ]);
    const noColumn = await ws.sql("COMMENT ON COLUMN dev.erp.fact_inv.nope IS 'x'");
    expect(noColumn.status.error.message).toMatch(/^\[UNRESOLVED_COLUMN\.WITH_SUGGESTION\] .*`nope`/);
    const noTable = await ws.sql("COMMENT ON TABLE dev.erp.nope IS 'x'");
    expect(noTable.status.error.message).toMatch(/^\[TABLE_OR_VIEW_NOT_FOUND\]/);
  });

  it('COMMENT ON SCHEMA shows in information_schema.schemata', async () => {
    await ok("COMMENT ON SCHEMA dev.erp IS 'Epicor Kinetic tables'");
    await ok("COMMENT ON CATALOG dev IS 'Development'");
    expect(await rows("SELECT comment FROM dev.information_schema.schemata WHERE schema_name = 'erp'")).toEqual([
      ['Epicor Kinetic tables'],
    ]);
    expect(await rows("SELECT comment FROM system.information_schema.catalogs WHERE catalog_name = 'dev'")).toEqual([
      ['Development'],
    ]);
    const missing = await ws.sql("COMMENT ON SCHEMA dev.nope IS 'x'");
    expect(missing.status.error.message).toMatch(/^\[SCHEMA_NOT_FOUND\]/);
  });

  it('survive a restart of the workspace', async () => {
    await ws.emu.close();
    ws = await startWorkspace({ dataDir: ws.dataDir });
    expect(
      await rows(
        "SELECT comment FROM system.information_schema.columns WHERE table_name = 'fact_inv' AND column_name = 'due'",
      ),
    ).toEqual([['Epicor DueDate']]);
  });
});

describe('information_schema', () => {
  it('columns carries Databricks type names, 1-based positions and nullability', async () => {
    const r = await ok(`SELECT column_name, ordinal_position, data_type, full_data_type, is_nullable, comment
      FROM dev.information_schema.columns WHERE table_schema = 'erp' AND table_name = 'fact_inv'
      ORDER BY ordinal_position`);
    expect(r.result.data_array).toEqual([
      ['inv_key', '1', 'STRING', 'string', 'NO', 'Invoice key'],
      ['amount', '2', 'DECIMAL', 'decimal(20,4)', 'YES', 'Invoice amount in base currency (InvoiceAmt)'],
      ['posted', '3', 'BOOLEAN', 'boolean', 'YES', null],
      ['due', '4', 'DATE', 'date', 'YES', 'Epicor DueDate'],
      ['synced', '5', 'TIMESTAMP', 'timestamp', 'YES', null],
      ['rev', '6', 'BIGINT', 'bigint', 'YES', null],
      ['qty', '7', 'INT', 'int', 'YES', null],
      ['rate', '8', 'DOUBLE', 'double', 'YES', null],
    ]);
  });

  it('views carries the definition as written; schemata and catalogs list the catalog', async () => {
    const v = await rows(
      "SELECT table_name, view_definition FROM dev.information_schema.views WHERE table_name = 'mart_open'",
    );
    expect(v).toHaveLength(1);
    expect(v[0][1]).toMatch(
      /^SELECT inv_key, amount, datediff\(DATE '2026-03-02', due\) FROM dev\.erp\.fact_inv_current/,
    );
    expect(await rows('SELECT schema_name FROM dev.information_schema.schemata ORDER BY 1')).toEqual([
      ['default'],
      ['erp'],
    ]);
    expect(
      await rows("SELECT catalog_name FROM system.information_schema.catalogs WHERE catalog_name = 'dev'"),
    ).toEqual([['dev']]);
  });

  it('views over _current views answer with Databricks semantics', async () => {
    expect(await rows('SELECT * FROM dev.erp.mart_open')).toEqual([['i1', '90.0000', '30']]);
  });

  it('an unknown information_schema view fails like Databricks', async () => {
    const r = await ws.sql('SELECT * FROM dev.information_schema.nothing');
    expect(r.status.error.message).toMatch(/^\[TABLE_OR_VIEW_NOT_FOUND\] .*`dev`\.`information_schema`\.`nothing`/);
  });
});

describe('DESCRIBE and SHOW', () => {
  it('DESCRIBE TABLE EXTENDED: columns, clustering, then # Detailed Table Information', async () => {
    const r = await ok('DESCRIBE TABLE EXTENDED dev.erp.fact_inv');
    expect(names(r)).toEqual(['col_name', 'data_type', 'comment']);
    const d = r.result.data_array;
    expect(d.slice(0, 8)).toEqual([
      ['inv_key', 'string', 'Invoice key'],
      ['amount', 'decimal(20,4)', 'Invoice amount in base currency (InvoiceAmt)'],
      ['posted', 'boolean', null],
      ['due', 'date', 'Epicor DueDate'],
      ['synced', 'timestamp', null],
      ['rev', 'bigint', null],
      ['qty', 'int', null],
      ['rate', 'double', null],
    ]);
    const detail = d.slice(d.findIndex((x: string[]) => x[0] === '# Detailed Table Information'));
    const info = Object.fromEntries(detail.map((x: string[]) => [x[0], x[1]]));
    expect(info).toMatchObject({
      Catalog: 'dev',
      Database: 'erp',
      Table: 'fact_inv',
      Type: 'MANAGED',
      Comment: 'AP invoice headers (Epicor Erp.BO.APInvoiceSvc)',
      Provider: 'delta',
      'Table Properties': '[delta.minReaderVersion=1,delta.minWriterVersion=2,delta.enableChangeDataFeed=true]',
    });
    expect(d).toContainEqual(['# Clustering Information', '', '']);
    expect(d[d.indexOf(detail[0]) - 1]).toEqual(['', '', '']);
  });

  it('DESCRIBE TABLE EXTENDED of a view says VIEW and shows its text', async () => {
    const d = await rows('DESCRIBE TABLE EXTENDED dev.erp.mart_open');
    expect(d.slice(0, 3)).toEqual([
      ['inv_key', 'string', null],
      ['open_amt', 'decimal(20,4)', 'Open balance'],
      ['days_late', 'int', 'Days past due as of 2026-03-02'],
    ]);
    const info = Object.fromEntries(d.map((x: string[]) => [x[0], x[1]]));
    expect(info.Type).toBe('VIEW');
    expect(info.Comment).toBe('Open AP items');
    expect(info['View Text']).toMatch(/^SELECT inv_key, amount/);
  });

  it('SHOW TBLPROPERTIES lists key/value pairs, or one key', async () => {
    const r = await ok('SHOW TBLPROPERTIES dev.erp.fact_inv');
    expect(names(r)).toEqual(['key', 'value']);
    expect(r.result.data_array).toEqual([
      ['delta.minReaderVersion', '1'],
      ['delta.minWriterVersion', '2'],
      ['delta.enableChangeDataFeed', 'true'],
    ]);
    expect(await rows("SHOW TBLPROPERTIES dev.erp.fact_inv ('delta.enableChangeDataFeed')")).toEqual([
      ['delta.enableChangeDataFeed', 'true'],
    ]);
    await ok("ALTER TABLE dev.erp.fact_inv SET TBLPROPERTIES ('delta.dataSkippingNumIndexedCols' = '40')");
    expect(await rows("SHOW TBLPROPERTIES dev.erp.fact_inv ('delta.dataSkippingNumIndexedCols')")).toEqual([
      ['delta.dataSkippingNumIndexedCols', '40'],
    ]);
    const missing = await ws.sql('SHOW TBLPROPERTIES dev.erp.nope');
    expect(missing.status.error.message).toMatch(/^\[TABLE_OR_VIEW_NOT_FOUND\]/);
  });

  it('SHOW COLUMNS, SHOW TABLES, SHOW VIEWS and SHOW SCHEMAS have Databricks column names', async () => {
    const cols = await ok('SHOW COLUMNS IN fact_inv IN dev.erp');
    expect(names(cols)).toEqual(['col_name']);
    expect(cols.result.data_array.map((x: string[]) => x[0])).toEqual([
      'inv_key',
      'amount',
      'posted',
      'due',
      'synced',
      'rev',
      'qty',
      'rate',
    ]);
    const tables = await ok('SHOW TABLES IN dev.erp');
    expect(names(tables)).toEqual(['database', 'tableName', 'isTemporary']);
    expect(tables.result.data_array).toEqual([
      ['erp', 'fact_inv', 'false'],
      ['erp', 'fact_inv_current', 'false'],
      ['erp', 'mart_open', 'false'],
    ]);
    const views = await ok("SHOW VIEWS IN dev.erp LIKE 'mart*'");
    expect(names(views)).toEqual(['namespace', 'viewName', 'isTemporary', 'isMaterialized']);
    expect(views.result.data_array).toEqual([['erp', 'mart_open', 'false', 'false']]);
    const schemas = await ok('SHOW SCHEMAS IN dev');
    expect(names(schemas)).toEqual(['databaseName']);
    expect(schemas.result.data_array).toEqual([['default'], ['erp']]);
  });
});

describe('malformed COMMENT statements', () => {
  it.each([
    "COMMENT ON TABLE dev.erp.fact_inv 'no IS'",
    'COMMENT ON TABLE dev.erp.fact_inv IS 42',
    "COMMENT ON TABLE dev.erp.fact_inv IS 'a' 'b' extra",
    "COMMENT ON GADGET dev.erp.fact_inv IS 'x'",
    "COMMENT ON COLUMN fact_inv IS 'x'",
  ])('%s fails with PARSE_SYNTAX_ERROR and changes nothing', async (sql) => {
    const r = await ws.sql(sql);
    expect(r.status.state).toBe('FAILED');
    expect(r.status.error.message).toMatch(/^\[PARSE_SYNTAX_ERROR\]/);
    expect(await rows("SELECT comment FROM dev.information_schema.tables WHERE table_name = 'fact_inv'")).toEqual([
      ['AP invoice headers (Epicor Erp.BO.APInvoiceSvc)'],
    ]);
  });
});
