/**
 * The emulator's HTTP front: admin endpoints, token endpoints and the OData API (behind API key + Basic/Bearer),
 * with seeded faults, latency and request statistics applied to API requests.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ActivityOptions, ActivityReport } from './activity.ts';
import { authorizeApiRequest, DEMO_CREDENTIALS, parseBasic, type TokenRegistry } from './emulator-auth.ts';
import type { EpicorDatabase } from './epicor-database.ts';
import { ERROR_TYPES, htmlErrorPage } from './epicor-error.ts';
import { drawFault, type Fault, type FaultOptions } from './faults.ts';
import type { QueryLimits } from './odata-query.ts';
import { odataRoute } from './odata-routes.ts';
import type { Prng } from './prng.ts';
import { errorReply, jsonReply, notFound, type Reply, unauthorized } from './reply.ts';
import { refuseByLength, type ServerProfile, serverProfile, timeoutInstead } from './server-profile.ts';

export interface LatencyOptions {
  fixedMs?: number;
  jitterMs?: number;
  perRowMs?: number;
}

export interface EmulatorStats {
  requests: number;
  byStatus: Record<string, number>;
  byPath: Record<string, number>;
  rowsServed: number;
  /** Longest query string received (bytes as sent, without `?`) on the API. */
  maxQueryBytes: number;
  /** Every API request: path (keys stripped), query string as sent, its length, status (first 100,000 kept). */
  log: RequestLogEntry[];
}

export interface RequestLogEntry {
  path: string;
  query: string;
  queryBytes: number;
  status: number | string;
}

const LOG_LIMIT = 100_000;

/** Mutable state the handler reads on every request. */
export interface HandlerState {
  db: EpicorDatabase;
  tokens: TokenRegistry;
  limits: QueryLimits;
  faults: FaultOptions;
  latency: LatencyOptions;
  profile: ServerProfile;
  faultPrng: Prng;
  latencyPrng: Prng;
  stats: EmulatorStats;
  advance(options: ActivityOptions): ActivityReport;
  setFaults(f: FaultOptions): void;
  setLatency(l: LatencyOptions): void;
  setProfile(p: string | ServerProfile): void;
  revokeTokens(): void;
}

export const BASE_PATH = '/kinetic';

/** Builds the `(req, res)` handler over the given state. */
export function createRequestHandler(state: HandlerState): (req: IncomingMessage, res: ServerResponse) => void {
  return (req, res) => {
    handle(state, req, res).catch((e) => {
      if (!res.headersSent) {
        const reply = errorReply(
          500,
          ERROR_TYPES.server,
          `Emulator error: ${e instanceof Error ? e.message : String(e)}`,
        );
        res.writeHead(reply.status, { 'Content-Type': reply.contentType });
        res.end(reply.body);
      } else res.destroy();
    });
  };
}

async function handle(state: HandlerState, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://emulator');
  const path = url.pathname;
  if (path !== BASE_PATH && !path.startsWith(`${BASE_PATH}/`)) {
    return send(res, notFound(`No Epicor instance at '${path}'. The base URL ends with ${BASE_PATH}.`));
  }
  const rest = path.slice(BASE_PATH.length);
  const method = req.method ?? 'GET';
  if (rest.startsWith('/_emulator/'))
    return send(res, await adminRoute(state, rest.slice('/_emulator/'.length), method, req));

  const started = { fault: 'none' as Fault };
  let reply: Reply;
  if (rest === '/oauth/token') {
    reply = method === 'POST' ? oauthToken(state, req.headers.authorization, await readBody(req)) : methodNotAllowed();
  } else if (rest === '/TokenResource.svc' || rest === '/TokenResource.svc/') {
    reply = method === 'POST' ? tokenResource(state, req) : methodNotAllowed();
  } else if (rest.startsWith('/api/v2/')) {
    // IIS request filtering and ASP.NET check the length before anything else runs (auth, Epicor, faults).
    const refused = refuseByLength(state.profile, rawQueryOf(req.url));
    if (refused) reply = refused;
    else {
      started.fault = drawFault(state.faults, state.faultPrng);
      reply = apiReply(state, req, url, rest, started.fault) ?? methodNotAllowed();
      if (started.fault === 'none') reply = timeoutInstead(state.profile, reply) ?? reply;
    }
  } else {
    reply = notFound(`Resource '${rest}' was not found.`);
  }
  const key = statsPath(rest);
  state.stats.requests++;
  state.stats.byPath[key] = (state.stats.byPath[key] ?? 0) + 1;
  const fault = started.fault;
  if (rest.startsWith('/api/v2/')) {
    const query = rawQueryOf(req.url);
    state.stats.maxQueryBytes = Math.max(state.stats.maxQueryBytes, query.length);
    if (state.stats.log.length < LOG_LIMIT) {
      const status = fault === 'reset' || fault === 'truncated' ? fault : reply.status;
      state.stats.log.push({ path: key, query, queryBytes: query.length, status });
    }
  }
  await delay(state, reply.rows ?? 0);
  if (fault === 'reset' || fault === 'truncated') {
    state.stats.byStatus[fault] = (state.stats.byStatus[fault] ?? 0) + 1;
    return fault === 'reset' ? sendReset(res, reply) : sendTruncated(res, reply);
  }
  state.stats.byStatus[String(reply.status)] = (state.stats.byStatus[String(reply.status)] ?? 0) + 1;
  if (reply.status === 200) state.stats.rowsServed += reply.rows ?? 0;
  send(res, reply);
}

