import { ConnectorError } from '../../../errors.ts';
import type { HttpResponse } from '../../../http/http-client.ts';
import { networkError } from '../../../http/network-error.ts';

/** The `{error_code, message}` body Databricks REST APIs answer a refused request with. */
export interface DatabricksErrorBody {
  errorCode?: string;
  message?: string;
}

/**
 * Classifier for Databricks REST responses (statements, files): 2xx is success; 429/500/502/503/504 and connection
 * faults are transient (the HTTP layer honours `Retry-After`); 401 AUTH_FAILED; 403 FORBIDDEN; 404 NOT_FOUND; other 4xx permanent.
 * The body's `error_code` and `message` surface in the error message.
 */
export function classifyDatabricksResponse(res: HttpResponse | undefined, error: unknown): ConnectorError | null {
  if (!res) return networkError('databricks', error);
  const { status } = res;
  if (status >= 200 && status < 300) return null;
  const body = databricksErrorBody(res);
  const what = body.errorCode || body.message ? `: ${[body.errorCode, body.message].filter(Boolean).join(': ')}` : '';
  const details = body.errorCode ? { errorCode: body.errorCode } : undefined;
  if (status === 429 || status === 500 || status === 502 || status === 503 || status === 504) {
    return new ConnectorError('HTTP_TRANSIENT', `Databricks answered HTTP ${status}${what}.`, {
      retryable: true,
      status,
      details,
    });
  }
  if (status === 401) {
    return new ConnectorError(
      'AUTH_FAILED',
      `Databricks rejected the credentials (HTTP 401${what}): check databricks.auth.`,
      { status, details },
    );
  }
  if (status === 403) {
    return new ConnectorError(
      'FORBIDDEN',
      `Databricks denied access (HTTP 403${what}): grant the service principal the needed permissions.`,
      { status, details },
    );
  }
  if (status === 404) {
    return new ConnectorError('NOT_FOUND', `Databricks answered HTTP 404${what}.`, { status, details });
  }
  return new ConnectorError('HTTP_PERMANENT', `Databricks refused the request (HTTP ${status}${what}).`, {
    retryable: false,
    status,
    details,
  });
}

/** Parses `{error_code, message}` from an error response; empty when the body is not that JSON (e.g. HEAD). */
export function databricksErrorBody(res: HttpResponse): DatabricksErrorBody {
  try {
    const body = JSON.parse(res.text()) as { error_code?: unknown; message?: unknown };
    return {
      errorCode: typeof body.error_code === 'string' ? body.error_code : undefined,
      message: typeof body.message === 'string' ? body.message : undefined,
    };
  } catch {
    return {};
  }
}
