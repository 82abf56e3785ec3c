/**
 * `ml-connector ui` in a real headless Chromium (Debian's package, driven by playwright-core; nothing downloads a
 * browser) against both emulators, from an empty directory: set up through the form (an invalid value is named
 * inline, nothing saved), the fit check passes, a wrong API key shows its ✗ with the fix, a sync runs to the end
 * with live rows and lands in the ledger and freshness, a replay of it follows. Then the refusals: no token → 401,
 * a cross-site or CSRF-less POST → 403, and no page or API answer contains a secret value.
 * Screenshots of every page go to test-output/ui/ (git-ignored) for a human look.
 */

import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type BrowserContext, chromium, type Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { viewContext } from '../../src/analytics/apply-analytics.ts';
import { createViewSql } from '../../src/analytics/view-ddl.ts';
import { apOpenItems } from '../../src/analytics/views/ap-aging-views.ts';
import { supplierSpend } from '../../src/analytics/views/ap-performance-views.ts';
import { supplierDelivery } from '../../src/analytics/views/procurement-views.ts';
import { createDatabricksClient } from '../../src/destination/databricks/client/databricks-client.ts';
import { eachRow, type HostileProxy, startHostileProxy } from '../reliability/hostile-proxy.ts';
import { type CliRun, startCli } from '../support/cli-harness.ts';
import { type E2eEnv, startE2eEnv } from '../support/e2e-env.ts';

const CHROMIUM = process.env.ML_CONNECTOR_CHROMIUM ?? '/usr/bin/chromium';
const SHOTS = join(import.meta.dirname, '../../test-output/ui');
// Every credential the emulators accept, plus the wrong key typed below: none may appear in any answer.
const SECRETS = ['demo-api-key', 'demo-secret', 'demo-sp-secret', 'wrong-key-7Qz'];

let env: E2eEnv;
let proxy: HostileProxy;
let dir: string;
let cli: CliRun;
let base: string;
let loginUrl: string;
let context: BrowserContext;
let page: Page;
const seen: { what: string; body: string }[] = [];
let cliStderr = () => '';

beforeAll(async () => {
  env = await startE2eEnv({
    epicor: { scale: 0.05 },
    // A proxy in front of Epicor that forwards everything until a test asks it to serve broken rows.
    front: async (url) => {
      proxy = await startHostileProxy(url);
      return { url: proxy.baseUrl, close: () => proxy.close() };
    },
  });
  dir = mkdtempSync(join(tmpdir(), 'mlc-ui-'));
  mkdirSync(SHOTS, { recursive: true });
  cli = startCli(['--config', join(dir, 'ml-connector.yaml'), 'ui', '--port', '0'], { cwd: dir });
  loginUrl = await new Promise<string>((resolve, reject) => {
    let out = '';
    cli.child.stdout?.on('data', (d) => {
      out += d;
      const m = /console: (http:\/\/\S+\?token=\S+)/.exec(out);
      if (m) resolve(m[1]);
    });
    cli.done.then((r) => reject(new Error(`ui exited early: ${r.stderr}`)));
  });
  base = new URL(loginUrl).origin;
  context = await chromium.launchPersistentContext(mkdtempSync(join(tmpdir(), 'mlc-chromium-')), {
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
    viewport: { width: 1280, height: 900 },
  });
  page = context.pages()[0] ?? (await context.newPage());
  page.setDefaultTimeout(20_000);
  let stderr = '';
  cli.child.stderr?.on('data', (d) => (stderr += d));
  cliStderr = () => stderr;
  page.on('response', async (r) => {
    if (r.url().startsWith(base) && !r.url().endsWith('/events')) {
      seen.push({ what: r.url(), body: await r.text().catch(() => '') });
    }
  });
}, 60_000);

