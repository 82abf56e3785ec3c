import { type Clock, systemClock } from '../../clock.ts';
import type { DatabricksConfig } from '../../config/schema.ts';
import { ConnectorError } from '../../errors.ts';
import { createHttpClient, type HttpEvents, type RetryPolicy } from '../../http/http-client.ts';
import type { CredentialProvider } from './credential-provider.ts';
import { authKey } from './credential-provider.ts';
import type { DatabricksCredentials } from './databricks-credentials.ts';
import { classifyOAuthResponse } from './oauth-error-mapper.ts';
import { oauthM2mAccountProvider, oauthM2mWorkspaceProvider } from './oauth-m2m-credentials.ts';
import { patProvider } from './pat-credentials.ts';

/** The providers, in the order they are asked whether the configuration selects them. */
export const CREDENTIAL_PROVIDERS: readonly CredentialProvider[] = [
  patProvider,
  oauthM2mAccountProvider,
  oauthM2mWorkspaceProvider,
];

export interface CredentialOptions {
  clock?: Clock;
  retry?: Partial<RetryPolicy>;
  events?: HttpEvents;
  /** Called after each OAuth token obtained (for a refresh counter in metrics). */
  onRefresh?: () => void;
}

/** Credentials plus the HTTP client their token requests use, closed together. */
export interface ResolvedCredentials {
  credentials: DatabricksCredentials;
  close(): Promise<void>;
}

/** Picks the provider the configuration selects, checks the keys it needs, and builds its credentials. */
export function resolveDatabricksCredentials(
  config: DatabricksConfig,
  opts: CredentialOptions = {},
): ResolvedCredentials {
  const provider = CREDENTIAL_PROVIDERS.find((p) => p.selects(config));
  if (!provider) {
    throw new ConnectorError('CONFIG_INVALID', `databricks.auth.type must be oauth-m2m or pat.`);
  }
  const missing = provider.needs.filter((key) => authKey(config, key) === undefined);
  if (missing.length > 0) {
    const keys = missing.map((k) => `databricks.auth.${k}`).join(', ');
    throw new ConnectorError('CONFIG_INVALID', `Databricks auth ${provider.name} needs ${keys}; set it in the config.`);
  }
  const tokenHttp = createHttpClient({
    api: 'databricks-oauth',
    concurrency: 2,
    timeoutMs: 30_000,
    retry: opts.retry,
    clock: opts.clock,
    events: opts.events,
    classify: classifyOAuthResponse,
    endpointSetting:
      config.auth.type === 'oauth-m2m' && config.auth.level === 'account'
        ? 'databricks.auth.accountsHost'
        : 'databricks.host',
  });
  const credentials = provider.create(config, {
    tokenHttp,
    clock: opts.clock ?? systemClock,
    onRefresh: opts.onRefresh,
  });
  return { credentials, close: () => tokenHttp.close() };
}
