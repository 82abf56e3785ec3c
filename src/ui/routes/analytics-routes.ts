/** The analytics glance (read only). */
import type { Hono } from 'hono';
import { readAnalyticsGlance } from '../analytics-glance.ts';
import type { ConsoleContext } from '../console-context.ts';
import { layout } from '../layout.ts';
import { analyticsPage } from '../pages/analytics-page.ts';
import { html } from '../safe-html.ts';

export function analyticsRoutes(app: Hono, ctx: ConsoleContext): void {
  app.get('/analytics', async (c) => {
    const { loaded, problem } = await ctx.load();
    if (!loaded) {
      return c.html(
        layout(
          'Analytics',
          'analytics',
          html`<p class="notice" role="alert">The configuration cannot be used yet: ${problem} — fix it on the <a href="/setup">Setup</a> page.</p>`,
        ),
      );
    }
    const glance = await readAnalyticsGlance(loaded.config, loaded.secretValues);
    return c.html(layout('Analytics', 'analytics', analyticsPage(glance)));
  });
}
