import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { type Clock, systemClock } from '../../clock.ts';
import { type DatabricksFaults, FaultPlan, WRITE_CONFLICTS } from './fault-plan.ts';
import { handleDirectory, handleFile } from './files-api.ts';
import { type EmulatedGrant, setEmulatedGrants } from './grants.ts';
import { apiError, type Reply, send } from './http-reply.ts';
import { LakeviewApi } from './lakeview-api.ts';
import { SqlEngine } from './sql-engine.ts';
import { DatabricksSqlError } from './sql-error.ts';
import { statementBody } from './statement-response.ts';
import { StatementStore } from './statement-store.ts';
import { statementRoute, validateSubmit, waitFor } from './statements-api.ts';
import { DEMO, TokenStore } from './token-store.ts';

export type { DatabricksFaults, WriteConflictClass } from './fault-plan.ts';
export type { EmulatedGrant } from './grants.ts';
export { DEMO as DATABRICKS_DEMO } from './token-store.ts';

export interface DatabricksEmulatorOptions {
  /** Default '.ml-connector/emulator'; tables and volume files survive restarts. */
  dataDir?: string;
  /** Token expiry clock. */
  clock?: Clock;
  /**
   * The clock the warehouse waits on: start-up, statement latency, the slow-statement fault, `wait_timeout` and upload
   * throttling (default: wall time). Separate from `clock` because token tests race that one forward from the
   * client's own requests, and a server wait on it would block the request that moves it; tests of the waits pass a
   * ManualClock here and advance it instead of sleeping.
   */
  latencyClock?: Clock;
  tokenTtlSeconds?: number;
  /** Statements stay PENDING until the warehouse is up (it starts on the first statement). */
  warehouseStartupMs?: number;
  statementLatencyMs?: number;
  uploadMsPerMB?: number;
  maxConcurrentStatements?: number;
  faults?: DatabricksFaults;
  /** Seed of the fault PRNG (default 1). */
  seed?: number;
  /** Unity Catalog grants of the caller (default: none configured, the caller owns everything). */
  grants?: EmulatedGrant[];
  /** INLINE chunk limits (defaults 10,000 rows / 4 MiB of JSON). */
  chunkRows?: number;
  chunkBytes?: number;
  /** Largest INLINE result (default 25 MiB, as Databricks); tests lower it to meet the limit with little data. */
  inlineLimitBytes?: number;
  /** The warehouse's TIMEZONE setting, where every statement's session starts (default UTC; admins can change it). */
  timeZone?: string;
  /**
   * Whether the metastore has managed storage (default true). Workspaces enabled for Unity Catalog automatically
   * may have none: `CREATE CATALOG` without `MANAGED LOCATION` then fails.
   */
  metastoreStorage?: boolean;
}

export interface StatementLogEntry {
  id: string;
  statement: string;
  parameters?: unknown[];
  state: string;
  error?: string;
  at: number;
}

export interface DatabricksEmulator {
  listen(port?: number, host?: string): Promise<string>;
  close(): Promise<void>;
  readonly host: string;
  setFaults(f: DatabricksFaults): void;
  /** Changes the INLINE result cap (undefined: back to 25 MiB). */
  setInlineLimit(bytes: number | undefined): void;
  revokeTokens(): void;
  /** Replaces the grants (undefined: the caller owns everything again). */
  setGrants(grants: EmulatedGrant[] | undefined): void;
  statementLog(): StatementLogEntry[];
  /** Runs DuckDB SQL directly (catalog names in three-part names are mapped), for tests. */
  query(sql: string): Promise<Record<string, unknown>[]>;
}

