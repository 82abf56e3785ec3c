/**
 * Issue 13: a sync into a Databricks emulator that enforces what a real workspace enforces — statistics for the
 * clustering column (first 32 columns), the 25 MiB INLINE-result cap, Delta write conflicts, the session time zone,
 * a metastore without storage — loads exactly what Epicor holds; the same sync with the warehouse in
 * America/Chicago gives the same dates; replay pages a run's keys past the INLINE cap; a table created by the
 * previous version is upgraded without losing rows.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { type Clock, systemClock } from '../../src/clock.ts';
import type { Config } from '../../src/config/schema.ts';
import { emulatedConfig } from '../../src/demo/emulated-config.ts';
import { createDatabricksClient } from '../../src/destination/databricks/client/databricks-client.ts';
import {
  createDatabricksEmulator,
  type DatabricksEmulator,
  type DatabricksEmulatorOptions,
  type WriteConflictClass,
} from '../../src/emulators/databricks/databricks-emulator.ts';
import { createEpicorEmulator, type EpicorEmulator } from '../../src/emulators/epicor/index.ts';
import { reconcileOnce, replayOnce } from '../../src/jobs/ops-once.ts';
import { syncOnce } from '../../src/jobs/sync-once.ts';
import { createLogger, type Logger } from '../../src/log/create-logger.ts';
import { checkGroundTruth, formatReport } from '../support/ground-truth.ts';

const ENTITIES = ['vendors', 'ap_invoices', 'purchase_order_releases', 'gl_journal_lines'];
const retry = { minTimeoutMs: 5, maxTimeoutMs: 20 };
/** Each Delta write conflict on one table's MERGE; the invoice MERGE meets two in a row. */
const CONFLICTS: [WriteConflictClass, string][] = [
  ['DELTA_CONCURRENT_APPEND', 'fact_ap_invoice`'],
  ['DELTA_PROTOCOL_CHANGED', 'fact_ap_invoice`'],
  ['DELTA_CONCURRENT_DELETE_READ', 'fact_purchase_order_release`'],
  ['DELTA_CONCURRENT_DELETE_DELETE', 'fact_gl_journal_line`'],
  ['DELTA_METADATA_CHANGED', 'dim_vendor`'],
];

/**
 * Real time moved to 02:30 UTC today — still yesterday in America/Chicago, where a date derived in the session zone
 * differs from the UTC one — with waits (statement retries, polls) 50 times shorter.
 */
function earlyUtcClock(): Clock {
  const now = new Date();
  const shift = now.getTime() - Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate(), 2, 30);
  return {
    now: () => Date.now() - shift,
    sleep: (ms, signal) => systemClock.sleep(Math.ceil(ms / 50), signal),
  };
}

interface Env {
  epicor: EpicorEmulator;
  databricks: DatabricksEmulator;
  config: Config;
  epicorUrl: string;
  dir: string;
}

const open: Env[] = [];

async function startEnv(databricks: Omit<DatabricksEmulatorOptions, 'dataDir'> = {}, dir?: string): Promise<Env> {
  const dataDir = dir ?? (await mkdtemp(join(tmpdir(), 'dbx-fit-')));
  const epicor = createEpicorEmulator({ seed: 13, scale: 0.2 });
  const emu = await createDatabricksEmulator({ ...databricks, dataDir });
  const epicorUrl = await epicor.listen(0);
  const config = emulatedConfig(epicorUrl, await emu.listen(0), { entities: ENTITIES, pageSize: 200 });
  const env = { epicor, databricks: emu, config, epicorUrl, dir: dataDir };
  open.push(env);
  return env;
}

afterEach(async () => {
  for (const env of open.splice(0)) {
    await env.epicor.close();
    await env.databricks.close();
    await rm(env.dir, { recursive: true, force: true });
  }
});

function capturingLogger(): { logger: Logger; warnings: string[] } {
  const warnings: string[] = [];
  const logger = createLogger({
    format: 'json',
    level: 'warn',
    secrets: [],
    stream: { write: (line: string) => warnings.push(String(JSON.parse(line).msg)) },
  });
  return { logger, warnings };
}

const silent = createLogger({ format: 'text', level: 'silent', secrets: [] });

const groundTruth = (env: Env, deletedRecords?: 'marked') =>
  checkGroundTruth({
    source: env.epicor,
    query: (sql) => env.databricks.query(sql),
    company: 'EPIC06',
    instance: env.epicorUrl,
    entities: ENTITIES,
    deletedRecords,
  });

/** Statements the emulator received while `fn` ran. */
async function statementsDuring(env: Env, fn: () => Promise<unknown>) {
  const before = env.databricks.statementLog().length;
  await fn();
  return env.databricks.statementLog().slice(before);
}

