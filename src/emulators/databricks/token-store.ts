import { randomBytes } from 'node:crypto';
import type { Clock } from '../../clock.ts';

/** Public demo credentials of the emulated workspace. */
export const DEMO = {
  warehouseId: 'emulated-warehouse',
  clientId: 'demo-sp',
  clientSecret: 'demo-sp-secret',
  accountId: 'demo-account',
  pat: 'dapi-demo-token',
} as const;

/** OAuth access tokens issued by the emulator plus the demo PAT; expiry follows the injected clock. */
export class TokenStore {
  private readonly tokens = new Map<string, number>();
  private patRevoked = false;

  constructor(
    private readonly clock: Clock,
    private readonly ttlSeconds: number,
  ) {}

  /** True when HTTP Basic credentials name the demo service principal. */
  clientOk(authorization: string | undefined, form: URLSearchParams): boolean {
    let id = form.get('client_id') ?? undefined;
    let secret = form.get('client_secret') ?? undefined;
    const m = /^Basic\s+(.+)$/i.exec(authorization ?? '');
    if (m) {
      const decoded = Buffer.from(m[1], 'base64').toString('utf8');
      const colon = decoded.indexOf(':');
      id = decodeURIComponent(decoded.slice(0, colon));
      secret = decodeURIComponent(decoded.slice(colon + 1));
    }
    return id === DEMO.clientId && secret === DEMO.clientSecret;
  }

  /** Issues a new access token. */
  issue(): { access_token: string; token_type: 'Bearer'; expires_in: number; scope: 'all-apis' } {
    const token = `emu-${randomBytes(24).toString('base64url')}`;
    this.tokens.set(token, this.clock.now() + this.ttlSeconds * 1000);
    return { access_token: token, token_type: 'Bearer', expires_in: this.ttlSeconds, scope: 'all-apis' };
  }

  /** True when the bearer token is the PAT or an unexpired, unrevoked issued token. */
  valid(authorization: string | undefined): boolean {
    const m = /^Bearer\s+(\S+)$/i.exec(authorization ?? '');
    if (!m) return false;
    if (m[1] === DEMO.pat) return !this.patRevoked;
    const exp = this.tokens.get(m[1]);
    return exp !== undefined && this.clock.now() < exp;
  }

  /** Invalidates every token issued so far and the PAT (new OAuth tokens still work). */
  revokeAll(): void {
    this.tokens.clear();
    this.patRevoked = true;
  }
}
