import type { Clock } from '../../clock.ts';
import { systemClock } from '../../clock.ts';
import { RefreshableToken } from '../refreshable-token.ts';
import type { IssuedToken } from './client-credentials-token.ts';
import type { DatabricksCredentials } from './databricks-credentials.ts';

/**
 * Tokens count as expired this long before the server says (Azure rejects tokens with ≤ 30 s left). The token class
 * caps it at a quarter of the lifetime, so a 30 s or 60 s token is still used instead of being born expired.
 */
export const EXPIRY_MARGIN_MS = 40_000;
const MAX_STALE_WINDOW_MS = 20 * 60_000;

/** How long before expiry a token turns stale and is refreshed in the background: `min(TTL/2, 20 min)`. */
export function staleWindowMs(ttlMs: number): number {
  return Math.min(ttlMs / 2, MAX_STALE_WINDOW_MS);
}

export interface OAuthTokenCredentialsOptions {
  /** Asks the token endpoint for a new token. */
  issue: (signal?: AbortSignal) => Promise<IssuedToken>;
  method: string;
  clock?: Clock;
  /** Called after each token obtained from the server (for metrics). */
  onRefresh?: () => void;
}

/**
 * Bearer credentials backed by a refreshable OAuth token: FRESH tokens are used as is, STALE ones trigger exactly
 * one background refresh while calls continue, EXPIRED ones make callers wait on one shared refresh.
 */
export function createOAuthTokenCredentials(opts: OAuthTokenCredentialsOptions): DatabricksCredentials {
  const clock = opts.clock ?? systemClock;
  let refreshes = 0;
  const token = new RefreshableToken({
    clock,
    expiryMarginMs: EXPIRY_MARGIN_MS,
    staleWindowMs,
    fetch: async (signal) => {
      // Lifetime counted from before the request: the server's clock started no earlier than that.
      const askedAt = clock.now();
      const issued = await opts.issue(signal);
      return { value: issued.accessToken, expiresAt: askedAt + issued.ttlMs };
    },
    onRefresh: () => {
      refreshes++;
      opts.onRefresh?.();
    },
  });
  return {
    method: opts.method,
    token: (signal) => token.get(signal),
    headers: async (signal) => ({ authorization: `Bearer ${await token.get(signal)}` }),
    invalidate: () => token.invalidate(),
    refreshCount: () => refreshes,
  };
}
