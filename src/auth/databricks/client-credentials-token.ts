import { ConnectorError } from '../../errors.ts';
import type { HttpClient } from '../../http/http-client.ts';

/** An access token as the token endpoint issued it. */
export interface IssuedToken {
  accessToken: string;
  /** Lifetime the server granted, in milliseconds. */
  ttlMs: number;
}

/** Used when a token response carries no `expires_in`; Databricks issues one-hour tokens. */
const DEFAULT_TTL_SECONDS = 3600;

/**
 * Asks an OAuth token endpoint for a client-credentials token (`scope=all-apis`), authenticating the client with
 * HTTP Basic. There is no refresh token in this grant: a new token is simply requested again.
 */
export async function requestClientCredentialsToken(
  http: HttpClient,
  tokenUrl: string,
  clientId: string,
  clientSecret: string,
  signal?: AbortSignal,
): Promise<IssuedToken> {
  const basic = Buffer.from(`${encodeURIComponent(clientId)}:${encodeURIComponent(clientSecret)}`).toString('base64');
  const res = await http.request({
    method: 'POST',
    url: tokenUrl,
    headers: {
      authorization: `Basic ${basic}`,
      'content-type': 'application/x-www-form-urlencoded',
      accept: 'application/json',
    },
    body: new URLSearchParams({ grant_type: 'client_credentials', scope: 'all-apis' }).toString(),
    signal,
  });
  let body: { access_token?: unknown; expires_in?: unknown };
  try {
    body = res.json();
  } catch {
    throw new ConnectorError('AUTH_FAILED', 'The Databricks token endpoint answered with something other than JSON.', {
      retryable: true,
    });
  }
  if (typeof body.access_token !== 'string' || body.access_token === '') {
    throw new ConnectorError('AUTH_FAILED', 'The Databricks token endpoint answered without an access_token.');
  }
  return { accessToken: body.access_token, ttlMs: parseExpiresIn(body.expires_in) * 1000 };
}

/** `expires_in` arrives as a number or as a numeric string; anything else means the default lifetime. */
export function parseExpiresIn(value: unknown): number {
  const n = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
  return typeof n === 'number' && Number.isFinite(n) && n > 0 ? n : DEFAULT_TTL_SECONDS;
}
