import { ConnectorError } from '../../errors.ts';
import type { ResponseClassifier } from '../../http/http-client.ts';
import { networkError } from '../../http/network-error.ts';
import { classifyEpicor } from '../../source/epicor/epicor-error-mapper.ts';

/** OAuth2 error codes that mean "your client id/secret/scope is wrong" (RFC 6749 §5.2). */
const OAUTH_CREDENTIAL_ERRORS = new Set(['invalid_client', 'invalid_grant', 'unauthorized_client', 'invalid_scope']);

/**
 * Mapper for Epicor token endpoints (OAuth2 token URL and TokenResource.svc): OAuth2 `{error, error_description}`
 * bodies become AUTH_FAILED with the provider's reason; everything else is mapped as any Epicor answer.
 */
export const classifyTokenEndpoint: ResponseClassifier = (res, error) => {
  if (!res) return networkError('Epicor token endpoint', error);
  if (res.status === 400 || res.status === 401) {
    let body: { error?: unknown; error_description?: unknown } | undefined;
    try {
      body = res.json();
    } catch {
      body = undefined;
    }
    if (typeof body?.error === 'string') {
      const reason =
        typeof body.error_description === 'string' ? `${body.error}: ${body.error_description}` : body.error;
      const credential = OAUTH_CREDENTIAL_ERRORS.has(body.error) || res.status === 401;
      return new ConnectorError(
        credential ? 'AUTH_FAILED' : 'HTTP_PERMANENT',
        `The Epicor token endpoint refused the request (HTTP ${res.status}, ${reason.slice(0, 200)}).`,
        { status: res.status },
      );
    }
  }
  if (res.status === 404) {
    return new ConnectorError('NOT_FOUND', 'The Epicor token endpoint was not found (HTTP 404); check the token URL.', {
      status: 404,
    });
  }
  return classifyEpicor(res, undefined);
};
