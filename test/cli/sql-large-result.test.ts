/**
 * `sql` with a 200,000-row result through the real binary against the Databricks emulator: the table form used to
 * crash (every row spread into Math.max → RangeError past ~125k rows); now it shows a capped table with a note,
 * and --json / --csv print every row, JSON with typed values from the result manifest.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createDatabricksEmulator,
  type DatabricksEmulator,
} from '../../src/emulators/databricks/databricks-emulator.ts';
import { runCli } from '../support/cli-harness.ts';

const ROWS = 200_000;
const SMALL = 5000;
// `range(n) AS t(id)` names the column the same way on Databricks and in the emulator.
const LARGE_QUERY = `SELECT id, concat('v', id) AS label FROM range(${ROWS}) AS t(id)`;
const TYPED_QUERY =
  'SELECT id, id % 2 = 0 AS even, CAST(id AS DECIMAL(12,2)) / 100 AS amount, ' +
  `CASE WHEN id % 3 = 0 THEN NULL ELSE concat('v', id) END AS label FROM range(${SMALL}) AS t(id)`;

let databricks: DatabricksEmulator;
let dir: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'mlc-sql-'));
  databricks = await createDatabricksEmulator({ dataDir: join(dir, 'data') });
  const host = await databricks.listen(0);
  // sql reads only the databricks section; the epicor section must still be valid.
  writeFileSync(
    join(dir, 'ml-connector.yaml'),
    `epicor:
  baseUrl: http://127.0.0.1:9/unused
  company: EPIC06
  apiKey: unused-api-key
  auth: { type: basic, username: unused-user, password: unused-password }
databricks:
  host: ${host}
  warehouseId: emulated-warehouse
  catalog: main
  schema: default
  auth: { type: oauth-m2m, clientId: demo-sp, clientSecret: demo-sp-secret }
`,
  );
});
afterAll(async () => {
  await databricks?.close();
  rmSync(dir, { recursive: true, force: true });
});

const sql = (...args: string[]) => runCli(['sql', ...args], { cwd: dir });

describe('sql with a 200,000-row result', () => {
  it('prints a capped table with a note, and every row with --json', async () => {
    // One after the other: the emulator, in this process, serialises each 200k-row result.
    const table = await sql(LARGE_QUERY);
    expect(table.code, table.stderr).toBe(0);
    const lines = table.stdout.trimEnd().split('\n');
    expect(lines[0].trim().split(/\s+/)).toEqual(['id', 'label']);
    expect(lines).toHaveLength(2 + 1000 + 1);
    expect(lines.at(-1)).toBe(
      `(${ROWS} rows; the first 1000 shown — use --json or --csv for all of them, or --max-rows N)`,
    );

    const json = await sql('--json', LARGE_QUERY);
    expect(json.code, json.stderr).toBe(0);
    const rows = JSON.parse(json.stdout) as Record<string, unknown>[];
    expect(rows).toHaveLength(ROWS);
    expect(rows[ROWS - 1]).toEqual({ id: ROWS - 1, label: `v${ROWS - 1}` });
  });

  it('types JSON values from the result manifest, prints CSV, and honours --max-rows', async () => {
    const [json, csv, few] = await Promise.all([
      sql('--json', TYPED_QUERY),
      sql('--csv', TYPED_QUERY),
      sql('--max-rows', '3', TYPED_QUERY),
    ]);
    expect(json.code, json.stderr).toBe(0);
    const rows = JSON.parse(json.stdout) as Record<string, unknown>[];
    expect(rows).toHaveLength(SMALL);
    expect(rows[1]).toEqual({ id: 1, even: false, amount: 0.01, label: 'v1' });
    expect(rows[3]).toEqual({ id: 3, even: false, amount: 0.03, label: null });

    expect(csv.code, csv.stderr).toBe(0);
    const csvLines = csv.stdout.split('\r\n');
    expect(csvLines[0]).toBe('id,even,amount,label');
    expect(csvLines[2]).toBe('1,false,0.01,v1');
    expect(csvLines[4]).toBe('3,false,0.03,');
    expect(csvLines.filter((l) => l !== '')).toHaveLength(SMALL + 1);

    expect(few.code, few.stderr).toBe(0);
    expect(few.stdout.trimEnd().split('\n')).toHaveLength(2 + 3 + 1);
  });

  it('refuses --json with --csv and a bad --max-rows as usage errors (exit 2)', async () => {
    const [both, bad] = await Promise.all([sql('--json', '--csv', 'SELECT 1'), sql('--max-rows', 'lots', 'SELECT 1')]);
    expect(both.code).toBe(2);
    expect(both.stderr).toContain('--json and --csv');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--max-rows');
  });
});
