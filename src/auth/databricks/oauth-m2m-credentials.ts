import { accountsHostFor } from './accounts-host.ts';
import { requestClientCredentialsToken } from './client-credentials-token.ts';
import type { CredentialContext, CredentialProvider } from './credential-provider.ts';
import { authKey } from './credential-provider.ts';
import type { DatabricksCredentials } from './databricks-credentials.ts';
import { createOAuthTokenCredentials } from './databricks-token-source.ts';
import { discoverTokenEndpoint } from './oidc-discovery.ts';

/** OAuth M2M against the workspace: the token endpoint is discovered once from the host's OIDC metadata. */
export const oauthM2mWorkspaceProvider: CredentialProvider = {
  name: 'oauth-m2m-workspace',
  needs: ['clientId', 'clientSecret'],
  selects: (config) => config.auth.type === 'oauth-m2m' && config.auth.level !== 'account',
  create(config, ctx) {
    let tokenUrl: Promise<string> | undefined;
    const endpoint = (signal?: AbortSignal) => {
      tokenUrl ??= discoverTokenEndpoint(ctx.tokenHttp, config.host, signal).catch((e: unknown) => {
        tokenUrl = undefined; // a failed discovery is tried again on the next token request
        throw e;
      });
      return tokenUrl;
    };
    return clientCredentials('oauth-m2m-workspace', endpoint, config.auth, ctx);
  },
};

/** OAuth M2M at account level: `{accountsHost}/oidc/accounts/{accountId}/v1/token`, no discovery. */
export const oauthM2mAccountProvider: CredentialProvider = {
  name: 'oauth-m2m-account',
  needs: ['clientId', 'clientSecret', 'accountId'],
  selects: (config) => config.auth.type === 'oauth-m2m' && config.auth.level === 'account',
  create(config, ctx) {
    const accountId = authKey(config, 'accountId')!;
    const host = accountsHostFor(config.host, authKey(config, 'accountsHost'));
    const url = `${host}/oidc/accounts/${encodeURIComponent(accountId)}/v1/token`;
    return clientCredentials('oauth-m2m-account', async () => url, config.auth, ctx);
  },
};

function clientCredentials(
  method: string,
  tokenUrl: (signal?: AbortSignal) => Promise<string>,
  auth: object,
  ctx: CredentialContext,
): DatabricksCredentials {
  const { clientId, clientSecret } = auth as { clientId: string; clientSecret: string };
  return createOAuthTokenCredentials({
    method,
    clock: ctx.clock,
    onRefresh: ctx.onRefresh,
    issue: async (signal) =>
      requestClientCredentialsToken(ctx.tokenHttp, await tokenUrl(signal), clientId, clientSecret, signal),
  });
}
