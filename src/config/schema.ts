/**
 * The configuration contract (SPEC §3) as one zod schema: strict objects (unknown keys rejected), defaults filled,
 * every error naming the key path and what to fix. `Config` is the resolved, validated shape the product uses.
 */
import { isAbsolute, resolve } from 'node:path';
import { z } from 'zod';
import { isTimeZone } from '../date-time.ts';
import { ConnectorError } from '../errors.ts';
import { ENTITIES, entityByName } from '../source/epicor/catalog.ts';
import { type AlertTarget, alertsSchema, freshnessSlaSchema } from './alerts-config.ts';
import { type AnalyticsConfig, analyticsSchema } from './analytics-config.ts';
import { type ColumnsConfig, columnsSchema } from './columns-config.ts';
import { type EntityChoice, type EntitySelection, entitySelectionSchema } from './entity-selection.ts';
import { formatIssues } from './format-issues.ts';
import { isHttpUrl } from './http-url.ts';
import { type Schedule, scheduleSchema } from './schedule.ts';
import { type SchemaChangesConfig, schemaChangesSchema } from './schema-changes-config.ts';

export type {
  AlertTarget,
  AnalyticsConfig,
  ColumnsConfig,
  EntityChoice,
  EntitySelection,
  Schedule,
  SchemaChangesConfig,
};

export type EpicorAuth =
  | { type: 'oauth2'; tokenUrl: string; clientId: string; clientSecret: string; scope?: string }
  | { type: 'basic'; username: string; password: string }
  | { type: 'token-resource'; username: string; password: string };

export interface EpicorConfig {
  /** Server + instance, no trailing slash, e.g. `https://host/SaaS5333`. */
  baseUrl: string;
  /** One or more company ids (`company:` in YAML accepts a string or a list). */
  companies: string[];
  apiKey: string;
  auth: EpicorAuth;
  pageSize: number;
  concurrency: number;
  timeoutSeconds: number;
  /** Absolute path of an extra CA bundle (resolved against the config file's folder). */
  caFile?: string;
  /** No request's query string exceeds this many bytes after percent-encoding (IIS default 2048). */
  maxQueryBytes?: number;
  /** IANA zone of Epicor date values served without an offset (validation fills in `UTC`; unset reads as UTC). */
  timeZone?: string;
}

export type DatabricksAuth =
  | {
      type: 'oauth-m2m';
      level: 'workspace' | 'account';
      /** Set when level is `account`. */
      accountId: string | null;
      /** Accounts console host for account-level tokens; unset → derived from the workspace host's cloud. */
      accountsHost?: string;
      clientId: string;
      clientSecret: string;
    }
  | { type: 'pat'; token: string };

export interface DatabricksConfig {
  /** Workspace URL, no trailing slash. */
  host: string;
  warehouseId: string;
  catalog: string;
  schema: string;
  volume: string;
  auth: DatabricksAuth;
  layout: 'cluster' | 'partition';
  /**
   * Compression of the staged Parquet parts: gzip (default) or none. Measured at real row widths (bench
   * parquet-writers.ts, 50 Mbit/s uplink model): gzip level 1 costs ~7% more encode CPU and makes parts ~3.5× smaller.
   */
  stagingCompression: 'none' | 'gzip';
  /**
   * Longest wait for one statement before the client cancels it (default 21600 s = 6 h: a first MERGE of a large
   * tenant on a small warehouse runs for hours; the warehouse itself allows 2 days).
   */
  statementTimeoutSeconds?: number;
}

export interface Config {
  epicor: EpicorConfig;
  databricks: DatabricksConfig;
  schedule: Schedule;
  reconcile: Schedule;
  entities: EntitySelection;
  /** Where `run` serves /healthz and /metrics: loopback by default; `0.0.0.0` in a container for Prometheus. */
  metrics: { port: number; host: string };
  analytics: AnalyticsConfig;
  /** Dimension entities that also keep an SCD type 2 table `<table>_history` (issue 19 item 1). */
  history: string[];
  /** Webhooks told about failed, partial and recovered runs and stale entities (issue 19 item 5). */
  alerts: AlertTarget[];
  /** Hours an entity may go without a successful run before `run` sends `stale` (default 26). */
  freshnessSlaHours: number;
  /** Per entity: fields never stored and fields stored as a salted SHA-256 (issue 19 item 2). */
  columns?: ColumnsConfig;
  /** What a load does when the source's fields no longer match the table (issue 19 item 3). */
  schemaChanges?: SchemaChangesConfig;
  /** The local web console inside `run` (`ml-connector ui` takes the same keys); null = off. */
  ui: UiConfig | null;
  /**
   * Map and encode each entity's rows in a worker thread (a second core) instead of the main thread. Off by
   * default: on a 2-core machine shared with other work it did not pay off (bench: `npm run bench -- --worker`).
   */
  mapWorker: boolean;
}

