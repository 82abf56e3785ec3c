/**
 * `ml-connector check` through the real binary against both emulators (SPEC §2): one ✓/⚠/✗ line per probe and a
 * summary, `--json` in its stable shape, exit 0 when all good or adapted and 3 when a probe failed; a wrong base URL
 * names epicor.baseUrl and the URL it tried; check creates nothing in Databricks, `check --fix` creates the schema and
 * staging volume.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { emulatorYaml, runCli, writeConfig } from '../support/cli-harness.ts';
import { type E2eEnv, startE2eEnv } from '../support/e2e-env.ts';

let env: E2eEnv;
let dir: string;

beforeAll(async () => {
  env = await startE2eEnv({ epicor: { scale: 0.1 } });
  dir = dirname(writeConfig({ epicorUrl: env.epicorUrl, host: env.host }));
});
afterAll(async () => {
  await env?.close();
});

function configFile(name: string, over: Parameters<typeof emulatorYaml>[0] extends infer V ? Partial<V> : never = {}) {
  const file = join(dir, `${name}.yaml`);
  writeFileSync(file, emulatorYaml({ epicorUrl: env.epicorUrl, host: env.host, ...over }));
  return file;
}

async function schemaExists(schema: string): Promise<boolean> {
  const rows = await env.query(
    `SELECT schema_name FROM duckdb_schemas() WHERE database_name = 'c_main' AND schema_name = '${schema}'`,
  );
  return rows.length > 0;
}

describe.sequential('ml-connector check', () => {
  it('prints one line per probe and a summary, exits 0, creates nothing; --json has the stable shape', async () => {
    const file = configFile('good', { schema: 'check_e2e' });
    const [text, json] = await Promise.all([
      runCli(['--config', file, 'check']),
      runCli(['--config', file, 'check', '--json']),
    ]);
    expect(text.code, text.stdout + text.stderr).toBe(0);
    const lines = text.stdout.trim().split('\n');
    expect(lines[0]).toMatch(/^✓ Epicor reachable: http:\/\/127\.0\.0\.1:\d+\/kinetic\/api\/v2\/odata\/EPIC06\//);
    expect(lines.slice(0, -1).every((l) => /^[✓⚠] /.test(l))).toBe(true);
    expect(lines).toContain(
      '✓ Databricks schema: schema main.check_e2e does not exist yet: the first sync creates it (or run check --fix).',
    );
    expect(lines.at(-1)).toMatch(/^\d+ ok, 0 adapted, 0 failed \(\d+ Epicor requests, \d+ Databricks statements\)\.$/);

    expect(json.code, json.stderr).toBe(0);
    const report = JSON.parse(json.stdout);
    expect(Object.keys(report)).toEqual(['status', 'probes', 'requests']);
    expect(report.status).toBe('ok');
    expect(report.requests.epicor).toBeGreaterThan(10);
    expect(report.requests.databricks).toBeGreaterThan(3);
    for (const p of report.probes) {
      expect(Object.keys(p)).toEqual(['id', 'side', 'title', 'status', 'message', 'fix']);
      expect(['ok', 'adapted', 'failed']).toContain(p.status);
      expect(['epicor', 'databricks']).toContain(p.side);
    }
    expect(report.probes.map((p: { id: string }) => p.id)).toEqual(
      expect.arrayContaining([
        'epicor.reachable',
        'epicor.entity.vendors',
        'databricks.warehouse',
        'databricks.grants',
      ]),
    );
    expect(json.stderr).not.toContain('waiting for');

    expect(await schemaExists('check_e2e')).toBe(false);
  });

  it('check --fix creates the schema and staging volume the first sync needs', async () => {
    const file = configFile('fix', { schema: 'check_fix' });
    const r = await runCli(['--config', file, 'check', '--only', 'databricks', '--fix']);
    expect(r.code, r.stdout + r.stderr).toBe(0);
    expect(r.stdout).toContain(
      '✓ Create schema and volume (--fix): created schema main.check_fix and volume main.check_fix.ml_connector_staging.',
    );
    expect(r.stdout).not.toContain('Epicor');
    expect(await schemaExists('check_fix')).toBe(true);
  });

  it('a wrong base URL: exit 3, ✗ names epicor.baseUrl and the URL tried; a bad warehouse names databricks.warehouseId', async () => {
    const file = configFile('wrong-base', { epicorUrl: env.epicorUrl.replace(/\/kinetic$/, '/Kinetic2024') });
    writeFileSync(file, readFileSync(file, 'utf8').replace('warehouseId: emulated-warehouse', 'warehouseId: wrong-wh'));
    const r = await runCli(['--config', file, 'check']);
    expect(r.code, r.stdout + r.stderr).toBe(3);
    const tried = `${env.epicorUrl.replace(/\/kinetic$/, '/Kinetic2024')}/api/v2/odata/EPIC06/Erp.BO.CompanySvc/`;
    expect(r.stdout).toContain(`✗ Epicor reachable: ${tried} answered HTTP 404`);
    expect(r.stdout).toContain('Fix: check epicor.baseUrl (server + instance');
    expect(r.stdout).not.toMatch(/✓ (API key|Authenticated|Company)/);
    expect(r.stdout).toMatch(
      /✗ Databricks warehouse: warehouse wrong-wh does not exist .* Fix: check databricks\.warehouseId/,
    );
    expect(r.stdout.trim().split('\n').at(-1)).toMatch(/, 2 failed /);
  });
});
