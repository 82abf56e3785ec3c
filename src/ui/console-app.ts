/**
 * The console's routes (hono): pages rendered on the server, actions as plain form posts (each with a confirmation
 * step or a single button), and one Server-Sent Events stream for live lines. Config is read again on each request,
 * so what the setup page saves is what the next fit check or sync uses.
 */
import { Hono } from 'hono';
import { streamSSE } from 'hono/streaming';
import { messageOf } from '../errors.ts';
import type { Logger } from '../log/create-logger.ts';
import { redactSecrets } from '../log/redact-secrets.ts';
import { CONSOLE_CSS, CONSOLE_JS } from './console-assets.ts';
import { consoleContext } from './console-context.ts';
import { type ConsoleJobs, consoleJobs, JOB_KINDS, type JobEvent } from './console-jobs.ts';
import { consoleSessions } from './console-security.ts';
import { layout } from './layout.ts';
import { readLedger } from './ledger-view.ts';
import { probeItem } from './pages/check-page.ts';
import { entityRow } from './pages/runs-page.ts';
import { loginPage, setupPage } from './pages/setup-page.ts';
import { analyticsRoutes } from './routes/analytics-routes.ts';
import { checkRoutes } from './routes/check-routes.ts';
import { runsRoutes } from './routes/runs-routes.ts';
import { readSetup, saveSetup } from './setup-form.ts';

export interface ConsoleAppOptions {
  configPath: string;
  configDir: string;
  token: string;
  logger: Logger;
  /** `Host` header values this server answers to. */
  allowedHosts: () => string[];
}

export function createConsoleApp(opts: ConsoleAppOptions): { app: Hono; jobs: ConsoleJobs } {
  const app = new Hono();
  const jobs = consoleJobs(opts.logger);
  const sessions = consoleSessions(opts.token, opts.allowedHosts);
  app.use('*', sessions.middleware);

  const csrf = (c: Parameters<typeof sessions.csrfOf>[0]) => sessions.csrfOf(c) ?? '';
  const ctx = consoleContext({ ...opts, jobs, csrf });
  const { load } = ctx;

  app.get('/assets/console.css', (c) => c.body(CONSOLE_CSS, 200, { 'Content-Type': 'text/css; charset=utf-8' }));
  app.get('/assets/console.js', (c) => c.body(CONSOLE_JS, 200, { 'Content-Type': 'text/javascript; charset=utf-8' }));
  app.get('/login', (c) => c.html(layout('Log in', null, loginPage(null)), 401));
  app.get('/', (c) => c.redirect('/runs', 303));
  runsRoutes(app, ctx);
  checkRoutes(app, ctx);
  analyticsRoutes(app, ctx);

  app.get('/setup', async (c) => {
    const state = await readSetup(opts.configPath, opts.configDir);
    return c.html(layout('Setup', 'setup', setupPage(state, csrf(c), opts.configPath)));
  });
  app.post('/setup', async (c) => {
    const body = await c.req.parseBody();
    const form: Record<string, string> = {};
    for (const [k, v] of Object.entries(body)) if (typeof v === 'string' && k !== 'csrf') form[k] = v;
    try {
      const state = await saveSetup(opts.configPath, opts.configDir, form);
      const failed = !state.saved;
      return c.html(layout('Setup', 'setup', setupPage(state, csrf(c), opts.configPath)), failed ? 422 : 200);
    } catch (e) {
      const why = redactSecrets(messageOf(e), Object.values(form));
      const state = await readSetup(opts.configPath, opts.configDir);
      return c.html(layout('Setup', 'setup', setupPage({ ...state, formError: why }, csrf(c), opts.configPath)), 500);
    }
  });

  // The ledger and freshness as JSON (scripts, and the tests' check that no API returns a secret).
  app.get('/api/status', async (c) => {
    const { loaded, problem } = await load();
    if (!loaded) return c.json({ problem }, 503);
    const view = await readLedger(loaded.config, loaded.secretValues);
    return c.json({ ...view, running: jobs.current ? { kind: jobs.current.kind, label: jobs.current.label } : null });
  });
  // What the setup page knows: values of plain fields, and only "set / not set" for credentials.
  app.get('/api/setup', async (c) => {
    const state = await readSetup(opts.configPath, opts.configDir);
    return c.json(
      Object.fromEntries(state.fields.map((v) => [v.field.path, v.writeOnly ? { set: v.isSet } : { value: v.value }])),
    );
  });

  app.get('/events', (c) =>
    streamSSE(c, async (stream) => {
      const send = (e: JobEvent) => stream.writeSSE({ event: e.type, data: JSON.stringify(eventData(e)) });
      // What happened before this stream opened (the page was rendered a moment earlier): the state of the newest
      // job of each kind — so a page rendered while a job ran, which ended before this stream opened, still learns
      // it ended — and the lines of the running one.
      for (const kind of JOB_KINDS) {
        const j = jobs.last(kind);
        if (j) await send({ type: 'job', job: j.id, kind, state: j.state, outcome: j.outcome });
      }
      const now = jobs.current;
      if (now) {
        for (const probe of now.probes) await send({ type: 'probe', job: now.id, probe });
        for (const entity of now.entities.values()) await send({ type: 'progress', job: now.id, entity });
      }
      const queue: JobEvent[] = [];
      let wake: (() => void) | null = null;
      const off = jobs.on((e) => {
        queue.push(e);
        wake?.();
      });
      stream.onAbort(() => {
        off();
        wake?.();
      });
      while (!stream.aborted) {
        const e = queue.shift();
        if (e) {
          await send(e);
          continue;
        }
        await new Promise<void>((r) => {
          wake = r;
          setTimeout(r, 15_000).unref();
        });
        wake = null;
        if (queue.length === 0 && !stream.aborted) await stream.writeSSE({ event: 'ping', data: '{}' });
      }
      off();
    }),
  );

  return { app, jobs };
}

function eventData(e: JobEvent): Record<string, unknown> {
  if (e.type === 'probe') return { job: e.job, id: e.probe.id, html: probeItem(e.probe).text };
  if (e.type === 'progress') return { job: e.job, entity: e.entity.entity, html: entityRow(e.entity).text };
  return { job: e.job, kind: e.kind, state: e.state, outcome: e.outcome };
}
