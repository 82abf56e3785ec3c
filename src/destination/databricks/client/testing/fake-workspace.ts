import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Clock } from '../../../../clock.ts';
import type { DatabricksConfig } from '../../../../config/schema.ts';

/** A request as the fake workspace saw it on the wire. */
export interface SeenRequest {
  method: string;
  /** Path as sent (still percent-encoded), without the query. */
  rawPath: string;
  query: URLSearchParams;
  headers: IncomingMessage['headers'];
  body: Buffer;
  json<T = any>(): T;
}

export interface FakeReply {
  status?: number;
  headers?: Record<string, string>;
  body?: unknown;
}

/** Answers one `/api/…` request; undefined means 404. May wait (to hold a request open). */
export type FakeRoute = (req: SeenRequest) => FakeReply | undefined | Promise<FakeReply | undefined>;

export interface FakeWorkspaceOptions {
  clock: Clock;
  route?: FakeRoute;
  /** Lifetime of issued OAuth tokens. */
  tokenTtlSeconds?: number;
  /** Whether the OIDC discovery document exists (false → 404, a host without OAuth). */
  discovery?: boolean;
  pat?: string;
}

/**
 * A tiny scriptable Databricks workspace on a loopback port for client tests: OAuth M2M (discovery, workspace and
 * account token endpoints, tokens that expire on the injected clock), bearer checks, and test-supplied `/api` routes.
 * It records every request, so tests assert what went over the wire.
 */
export class FakeWorkspace {
  readonly requests: SeenRequest[] = [];
  url = '';
  route: FakeRoute;
  tokenTtlSeconds: number;
  expiresInAsString = false;
  clientId = 'test-sp';
  clientSecret = 'test-sp-secret';
  /** Token requests seen (granted or not). */
  tokenRequests = 0;
  /** 401s answered to `/api` calls because the token was unknown or expired. */
  rejectedCalls = 0;
  /** While set, token requests wait until `releaseTokens()`. */
  holdTokens = false;
  private held: (() => void)[] = [];
  private readonly tokens = new Map<string, number>();
  private issued = 0;
  private readonly server: Server;

