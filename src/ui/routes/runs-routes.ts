/** The runs page and its actions (sync now, reconcile, replay), each behind a confirmation page. */
import type { Hono } from 'hono';
import { back, type ConsoleContext, entityNames, live } from '../console-context.ts';
import { layout } from '../layout.ts';
import { readLedger } from '../ledger-view.ts';
import { confirmPage, runsPage } from '../pages/runs-page.ts';
import { html } from '../safe-html.ts';

const LOCK =
  'holding the destination lock, as the CLI does: a sync, reconcile or replay started elsewhere at the same time is refused, not run twice.';

/** The entities ticked on a confirmation page: all (or none) ticked means every configured one. */
function chosen(body: Record<string, string | File | (string | File)[]>, all: readonly string[]): string[] | undefined {
  const raw = body.entities;
  const picked = (Array.isArray(raw) ? raw : raw === undefined ? [] : [raw]).filter(
    (v): v is string => typeof v === 'string' && all.includes(v),
  );
  return picked.length === 0 || picked.length === all.length ? undefined : picked;
}

export function runsRoutes(app: Hono, ctx: ConsoleContext): void {
  app.get('/runs', async (c) => {
    const { loaded, problem } = await ctx.load();
    const job = ctx.jobs.last('sync', 'replay', 'reconcile');
    const notice = c.req.query('notice') ?? null;
    if (!loaded) {
      return c.html(
        layout(
          'Runs',
          'runs',
          html`<p class="notice" role="alert">The configuration cannot be used yet: ${problem} — fix it on the <a href="/setup">Setup</a> page.</p>`,
        ),
      );
    }
    const view = await readLedger(loaded.config, loaded.secretValues);
    return c.html(
      layout(
        'Runs',
        'runs',
        live('sync replay reconcile', job, runsPage(view, job, notice, c.req.query('run') ?? null)),
      ),
    );
  });

  app.get('/runs/sync', async (c) => {
    const names = entityNames((await ctx.load()).loaded);
    return c.html(
      layout(
        'Sync now?',
        'runs',
        confirmPage(
          'sync now',
          `Reads every chosen entity changed since its watermark from Epicor and merges it into Databricks, ${LOCK}`,
          '/runs/sync',
          ctx.csrf(c),
          {},
          names,
        ),
      ),
    );
  });
  app.get('/runs/reconcile', async (c) => {
    const names = entityNames((await ctx.load()).loaded);
    return c.html(
      layout(
        'Reconcile now?',
        'runs',
        confirmPage(
          'reconcile',
          `Scans every key and SysRevID of the chosen entities in Epicor against Databricks: loads what the incremental cursor missed and marks rows gone from Epicor _is_deleted = true, ${LOCK} It reads every record's key, so it takes longer than a sync.`,
          '/runs/reconcile',
          ctx.csrf(c),
          {},
          names,
        ),
      ),
    );
  });
  app.get('/runs/replay', (c) => {
    const run = c.req.query('run') ?? '';
    return c.html(
      layout(
        'Replay this run?',
        'runs',
        confirmPage(
          'replay it',
          `Re-fetches from Epicor the records run ${run} wrote, by their keys, and merges them again, ${LOCK}`,
          '/runs/replay',
          ctx.csrf(c),
          { run },
        ),
      ),
    );
  });

  for (const kind of ['sync', 'reconcile'] as const) {
    app.post(`/runs/${kind}`, async (c) => {
      const names = entityNames((await ctx.load()).loaded);
      const refused = await ctx.start(kind, { entities: chosen(await c.req.parseBody({ all: true }), names) });
      return c.redirect(back('/runs', refused), 303);
    });
  }
  app.post('/runs/replay', async (c) => {
    const run = String((await c.req.parseBody()).run ?? '');
    const refused = run === '' ? 'choose a run to replay' : await ctx.start('replay', { run });
    return c.redirect(back('/runs', refused), 303);
  });
}