function apiReply(state: HandlerState, req: IncomingMessage, url: URL, rest: string, fault: Fault): Reply | undefined {
  switch (fault) {
    case '429': {
      const seconds = state.faults.retryAfterSeconds ?? 1;
      return errorReply(429, ERROR_TYPES.throttle, 'Too many requests. Please retry later.', {
        'Retry-After': String(seconds),
      });
    }
    case '500':
      return errorReply(500, ERROR_TYPES.server, 'An unexpected error occurred on the server. Please try again.');
    case '502':
      return html(502);
    case '503':
      return state.faultPrng.chance(0.5)
        ? html(503)
        : errorReply(503, ERROR_TYPES.server, 'The service is temporarily unavailable.', { 'Retry-After': '2' });
    case 'html':
      return html(500);
  }
  const auth = authorizeApiRequest(req.headers, state.tokens);
  if (!auth.ok) return unauthorized(auth.message);
  if (fault === 'license') {
    return errorReply(
      400,
      ERROR_TYPES.license,
      'Maximum users exceeded. All licenses for this product are in use; please try again later.',
    );
  }
  if (req.method !== 'GET') return undefined;
  const segments = rest.split('/').slice(1).map(decodeSegment);
  if (segments[0] !== 'api' || segments[1] !== 'v2' || segments[2] !== 'odata') {
    return notFound(`Resource '${rest}' was not found.`);
  }
  const host = req.headers.host ?? 'localhost';
  const params = new Map<string, string>();
  for (const [k, v] of url.searchParams) if (!params.has(k)) params.set(k, v);
  return odataRoute(
    { db: state.db, limits: state.limits, base: `http://${host}${BASE_PATH}` },
    segments.slice(3),
    params,
  );
}

/** The query string exactly as sent (percent-encoded), without `?`. */
function rawQueryOf(url: string | undefined): string {
  const i = (url ?? '').indexOf('?');
  return i < 0 ? '' : (url as string).slice(i + 1);
}