describe('a workspace that enforces what Databricks enforces', () => {
  it('a sync with every rule on (32-column statistics, 25 MiB cap, no metastore storage, each write conflict once) is exact', async () => {
    const env = await startEnv({
      metastoreStorage: false,
      faults: {
        writeConflicts: CONFLICTS.map(([errorClass, table]) => ({
          errorClass,
          statement: 'MERGE',
          contains: `MERGE INTO \`main\`.\`epicor\`.\`${table}`,
          times: 1,
        })),
      },
    });
    const log = await statementsDuring(env, async () => {
      const full = await syncOnce(env.config, { logger: silent, retry, clock: earlyUtcClock() });
      expect(full.run.status, JSON.stringify(full.run.error ?? full.run.entities).slice(0, 2000)).toBe('succeeded');
      expect(full.badRecords).toEqual([]);
    });
    const report = await groundTruth(env);
    expect(report.ok, formatReport(report)).toBe(true);
    // Every conflict class was raised (SQLSTATE 2D521, error_code BAD_REQUEST) and the MERGE run again.
    const failed = log.filter((s) => s.state === 'FAILED');
    expect(failed.map((s) => /^\[([A-Z_]+)\]/.exec(s.error ?? '')?.[1]).sort()).toEqual(
      CONFLICTS.map((c) => c[0]).sort(),
    );
    for (const f of failed) {
      const later = log.slice(log.indexOf(f) + 1);
      expect(later.some((s) => s.statement === f.statement && s.state === 'SUCCEEDED')).toBe(true);
    }
    // Wide tables clustered by _sync_date were accepted: it sits among the first 32 columns.
    const [pos] = await env.databricks.query(
      `SELECT ordinal_position AS p, (SELECT COUNT(*) FROM information_schema.columns c2 WHERE c2.table_name = 'fact_ap_invoice' AND c2.table_catalog = 'c_main') AS n
         FROM information_schema.columns WHERE table_catalog = 'c_main' AND table_name = 'fact_ap_invoice' AND column_name = '_sync_date'`,
    );
    expect(Number(pos.p)).toBeLessThanOrEqual(32);
    expect(Number(pos.n)).toBeGreaterThan(32);
  }, 60_000);

  it('refuses CLUSTER BY on a column past the first 32 like Databricks, unless its statistics are configured', async () => {
    const env = await startEnv();
    const client = createDatabricksClient(env.config.databricks, { retry });
    try {
      const cols = Array.from({ length: 40 }, (_, i) => `c${i} STRING`).join(', ');
      const failed = client.statements.execute(`CREATE TABLE main.default.wide (${cols}) CLUSTER BY (c35)`);
      await expect(failed).rejects.toMatchObject({
        details: { errorClass: 'DELTA_CLUSTERING_COLUMN_MISSING_STATS', sqlState: '22000', failure: 'permanent' },
      });
      await client.statements.execute(
        `CREATE TABLE main.default.wide (${cols}) CLUSTER BY (c35) TBLPROPERTIES ('delta.dataSkippingStatsColumns' = 'c0,c35')`,
      );
      await client.statements.execute(
        `CREATE TABLE main.default.wide2 (${cols}) CLUSTER BY (c35) TBLPROPERTIES ('delta.dataSkippingNumIndexedCols' = '36')`,
      );
      await expect(client.statements.execute('ALTER TABLE main.default.wide2 CLUSTER BY (c38)')).rejects.toMatchObject({
        details: { errorClass: 'DELTA_CLUSTERING_COLUMN_MISSING_STATS' },
      });
    } finally {
      await client.close();
    }
  }, 30_000);

  it('without metastore storage a missing catalog fails with a message that says to use an existing one', async () => {
    const env = await startEnv({ metastoreStorage: false });
    const config = { ...env.config, databricks: { ...env.config.databricks, catalog: 'erp_raw' } };
    await expect(syncOnce(config, { logger: silent, retry })).rejects.toThrow(
      /Catalog erp_raw does not exist and could not be created .*Metastore storage root URL does not exist.*Set databricks\.catalog to an existing catalog/s,
    );
  }, 30_000);
});

