/**
 * Crash recovery at 20 points: `node bin/ml-connector.js sync` runs as a child process against emulators in this
 * test process and is SIGKILLed the moment the test — polling the emulators' own logs and a counting proxy in front
 * of Databricks — sees it reach a point: the run ledger row, schema DDL, Epicor pages, Files API uploads, first
 * and later MERGEs, state writes, staging clean-up. Kills are chained (kill, restart, kill at the next point) with
 * days of Epicor activity in between. A normal sync then completes, and the tables must be exactly what Epicor
 * holds: no duplicate fact versions, nothing missing, no staged file left behind. No help between kills: each
 * restart must get past the dead process's destination lock by itself.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FaultCountingProxy, startFaultCountingProxy } from '../chaos/fault-counting-proxy.ts';
import { emulatorYaml, startCli, writeConfig } from '../support/cli-harness.ts';
import { type E2eEnv, startE2eEnv } from '../support/e2e-env.ts';
import { filesUnder } from '../support/files-under.ts';
import { formatReport } from '../support/ground-truth.ts';

const ENTITIES = ['vendors', 'customers', 'parts', 'purchase_orders', 'purchase_order_releases', 'ap_invoices'];
const SCHEMA = 'c_main.epicor';

let env: E2eEnv;
let proxy: FaultCountingProxy;
let configFile: string;

beforeAll(async () => {
  env = await startE2eEnv({ epicor: { seed: 3, scale: 0.15, latency: { fixedMs: 2 } } });
  proxy = await startFaultCountingProxy(env.host, env.databricks);
  configFile = writeConfig({ epicorUrl: env.epicorUrl, host: proxy.url, pageSize: 40 });
  const yaml = emulatorYaml({ epicorUrl: env.epicorUrl, host: proxy.url, pageSize: 40 }).replace(
    'entities: all',
    `entities: [${ENTITIES.join(', ')}]`,
  );
  writeFileSync(configFile, yaml);
});
afterAll(async () => {
  await proxy?.close();
  await env?.close();
});

/** What the test can observe of a run in flight. */
interface Seen {
  /** Epicor data pages served (metadata excluded). */
  pages: number;
  /** Files API uploads received. */
  puts: number;
  /** Files API deletions (staging clean-up). */
  deletes: number;
  /** Statements by kind. */
  ledger: number;
  ddl: number;
  merges: number;
  states: number;
}

function seen(): Seen {
  const byPath = env.epicor.stats().byPath;
  let pages = 0;
  for (const [path, n] of Object.entries(byPath))
    if (path.startsWith('/api/v2/odata/') && !path.includes('$metadata')) pages += n;
  const routes = proxy.requests();
  const log = env.databricks.statementLog().map((s) => s.statement);
  const count = (re: RegExp) => log.filter((s) => re.test(s)).length;
  return {
    pages,
    puts: routes['PUT files'] ?? 0,
    deletes: (routes['DELETE files'] ?? 0) + (routes['DELETE directories'] ?? 0),
    ledger: count(/^\s*MERGE\s+INTO\s+\S*`_ml_connector_runs`/i),
    ddl: count(/^\s*CREATE\s+(TABLE|OR REPLACE TABLE)\s+(IF NOT EXISTS\s+)?\S*`(dim|fact)_/i),
    merges: count(/^\s*MERGE\s+INTO\s+\S*`(dim|fact)_/i),
    states: count(/^\s*MERGE\s+INTO\s+\S*`_ml_connector_state`/i),
  };
}

interface KillPoint {
  label: string;
  /** Holds once the run (counted from its start) has reached the point. */
  reached(delta: Seen): boolean;
  /** A day of Epicor activity before this run starts. */
  dayBefore?: boolean;
}

const at = (k: keyof Seen, n: number, label: string, dayBefore = false): KillPoint => ({
  label,
  reached: (d) => d[k] >= n,
  dayBefore,
});

