import type { AuthProvider } from '../../http/http-client.ts';

/** `Authorization: Basic` header value for a user and password. */
export function basicHeader(username: string, password: string): string {
  return `Basic ${Buffer.from(`${username}:${password}`, 'utf8').toString('base64')}`;
}

/** Static Basic credentials; nothing to refresh, so `invalidate` does nothing. */
export function basicAuth(username: string, password: string): AuthProvider {
  const headers = { authorization: basicHeader(username, password) };
  return { headers: async () => headers, invalidate: () => {} };
}
