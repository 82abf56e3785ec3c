import type { Clock } from '../../clock.ts';
import type { EpicorConfig } from '../../config/schema.ts';
import type { AuthProvider, HttpClient } from '../../http/http-client.ts';
import { basicAuth } from './basic-auth.ts';
import { oauth2ClientCredentials } from './oauth2-client-credentials.ts';
import { tokenResourceAuth } from './token-resource-auth.ts';

export interface EpicorAuthOptions {
  clock?: Clock;
  /** OAuth2 only: where the client id/secret go (default: form body). */
  clientAuth?: 'body' | 'basic' | 'both';
  onRefresh?: () => void;
}

/**
 * The AuthProvider for `epicor.auth`. `http` carries the token requests (no auth of its own; build it with
 * `classifyTokenEndpoint`); the API key is not added here — it is a base header of every Epicor request.
 */
export function createEpicorAuth(config: EpicorConfig, http: HttpClient, opts: EpicorAuthOptions = {}): AuthProvider {
  const auth = config.auth;
  switch (auth.type) {
    case 'basic':
      return basicAuth(auth.username, auth.password);
    case 'oauth2':
      return oauth2ClientCredentials(http, {
        tokenUrl: auth.tokenUrl,
        clientId: auth.clientId,
        clientSecret: auth.clientSecret,
        scope: auth.scope,
        clientAuth: opts.clientAuth,
        clock: opts.clock,
        onRefresh: opts.onRefresh,
      });
    case 'token-resource':
      return tokenResourceAuth(http, {
        baseUrl: config.baseUrl,
        username: auth.username,
        password: auth.password,
        apiKey: config.apiKey,
        clock: opts.clock,
        onRefresh: opts.onRefresh,
      });
  }
}
