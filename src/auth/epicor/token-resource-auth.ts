import type { Clock } from '../../clock.ts';
import { systemClock } from '../../clock.ts';
import { ConnectorError } from '../../errors.ts';
import type { AuthProvider, HttpClient } from '../../http/http-client.ts';
import { RefreshableToken } from '../refreshable-token.ts';
import { basicHeader } from './basic-auth.ts';
import { lifetimeSeconds } from './token-lifetime.ts';

export interface TokenResourceOptions {
  baseUrl: string;
  username: string;
  password: string;
  apiKey: string;
  /** Lifetime assumed when the response has no `ExpiresIn` (unconfirmed field): one hour. */
  defaultTtlSeconds?: number;
  clock?: Clock;
  onRefresh?: () => void;
}

/** Epicor's `TokenResource.svc`: Basic + API key buys a bearer token, refreshed before expiry. */
export function tokenResourceAuth(http: HttpClient, opts: TokenResourceOptions): AuthProvider {
  const clock = opts.clock ?? systemClock;
  const token = new RefreshableToken({
    clock,
    onRefresh: opts.onRefresh,
    fetch: async (signal) => {
      const res = await http.request({
        method: 'POST',
        url: `${opts.baseUrl}/TokenResource.svc/`,
        headers: {
          authorization: basicHeader(opts.username, opts.password),
          'x-api-key': opts.apiKey,
          accept: 'application/json',
        },
        signal,
      });
      const body = res.json<{ AccessToken?: unknown; ExpiresIn?: unknown; expires_in?: unknown }>();
      if (typeof body?.AccessToken !== 'string' || body.AccessToken === '') {
        throw new ConnectorError('AUTH_FAILED', 'Epicor TokenResource.svc answered without an AccessToken.');
      }
      const ttl = lifetimeSeconds(body.ExpiresIn) ?? lifetimeSeconds(body.expires_in) ?? opts.defaultTtlSeconds ?? 3600;
      return { value: body.AccessToken, expiresAt: clock.now() + ttl * 1000 };
    },
  });
  return {
    headers: async (signal) => ({ authorization: `Bearer ${await token.get(signal)}` }),
    invalidate: () => token.invalidate(),
  };
}
