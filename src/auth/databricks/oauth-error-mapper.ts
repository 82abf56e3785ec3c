import type { ConnectorError } from '../../errors.ts';
import { ConnectorError as Err } from '../../errors.ts';
import type { HttpResponse } from '../../http/http-client.ts';
import { networkError } from '../../http/network-error.ts';

/**
 * Classifier for the Databricks OAuth endpoints (discovery and token). Rejected credentials become AUTH_FAILED,
 * not retried, with a sentence naming the keys to fix (never the secret); 429/5xx and network faults are retried
 * (the HTTP layer honours `Retry-After`).
 */
export function classifyOAuthResponse(res: HttpResponse | undefined, error: unknown): ConnectorError | null {
  if (!res) return networkError('databricks-oauth', error);
  const { status } = res;
  if (status >= 200 && status < 300) return null;
  const body = parseOAuthError(res);
  const reason = body.error ? ` (${body.error}${body.description ? `: ${body.description}` : ''})` : '';
  if (status === 429 || status >= 500) {
    return new Err('HTTP_TRANSIENT', `The Databricks OAuth endpoint answered HTTP ${status}${reason}.`, {
      retryable: true,
      status,
    });
  }
  if (body.error === 'invalid_client' || body.error === 'unauthorized_client' || status === 401) {
    return new Err(
      'AUTH_FAILED',
      `Databricks rejected the OAuth client credentials${reason}: check databricks.auth.clientId and databricks.auth.clientSecret.`,
      { status },
    );
  }
  if (status === 404)
    return new Err('NOT_FOUND', 'The Databricks OAuth endpoint was not found (HTTP 404).', { status });
  if (status === 403) return new Err('FORBIDDEN', `Databricks refused the OAuth token request${reason}.`, { status });
  return new Err('AUTH_FAILED', `The Databricks OAuth token request failed with HTTP ${status}${reason}.`, { status });
}

function parseOAuthError(res: HttpResponse): { error?: string; description?: string } {
  try {
    const body = JSON.parse(res.text()) as { error?: unknown; error_description?: unknown };
    return {
      error: typeof body.error === 'string' ? body.error : undefined,
      description: typeof body.error_description === 'string' ? body.error_description : undefined,
    };
  } catch {
    return {};
  }
}
