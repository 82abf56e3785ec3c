import type { CredentialProvider } from './credential-provider.ts';
import { authKey } from './credential-provider.ts';

/** Personal access token: sent as a bearer token as is; nothing to refresh. */
export const patProvider: CredentialProvider = {
  name: 'pat',
  needs: ['token'],
  selects: (config) => config.auth.type === 'pat',
  create(config) {
    const token = authKey(config, 'token')!;
    return {
      method: 'pat',
      token: async () => token,
      headers: async () => ({ authorization: `Bearer ${token}` }),
      // A rejected PAT stays rejected: the HTTP layer's one retry after a 401 then fails with AUTH_FAILED.
      invalidate: () => {},
      refreshCount: () => 0,
    };
  },
};