const POINTS: KillPoint[] = [
  at('ledger', 1, 'start: run ledger row written'),
  at('ddl', 1, 'schema: first CREATE TABLE'),
  at('pages', 1, 'paging: first Epicor page'),
  at('pages', 6, 'paging: sixth Epicor page'),
  at('puts', 1, 'upload: first Files API PUT'),
  at('puts', 3, 'upload: third Files API PUT'),
  at('merges', 1, 'MERGE: first data MERGE'),
  at('states', 1, 'state: first MERGE INTO _ml_connector_state'),
  at('merges', 2, 'MERGE: second data MERGE', true),
  at('states', 2, 'state: second state write', true),
  at('merges', 3, 'MERGE: third data MERGE', true),
  at('deletes', 1, 'clean-up: first staging DELETE', true),
  at('pages', 3, 'paging: third page after a day', true),
  at('puts', 2, 'upload: second PUT after a day', true),
  at('merges', 1, 'MERGE: first after a day', true),
  at('states', 1, 'state: first write after a day', true),
  at('states', 3, 'state: third state write', true),
  at('merges', 4, 'MERGE: fourth data MERGE', true),
  at('puts', 4, 'upload: fourth PUT', true),
  at('states', 4, 'state: fourth state write', true),
];

describe('sync SIGKILLed at 20 points', () => {
  it('each point really hit; a normal sync then leaves exactly the rows of a clean run', {
    timeout: 150_000,
  }, async () => {
    const t0 = Date.now();
    const hits: string[] = [];
    for (const point of POINTS) {
      if (point.dayBefore) env.epicor.advance({ company: 'EPIC06' });
      const base = seen();
      const run = startCli(['--config', configFile, 'sync']);
      let exited = false;
      void run.done.then(() => {
        exited = true;
      });
      const started = Date.now();
      let delta = base;
      for (;;) {
        const now = seen();
        delta = Object.fromEntries(
          Object.entries(now).map(([k, v]) => [k, v - base[k as keyof Seen]]),
        ) as unknown as Seen;
        if (exited || point.reached(delta) || Date.now() - started > 30_000) break;
        await new Promise((r) => setTimeout(r, 2));
      }
      const reached = point.reached(delta);
      const finishedFirst = exited;
      run.child.kill('SIGKILL');
      const result = await run.done;
      expect(reached, `${point.label}: not reached (${JSON.stringify(delta)})\n${result.stderr.slice(-2000)}`).toBe(
        true,
      );
      expect(finishedFirst, `${point.label}: the run finished before the kill\n${result.stderr.slice(-2000)}`).toBe(
        false,
      );
      expect(result.signal).toBe('SIGKILL');
      hits.push(`${point.label} after ${Date.now() - started} ms ${JSON.stringify(delta)}`);
    }

    const final = await startCli(['--config', configFile, 'sync']).done;
    expect(final.code, final.stderr.slice(-3000)).toBe(0);

    const report = await env.check({ entities: ENTITIES });
    const rowsCompared = report.tables.reduce((n, t) => n + t.actual, 0);
    console.log(
      `crash recovery: ${hits.length} kill points hit, ${rowsCompared} rows ` +
        `compared, ${Math.round((Date.now() - t0) / 1000)} s\n  ${hits.join('\n  ')}`,
    );
    expect(report.ok, formatReport(report)).toBe(true);
    expect(hits).toHaveLength(20);

    // No duplicate fact versions at all (the checker looks per company; this looks at the whole table).
    for (const table of ['fact_purchase_order', 'fact_purchase_order_release', 'fact_ap_invoice']) {
      const dups = await env.query(
        `SELECT _source_record_id, _source_rev, COUNT(*)::INT AS n FROM ${SCHEMA}.${table} GROUP BY 1, 2 HAVING COUNT(*) > 1`,
      );
      expect(dups, table).toEqual([]);
    }
    // No staging files of the killed runs survive the completed one.
    const staged = filesUnder(join(env.dataDir, 'volumes')).filter((f) => f.endsWith('.parquet'));
    expect(staged).toEqual([]);
    // Exactly one run succeeded, and no run is left `running` by the killed processes.
    const [runs] = await env.query(
      `SELECT COUNT(*) FILTER (WHERE status = 'succeeded')::INT AS ok, ` +
        `COUNT(*) FILTER (WHERE status = 'running')::INT AS running FROM ${SCHEMA}._ml_connector_runs WHERE trigger <> 'reconcile'`,
    );
    expect(runs).toEqual({ ok: 1, running: 0 });
  });
});
