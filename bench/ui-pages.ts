/**
 * Page weight and time to first render of every console page, in Debian's headless Chromium against both emulators
 * on loopback: `node --import tsx bench/ui-pages.ts [--runs N]`. Weight = bytes of the HTML document plus the CSS
 * and JS it loads (uncompressed: loopback, no Content-Encoding); times from the browser's Navigation Timing and
 * Paint Timing (first-contentful-paint), median of N loads (default 5). Prints a table; asserts nothing.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { viewContext } from '../src/analytics/apply-analytics.ts';
import { createViewSql } from '../src/analytics/view-ddl.ts';
import { apOpenItems } from '../src/analytics/views/ap-aging-views.ts';
import { supplierSpend } from '../src/analytics/views/ap-performance-views.ts';
import { supplierDelivery } from '../src/analytics/views/procurement-views.ts';
import { emulatedConfig } from '../src/demo/emulated-config.ts';
import { createDatabricksClient } from '../src/destination/databricks/client/databricks-client.ts';
import { createDatabricksEmulator } from '../src/emulators/databricks/databricks-emulator.ts';
import { createEpicorEmulator } from '../src/emulators/epicor/index.ts';
import { createLogger } from '../src/log/create-logger.ts';
import { startConsoleServer } from '../src/ui/console-server.ts';

const runs = Number(process.argv[process.argv.indexOf('--runs') + 1]) || 5;
const chromiumPath = process.env.ML_CONNECTOR_CHROMIUM ?? '/usr/bin/chromium';

const dir = mkdtempSync(join(tmpdir(), 'mlc-ui-bench-'));
const epicor = createEpicorEmulator({ seed: 7, scale: 0.05 });
const databricks = await createDatabricksEmulator({ dataDir: join(dir, 'dbx') });
const epicorUrl = await epicor.listen(0);
const host = await databricks.listen(0);
const config = emulatedConfig(epicorUrl, host, { pageSize: 200 });
// Literal demo credentials: the emulators' public ones, nothing secret.
writeFileSync(
  join(dir, 'ml-connector.yaml'),
  `epicor:
  baseUrl: ${epicorUrl}
  company: EPIC06
  apiKey: demo-api-key
  auth: { type: oauth2, tokenUrl: ${epicorUrl}/oauth/token, clientId: ml-connector-demo, clientSecret: demo-secret }
  pageSize: 200
databricks:
  host: ${host}
  warehouseId: emulated-warehouse
  catalog: main
  schema: epicor
  auth: { type: oauth-m2m, level: workspace, clientId: demo-sp, clientSecret: demo-sp-secret }
schedule: hourly
entities: all
analytics: { enabled: false }
`,
);
const logger = createLogger({ format: 'text', level: 'silent', secrets: [] });
const server = await startConsoleServer({
  configPath: join(dir, 'ml-connector.yaml'),
  configDir: dir,
  logger,
  port: 0,
  host: '127.0.0.1',
});
const ended = (kind: 'sync' | 'check') =>
  new Promise<void>((resolve) => {
    const off = server.jobs.on((e) => {
      if (e.type === 'job' && e.kind === kind && e.state !== 'running') {
        off();
        resolve();
      }
    });
  });

const context = await chromium.launchPersistentContext(mkdtempSync(join(tmpdir(), 'mlc-chromium-')), {
  executablePath: chromiumPath,
  headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-sync'],
  viewport: { width: 1280, height: 900 },
});
try {
  const page = context.pages()[0] ?? (await context.newPage());
  await page.goto(server.loginUrl);
  // Content for every page: one sync, a fit check, and the three views the analytics page reads.
  const { loadConfig } = await import('../src/config/load-config.ts');
  const loaded = await loadConfig(join(dir, 'ml-connector.yaml'));
  let done = ended('sync');
  server.jobs.start('sync', loaded.config, loaded.secretValues);
  await done;
  done = ended('check');
  server.jobs.start('check', loaded.config, loaded.secretValues);
  await done;
  const client = createDatabricksClient(config.databricks);
  for (const v of [apOpenItems, supplierSpend, supplierDelivery]) {
    await client.statements.execute(createViewSql(v, viewContext(config)));
  }
  await client.close();
  const runId = server.jobs.last('sync')?.syncId ?? '';

  const pages = [
    ['runs', '/runs'],
    ['run detail', `/runs?run=${runId}`],
    ['confirm sync', '/runs/sync'],
    ['fit check', '/check'],
    ['preview 20 rows', '/check/preview?entity=purchase_order_lines'],
    ['setup', '/setup'],
    ['analytics', '/analytics'],
  ] as const;
  const rows: string[][] = [];
  for (const [name, path] of pages) {
    const samples: { html: number; css: number; js: number; ttfb: number; fcp: number; load: number }[] = [];
    for (let i = 0; i < runs; i++) {
      const sizes = { html: 0, css: 0, js: 0 };
      const onResponse = async (r: import('playwright-core').Response) => {
        const type = r.request().resourceType();
        const bytes = (await r.body().catch(() => Buffer.alloc(0))).length;
        if (type === 'document') sizes.html += bytes;
        else if (type === 'stylesheet') sizes.css += bytes;
        else if (type === 'script') sizes.js += bytes;
      };
      page.on('response', onResponse);
      await page.goto(`${server.url}${path}`, { waitUntil: 'load' });
      // First contentful paint is reported a moment after load in headless Chromium: wait for the entry.
      const t = await page.evaluate<{ ttfb: number; fcp: number; load: number }>(`new Promise((resolve) => {
        const nav = performance.getEntriesByType('navigation')[0];
        const done = (fcp) => resolve({ ttfb: nav.responseStart - nav.startTime, fcp, load: nav.loadEventEnd - nav.startTime });
        const seen = performance.getEntriesByName('first-contentful-paint')[0];
        if (seen) return done(seen.startTime);
        new PerformanceObserver((l) => done(l.getEntries()[0].startTime)).observe({ type: 'paint', buffered: true });
        setTimeout(() => done(NaN), 3000);
      })`);
      page.off('response', onResponse);
      samples.push({ ...sizes, ...t });
    }
    const med = (k: keyof (typeof samples)[number]) => {
      const v = samples.map((s) => s[k]).sort((a, b) => a - b);
      return v[Math.floor(v.length / 2)];
    };
    const kb = (n: number) => (n / 1024).toFixed(1);
    rows.push([
      name,
      path.replace(runId, '<id>'),
      kb(med('html')),
      kb(med('css')),
      kb(med('js')),
      kb(med('html') + med('css') + med('js')),
      med('ttfb').toFixed(0),
      med('fcp').toFixed(0),
      med('load').toFixed(0),
    ]);
  }
  const head = ['page', 'path', 'HTML KiB', 'CSS KiB', 'JS KiB', 'total KiB', 'TTFB ms', 'FCP ms', 'load ms'];
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (r: string[]) => r.map((c, i) => (i < 2 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
  process.stdout.write(`${line(head)}\n${rows.map(line).join('\n')}\n`);
  process.stdout.write(`median of ${runs} loads each; Chromium headless at ${chromiumPath}; emulators at scale 0.05\n`);
} finally {
  await context.close();
  await server.close();
  await epicor.close();
  await databricks.close();
  rmSync(dir, { recursive: true, force: true });
}
