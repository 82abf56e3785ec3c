/**
 * Issue 16 ("the first hour") through the real binary against emulators in this process: what a new user sees on
 * stderr/stdout and the exit codes — one cause instead of a wall of errors, JSON logs that stay JSON, Ctrl-C, a
 * sync refused by the lock, and the dry run's preview.
 */
import { writeFileSync } from 'node:fs';
import { createServer, type Server, type Socket } from 'node:net';
import { dirname } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MASTER_KEY, runCli, startCli, writeConfig } from '../support/cli-harness.ts';
import { type E2eEnv, startE2eEnv } from '../support/e2e-env.ts';
import { formatReport } from '../support/ground-truth.ts';
import { renderScreen } from '../support/virtual-terminal.ts';
import { HAS_SCRIPT, startOnPty } from './pty.ts';

let env: E2eEnv;
beforeAll(async () => {
  env = await startE2eEnv({ epicor: { scale: 0.05 } });
});
afterAll(async () => {
  await env?.close();
});

const config = (o: { schema: string; apiKey?: string; pageSize?: number }) =>
  writeConfig({ epicorUrl: env.epicorUrl, host: env.host, schema: o.schema, apiKey: o.apiKey, pageSize: o.pageSize });

/** A server that accepts connections and never answers (issue 16 item 3). */
async function silentServer(): Promise<{ url: string; close(): Promise<void> }> {
  const sockets = new Set<Socket>();
  const server: Server = createServer((s) => {
    sockets.add(s);
    s.on('error', () => {});
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}

/** Resolves once `read()` matches `pattern` (polls the child's captured output). */
async function waitFor(read: () => string, pattern: RegExp, timeoutMs = 60_000): Promise<void> {
  const start = Date.now();
  while (!pattern.test(read())) {
    if (Date.now() - start > timeoutMs) throw new Error(`never saw ${pattern} in:\n${read()}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe.sequential('the first hour (CLI against the emulators)', () => {
  it('item 7: a 13-entity sync with --log-format json writes only JSON lines to stderr (no listener warning)', async () => {
    const cfg = config({ schema: 'fh_json' });
    const r = await runCli(['--config', cfg, '--log-format', 'json', 'sync']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).not.toContain('MaxListenersExceededWarning');
    const lines = r.stderr.trim().split('\n');
    expect(lines.length).toBeGreaterThan(13);
    for (const line of lines) expect(() => JSON.parse(line), line).not.toThrow();
  });

  it('item 5: a wrong API key is reported once, as the run cause, in the summary and in status', async () => {
    const cfg = config({ schema: 'fh_cause', apiKey: 'wrong-key' });
    const r = await runCli(['--config', cfg, 'sync']);
    expect(r.code).toBe(1);
    // Before: 13 identical error log lines, 13 table rows and 13 `failed:` lines (~43 lines).
    expect(r.stdout).toMatch(
      /^sync \S+: failed in [\d.]+s\ncause: Epicor rejected the API key \(x-api-key\) \(HTTP 401\)[^\n]*\n {2}no entity was synced \(17 entities\)\n$/,
    );
    const mentions = (r.stdout + r.stderr).split('rejected the API key').length - 1;
    expect(mentions, r.stdout + r.stderr).toBe(2); // the summary's cause, one error log line
    const status = await runCli(['--config', cfg, 'status', '--json']);
    expect(status.code, status.stderr).toBe(0);
    const report = JSON.parse(status.stdout) as { runs: { status: string; error: string }[] };
    expect(report.runs[0].status).toBe('failed');
    // Before: the 13 copies joined into one 700-character line.
    expect(report.runs[0].error).toMatch(/^Epicor rejected the API key \(x-api-key\) \(HTTP 401\): [^;]*$/);
    expect(report.runs[0].error.length).toBeLessThan(120);
  });

  it('item 11: a first dry run shows target tables and sample rows, says "would insert", no raw state error', async () => {
    const cfg = config({ schema: 'fh_dry' });
    const r = await runCli([
      '--config',
      cfg,
      'sync',
      '--dry-run',
      '--entities',
      'vendors,ap_invoices',
      '--sample',
      '2',
    ]);
    expect(r.code, r.stderr).toBe(0);
    // Before: `[TABLE_OR_VIEW_NOT_FOUND] … _ml_connector_state` at info, and `unchanged=1822` per entity.
    expect(r.stderr).not.toMatch(/TABLE_OR_VIEW_NOT_FOUND|_ml_connector_state|unchanged=/);
    expect(r.stderr).toContain('dry run: no sync has run against this destination yet');
    expect(r.stderr).toMatch(/vendors dry run: would insert \d+/);
    expect(r.stdout).toMatch(/entity +status +fetched +would load/);
    expect(r.stdout).toMatch(/\n {2}dim_vendor \(vendors\): new table, \d+ columns\n/);
    expect(r.stdout).toMatch(/\n {2}fact_ap_invoice \(ap_invoices\): new table, \d+ columns\n/);
    const samples = r.stdout.split('\n').filter((l) => l.startsWith('    {'));
    expect(samples).toHaveLength(4);
    expect(JSON.parse(samples[0])).toMatchObject({ company: 'EPIC06', _source_system: 'epicor-kinetic' });
  });

  it('items 8 and 9: Ctrl-C exits 130 with one line on what was committed; a sync refused by the lock exits 5; re-running continues', async () => {
    // Small pages, slow answers: the run is still reading when the second sync and the signal come.
    const cfg = config({ schema: 'fh_stop', pageSize: 20 });
    env.epicor.setLatency({ fixedMs: 250 });
    try {
      const first = startCli(['--config', cfg, 'sync']);
      let err = '';
      first.child.stderr?.on('data', (d) => (err += d));
      // Wait until one entity is committed, then a second sync tries the same destination.
      await waitFor(() => err, /info {2}\S+ succeeded: /);
      // From here pages crawl, so the run is surely still loading when the second sync and the signal come,
      // however slow the machine (the signal aborts the slow requests; it does not wait for them).
      env.epicor.setLatency({ fixedMs: 3000 });
      const refused = await runCli(['--config', cfg, 'sync']);
      // Before: exit 1, like a failed run.
      expect(refused.code, refused.stderr).toBe(5);
      expect(refused.stderr).toMatch(
        /^error: Another run \(.*\) is loading this destination; try again after it finishes/,
      );
      first.child.kill('SIGINT');
      const r = await first.done;
      // Before: exit 1 or 4 by timing, "the request was cancelled" / "stopped by signal", no hint.
      expect(r.code, r.stderr).toBe(130);
      expect(r.stderr).toMatch(
        /\nstopped \(Ctrl-C\): (\d+) of 17 entities committed \([^)]*\); the other \d+ were left as they were \(watermarks not moved\) — run the same command again to continue\n$/,
      );
      expect(r.stderr).not.toMatch(/error .*cancelled/);
      // The summary lists no "failed:" line per interrupted entity: the one stopped line says it.
      expect(r.stdout).not.toMatch(/^failed:/m);
      expect(r.stdout).toMatch(/^sync \S+: (failed|partial) in/);
      const committed = Number(/stopped \(Ctrl-C\): (\d+) of 17/.exec(r.stderr)![1]);
      expect(committed).toBeGreaterThan(0);
      expect(committed).toBeLessThan(17);
    } finally {
      env.epicor.setLatency({});
    }
    const again = await runCli(['--config', cfg, 'sync']);
    expect(again.code, again.stderr).toBe(0);
    // The interrupted run plus the re-run leave exactly what one clean run leaves.
    // (Rows and keys only: value mapping is checked by the sync tests, and is not what a stop can break.)
    const report = await env.check({ schema: 'c_main.fh_stop' });
    const counts = report.tables.map((t) => ({ table: t.table, off: t.missing + t.extra + t.duplicates }));
    expect(
      counts.filter((c) => c.off > 0),
      formatReport(report),
    ).toEqual([]);
    expect(report.tables).toHaveLength(17);
  });

  it('item 8: SIGTERM stops a sync with exit 143', async () => {
    const cfg = config({ schema: 'fh_term' });
    env.epicor.setLatency({ fixedMs: 150 });
    try {
      const run = startCli(['--config', cfg, 'sync']);
      let err = '';
      run.child.stderr?.on('data', (d) => (err += d));
      await waitFor(() => err, /sync started/);
      run.child.kill('SIGTERM');
      const r = await run.done;
      expect(r.code, r.stderr).toBe(143);
      expect(r.stderr).toMatch(/stopped \(SIGTERM\)/);
    } finally {
      env.epicor.setLatency({});
    }
  });

  it('item 3: an unanswering token endpoint is retried with a log line per retry and given up after 3 attempts', async () => {
    const hung = await silentServer();
    try {
      const cfg = config({ schema: 'fh_hung' });
      const { readFileSync } = await import('node:fs');
      const yaml = readFileSync(cfg, 'utf8')
        .replace(/tokenUrl: .*/, `tokenUrl: ${hung.url}/connect/token`)
        .replace('  concurrency: 4', '  concurrency: 4\n  timeoutSeconds: 1');
      writeFileSync(cfg, yaml);
      const r = await runCli(['--config', cfg, 'sync']);
      expect(r.code).toBe(1);
      // Before: 12 min 8 s of silence, then "... within 120000 ms (gave up after 6 attempts)".
      const retries = r.stderr.split('\n').filter((l) => / warn {2}epicor-token: POST \/connect\/token failed/.test(l));
      expect(retries.map((l) => /attempt (\d) of (\d) in [\d.]+ s/.exec(l)?.slice(1, 3).join('/'))).toEqual([
        '2/3',
        '3/3',
      ]);
      expect(retries[0]).toContain('failed (epicor-token: no complete answer within 1000 ms)');
      expect(r.stdout).toMatch(/cause: epicor-token: no complete answer within 1000 ms\. \(gave up after 3 attempts\)/);
    } finally {
      await hung.close();
    }
  });

  it('item 9: a bad warehouse id points at databricks.warehouseId', async () => {
    const cfg = config({ schema: 'fh_wh' });
    const { readFileSync } = await import('node:fs');
    writeFileSync(cfg, readFileSync(cfg, 'utf8').replace('warehouseId: emulated-warehouse', 'warehouseId: 0123abcd'));
    const r = await runCli(['--config', cfg, 'sync', '--entities', 'vendors']);
    expect(r.code).toBe(1);
    // Before: "…SQL warehouse 0123abcd does not exist.." and nothing about which setting.
    expect(r.stderr).toMatch(/^error: .*SQL warehouse 0123abcd does not exist: check databricks\.warehouseId /m);
  });

  it('item 10: --verbose traces HTTP requests and SQL statements, without credentials', async () => {
    const cfg = config({ schema: 'fh_verbose' });
    const r = await runCli(['--config', cfg, '--verbose', 'sync', '--entities', 'vendors']);
    expect(r.code, r.stderr).toBe(0);
    const lines = r.stderr.split('\n');
    // Before: --verbose added only stack traces.
    expect(lines).toContainEqual(
      expect.stringMatching(
        /debug http GET http:\/\/127\.0\.0\.1:\d+\/\S*\/api\/v2\/odata\/EPIC06\/Erp\.BO\.VendorSvc\/Vendors\?[^→]* → 200 in \d+ ms api=epicor$/,
      ),
    );
    expect(lines).toContainEqual(
      expect.stringMatching(/debug http POST \S+\/oauth\/token → 200 in \d+ ms api=epicor-token$/),
    );
    expect(lines).toContainEqual(
      expect.stringMatching(
        /debug sql [0-9a-f-]{36} SUCCEEDED in \d+ ms: MERGE INTO `main`\.`fh_verbose`\.`dim_vendor`/,
      ),
    );
    for (const secret of ['demo-api-key', 'demo-secret', 'demo-sp-secret']) expect(r.stderr).not.toContain(secret);
  });

  it.skipIf(!HAS_SCRIPT)(
    'item 4: on a real terminal every entity ends as a whole bar line and no log line is drawn over one',
    async () => {
      const cfg = config({ schema: 'fh_tty' });
      const run = startOnPty(['--config', cfg, 'sync'], {
        cwd: dirname(cfg),
        env: { ML_CONNECTOR_MASTER_KEY: MASTER_KEY },
        columns: 160,
      });
      const { code, output } = await run.done;
      expect(code, output).toBe(0);
      const screen = renderScreen(output).filter((l) => l.trim() !== '');
      const bars = screen.filter((l) => /^ \S+ +\[/.test(l));
      // Before: " purchase_order_lines | 24000 records | reading", "1 records", a bar overwritten by "sync finished".
      expect(bars).toHaveLength(17);
      for (const b of bars) {
        expect(b).toMatch(
          /^ \S+ +\[█{20}\] 100% \| [\d,]+ records? \| [\d,]+\/s \| \d+:\d\d \| succeeded: [\d,]+ inserted, 0 updated$/,
        );
      }
      expect(bars.find((b) => b.startsWith(' companies '))).toContain('| 1 record |');
      expect(screen).toContainEqual(
        expect.stringMatching(/^\d\d:\d\d:\d\d info {2}sync finished syncId=\S+ status=succeeded$/),
      );
      expect(screen).toContainEqual(expect.stringMatching(/^sync \S+: succeeded in [\d.]+s$/));
    },
  );
});