describe('the warehouse time zone', () => {
  it('America/Chicago gives the same dates as UTC, on load and on reconcile deletion marks', async () => {
    const read = async (env: Env) => {
      const client = createDatabricksClient(env.config.databricks, { retry });
      try {
        return await client.statements.query(
          'SELECT invoice_number, CAST(invoice_date AS STRING) AS invoice_date, CAST(due_date AS STRING) AS due_date, ' +
            'CAST(_sync_date AS STRING) AS sync_date FROM main.epicor.fact_ap_invoice ORDER BY invoice_number, _source_rev',
        );
      } finally {
        await client.close();
      }
    };
    const utc = await startEnv();
    const chicago = await startEnv({ timeZone: 'America/Chicago' });
    const clock = earlyUtcClock();
    const today = new Date(clock.now()).toISOString().slice(0, 10);
    for (const env of [utc, chicago]) {
      expect((await syncOnce(env.config, { logger: silent, retry, clock })).run.status).toBe('succeeded');
      const report = await groundTruth(env);
      expect(report.ok, formatReport(report)).toBe(true);
    }
    const [a, b] = [await read(utc), await read(chicago)];
    expect(b).toEqual(a);
    expect(new Set(b.map((r) => r.sync_date))).toEqual(new Set([today]));
    // TIMESTAMPs come back in the session zone, naming the same instant.
    const client = createDatabricksClient(chicago.config.databricks, { retry });
    try {
      const [row] = await client.statements.query(
        "SELECT CAST(TIMESTAMP '2026-03-05 02:30:00Z' AS DATE) AS d, TIMESTAMP '2026-03-05 02:30:00Z' AS t",
      );
      expect(row).toEqual({ d: '2026-03-04', t: '2026-03-04T20:30:00.000-06:00' });
    } finally {
      await client.close();
    }
    // Deletes marked by reconcile in the Chicago warehouse carry the UTC date of the run, like loaded rows.
    chicago.epicor.advance({ inserts: 0, updates: 0, deletes: 40 });
    const rec = await reconcileOnce(chicago.config, { logger: silent, retry, clock });
    expect(rec.run.status).toBe('succeeded');
    const marked = await chicago.databricks.query(
      ['dim_vendor', 'fact_ap_invoice', 'fact_purchase_order_release', 'fact_gl_journal_line']
        .map((t) => `SELECT DISTINCT CAST(_sync_date AS VARCHAR) AS d FROM main.epicor.${t} WHERE _is_deleted`)
        .join(' UNION '),
    );
    expect(marked.length).toBeGreaterThan(0);
    expect(marked.map((r) => r.d)).toEqual([today]);
    const report = await groundTruth(chicago, 'marked');
    expect(report.ok, formatReport(report)).toBe(true);
  }, 90_000);
});

describe('large results', () => {
  it('replay of a full sync pages its keys past the INLINE cap and reloads exactly those records', async () => {
    const env = await startEnv();
    const full = await syncOnce(env.config, { logger: silent, retry });
    expect(full.run.status).toBe('succeeded');
    const written = full.run.entities.gl_journal_lines.fetched;
    expect(written).toBeGreaterThan(200);
    // A few kilobytes: far fewer keys fit in one answer than the run wrote.
    env.databricks.setInlineLimit(40_000);
    const log = await statementsDuring(env, async () => {
      const replay = await replayOnce(env.config, full.run.syncId, {
        logger: silent,
        retry,
        only: ['gl_journal_lines'],
      });
      expect(replay.run.status).toBe('succeeded');
      expect(replay.run.entities.gl_journal_lines.fetched).toBe(written);
      expect(replay.run.entities.gl_journal_lines.missing ?? 0).toBe(0);
    });
    const keyReads = log.filter((s) => s.statement.startsWith('SELECT DISTINCT'));
    expect(keyReads.some((s) => /^Inline byte limit exceeded/.test(s.error ?? ''))).toBe(true);
    expect(keyReads.filter((s) => s.state === 'SUCCEEDED').length).toBeGreaterThan(1);
    env.databricks.setInlineLimit(undefined);
    const report = await groundTruth(env);
    expect(report.ok, formatReport(report)).toBe(true);
  }, 60_000);
});