function decodeSegment(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

function html(status: number): Reply {
  return { status, body: htmlErrorPage(status), contentType: 'text/html; charset=utf-8' };
}

function methodNotAllowed(): Reply {
  return errorReply(405, ERROR_TYPES.server, 'The requested HTTP method is not allowed here.');
}

function oauthToken(state: HandlerState, authorization: string | undefined, body: string): Reply {
  const form = new URLSearchParams(body);
  if (form.get('grant_type') !== 'client_credentials') {
    return {
      status: 400,
      body: JSON.stringify({
        error: 'unsupported_grant_type',
        error_description: 'Only client_credentials is supported.',
      }),
      contentType: 'application/json',
    };
  }
  const basic = parseBasic(authorization);
  const id = form.get('client_id') ?? (basic ? decodeURIComponent(basic.user) : undefined);
  const secret = form.get('client_secret') ?? (basic ? decodeURIComponent(basic.password) : undefined);
  if (id !== DEMO_CREDENTIALS.clientId || secret !== DEMO_CREDENTIALS.clientSecret) {
    return {
      status: 401,
      body: JSON.stringify({ error: 'invalid_client', error_description: 'Client authentication failed.' }),
      contentType: 'application/json',
      headers: { 'WWW-Authenticate': 'Basic realm="oauth"' },
    };
  }
  const { token, expiresIn } = state.tokens.issue();
  return {
    status: 200,
    body: JSON.stringify({
      access_token: token,
      token_type: 'Bearer',
      expires_in: expiresIn,
      scope: form.get('scope') ?? 'epicor_erp',
    }),
    contentType: 'application/json',
    headers: { 'Cache-Control': 'no-store' },
  };
}

function tokenResource(state: HandlerState, req: IncomingMessage): Reply {
  if (req.headers['x-api-key'] !== DEMO_CREDENTIALS.apiKey) return unauthorized('Invalid or missing API key.');
  const basic = parseBasic(req.headers.authorization);
  if (!basic || basic.user !== DEMO_CREDENTIALS.username || basic.password !== DEMO_CREDENTIALS.password) {
    return unauthorized('Incorrect user name or password.');
  }
  const { token, expiresIn } = state.tokens.issue();
  return jsonReply(200, { AccessToken: token, ExpiresIn: expiresIn, TokenType: 'Bearer' });
}

async function adminRoute(state: HandlerState, name: string, method: string, req: IncomingMessage): Promise<Reply> {
  if (name === 'stats' && method === 'GET') return jsonReply(200, state.stats);
  if (method !== 'POST') return methodNotAllowed();
  let body: unknown = {};
  const raw = await readBody(req);
  if (raw.trim()) {
    try {
      body = JSON.parse(raw);
    } catch {
      return errorReply(400, ERROR_TYPES.server, 'The request body is not valid JSON.');
    }
  }
  try {
    switch (name) {
      case 'advance':
        return jsonReply(200, state.advance(body as ActivityOptions));
      case 'faults':
        state.setFaults(body as FaultOptions);
        return jsonReply(200, { faults: body });
      case 'latency':
        state.setLatency(body as LatencyOptions);
        return jsonReply(200, { latency: body });
      case 'profile': {
        const b = body as { name?: string } & ServerProfile;
        state.setProfile(typeof b.name === 'string' ? b.name : b);
        return jsonReply(200, { profile: serverProfile(typeof b.name === 'string' ? b.name : b) });
      }
      case 'revoke-tokens':
        state.revokeTokens();
        return jsonReply(200, { revoked: true });
      default:
        return notFound(`Unknown emulator endpoint '${name}'.`);
    }
  } catch (e) {
    return errorReply(400, ERROR_TYPES.server, e instanceof Error ? e.message : String(e));
  }
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size <= 1_000_000) chunks.push(c);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function statsPath(rest: string): string {
  return rest.split('?')[0].replace(/\([^/]*\)$/, '()');
}

async function delay(state: HandlerState, rows: number): Promise<void> {
  const l = state.latency;
  const ms = (l.fixedMs ?? 0) + (l.jitterMs ? state.latencyPrng.next() * l.jitterMs : 0) + (l.perRowMs ?? 0) * rows;
  if (ms > 0) await new Promise((r) => setTimeout(r, ms));
}

function headersOf(reply: Reply): Record<string, string> {
  return { 'Content-Type': reply.contentType, ...reply.headers };
}

function send(res: ServerResponse, reply: Reply): void {
  const body = Buffer.from(reply.body, 'utf8');
  res.writeHead(reply.status, { ...headersOf(reply), 'Content-Length': String(body.length) });
  res.end(body);
}

/** Headers and half the body, then the socket is destroyed (a connection reset mid-response). */
function sendReset(res: ServerResponse, reply: Reply): void {
  const body = Buffer.from(reply.body, 'utf8');
  res.writeHead(reply.status, { ...headersOf(reply), 'Content-Length': String(body.length) });
  res.write(body.subarray(0, Math.floor(body.length / 2)), () => res.socket?.destroy());
}

/** 200 with half the body, no Content-Length and the connection closed: the body ends early but "cleanly". */
function sendTruncated(res: ServerResponse, reply: Reply): void {
  const body = Buffer.from(reply.body, 'utf8');
  res.removeHeader('Transfer-Encoding');
  res.removeHeader('Content-Length');
  res.writeHead(200, { ...headersOf(reply), Connection: 'close' });
  res.write(body.subarray(0, Math.floor(body.length / 2)));
  res.end();
}