/** Creates an emulated Databricks workspace (SQL warehouse, OAuth, Files API on volumes) backed by DuckDB. */
export async function createDatabricksEmulator(opts: DatabricksEmulatorOptions = {}): Promise<DatabricksEmulator> {
  const clock = opts.clock ?? systemClock;
  const latencyClock = opts.latencyClock ?? systemClock;
  const engine = new SqlEngine(opts.dataDir ?? '.ml-connector/emulator');
  await engine.open();
  setEmulatedGrants(engine, opts.grants);
  const faults = new FaultPlan(opts.faults, opts.seed);
  let inlineLimitBytes = opts.inlineLimitBytes;
  const tokens = new TokenStore(clock, opts.tokenTtlSeconds ?? 3600);
  const store = new StatementStore(engine, {
    warehouseStartupMs: opts.warehouseStartupMs ?? 0,
    statementLatencyMs: opts.statementLatencyMs ?? 0,
    maxConcurrentStatements: opts.maxConcurrentStatements ?? 10,
    slowMs: () => faults.faults.slowStatementMs ?? 0,
    now: () => clock.now(),
    sleep: (ms) => latencyClock.sleep(ms),
    inlineLimitBytes: () => inlineLimitBytes,
    timeZone: opts.timeZone,
    pause: (statement) => faults.takePause(statement),
    writeConflict: (keyword, statement) => {
      const cls = faults.takeWriteConflict(keyword, statement);
      // error_code is not documented for conflicts; BAD_REQUEST leaves the class and SQLSTATE as the only signal.
      return cls ? new DatabricksSqlError(cls, WRITE_CONFLICTS[cls], '2D521', 'BAD_REQUEST') : undefined;
    },
  });
  engine.metastoreStorage = opts.metastoreStorage ?? true;
  const lakeview = new LakeviewApi({ store, warehouseId: DEMO.warehouseId, now: () => clock.now() });
  const limits = { rows: opts.chunkRows ?? 10_000, bytes: opts.chunkBytes ?? 4 * 1048576 };
  const filesCtx = {
    dataDir: engine.dataDir,
    hasVolume: (c: string, s: string, v: string) => engine.hasVolume(c, s, v),
    uploadMsPerMB: opts.uploadMsPerMB ?? 0,
    sleep: (ms: number) => latencyClock.sleep(ms),
  };
  let host = '';
  const sockets = new Set<Socket>();

  const statementLog = (): StatementLogEntry[] =>
    store.all().map((r) => ({
      id: r.id,
      statement: r.statement,
      ...(r.parameters ? { parameters: r.parameters } : {}),
      state: r.state,
      ...(r.error ? { error: r.error.message } : {}),
      at: r.at,
    }));

  async function route(req: IncomingMessage, url: URL, body: Buffer): Promise<Reply | 'reset'> {
    const method = req.method ?? 'GET';
    const path = url.pathname;
    if (path.startsWith('/_emulator/')) return admin(method, path, body);
    if (method === 'GET' && path === '/oidc/.well-known/oauth-authorization-server') {
      return {
        status: 200,
        body: {
          issuer: `${host}/oidc`,
          authorization_endpoint: `${host}/oidc/v1/authorize`,
          token_endpoint: `${host}/oidc/v1/token`,
          grant_types_supported: ['client_credentials', 'authorization_code', 'refresh_token'],
          scopes_supported: ['all-apis', 'offline_access'],
        },
      };
    }
    const committing =
      (method === 'POST' && /^\/api\/2\.0\/sql\/statements\/?$/.test(path)) ||
      (method === 'PUT' && path.startsWith('/api/2.0/fs/files/'));
    const fault = path.startsWith('/api/') || path.startsWith('/oidc/') ? faults.draw(committing) : 'none';
    if (fault === '429') {
      const s = faults.faults.retryAfterSeconds ?? 1;
      return apiError(429, 'TOO_MANY_REQUESTS', 'Too many requests. Please wait a moment and try again.', {
        'retry-after': String(s),
      });
    }
    if (fault === '503') return apiError(503, 'TEMPORARILY_UNAVAILABLE', 'The service is temporarily unavailable.');
    if (fault === '500') return apiError(500, 'INTERNAL_ERROR', 'Internal error.');
    const reply = await handle(method, path, url, req, body);
    if (fault.startsWith('ambiguous') && reply.body && !Buffer.isBuffer(reply.body)) {
      // The failure is ambiguous only once the work has really committed.
      const rec = store.get(String(reply.body.statement_id));
      if (rec) await rec.done;
    }
    if (fault === 'ambiguous-reset') return 'reset';
    if (fault === 'ambiguous-500') return apiError(500, 'INTERNAL_ERROR', 'Internal error.');
    return reply;
  }

  async function handle(method: string, path: string, url: URL, req: IncomingMessage, body: Buffer): Promise<Reply> {
    const tokenPath = /^\/oidc\/(?:accounts\/([^/]+)\/)?v1\/token$/.exec(path);
    if (tokenPath && method === 'POST') {
      if (tokenPath[1] !== undefined && tokenPath[1] !== DEMO.accountId) {
        return {
          status: 400,
          body: { error: 'invalid_request', error_description: `Account ${tokenPath[1]} not found` },
        };
      }
      const form = new URLSearchParams(body.toString('utf8'));
      if (form.get('grant_type') !== 'client_credentials') {
        return {
          status: 400,
          body: { error: 'unsupported_grant_type', error_description: 'Only client_credentials is supported' },
        };
      }
      if (!tokens.clientOk(req.headers.authorization, form)) {
        return { status: 401, body: { error: 'invalid_client', error_description: 'Client authentication failed' } };
      }
      return { status: 200, body: tokens.issue() };
    }
    if (!path.startsWith('/api/')) return apiError(404, 'ENDPOINT_NOT_FOUND', `No API found for ${method} ${path}`);
    if (!tokens.valid(req.headers.authorization)) {
      return apiError(401, 'UNAUTHENTICATED', 'Invalid access token.');
    }
    if (/^\/api\/2\.0\/sql\/statements\/?$/.test(path) && method === 'POST') return submit(body);
    const st = /^\/api\/2\.0\/sql\/statements\/(.+)$/.exec(path);
    if (st) return statementRoute(method, st[1].split('/'), store, limits);
    const wh = /^\/api\/2\.0\/sql\/warehouses\/([^/]+)(\/start)?$/.exec(path);
    if (wh) {
      if (wh[1] !== DEMO.warehouseId)
        return apiError(404, 'RESOURCE_DOES_NOT_EXIST', `SQL warehouse ${wh[1]} does not exist.`);
      if (wh[2] && method === 'POST') store.startWarehouse();
      return {
        status: 200,
        body: wh[2] ? {} : { id: DEMO.warehouseId, name: 'Emulated warehouse', state: store.warehouseState },
      };
    }
    const dashboards = await lakeview.handle(method, path, body);
    if (dashboards) return dashboards;
    const fsPath = /^\/api\/2\.0\/fs\/(files|directories)(\/Volumes\/.*)$/.exec(path);
    if (fsPath) {
      const p = decodeURIComponent(fsPath[2]);
      return fsPath[1] === 'files'
        ? handleFile(method, p, url.searchParams, req.headers, body, filesCtx)
        : handleDirectory(method, p, url.searchParams, filesCtx);
    }
    return apiError(404, 'ENDPOINT_NOT_FOUND', `No API found for ${method} ${path}`);
  }

  async function submit(raw: Buffer): Promise<Reply> {
    let body: Record<string, unknown>;
    try {
      body = JSON.parse(raw.toString('utf8') || '{}');
    } catch {
      return apiError(400, 'MALFORMED_REQUEST', 'Request body is not valid JSON.');
    }
    const v = validateSubmit(body);
    if ('status' in v) return v;
    const rec = store.submit(v.ok);
    await waitFor(rec, v.waitMs, latencyClock);
    if (v.cancelOnTimeout && (rec.state === 'PENDING' || rec.state === 'RUNNING')) {
      store.cancel(rec);
      await rec.done;
    }
    return { status: 200, body: statementBody(rec, limits) };
  }

  function admin(method: string, path: string, body: Buffer): Reply {
    if (method === 'POST' && path === '/_emulator/faults') {
      faults.faults = JSON.parse(body.toString('utf8') || '{}');
      return { status: 200, body: { faults: faults.faults } };
    }
    if (method === 'POST' && path === '/_emulator/revoke-tokens') {
      tokens.revokeAll();
      return { status: 200, body: {} };
    }
    if (method === 'GET' && path === '/_emulator/statements')
      return { status: 200, body: { statements: statementLog() } };
    return apiError(404, 'ENDPOINT_NOT_FOUND', `No admin endpoint ${method} ${path}`);
  }

  async function onRequest(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const url = new URL(req.url ?? '/', 'http://localhost');
    let reply: Reply | 'reset';
    try {
      reply = await route(req, url, Buffer.concat(chunks));
      if (reply !== 'reset' && reply.status === 200 && url.pathname.includes('/fs/files/') && req.method === 'HEAD') {
        send(res, reply, true);
        return;
      }
    } catch (e) {
      reply = apiError(500, 'INTERNAL_ERROR', e instanceof Error ? e.message : String(e));
    }
    if (reply === 'reset') {
      // Ambiguous failure: the work committed, the client sees a dropped connection.
      req.socket.destroy();
      return;
    }
    send(res, reply, req.method === 'HEAD');
  }

  let server: Server | undefined;
  return {
    get host() {
      return host;
    },
    listen(port = 0, bindHost = '127.0.0.1') {
      return new Promise((resolve, reject) => {
        server = createServer((req, res) => void onRequest(req, res));
        server.on('connection', (s) => {
          sockets.add(s);
          s.on('close', () => sockets.delete(s));
        });
        server.once('error', reject);
        server.listen(port, bindHost, () => {
          host = `http://127.0.0.1:${(server!.address() as AddressInfo).port}`;
          resolve(host);
        });
      });
    },
    async close() {
      if (server) {
        const s = server;
        await new Promise<void>((r) => {
          s.close(() => r());
          for (const sock of sockets) sock.destroy();
        });
      }
      await store.drain();
      engine.close();
    },
    setFaults(f) {
      faults.faults = f;
    },
    setInlineLimit(bytes) {
      inlineLimitBytes = bytes;
    },
    setGrants: (g) => setEmulatedGrants(engine, g),
    revokeTokens() {
      tokens.revokeAll();
    },
    statementLog,
    async query(sql) {
      return engine.query(sql);
    },
  };
}
