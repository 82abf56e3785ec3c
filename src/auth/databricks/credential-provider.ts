import type { Clock } from '../../clock.ts';
import type { DatabricksConfig } from '../../config/schema.ts';
import type { HttpClient } from '../../http/http-client.ts';
import type { DatabricksCredentials } from './databricks-credentials.ts';

/** What a provider gets to build credentials with: the HTTP client for token endpoints, the clock, a metrics hook. */
export interface CredentialContext {
  tokenHttp: HttpClient;
  clock: Clock;
  onRefresh?: () => void;
}

/** One link of the credential chain: it declares the config it needs and builds credentials from it. */
export interface CredentialProvider {
  /** e.g. `oauth-m2m-workspace`; reported as the auth method in use. */
  readonly name: string;
  /** The `databricks.auth` keys this provider reads; each must be set when it is selected. */
  readonly needs: readonly string[];
  /** True when the configuration asks for this provider. */
  selects(config: DatabricksConfig): boolean;
  create(config: DatabricksConfig, ctx: CredentialContext): DatabricksCredentials;
}

/** Reads one `databricks.auth` key as a non-empty string, or undefined. */
export function authKey(config: DatabricksConfig, key: string): string | undefined {
  const value = (config.auth as unknown as Record<string, unknown>)[key];
  return typeof value === 'string' && value !== '' ? value : undefined;
}
