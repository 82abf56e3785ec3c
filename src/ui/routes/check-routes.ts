/** The fit check (streamed probe by probe) and the read-only preview of 20 mapped rows of one entity. */
import type { Hono } from 'hono';
import { messageOf } from '../../errors.ts';
import { redactSecrets } from '../../log/redact-secrets.ts';
import { back, type ConsoleContext, entityNames, live } from '../console-context.ts';
import { type EntityRowsPreview, previewEntity } from '../entity-preview.ts';
import { layout } from '../layout.ts';
import { checkPage } from '../pages/check-page.ts';
import { previewPage } from '../pages/preview-page.ts';

export function checkRoutes(app: Hono, ctx: ConsoleContext): void {
  app.get('/check', async (c) => {
    const { loaded, problem } = await ctx.load();
    const job = ctx.jobs.last('check');
    const body = checkPage(job, ctx.csrf(c), c.req.query('notice') ?? null, problem, entityNames(loaded));
    return c.html(layout('Fit check', 'check', live('check', job, body)));
  });
  app.post('/check', async (c) => {
    const refused = await ctx.start('check');
    return c.redirect(back('/check', refused), 303);
  });

  app.get('/check/preview', async (c) => {
    const { loaded, problem } = await ctx.load();
    const names = entityNames(loaded);
    const entity = c.req.query('entity') ?? names[0] ?? '';
    let preview: EntityRowsPreview | null = null;
    let why = problem;
    if (loaded) {
      try {
        preview = await previewEntity(loaded.config, entity, c.req.raw.signal);
      } catch (e) {
        why = redactSecrets(messageOf(e), loaded.secretValues);
      }
    }
    return c.html(layout(`Preview: ${entity}`, 'check', previewPage(names, preview, why)), preview ? 200 : 502);
  });
}
