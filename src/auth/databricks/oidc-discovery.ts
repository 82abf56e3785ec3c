import { ConnectorError, isConnectorError } from '../../errors.ts';
import type { HttpClient } from '../../http/http-client.ts';

/**
 * Finds a workspace's OAuth token endpoint via `GET {host}/oidc/.well-known/oauth-authorization-server`.
 * A 404 means the host has no OAuth (an old workspace, or not a Databricks host): that is said plainly.
 */
export async function discoverTokenEndpoint(http: HttpClient, host: string, signal?: AbortSignal): Promise<string> {
  const url = `${trimSlash(host)}/oidc/.well-known/oauth-authorization-server`;
  let body: { token_endpoint?: unknown };
  try {
    body = (await http.request({ method: 'GET', url, signal })).json<{ token_endpoint?: unknown }>();
  } catch (e) {
    if (isConnectorError(e) && e.code === 'NOT_FOUND') {
      throw new ConnectorError(
        'CONFIG_INVALID',
        `No OAuth on this host: ${host} has no OAuth discovery document; check databricks.host or use databricks.auth.type pat.`,
        { status: 404, cause: e },
      );
    }
    throw e;
  }
  if (typeof body?.token_endpoint !== 'string' || body.token_endpoint === '') {
    throw new ConnectorError('AUTH_FAILED', `The OAuth discovery document of ${host} names no token_endpoint.`);
  }
  return body.token_endpoint;
}

function trimSlash(s: string): string {
  return s.replace(/\/+$/, '');
}