/** `ui:` — where the console listens; `token` fixes the login token (otherwise a new one is printed at start). */
export interface UiConfig {
  port: number;
  host: string;
  token?: string;
}

// ---- building blocks -------------------------------------------------------------------------------------------

const URL_MSG = 'must be a URL starting with http:// or https://';

/** An http(s) URL; trailing slashes removed. */
const httpUrl = z
  .string({ error: URL_MSG })
  .refine(isHttpUrl, { error: URL_MSG })
  .transform((s) => s.replace(/\/+$/, ''));

const text = (what = 'a string') => z.string({ error: `must be ${what}` }).min(1, { error: `must not be empty` });

const intBetween = (min: number, max: number, dflt: number) => {
  const msg = `must be an integer between ${min} and ${max}`;
  return z.number({ error: msg }).int({ error: msg }).min(min, { error: msg }).max(max, { error: msg }).default(dflt);
};

const TIME_ZONE_MSG = 'must be an IANA time zone name such as UTC, America/Chicago or Europe/Berlin';

const COMPANY_MSG = 'must be an Epicor company id (letters, digits, _ or -, at most 32)';
const companyId = z.string({ error: COMPANY_MSG }).regex(/^[A-Za-z0-9_-]{1,32}$/, { error: COMPANY_MSG });

const IDENT_MSG = 'must be an identifier (letter or _, then letters, digits or _; at most 255)';
const identifier = z.string({ error: IDENT_MSG }).regex(/^[A-Za-z_][A-Za-z0-9_]{0,254}$/, { error: IDENT_MSG });

/** A discriminated union whose bad `type` names the allowed values. */
const byType = <T extends readonly [z.core.$ZodTypeDiscriminable, ...z.core.$ZodTypeDiscriminable[]]>(options: T) =>
  z.discriminatedUnion('type', options, { error: 'must be a mapping with a type: key' });

// ---- sections --------------------------------------------------------------------------------------------------

const epicorAuth = byType([
  z.strictObject({
    type: z.literal('oauth2'),
    tokenUrl: httpUrl,
    clientId: text(),
    clientSecret: text(),
    scope: text().optional(),
  }),
  z.strictObject({ type: z.literal('basic'), username: text(), password: text() }),
  z.strictObject({ type: z.literal('token-resource'), username: text(), password: text() }),
]);

const epicor = z
  .strictObject(
    {
      baseUrl: httpUrl,
      company: z.union([companyId, z.array(companyId).min(1, { error: 'must list at least one company' })], {
        error: (iss) => (Array.isArray(iss.input) ? undefined : 'must be a company id or a list of company ids'),
      }),
      apiKey: text(),
      auth: epicorAuth,
      pageSize: intBetween(1, 10000, 500),
      concurrency: intBetween(1, 32, 4),
      timeoutSeconds: intBetween(1, 3600, 120),
      caFile: text('a file path').optional(),
      maxQueryBytes: intBetween(256, 65536, 2048),
      timeZone: z
        .string({ error: TIME_ZONE_MSG })
        .refine(isTimeZone, { error: (iss) => `${TIME_ZONE_MSG}; ${JSON.stringify(iss.input)} is not one` })
        .default('UTC'),
    },
    { error: 'must be a mapping of keys to values' },
  )
  .transform(({ company, ...rest }): EpicorConfig => {
    const companies = [...new Set(Array.isArray(company) ? company : [company])];
    return { ...rest, companies };
  });

const databricksAuth = byType([
  z
    .strictObject({
      type: z.literal('oauth-m2m'),
      level: z.enum(['workspace', 'account']).default('workspace'),
      accountId: z.string({ error: 'must be a string or null' }).min(1).nullable().default(null),
      accountsHost: httpUrl.optional(),
      clientId: text(),
      clientSecret: text(),
    })
    .superRefine((a, ctx) => {
      if (a.level === 'account' && a.accountId === null) {
        ctx.addIssue({ code: 'custom', path: ['accountId'], message: 'is required when level is account' });
      }
    }),
  z.strictObject({ type: z.literal('pat'), token: text() }),
]);