afterAll(async () => {
  await context?.close();
  cli?.child.kill('SIGTERM');
  await cli?.done.catch(() => undefined);
  await env?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

// On a failure, what the user would have seen and what the console logged: enough to debug a CI run.
afterEach(async (ctx) => {
  if (ctx.task.result?.state !== 'fail' || !page) return;
  const text = await page
    .locator('main')
    .textContent()
    .catch((e) => String(e));
  console.error(
    `--- ${page.url()}\n${(text ?? '').slice(0, 4000)}\n--- console log (tail)\n${cliStderr().slice(-4000)}`,
  );
});

/** A GET with exactly these headers (Host included), over a plain socket. */
function rawGet(url: string, headers: Record<string, string>): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { headers, setHost: false }, (res) => {
      let body = '';
      res.on('data', (d) => (body += d));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

async function shot(name: string): Promise<void> {
  await page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: true });
}

async function fill(values: Record<string, string>): Promise<void> {
  for (const [name, value] of Object.entries(values)) await page.fill(`[name="${name}"]`, value);
}

async function runFitCheck(): Promise<void> {
  await page.goto(`${base}/check`);
  await page.click('button:has-text("Run fit check")');
  await page.waitForSelector('#job-outcome:has-text("failed (")', { timeout: 30_000 });
}

describe.sequential('the web console in a real browser', () => {
  it('without the login token, pages send you to log in and the API answers 401', async () => {
    const api = await fetch(`${base}/api/status`);
    expect(api.status).toBe(401);
    await page.goto(`${base}/runs`);
    expect(new URL(page.url()).pathname).toBe('/login');
    await shot('login');
  });

  it('sets up both sides from an empty directory: a bad value is named inline, then saves', async () => {
    await page.goto(loginUrl);
    expect(new URL(page.url()).pathname).toBe('/runs');
    expect(page.url()).not.toContain('token=');
    await page.goto(`${base}/setup`);
    await expect(page.locator('label[for="f-epicor-apiKey"] .secret-state').textContent()).resolves.toBe('not set');
    const good = {
      'epicor.baseUrl': env.epicorUrl,
      'epicor.company': 'EPIC06',
      'epicor.apiKey': 'demo-api-key',
      'epicor.auth.tokenUrl': `${env.epicorUrl}/oauth/token`,
      'epicor.auth.clientId': 'ml-connector-demo',
      'epicor.auth.clientSecret': 'demo-secret',
      'epicor.auth.scope': '',
      'databricks.host': env.host,
      'databricks.warehouseId': 'emulated-warehouse',
      'databricks.catalog': 'main',
      'databricks.schema': 'epicor',
      'databricks.auth.clientId': 'demo-sp',
      'databricks.auth.clientSecret': 'demo-sp-secret',
    };
    await fill({ ...good, 'epicor.pageSize': '0' });
    await page.click('button:has-text("Save")');
    await shot('setup-error');
    await expect(page.locator('#f-epicor-pageSize-err').textContent()).resolves.toContain(
      'epicor.pageSize: must be an integer between 1 and 10000',
    );
    await expect(page.locator('#f-epicor-pageSize').getAttribute('aria-invalid')).resolves.toBe('true');
    await shot('setup-error');
    expect(() => readFileSync(join(dir, 'ml-connector.yaml'))).toThrow();

    await fill({ ...good, 'epicor.pageSize': '200' });
    await page.click('button:has-text("Save")');
    await page.waitForSelector('.notice.ok:has-text("Saved")');
    const yaml = readFileSync(join(dir, 'ml-connector.yaml'), 'utf8');
    expect(yaml).toContain('# ml-connector configuration'); // the starter's comments are kept
    expect(yaml).toContain('apiKey: ${secret:epicor_api_key}');
    for (const s of SECRETS) expect(yaml).not.toContain(s);
    await expect(page.locator('label[for="f-epicor-apiKey"] .secret-state').textContent()).resolves.toBe('set');
    await expect(page.inputValue('[name="epicor.apiKey"]')).resolves.toBe('');
    // The analytics views are their own suite's business; keep this file fast.
    writeFileSync(
      join(dir, 'ml-connector.yaml'),
      yaml.replace(/analytics:\n {2}enabled: true/, 'analytics:\n  enabled: false'),
    );
    await shot('setup');
  });

  it('the fit check passes, line by line', async () => {
    await runFitCheck();
    await expect(page.locator('#job-outcome').textContent()).resolves.toMatch(/\d+ ok, 0 adapted, 0 failed/);
    expect(await page.locator('#probes li.probe-ok').count()).toBeGreaterThan(10);
    await expect(page.locator('#probes').textContent()).resolves.toContain('API key accepted (ok)');
    await shot('check-ok');
  });

  it('previews 20 mapped rows of an entity from the fit check page, read only', async () => {
    await page.selectOption('#preview-entity', 'purchase_order_lines');
    await page.click('button:has-text("Preview rows")');
    await page.waitForSelector('#preview');
    expect(new URL(page.url()).pathname).toBe('/check/preview');
    expect(await page.locator('#preview tbody tr').count()).toBe(20);
    const head = await page.locator('#preview thead').textContent();
    for (const c of ['purchase_order_line_key', 'po_num', 'vendor_key', '_source_url', '_sync_id'])
      expect(head).toContain(c);
    await expect(page.locator('#preview-h').textContent()).resolves.toContain('20 rows of fact_purchase_order_line');
    await shot('preview');
    // Nothing was written: the destination has no table yet.
    const tables = await env.query(
      "SELECT table_name FROM information_schema.tables WHERE table_name = 'fact_purchase_order_line'",
    );
    expect(tables).toEqual([]);
  });

  it('a wrong API key shows its ✗ and the fix', async () => {
    await page.goto(`${base}/setup`);
    await fill({ 'epicor.apiKey': 'wrong-key-7Qz' });
    await page.click('button:has-text("Save")');
    await page.waitForSelector('.notice.ok:has-text("Saved")');
    await runFitCheck();
    const line = page.locator('#probes li.probe-failed').first();
    await expect(line.textContent()).resolves.toMatch(/✗ .*\(failed\).*Fix: /s);
    await expect(page.locator('#job-outcome').textContent()).resolves.toMatch(/[1-9]\d* failed/);
    await shot('check-failed');
    await page.goto(`${base}/setup`);
    await fill({ 'epicor.apiKey': 'demo-api-key' });
    await page.click('button:has-text("Save")');
    await page.waitForSelector('.notice.ok:has-text("Saved")');
  });

  it('sync now (after confirming) runs to the end, live, and lands in the ledger and freshness', async () => {
    await page.goto(`${base}/runs`);
    await expect(page.locator('#ledger').count()).resolves.toBe(0);
    await page.click('a:has-text("Sync now")');
    await page.click('button:has-text("Yes, sync now")');
    await page.waitForSelector('#live tbody tr', { timeout: 30_000 });
    await page.waitForSelector('#job-outcome:has-text("succeeded")', { timeout: 60_000 });
    expect(await page.locator('#live tbody tr').count()).toBe(17);
    const first = page.locator('#ledger tbody tr').first();
    await expect(first.textContent()).resolves.toMatch(/succeeded.*manual/s);
    await expect(page.locator('#freshness').textContent()).resolves.toMatch(/vendors.*dim_vendor.*s ago/s);
    await shot('runs');
  });

  it('a second sync while one runs is refused politely', async () => {
    const cookie = (await context.cookies()).map((c) => `${c.name}=${c.value}`).join('; ');
    await page.goto(`${base}/runs/sync`);
    const csrf = await page.locator('input[name="csrf"]').inputValue();
    const post = () =>
      fetch(`${base}/runs/sync`, {
        method: 'POST',
        redirect: 'manual',
        headers: { cookie, origin: base, 'content-type': 'application/x-www-form-urlencoded' },
        body: `csrf=${encodeURIComponent(csrf)}`,
      });
    const [a, b] = [await post(), await post()];
    expect(a.headers.get('location')).toBe('/runs');
    expect(decodeURIComponent(b.headers.get('location') ?? '')).toContain(
      'refused: a sync started from this console is still running',
    );
    await page.goto(`${base}/runs`);
    await page.waitForSelector('#job-outcome:has-text("succeeded")', { timeout: 60_000 });
  });

  it('replays a run (after confirming)', async () => {
    await page.goto(`${base}/runs`);
    await page.click('a:has-text("Replay this run")');
    await page.click('button:has-text("Yes, replay it")');
    await page.waitForSelector('#job-outcome:has-text("replay of")', { timeout: 60_000 });
    await expect(page.locator('#job-outcome').textContent()).resolves.toContain('succeeded');
    await expect(page.locator('#ledger tbody tr').first().textContent()).resolves.toContain('replay');
    await shot('runs-after-replay');
  });

  it("a run's page lists its bad records with key and reason (a sync of one chosen entity)", async () => {
    const before = env.epicor.maxRevision();
    let changed = 0;
    for (let i = 0; i < 5 && changed === 0; i++) {
      changed = Object.keys(
        env.epicor.advance({ updates: 60, inserts: 0, deletes: 0 }).companies.EPIC06?.Parts ?? {},
      ).length;
    }
    expect(changed, 'the emulator changed some parts').toBeGreaterThan(0);
    // Every part changed since `before` comes back with a price DECIMAL(20,4) cannot hold.
    const stop = proxy.rewritePage(
      'Parts',
      eachRow((row) => (Number(row.SysRevID) > before ? { ...row, UnitPrice: 1.2345678901 } : row)),
    );
    try {
      await page.goto(`${base}/runs/sync`);
      for (const box of await page.locator('input[name="entities"]').all()) {
        if ((await box.getAttribute('value')) !== 'parts') await box.uncheck();
      }
      await page.click('button:has-text("Yes, sync now")');
      await page.waitForSelector('#job-outcome:has-text("partial")', { timeout: 30_000 });
    } finally {
      stop();
    }
    await expect(page.locator('#job-outcome').textContent()).resolves.toMatch(
      /sync \S+ partial: 1 entities, \d+ bad records/,
    );
    expect(await page.locator('#live tbody tr').count()).toBe(1);
    const rows = page.locator('#bad-records tbody tr');
    expect(await rows.count()).toBeGreaterThan(0);
    await expect(rows.first().textContent()).resolves.toMatch(
      /parts\s*Company=EPIC06, PartNum=.+?\s*field UnitPrice: "1\.2345678901" has more than 4 decimal places/,
    );
    await expect(page.locator('#ledger tbody tr').first().textContent()).resolves.toMatch(/partial.*manual/s);
    await shot('run-bad-records');
  });

  it('reconciles chosen entities (after confirming), holding the lock, and it lands in the ledger', async () => {
    await page.goto(`${base}/runs`);
    await page.click('a:has-text("Reconcile")');
    await expect(page.locator('main p').first().textContent()).resolves.toContain('destination lock');
    for (const box of await page.locator('input[name="entities"]').all()) {
      if (!['parts', 'vendors'].includes((await box.getAttribute('value')) ?? '')) await box.uncheck();
    }
    await shot('confirm-reconcile');
    await page.click('button:has-text("Yes, reconcile")');
    await page.waitForSelector('#job-outcome:has-text("reconcile of")', { timeout: 30_000 });
    await expect(page.locator('#job-outcome').textContent()).resolves.toMatch(/reconcile of vendors, parts succeeded/);
    await expect(page.locator('#ledger tbody tr').first().textContent()).resolves.toMatch(/succeeded.*reconcile/s);
    // The parts the bad sync left out were re-read by key, the price now fine: the table holds every part.
    const [{ n }] = await env.query('SELECT count(*) AS n FROM main.epicor.dim_part');
    expect(Number(n)).toBe(env.epicor.records('EPIC06', 'Parts').length);
  });

  it('the analytics glance says honestly when the views are missing, then draws them', async () => {
    await page.goto(`${base}/analytics`);
    await expect(page.locator('#analytics-absent').textContent()).resolves.toContain(
      'Analytics views not installed in main.epicor — run ml-connector analytics apply',
    );
    await shot('analytics-absent');
    // Install the three views this page reads, as `analytics apply` does (all fourteen cost the emulator's grammar
    // check half a minute; test/analytics covers them and the command).
    const client = createDatabricksClient(env.config.databricks);
    try {
      for (const v of [apOpenItems, supplierSpend, supplierDelivery]) {
        await client.statements.execute(createViewSql(v, viewContext(env.config)));
      }
    } finally {
      await client.close();
    }
    await page.reload();
    await expect(page.locator('#analytics-absent').count()).resolves.toBe(0);
    const aging = page.locator('#aging-h + svg');
    await expect(aging.getAttribute('aria-label')).resolves.toMatch(/^Open AP in \w{3} by days past due$/);
    expect(await aging.locator('rect.bar').count()).toBe(5);
    await expect(aging.textContent()).resolves.toMatch(
      /current \(not due\).*1-30 days.*31-60 days.*61-90 days.*90\+ days/s,
    );
    expect(await page.locator('#spend-h + svg rect.bar').count()).toBeGreaterThan(0);
    await expect(page.locator('#on-time-total').textContent()).resolves.toMatch(/^\d+\.\d % on time$/);
    // The drawn numbers are the view's: total open AP equals the sum of open balances in mart_ap_open_items.
    const [{ total }] = await env.query('SELECT sum(open_balance_base) AS total FROM main.epicor.mart_ap_open_items');
    const drawn = (await aging.locator('text').allTextContents())
      .map((t) => /^([\d,.-]+) \w{3} ·/.exec(t)?.[1])
      .filter((t): t is string => t !== undefined)
      .reduce((a, t) => a + Number(t.replaceAll(',', '')), 0);
    expect(drawn).toBeCloseTo(Number(total), 1);
    await shot('analytics');
  });

  it('refuses a forged cross-site POST and one without the CSRF token (403), and a wrong token (401)', async () => {
    const cookie = (await context.cookies()).map((c) => `${c.name}=${c.value}`).join('; ');
    const form = { 'content-type': 'application/x-www-form-urlencoded' };
    await page.goto(`${base}/runs/sync`);
    const csrf = await page.locator('input[name="csrf"]').inputValue();
    const forged = await fetch(`${base}/runs/sync`, {
      method: 'POST',
      redirect: 'manual',
      headers: { ...form, cookie, origin: 'http://evil.example' },
      body: `csrf=${csrf}`,
    });
    expect(forged.status).toBe(403);
    const noCsrf = await fetch(`${base}/setup`, {
      method: 'POST',
      redirect: 'manual',
      headers: { ...form, cookie, origin: base },
      body: 'epicor.apiKey=x',
    });
    expect(noCsrf.status).toBe(403);
    const wrong = await fetch(`${base}/api/status?token=not-the-token`, { redirect: 'manual' });
    expect(wrong.status).toBe(401);
    // fetch cannot set Host (a forbidden header): a DNS-rebinding page's request, as it arrives, needs raw HTTP.
    const rebound = await rawGet(`${base}/api/status`, { cookie, host: 'evil.example' });
    expect(rebound.status).toBe(421);
    expect(rebound.body).not.toContain('"runs"');
  });

  it('no page or API answer holds a secret value; credentials read as set / not set only', async () => {
    const cookie = (await context.cookies()).map((c) => `${c.name}=${c.value}`).join('; ');
    // Crawl: every link of every page (GET only), plus the APIs, the assets and a moment of the event stream.
    const todo = [
      '/runs',
      '/check',
      '/setup',
      '/analytics',
      '/api/setup',
      '/api/status',
      '/login',
      '/check/preview?entity=vendors',
    ];
    const done = new Set<string>();
    while (todo.length > 0 && done.size < 80) {
      const path = todo.shift() ?? '';
      if (done.has(path)) continue;
      done.add(path);
      const r = await fetch(`${base}${path}`, { headers: { cookie }, redirect: 'manual' });
      expect([200, 303, 401], path).toContain(r.status);
      const body = await r.text();
      seen.push({ what: path, body });
      for (const m of body.matchAll(/(?:href|src|action)="(\/[^"#]*)"/g)) {
        const link = m[1].replaceAll('&amp;', '&');
        if (link !== '/events' && !done.has(link)) todo.push(link);
      }
    }
    for (const p of [
      '/runs?run=',
      '/runs/replay?run=',
      '/runs/reconcile',
      '/check/preview?entity=',
      '/assets/console.js',
    ]) {
      expect(
        [...done].some((d) => d.startsWith(p)),
        `crawled ${p}…`,
      ).toBe(true);
    }
    const events = new AbortController();
    const stream = await fetch(`${base}/events`, { headers: { cookie }, signal: events.signal });
    const reader = stream.body?.getReader();
    const first = await reader?.read();
    events.abort();
    const sse = new TextDecoder().decode(first?.value);
    expect(sse).toContain('event: job');
    seen.push({ what: '/events', body: sse });

    const setup = JSON.parse(seen.find((s) => s.what === '/api/setup')?.body ?? '{}');
    expect(setup['epicor.apiKey']).toEqual({ set: true });
    expect(setup['epicor.auth.clientSecret']).toEqual({ set: true });
    expect(setup['databricks.auth.clientSecret']).toEqual({ set: true });
    // Secret inputs are write-only: rendered empty, whatever is stored.
    await page.goto(`${base}/setup`);
    for (const input of await page.locator('input[type="password"]').all()) {
      await expect(input.inputValue()).resolves.toBe('');
    }
    const token = new URL(loginUrl).searchParams.get('token') ?? '';
    expect(seen.length).toBeGreaterThan(30);
    for (const s of seen) {
      for (const secret of [...SECRETS, token]) expect(s.body.includes(secret), `${secret} in ${s.what}`).toBe(false);
    }
    expect(cli.child.exitCode).toBe(null);
  });
});