describe('tables created by the previous version', () => {
  /**
   * Rebuilds `table` as the previous version created it (straight in the emulator's DuckDB): data columns first and
   * lineage last — `_sync_date` past the first 32 columns on wide tables — calendar dates as midnight-UTC
   * TIMESTAMPs, partitioned by `_sync_date` (the previous emulator also let CLUSTER BY through; a real workspace
   * never did).
   */
  async function makeLegacy(env: Env, table: string): Promise<void> {
    const cols = await env.databricks.query(
      `SELECT column_name AS c, data_type AS t FROM information_schema.columns
         WHERE table_catalog = 'c_main' AND table_schema = 'epicor' AND table_name = '${table}' ORDER BY ordinal_position`,
    );
    const lineage = cols.filter((c) => String(c.c).startsWith('_'));
    const rest = cols.filter((c) => !String(c.c).startsWith('_'));
    const select = [...rest, ...lineage].map(({ c, t }) =>
      t === 'DATE' && c !== '_sync_date' ? `CAST("${c}" AS TIMESTAMPTZ) AS "${c}"` : `"${c}"`,
    );
    await env.databricks.query(
      `CREATE TABLE c_main.epicor.__legacy AS SELECT ${select.join(', ')} FROM c_main.epicor.${table};
       DROP TABLE c_main.epicor.${table};
       ALTER TABLE c_main.epicor.__legacy RENAME TO ${table};
       UPDATE c_main.__emulator.table_props SET clustering = []::VARCHAR[], partitioning = ['_sync_date']
         WHERE table_name = 'main.epicor.${table}'`,
    );
  }

  const position = async (env: Env, table: string, column: string) =>
    Number(
      (
        await env.databricks.query(
          `SELECT ordinal_position AS p FROM information_schema.columns WHERE table_catalog = 'c_main'
             AND table_name = '${table}' AND column_name = '${column}'`,
        )
      )[0].p,
    );

  it('a first sync into them upgrades them in place without losing or changing a row', async () => {
    const env = await startEnv();
    expect((await syncOnce(env.config, { logger: silent, retry })).run.status).toBe('succeeded');
    await makeLegacy(env, 'fact_ap_invoice');
    await makeLegacy(env, 'dim_vendor');
    expect(await position(env, 'fact_ap_invoice', '_sync_date')).toBeGreaterThan(32);
    const rows = (t: string) =>
      env.databricks.query(
        `SELECT _source_record_id AS id, CAST(_source_rev AS VARCHAR) AS rev, _sync_id AS s, ` +
          `${t === 'fact_ap_invoice' ? 'epoch_ms(invoice_date)' : 'NULL'} AS d FROM c_main.epicor.${t} ORDER BY 1, 2`,
      );
    const before = await rows('fact_ap_invoice');
    const vendorsBefore = await rows('dim_vendor');

    env.epicor.advance({ inserts: 40, updates: 40, deletes: 0 });
    const { logger, warnings } = capturingLogger();
    const log = await statementsDuring(env, async () => {
      const r = await syncOnce(env.config, { logger, retry });
      expect(r.run.status, JSON.stringify(r.run.error ?? r.run.entities).slice(0, 1500)).toBe('succeeded');
    });
    // `_sync_date` moved among the first 32 columns once, by a metadata reorder; the table kept its rows.
    const reorders = log.filter((s) => /ALTER COLUMN `_sync_date` AFTER/.test(s.statement));
    expect(reorders.map((s) => [s.statement.split('`')[5], s.state])).toEqual(
      [
        ['fact_ap_invoice', 'SUCCEEDED'],
        ['dim_vendor', 'SUCCEEDED'],
      ].sort(),
    );
    expect(await position(env, 'fact_ap_invoice', '_sync_date')).toBeLessThanOrEqual(3);
    // Every earlier version row is still there, unchanged (facts append versions; nothing rewritten).
    const after = await rows('fact_ap_invoice');
    const afterById = new Map(after.map((r) => [`${r.id}/${r.rev}`, r]));
    for (const r of before) expect(afterById.get(`${r.id}/${r.rev}`), `${r.id}/${r.rev}`).toEqual(r);
    expect(after.length).toBeGreaterThan(before.length);
    expect((await rows('dim_vendor')).length).toBe(vendorsBefore.length);
    // The calendar dates stay TIMESTAMP there (said in the log), new versions at midnight UTC like the old ones.
    expect(warnings.some((w) => /fact_ap_invoice: .*invoice_date.* stay TIMESTAMP/.test(w))).toBe(true);
    const [types] = await env.databricks.query(
      `SELECT data_type AS t FROM information_schema.columns WHERE table_catalog = 'c_main'
         AND table_name = 'fact_ap_invoice' AND column_name = 'invoice_date'`,
    );
    expect(String(types.t)).toMatch(/^TIMESTAMP/);
    const [odd] = await env.databricks.query(
      `SELECT COUNT(*)::INT AS n FROM c_main.epicor.fact_ap_invoice
         WHERE invoice_date IS NOT NULL AND CAST(invoice_date AS TIMESTAMP) <> date_trunc('day', CAST(invoice_date AS TIMESTAMP))`,
    );
    expect(odd.n).toBe(0);
    // Exact against Epicor where the types are today's; the legacy invoice table matches by record and revision.
    const report = await groundTruth(env);
    const others = report.tables.filter((t) => t.table !== 'fact_ap_invoice');
    expect(
      others.every((t) => t.missing + t.extra + t.duplicates + t.differing + t.lineage === 0),
      formatReport(report),
    ).toBe(true);
    const invoices = report.tables.find((t) => t.table === 'fact_ap_invoice')!;
    expect([invoices.missing, invoices.extra, invoices.duplicates]).toEqual([0, 0, 0]);

    // The upgrade ran once: the next run issues no DDL.
    const again = await statementsDuring(env, async () => {
      expect((await syncOnce(env.config, { logger: silent, retry })).run.status).toBe('succeeded');
    });
    expect(again.filter((s) => /^(ALTER|CREATE)/.test(s.statement))).toEqual([]);
  }, 90_000);
});
