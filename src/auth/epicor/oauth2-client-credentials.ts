import type { Clock } from '../../clock.ts';
import { systemClock } from '../../clock.ts';
import { ConnectorError } from '../../errors.ts';
import type { AuthProvider, HttpClient } from '../../http/http-client.ts';
import { RefreshableToken } from '../refreshable-token.ts';
import { basicHeader } from './basic-auth.ts';
import { lifetimeSeconds } from './token-lifetime.ts';

export interface OAuth2ClientCredentialsOptions {
  tokenUrl: string;
  clientId: string;
  clientSecret: string;
  scope?: string;
  /** Where the client id/secret go: the form body (default), a Basic header, or both. */
  clientAuth?: 'body' | 'basic' | 'both';
  /** Lifetime assumed when the response has no `expires_in`. */
  defaultTtlSeconds?: number;
  clock?: Clock;
  onRefresh?: () => void;
}

/** OAuth2 client-credentials grant; the token is cached and refreshed before expiry. */
export function oauth2ClientCredentials(http: HttpClient, opts: OAuth2ClientCredentialsOptions): AuthProvider {
  const clock = opts.clock ?? systemClock;
  const mode = opts.clientAuth ?? 'body';
  const token = new RefreshableToken({
    clock,
    onRefresh: opts.onRefresh,
    fetch: async (signal) => {
      const form = new URLSearchParams({ grant_type: 'client_credentials' });
      if (mode !== 'basic') {
        form.set('client_id', opts.clientId);
        form.set('client_secret', opts.clientSecret);
      }
      if (opts.scope) form.set('scope', opts.scope);
      const headers: Record<string, string> = {
        'content-type': 'application/x-www-form-urlencoded',
        accept: 'application/json',
      };
      // RFC 6749 §2.3.1: id and secret are form-encoded before they go into the Basic header.
      if (mode !== 'body') {
        headers.authorization = basicHeader(encodeURIComponent(opts.clientId), encodeURIComponent(opts.clientSecret));
      }
      const res = await http.request({ method: 'POST', url: opts.tokenUrl, headers, body: form.toString(), signal });
      const body = res.json<{ access_token?: unknown; expires_in?: unknown }>();
      if (typeof body?.access_token !== 'string' || body.access_token === '') {
        throw new ConnectorError('AUTH_FAILED', 'The Epicor OAuth2 token response has no access_token.');
      }
      const ttl = lifetimeSeconds(body.expires_in) ?? opts.defaultTtlSeconds ?? 3600;
      return { value: body.access_token, expiresAt: clock.now() + ttl * 1000 };
    },
  });
  return {
    headers: async (signal) => ({ authorization: `Bearer ${await token.get(signal)}` }),
    invalidate: () => token.invalidate(),
  };
}
