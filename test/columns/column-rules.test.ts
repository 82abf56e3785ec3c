/**
 * Column selection and hashing (config `columns`, issue 19 item 2) end to end against both emulators over loopback:
 * excluded fields appear in no request, no log line (debug level), no staged Parquet file and no table (nor the
 * `_history` table); hashed fields hold `sha256(salt || value)` as hex — the same in two tables, so they still join
 * — in a STRING column, and the salt itself appears nowhere.
 */
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { columnOptionLines } from '../../src/config/columns-config.ts';
import type { Config } from '../../src/config/schema.ts';
import { emulatedConfig } from '../../src/demo/emulated-config.ts';
import {
  createDatabricksClient,
  type DatabricksClient,
} from '../../src/destination/databricks/client/databricks-client.ts';
import {
  createDatabricksEmulator,
  type DatabricksEmulator,
} from '../../src/emulators/databricks/databricks-emulator.ts';
import { EpicorFixture } from '../../src/emulators/epicor/fixture-data.ts';
import { createEpicorEmulator, type EpicorEmulator } from '../../src/emulators/epicor/index.ts';
import { syncOnce } from '../../src/jobs/sync-once.ts';
import { createLogger } from '../../src/log/create-logger.ts';
import { startUploadCapture, type UploadCapture } from './upload-capture.ts';

const COMPANY = 'EPIC06';
const SALT = 'test-salt-0123456789abcdef';
const PHONE = '555-0101-PRIVATE';
const STREET = '1 Hidden Lane';
const TAX_ID = '12-3456789';
const EMAIL = 'ap@acme.example';
const sha = (text: string) =>
  createHash('sha256')
    .update(SALT + text, 'utf8')
    .digest('hex');

let epicor: EpicorEmulator;
let databricks: DatabricksEmulator;
let capture: UploadCapture;
let client: DatabricksClient;
let dataDir: string;
let config: Config;
const lines: string[] = [];

type Row = Record<string, string | null>;
async function q(sql: string): Promise<Row[]> {
  const r = await client.statements.execute(sql, { catalog: 'main', schema: 'epicor' });
  return r.rows.map((row) => Object.fromEntries(r.columns.map((c, i) => [c.name, row[i] ?? null])));
}

beforeAll(async () => {
  const fixture = new EpicorFixture({
    [COMPANY]: {
      Companies: [{ Company1: COMPANY, Name: 'Columns Fabrication' }],
      Vendors: [
        {
          VendorNum: 1,
          VendorID: 'ACME01',
          Name: 'Acme Steel',
          TaxPayerID: TAX_ID,
          EMailAddress: EMAIL,
          PhoneNum: PHONE,
          Address1: STREET,
        },
        { VendorNum: 2, VendorID: 'BOLT02', Name: 'Bolt Supply', TaxPayerID: '', EMailAddress: 'sales@bolt.example' },
      ],
      Customers: [
        { CustNum: 7, CustID: 'ACMEC', Name: 'Acme Steel (customer)', EMailAddress: EMAIL },
        { CustNum: 8, CustID: 'OTHER', Name: 'Other Co', EMailAddress: 'buyer@other.example' },
      ],
    },
  });
  epicor = createEpicorEmulator({ fixture });
  dataDir = mkdtempSync(join(tmpdir(), 'mlc-columns-'));
  databricks = await createDatabricksEmulator({ dataDir });
  const databricksUrl = await databricks.listen(0);
  capture = await startUploadCapture(databricksUrl);
  config = emulatedConfig(await epicor.listen(0), capture.baseUrl, {
    entities: ['companies', 'vendors', 'customers'],
  });
  config.history = ['vendors'];
  config.analytics = { ...config.analytics, enabled: false };
  config.columns = {
    salt: SALT,
    entities: {
      vendors: { exclude: ['PhoneNum', 'Address1'], hash: ['TaxPayerID', 'EMailAddress'] },
      customers: { exclude: [], hash: ['EMailAddress'] },
    },
  };
  client = createDatabricksClient({ ...config.databricks, host: databricksUrl });
  // Every log line of the run, at debug level, with the salt registered as a secret as load-config does.
  const logger = createLogger({
    format: 'json',
    level: 'debug',
    secrets: [SALT],
    stream: { write: (l: string) => lines.push(l) },
  });
  const r = await syncOnce(config, { logger });
  expect(r.run.status).toBe('succeeded');
}, 60_000);

afterAll(async () => {
  await Promise.allSettled([epicor?.close(), databricks?.close(), capture?.close()]);
  rmSync(dataDir, { recursive: true, force: true });
});