const databricks = z.strictObject(
  {
    host: httpUrl,
    warehouseId: text(),
    catalog: identifier,
    schema: identifier,
    volume: identifier.default('ml_connector_staging'),
    auth: databricksAuth,
    layout: z.enum(['cluster', 'partition']).default('cluster'),
    stagingCompression: z.enum(['none', 'gzip']).default('gzip'),
    // Up to the warehouse's own STATEMENT_TIMEOUT default of 2 days (172800 s).
    statementTimeoutSeconds: z.number().int().min(60).max(172_800).default(21_600),
  },
  { error: 'must be a mapping of keys to values' },
);

const HISTORY_MSG = `must be a list of dimension entities, e.g. [vendors, customers, parts]`;

/** Dimensions with SCD2 history tables: only dimensions (facts already keep every version). */
const historySchema = z
  .array(z.string({ error: HISTORY_MSG }), { error: HISTORY_MSG })
  .superRefine((names, ctx) => {
    names.forEach((name, i) => {
      const def = ENTITIES.find((e) => e.name === name);
      if (!def) {
        ctx.addIssue({
          code: 'custom',
          path: [i],
          message: `${JSON.stringify(name)} is not an entity; ${HISTORY_MSG}`,
        });
      } else if (def.kind !== 'dimension') {
        ctx.addIssue({
          code: 'custom',
          path: [i],
          message: `${name} is a fact (facts keep every version already); ${HISTORY_MSG}`,
        });
      }
    });
  })
  .transform((names) => [...new Set(names)])
  .default([]);

/** The whole configuration file (after `${env:}`/`${secret:}` interpolation). */
export const configSchema = z.strictObject(
  {
    epicor,
    databricks,
    schedule: scheduleSchema('hourly'),
    reconcile: scheduleSchema('daily'),
    entities: entitySelectionSchema,
    metrics: z
      .strictObject(
        {
          port: intBetween(0, 65535, 9464),
          // Loopback unless asked: the endpoints have no authentication (issue 16 item 13).
          host: z
            .string({ error: 'must be an address to listen on, e.g. 127.0.0.1 or 0.0.0.0' })
            .trim()
            .min(1, { error: 'must be an address to listen on, e.g. 127.0.0.1 or 0.0.0.0' })
            .default('127.0.0.1'),
        },
        { error: 'must be a mapping like { port: 9464, host: 127.0.0.1 }' },
      )
      .default({ port: 9464, host: '127.0.0.1' }),
    analytics: analyticsSchema,
    history: historySchema,
    alerts: alertsSchema,
    freshnessSlaHours: freshnessSlaSchema,
    columns: columnsSchema(entityByName),
    schemaChanges: schemaChangesSchema((name) => entityByName(name) !== undefined),
    ui: z
      .strictObject(
        {
          port: intBetween(0, 65535, 8765),
          // Loopback unless asked: the console can start syncs and write credentials.
          host: z
            .string({ error: 'must be an address to listen on, e.g. 127.0.0.1' })
            .trim()
            .min(1, { error: 'must be an address to listen on, e.g. 127.0.0.1' })
            .default('127.0.0.1'),
          token: z
            .string({ error: 'must be a string' })
            .min(16, { error: 'must be at least 16 characters' })
            .optional(),
        },
        { error: 'must be null or a mapping like { port: 8765 }' },
      )
      .nullable()
      .default(null),
    mapWorker: z.boolean({ error: 'must be true or false' }).default(false),
  },
  { error: 'the configuration must be a YAML mapping with epicor: and databricks: sections' },
);

/** Most problems listed in one error message; the rest are counted. */
const MAX_LISTED = 5;

/**
 * Validates an interpolated config tree. Relative `caFile` is resolved against `configDir`.
 * Throws CONFIG_INVALID naming every bad key path (`epicor.pageSize: must be an integer between 1 and 10000`).
 */
export function parseConfig(raw: unknown, opts: { configDir: string; source?: string }): Config {
  const result = configSchema.safeParse(raw);
  if (!result.success) {
    const problems = formatIssues(result.error, raw, configSchema);
    const listed = problems.slice(0, MAX_LISTED).join('; ');
    const more = problems.length > MAX_LISTED ? ` (and ${problems.length - MAX_LISTED} more)` : '';
    const where = opts.source ? `invalid configuration in ${opts.source}: ` : 'invalid configuration: ';
    throw new ConnectorError('CONFIG_INVALID', `${where}${listed}${more}`, { details: { problems } });
  }
  const config: Config = result.data;
  const ca = config.epicor.caFile;
  if (ca !== undefined && !isAbsolute(ca)) config.epicor.caFile = resolve(opts.configDir, ca);
  return config;
}
