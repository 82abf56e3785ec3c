/** `createEpicorEmulator`: an Epicor Kinetic REST v2 server with seeded data, for the demo, tests and benchmarks. */

import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type Clock, systemClock } from '../../clock.ts';
import { type ActivityOptions, type ActivityReport, runActivity } from './activity.ts';
import { TokenRegistry } from './emulator-auth.ts';
import type { Row } from './entity-store.ts';
import { EpicorDatabase } from './epicor-database.ts';
import type { FaultOptions } from './faults.ts';
import type { EpicorFixture } from './fixture-data.ts';
import { mixSeed, Prng } from './prng.ts';
import {
  BASE_PATH,
  createRequestHandler,
  type EmulatorStats,
  type HandlerState,
  type LatencyOptions,
} from './request-handler.ts';
import type { SchemaDrift } from './schema-drift.ts';
import { PROFILE_ENV, type ServerProfile, serverProfile } from './server-profile.ts';

export type { ActivityOptions, ActivityReport, EntityActivity } from './activity.ts';
export type { FaultOptions } from './faults.ts';
export type { EmulatorStats, LatencyOptions, RequestLogEntry } from './request-handler.ts';
export type { SchemaProfile } from './schema-profile.ts';
export type { ServerProfile } from './server-profile.ts';

export interface EpicorEmulatorOptions {
  /** Same seed → identical data (default 1). */
  seed?: number;
  /** 1 ≈ 20,000 records for EPIC06 (EPIC07 ≈ 20% of that); linear; 50 ≈ 1M. */
  scale?: number;
  /** Token expiry and activity timestamps follow this clock. */
  clock?: Clock;
  /** Lifetime of OAuth and TokenResource tokens (default 3600). */
  tokenTtlSeconds?: number;
  /** Larger `$top` → 400 (default 10000). */
  maxTop?: number;
  /** Whether `$count=true` is honoured (default true). */
  countEnabled?: boolean;
  latency?: LatencyOptions;
  faults?: FaultOptions;
  /** Serve exactly these hand-built rows instead of generated data (tests; see fixture-data.ts). */
  fixture?: EpicorFixture;
  /**
   * Server behaviours to switch on (see server-profile.ts): a name (`strict-iis`, `row-cap+iis-limits`) or the
   * switches themselves. Default: the environment's ML_CONNECTOR_EPICOR_PROFILE, else none.
   */
  profile?: string | ServerProfile;
}

export interface EpicorEmulator {
  /** Starts listening (default port 0 on 127.0.0.1); resolves the base URL `http://127.0.0.1:<port>/kinetic`. */
  listen(port?: number, host?: string): Promise<string>;
  close(): Promise<void>;
  /** Valid after `listen`. */
  readonly baseUrl: string;
  /** For mounting in-process; serves paths under `/kinetic`. */
  handler: (req: IncomingMessage, res: ServerResponse) => void;
  /** Simulates business activity now (writes stamped with the clock). */
  advance(activity?: ActivityOptions): ActivityReport;
  setFaults(f: FaultOptions): void;
  setLatency(l: LatencyOptions): void;
  /** Switches server behaviours (replaces the current profile). */
  setProfile(p: string | ServerProfile): void;
  /** The server behaviours in force. */
  profile(): ServerProfile;
  revokeTokens(): void;
  /** Changes the fields one company's entity set shows in `$metadata` and rows (undefined restores them). */
  setSchemaDrift(company: string, entitySet: string, drift: SchemaDrift | undefined): void;
  /** Current rows (copies), for ground-truth checks. */
  records(company: string, entitySet: string): Record<string, unknown>[];
  /** Key fields + SysRowID of deleted rows. */
  deleted(company: string, entitySet: string): Record<string, unknown>[];
  /** Highest SysRevID handed out so far (database-wide). */
  maxRevision(): number;
  stats(): EmulatorStats;
  resetStats(): void;
}

const emptyStats = (): EmulatorStats => ({
  requests: 0,
  byStatus: {},
  byPath: {},
  rowsServed: 0,
  maxQueryBytes: 0,
  log: [],
});

export function createEpicorEmulator(opts: EpicorEmulatorOptions = {}): EpicorEmulator {
  const seed = opts.seed ?? 1;
  const clock = opts.clock ?? systemClock;
  const profile = serverProfile(opts.profile ?? (process.env[PROFILE_ENV] || undefined));
  // The schema switches live with the data; `wideRows` shapes the stored rows, so it is fixed at creation.
  const db = new EpicorDatabase(seed, opts.scale ?? 1, { schemaProfile: profile, fixture: opts.fixture });
  const activityPrng = new Prng(mixSeed(seed, 0xac7));
  const state: HandlerState = {
    db,
    tokens: new TokenRegistry(clock, opts.tokenTtlSeconds ?? 3600),
    limits: {
      maxTop: opts.maxTop ?? 10_000,
      defaultTop: 100,
      countEnabled: opts.countEnabled ?? true,
      rowCap: profile.rowCap,
    },
    profile,
    faults: { ...opts.faults },
    latency: { ...opts.latency },
    faultPrng: new Prng(mixSeed(seed, 0xfa17)),
    latencyPrng: new Prng(mixSeed(seed, 0x1a7e)),
    stats: emptyStats(),
    advance: (activity = {}) => runActivity(db, activity, clock.now(), activityPrng),
    setFaults: (f) => {
      state.faults = { ...f };
    },
    setLatency: (l) => {
      state.latency = { ...l };
    },
    setProfile: (p) => {
      state.profile = serverProfile(p);
      state.limits = { ...state.limits, rowCap: state.profile.rowCap };
      db.setSchemaProfile(state.profile);
    },
    revokeTokens: () => state.tokens.revokeAll(),
  };
  const handler = createRequestHandler(state);
  let server: Server | undefined;
  let baseUrl = '';

  return {
    handler,
    get baseUrl() {
      return baseUrl;
    },
    listen(port = 0, host = '127.0.0.1') {
      return new Promise((resolve, reject) => {
        const s = createServer(handler);
        s.once('error', reject);
        s.listen(port, host, () => {
          server = s;
          const address = s.address() as AddressInfo;
          const shownHost = address.family === 'IPv6' ? `[${address.address}]` : address.address;
          baseUrl = `http://${shownHost}:${address.port}${BASE_PATH}`;
          resolve(baseUrl);
        });
      });
    },
    close() {
      return new Promise((resolve, reject) => {
        if (!server) return resolve();
        const s = server;
        server = undefined;
        s.close((e) => (e ? reject(e) : resolve()));
        s.closeAllConnections();
      });
    },
    advance: (activity) => state.advance(activity ?? {}),
    setFaults: (f) => state.setFaults(f),
    setLatency: (l) => state.setLatency(l),
    setProfile: (p) => state.setProfile(p),
    profile: () => ({ ...state.profile }),
    revokeTokens: () => state.revokeTokens(),
    setSchemaDrift: (company, entitySet, drift) => db.setSchemaDrift(company, entitySet, drift),
    records(company, entitySet) {
      const store = db.requireStore(company, entitySet);
      const out: Row[] = [];
      for (const i of store.liveIndices()) out.push({ ...store.get(i) });
      return out;
    },
    deleted: (company, entitySet) => db.requireStore(company, entitySet).deleted(),
    maxRevision: () => db.counter.max(),
    stats: () => structuredClone(state.stats),
    resetStats() {
      state.stats = emptyStats();
    },
  };
}
