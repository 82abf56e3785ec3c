import type { AuthProvider } from '../../http/http-client.ts';

/** Credentials for Databricks REST calls, as the HTTP layer consumes them, plus what metrics and checks need. */
export interface DatabricksCredentials extends AuthProvider {
  /** Which provider of the chain is in use, e.g. `oauth-m2m-workspace`. */
  readonly method: string;
  /** The current bearer token (obtaining or refreshing it when needed). */
  token(signal?: AbortSignal): Promise<string>;
  /** How many tokens were obtained from the server so far (0 for a PAT). */
  refreshCount(): number;
}
