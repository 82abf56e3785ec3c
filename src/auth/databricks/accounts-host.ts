/**
 * The accounts console host that issues account-level OAuth tokens for a workspace host: the configured override,
 * else the one for the workspace's cloud. A plain-HTTP or loopback host (an emulator, a test) is its own accounts
 * host, so account-level auth can be exercised without the real accounts console.
 */
export function accountsHostFor(workspaceHost: string, override?: string | null): string {
  if (override) return trimSlash(override);
  const url = new URL(workspaceHost);
  if (url.protocol === 'http:' || isLoopback(url.hostname)) return url.origin;
  const name = url.hostname.toLowerCase();
  if (name.endsWith('.azuredatabricks.net')) return 'https://accounts.azuredatabricks.net';
  if (name.endsWith('.gcp.databricks.com')) return 'https://accounts.gcp.databricks.com';
  return 'https://accounts.cloud.databricks.com';
}

function isLoopback(hostname: string): boolean {
  return hostname === 'localhost' || hostname === '[::1]' || hostname === '::1' || hostname.startsWith('127.');
}

function trimSlash(s: string): string {
  return s.replace(/\/+$/, '');
}