  private constructor(private readonly opts: FakeWorkspaceOptions) {
    this.route = opts.route ?? (() => undefined);
    this.tokenTtlSeconds = opts.tokenTtlSeconds ?? 3600;
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const url = new URL(req.url ?? '/', 'http://fake');
        const body = Buffer.concat(chunks);
        const seen: SeenRequest = {
          method: req.method ?? 'GET',
          rawPath: (req.url ?? '/').split('?')[0],
          query: url.searchParams,
          headers: req.headers,
          body,
          json: () => JSON.parse(body.toString('utf8')),
        };
        this.requests.push(seen);
        this.handle(seen).then(
          (reply) => {
            const status = reply?.status ?? 404;
            const payload =
              reply?.body === undefined
                ? status === 404 && !reply
                  ? JSON.stringify({ error_code: 'NOT_FOUND', message: 'no such route' })
                  : ''
                : Buffer.isBuffer(reply.body)
                  ? reply.body
                  : JSON.stringify(reply.body);
            res.writeHead(status, { 'content-type': 'application/json', ...reply?.headers });
            res.end(seen.method === 'HEAD' ? undefined : payload);
          },
          () => res.destroy(),
        );
      });
    });
  }

  /** Starts a fake workspace on a free loopback port. */
  static async start(opts: FakeWorkspaceOptions): Promise<FakeWorkspace> {
    const fake = new FakeWorkspace(opts);
    await new Promise<void>((r) => fake.server.listen(0, '127.0.0.1', r));
    fake.url = `http://127.0.0.1:${(fake.server.address() as AddressInfo).port}`;
    return fake;
  }

  /**
   * A `databricks:` config pointing at this workspace: its PAT when it has one, else OAuth M2M with its service
   * principal; `over` replaces any field (auth fields merge into the default auth).
   */
  config(over: Partial<Omit<DatabricksConfig, 'auth'>> & { auth?: Partial<Record<string, unknown>> } = {}) {
    const { auth, ...rest } = over;
    const base = this.opts.pat
      ? { type: 'pat', token: this.opts.pat }
      : {
          type: 'oauth-m2m',
          level: 'workspace',
          accountId: null,
          clientId: this.clientId,
          clientSecret: this.clientSecret,
        };
    return {
      host: this.url,
      warehouseId: 'wh',
      catalog: 'main',
      schema: 's',
      volume: 'v',
      layout: 'cluster',
      ...rest,
      auth: { ...base, ...auth },
    } as DatabricksConfig;
  }

  /** Requests whose path matches. */
  seen(method: string, path: RegExp): SeenRequest[] {
    return this.requests.filter((r) => r.method === method && path.test(r.rawPath));
  }

  /** Lets held token requests answer. */
  releaseTokens(): void {
    this.holdTokens = false;
    for (const release of this.held.splice(0)) release();
  }

  /** Forgets every issued token, as if revoked: the next call with one gets 401. */
  revokeTokens(): void {
    this.tokens.clear();
  }

  /** Number of token requests currently held open. */
  get heldTokenRequests(): number {
    return this.held.length;
  }

  async close(): Promise<void> {
    this.releaseTokens();
    this.server.closeAllConnections();
    await new Promise((r) => this.server.close(r));
  }

  private async handle(req: SeenRequest): Promise<FakeReply | undefined> {
    if (req.rawPath === '/oidc/.well-known/oauth-authorization-server') {
      if (this.opts.discovery === false) return { status: 404, body: { error: 'not found' } };
      return { status: 200, body: { token_endpoint: `${this.url}/oidc/v1/token` } };
    }
    if (req.rawPath === '/oidc/v1/token' || /^\/oidc\/accounts\/[^/]+\/v1\/token$/.test(req.rawPath)) {
      return this.token(req);
    }
    if (req.rawPath.startsWith('/api/')) {
      const bearer = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1];
      const expiresAt = bearer === undefined ? undefined : this.tokens.get(bearer);
      const valid =
        (this.opts.pat !== undefined && bearer === this.opts.pat) ||
        (expiresAt !== undefined && this.opts.clock.now() < expiresAt);
      if (!valid) {
        this.rejectedCalls++;
        return { status: 401, body: { error_code: 'UNAUTHENTICATED', message: 'Invalid access token.' } };
      }
      return this.route(req);
    }
    return undefined;
  }

  private async token(req: SeenRequest): Promise<FakeReply> {
    this.tokenRequests++;
    if (this.holdTokens) await new Promise<void>((r) => this.held.push(r));
    const form = new URLSearchParams(req.body.toString('utf8'));
    const basic = /^Basic (.+)$/.exec(req.headers.authorization ?? '')?.[1];
    const [id, secret] = basic ? Buffer.from(basic, 'base64').toString('utf8').split(':') : [];
    if (
      req.headers['content-type'] !== 'application/x-www-form-urlencoded' ||
      form.get('grant_type') !== 'client_credentials' ||
      form.get('scope') !== 'all-apis'
    ) {
      return { status: 400, body: { error: 'invalid_request' } };
    }
    if (id !== this.clientId || secret !== this.clientSecret) {
      return { status: 401, body: { error: 'invalid_client', error_description: 'Client authentication failed' } };
    }
    const token = `tok-${++this.issued}`;
    this.tokens.set(token, this.opts.clock.now() + this.tokenTtlSeconds * 1000);
    const expiresIn = this.expiresInAsString ? String(this.tokenTtlSeconds) : this.tokenTtlSeconds;
    return {
      status: 200,
      body: { access_token: token, token_type: 'Bearer', expires_in: expiresIn, scope: 'all-apis' },
    };
  }
}

/** A clock whose time moves only by sleeping: every sleep returns at once after advancing time (and is recorded). */
export class SteppingClock implements Clock {
  readonly sleeps: number[] = [];
  constructor(private current = Date.UTC(2026, 0, 1)) {}
  now(): number {
    return this.current;
  }
  async sleep(ms: number): Promise<void> {
    this.sleeps.push(ms);
    this.current += ms;
  }
}
