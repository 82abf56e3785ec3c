/**
 * Credentials of the emulator (public demo values) and the bearer tokens it issued. Token expiry follows the
 * injected clock, so tests move time instead of waiting.
 */
import { randomBytes } from 'node:crypto';
import type { Clock } from '../../clock.ts';

export const DEMO_CREDENTIALS = {
  apiKey: 'demo-api-key',
  username: 'manager',
  password: 'manager',
  clientId: 'ml-connector-demo',
  clientSecret: 'demo-secret',
} as const;

export type AuthResult = { ok: true } | { ok: false; message: string };

export class TokenRegistry {
  private readonly tokens = new Map<string, number>();

  constructor(
    private readonly clock: Clock,
    private readonly ttlSeconds: number,
  ) {}

  /** Issues a new bearer token valid for the configured TTL. */
  issue(): { token: string; expiresIn: number } {
    const token = randomBytes(24).toString('base64url');
    this.tokens.set(token, this.clock.now() + this.ttlSeconds * 1000);
    return { token, expiresIn: this.ttlSeconds };
  }

  check(token: string): AuthResult {
    const expires = this.tokens.get(token);
    if (expires === undefined) return { ok: false, message: 'The access token is invalid or has been revoked.' };
    if (this.clock.now() >= expires) return { ok: false, message: 'The access token has expired.' };
    return { ok: true };
  }

  revokeAll(): void {
    this.tokens.clear();
  }
}

/** Decodes an `Authorization: Basic` header into user and password. */
export function parseBasic(header: string | undefined): { user: string; password: string } | undefined {
  const m = /^Basic\s+(\S+)$/i.exec(header ?? '');
  if (!m) return undefined;
  const decoded = Buffer.from(m[1], 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 0) return undefined;
  return { user: decoded.slice(0, colon), password: decoded.slice(colon + 1) };
}

/** Checks the credentials of an API request: `x-api-key` plus Basic or Bearer. */
export function authorizeApiRequest(
  headers: Record<string, string | string[] | undefined>,
  tokens: TokenRegistry,
): AuthResult {
  const apiKey = headers['x-api-key'];
  if (apiKey === undefined) return { ok: false, message: 'API key is required. Send it in the x-api-key header.' };
  if (apiKey !== DEMO_CREDENTIALS.apiKey) return { ok: false, message: 'Invalid API key.' };
  const auth = headers.authorization;
  if (typeof auth !== 'string' || auth === '') return { ok: false, message: 'Authorization is required.' };
  const bearer = /^Bearer\s+(\S+)$/i.exec(auth);
  if (bearer) return tokens.check(bearer[1]);
  const basic = parseBasic(auth);
  if (basic && basic.user === DEMO_CREDENTIALS.username && basic.password === DEMO_CREDENTIALS.password)
    return { ok: true };
  return { ok: false, message: 'Incorrect user name or password.' };
}