describe.sequential('columns: exclude and hash', () => {
  it('excluded fields are in no table, history table or column list', async () => {
    for (const table of ['dim_vendor', 'dim_vendor_history']) {
      const cols = (await q(`DESCRIBE TABLE ${table}`)).map((r) => r.col_name);
      expect(cols).toContain('vendor_id');
      expect(cols).not.toContain('phone_num');
      expect(cols).not.toContain('address1');
    }
    const all =
      JSON.stringify(await q('SELECT * FROM dim_vendor')) + JSON.stringify(await q('SELECT * FROM dim_vendor_history'));
    expect(all).toContain('ACME01');
    expect(all).not.toContain(PHONE);
    expect(all).not.toContain(STREET);
    expect(all).not.toContain(TAX_ID);
  });

  it('excluded fields are in no staged Parquet file (columns or bytes)', async () => {
    const parts = capture.uploads.filter((u) => u.path.endsWith('.parquet') && u.path.includes('_vendors/'));
    expect(parts.length).toBeGreaterThan(0);
    const bytes = Buffer.concat(parts.map((p) => p.body)).toString('latin1');
    expect(bytes).toContain('ACME01'); // the files are readable text, so an absent value proves something
    for (const secret of [PHONE, STREET, TAX_ID, SALT]) expect(bytes).not.toContain(secret);
    const db = await DuckDBInstance.create(':memory:');
    const conn = await db.connect();
    try {
      for (const [i, p] of parts.entries()) {
        const file = join(dataDir, `captured-${i}.parquet`);
        writeFileSync(file, p.body);
        const r = await conn.runAndReadAll(`SELECT name FROM parquet_schema('${file}')`);
        const names = r.getRows().map((row) => String(row[0]));
        expect(names).not.toContain('phone_num');
        expect(names).not.toContain('address1');
      }
    } finally {
      conn.closeSync();
    }
  });

  it('excluded fields are named in no request and no log line; the salt is in no log line', () => {
    const requests = epicor.stats().log.map((e) => `${e.path}?${e.query}`);
    expect(requests.some((r) => r.includes('/Vendors'))).toBe(true);
    for (const r of requests) {
      expect(r).not.toMatch(/PhoneNum|Address1/);
      expect(decodeURIComponent(r)).not.toContain(PHONE);
    }
    const log = lines.join('\n');
    expect(log).toContain('sync finished');
    for (const secret of [PHONE, STREET, TAX_ID, EMAIL, SALT]) expect(log).not.toContain(secret);
  });

  it('hashed fields hold sha256(salt || value) in a STRING column; empty stays empty', async () => {
    const rows = await q('SELECT vendor_id, tax_payer_id, email_address FROM dim_vendor ORDER BY vendor_id');
    expect(rows).toEqual([
      { vendor_id: 'ACME01', tax_payer_id: sha(TAX_ID), email_address: sha(EMAIL) },
      { vendor_id: 'BOLT02', tax_payer_id: '', email_address: sha('sales@bolt.example') },
    ]);
    const hist = await q("SELECT tax_payer_id FROM dim_vendor_history WHERE vendor_id = 'ACME01'");
    expect(hist).toEqual([{ tax_payer_id: sha(TAX_ID) }]);
    // Reproducible in SQL by whoever holds the salt (docs/columns.md).
    const sql = await q(
      `SELECT sha2(concat('${SALT}', '${TAX_ID}'), 256) = tax_payer_id AS same FROM dim_vendor WHERE vendor_id = 'ACME01'`,
    );
    expect(sql).toEqual([{ same: 'true' }]);
    const types = await q(
      "SELECT column_name, full_data_type FROM system.information_schema.columns WHERE table_schema = 'epicor' AND table_name = 'dim_vendor' AND column_name IN ('tax_payer_id', 'email_address') ORDER BY column_name",
    );
    expect(types).toEqual([
      { column_name: 'email_address', full_data_type: 'string' },
      { column_name: 'tax_payer_id', full_data_type: 'string' },
    ]);
  });

  it('the same salt gives the same hash in two tables, so hashed columns still join', async () => {
    const joined = await q(
      'SELECT v.vendor_id, c.cust_id FROM dim_vendor v JOIN dim_customer c ON v.email_address = c.email_address',
    );
    expect(joined).toEqual([{ vendor_id: 'ACME01', cust_id: 'ACMEC' }]);
  });

  it('status lists the column options per entity', () => {
    expect(columnOptionLines(config.columns)).toEqual([
      'vendors: excluded PhoneNum, Address1; hashed TaxPayerID, EMailAddress (salted SHA-256)',
      'customers: hashed EMailAddress (salted SHA-256)',
    ]);
  });
});
