/**
 * Who may use the console: a login token (printed once at start, or `ui.token`) exchanged for an HttpOnly,
 * SameSite=Strict session cookie; every state-changing request also needs the session's CSRF token and an `Origin`
 * naming this server; a `Host` other than the address we listen on is refused (DNS rebinding).
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { Context, MiddlewareHandler } from 'hono';
import { getCookie, setCookie } from 'hono/cookie';

export const SESSION_COOKIE = 'mlc_session';

/** Script, style and connections from this origin only; nothing inline, no frames. */
export const CONTENT_SECURITY_POLICY =
  "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'self'; " +
  "form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

export interface ConsoleSessions {
  /** The CSRF token of the request's session, or null when it has none. */
  csrfOf(c: Context): string | null;
  middleware: MiddlewareHandler;
}

function sameText(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

export function newToken(): string {
  return randomBytes(24).toString('base64url');
}

/** `allowedHosts`: the `Host` values this server answers to (e.g. `127.0.0.1:8765`, `localhost:8765`). */
export function consoleSessions(token: string, allowedHosts: () => string[]): ConsoleSessions {
  const sessions = new Map<string, { csrf: string }>();

  const sessionOf = (c: Context) => {
    const id = getCookie(c, SESSION_COOKIE);
    return id === undefined ? undefined : sessions.get(id);
  };

  const refuse = (c: Context, status: 401 | 403 | 421, why: string) => {
    if (status === 401 && c.req.method === 'GET' && !c.req.path.startsWith('/api/') && c.req.path !== '/events') {
      return c.redirect('/login', 303);
    }
    return c.text(why, status);
  };

  const middleware: MiddlewareHandler = async (c, next) => {
    c.header('Content-Security-Policy', CONTENT_SECURITY_POLICY);
    c.header('X-Content-Type-Options', 'nosniff');
    // Not no-referrer: under it Chromium sends `Origin: null` on same-origin form posts, and the Origin check refuses them.
    c.header('Referrer-Policy', 'same-origin');
    c.header('X-Frame-Options', 'DENY');
    c.header('Cache-Control', 'no-store');
    const host = c.req.header('host') ?? '';
    if (!allowedHosts().includes(host)) return c.text(`this console answers on ${allowedHosts()[0]} only`, 421);
    const unsafe = !['GET', 'HEAD'].includes(c.req.method);
    if (unsafe && c.req.header('origin') !== `http://${host}`) {
      return c.text('refused: cross-site request (the Origin header does not name this console)', 403);
    }
    // The token may come once in the URL (the printed link) or from the login form; it becomes a session cookie.
    const given =
      c.req.query('token') ??
      (c.req.path === '/login' && c.req.method === 'POST' ? String((await c.req.parseBody()).token ?? '') : undefined);
    if (given !== undefined) {
      if (!sameText(given, token)) return c.text('wrong login token', 401);
      const id = newToken();
      sessions.set(id, { csrf: newToken() });
      setCookie(c, SESSION_COOKIE, id, { httpOnly: true, sameSite: 'Strict', path: '/' });
      const url = new URL(c.req.url);
      url.searchParams.delete('token');
      const back = url.pathname === '/login' || url.pathname === '/' ? '/runs' : `${url.pathname}${url.search}`;
      return c.redirect(back, 303);
    }
    if (c.req.path === '/login' || c.req.path.startsWith('/assets/')) return next();
    const session = sessionOf(c);
    if (!session) return refuse(c, 401, 'log in first: open the link the console printed at start (…/?token=…)');
    if (unsafe) {
      const body = c.req.header('content-type')?.includes('form') ? await c.req.parseBody() : {};
      const csrf = c.req.header('x-csrf-token') ?? String(body.csrf ?? '');
      if (!sameText(csrf, session.csrf)) return c.text('refused: missing or wrong CSRF token (reload the page)', 403);
    }
    return next();
  };

  return { middleware, csrfOf: (c) => sessionOf(c)?.csrf ?? null };
}
