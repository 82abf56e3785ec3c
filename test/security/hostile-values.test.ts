// biome-ignore-all lint/suspicious/noTemplateCurlyInString: hostile values include ${...} on purpose
/**
 * Hostile Epicor values cannot change the SQL that runs: a proxy in front of the Epicor emulator rewrites vendor
 * names and cities to quotes, backticks, semicolons, comments, `${...}` and `'; DROP TABLE x; --`, adds a tenant field
 * carrying them, and adds `_c` fields whose names are hostile (`Evil\`;DROP--_c`) or 300 characters long. A sync
 * through the CLI loads every value byte-exact, skips the bad field names with a warning, and the Databricks
 * statement log never contains any injected text.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type CliResult, emulatorYaml, runCli } from '../support/cli-harness.ts';
import { type E2eEnv, startE2eEnv } from '../support/e2e-env.ts';
import { type EpicorProxy, startEpicorProxy } from '../support/epicor-proxy.ts';
import { runCliInProcess } from './cli-in-process.ts';
import { HOSTILE_VALUES } from './hostile-inputs.ts';

const EVIL_FIELD = 'Evil`;DROP--_c';
const LONG_FIELD = `${'A'.repeat(298)}_c`;

let env: E2eEnv;
let proxy: EpicorProxy;
let dir: string;
let evil: CliResult | undefined;

beforeAll(async () => {
  env = await startE2eEnv({
    epicor: { scale: 0.1 },
    front: async (url) => {
      proxy = await startEpicorProxy(url);
      return { url: proxy.baseUrl, close: () => proxy.close() };
    },
  });
  dir = mkdtempSync(join(tmpdir(), 'mlc-sec-hostile-'));
  writeFileSync(join(dir, 'ml-connector.yaml'), emulatorYaml({ epicorUrl: env.epicorUrl, host: env.host }));
});
afterAll(async () => {
  await env?.close();
  rmSync(dir, { recursive: true, force: true });
});

const hostileOf = (row: Record<string, unknown>, shift = 0) =>
  HOSTILE_VALUES[(Number(row.VendorNum) + shift) % HOSTILE_VALUES.length];

describe('hostile values and field names', () => {
  it('land as data byte-exact; hostile field names are skipped; no injected text reaches SQL', async () => {
    proxy.rewriteRows({
      entitySet: 'Vendors',
      rewrite: (row) => ({ ...row, Name: hostileOf(row), City: hostileOf(row, 3) }),
    });
    for (const name of ['Hostile_c', LONG_FIELD]) {
      proxy.addField({
        entitySet: 'Vendors',
        rowType: 'VendorRow',
        name,
        edmType: 'Edm.String',
        valueOf: (row) => hostileOf(row, 7),
      });
    }
    const r = await runCliInProcess(['--config', join(dir, 'ml-connector.yaml'), 'sync', '--entities', 'vendors']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/warn .*source field skipped.*AAAAAAAA/);

    const source = env.epicor.records('EPIC06', 'Vendors');
    expect(source.length).toBeGreaterThanOrEqual(HOSTILE_VALUES.length);
    const rows = await env.query('SELECT vendor_num, name, city, hostile_c FROM main.epicor.dim_vendor');
    expect(rows).toHaveLength(source.length);
    const byNum = new Map(rows.map((row) => [Number(row.vendor_num), row]));
    const seen = new Set<string>();
    for (const v of source) {
      const row = byNum.get(Number(v.VendorNum));
      expect(row, `vendor ${v.VendorNum}`).toEqual({
        vendor_num: row?.vendor_num,
        name: hostileOf(v),
        city: hostileOf(v, 3),
        hostile_c: hostileOf(v, 7),
      });
      seen.add(hostileOf(v));
    }
    expect(seen.size).toBe(HOSTILE_VALUES.length);

    const columns = await env.query(
      "SELECT column_name FROM information_schema.columns WHERE table_schema = 'epicor' AND table_name = 'dim_vendor'",
    );
    const names = columns.map((c) => String(c.column_name));
    expect(names).toContain('hostile_c');
    expect(names.filter((n) => /evil|drop|aaaa/i.test(n))).toEqual([]);

    const log = env.databricks.statementLog();
    expect(log.length).toBeGreaterThan(0);
    const injected = [...HOSTILE_VALUES.filter((h) => h.length > 3), 'DROP', 'DELETE', 'Evil', 'AAAAAAAA', '--'];
    const hits = log.flatMap((s) =>
      injected
        .filter((h) => s.statement.includes(h))
        .map((h) => `${JSON.stringify(h)} in ${s.statement.slice(0, 120)}`),
    );
    expect(hits).toEqual([]);
    // Failed statements would mean a value broke a statement's syntax.
    expect(log.filter((s) => s.state !== 'SUCCEEDED').map((s) => `${s.state} ${s.error}`)).toEqual([]);
  });

  it('a field name that is not an OData identifier never reaches a query or SQL', async () => {
    proxy.addField({
      entitySet: 'Vendors',
      rowType: 'VendorRow',
      name: EVIL_FIELD,
      edmType: 'Edm.String',
      valueOf: (row) => hostileOf(row, 5),
    });
    const before = env.databricks.statementLog().length;
    // A fresh process: this one has the vendor $metadata cached from the first sync.
    evil = await runCli([
      '--config',
      join(dir, 'ml-connector.yaml'),
      'sync',
      '--full-refresh',
      '--entities',
      'vendors',
    ]);
    const r = evil;
    expect(r.stderr).toMatch(/warn .*source field skipped.*Evil`;DROP--_c/);
    const after = env.databricks.statementLog().slice(before);
    expect(after.filter((s) => /Evil|DROP/.test(s.statement))).toEqual([]);
    expect(after.filter((s) => s.state !== 'SUCCEEDED')).toEqual([]);
  });

  // The extractor leaves such a field out of `$select` (it once selected it and failed the whole entity).
  it('the entity still loads when a _c field name is hostile', () => {
    expect(evil?.code, evil?.stderr).toBe(0);
  });
});
