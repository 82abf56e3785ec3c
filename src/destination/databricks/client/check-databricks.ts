/**
 * `check --only databricks` (SPEC §2, issue 16 items 9 and 12): a token is obtained, the warehouse answers
 * `SELECT 1`, the catalog exists, the schema and staging volume exist and are usable — or, when missing, what the
 * first sync will create — and whether this principal's grants allow it. **Only reads**; `--fix` creates the schema
 * and the volume (the same `IF NOT EXISTS` statements the first sync runs).
 */

import { type Probe, type ProbeListener, ProbeLog } from '../../../check-probe.ts';
import { type Clock, systemClock } from '../../../clock.ts';
import type { DatabricksConfig } from '../../../config/schema.ts';
import { ConnectorError, messageOf } from '../../../errors.ts';
import { createHttpClient } from '../../../http/http-client.ts';
import { networkError } from '../../../http/network-error.ts';
import { qualifiedName, quoteIdentifier } from '../sql/identifier.ts';
import { volumeRoot } from '../sql/volume-path.ts';
import { type GrantTarget, probeGrants } from './check-databricks-grants.ts';
import { createDatabricksClient, type DatabricksClient, type DatabricksClientOptions } from './databricks-client.ts';

export interface DatabricksCheckOptions extends DatabricksClientOptions {
  /** Create the schema and volume when missing. */
  fix?: boolean;
  listener?: ProbeListener;
}

export interface DatabricksCheckResult {
  probes: Probe[];
  /** SQL statements the check ran. */
  statements: number;
}

/** What a statement run by the check needs: SQL in, rows out, counted. */
export type RunSql = (sql: string) => Promise<(string | null)[][]>;

/** Runs the Databricks probes; a failed token or warehouse stops the ones that need it. */
export async function checkDatabricks(
  config: DatabricksConfig,
  opts: DatabricksCheckOptions = {},
): Promise<DatabricksCheckResult> {
  const client = createDatabricksClient(config, {
    timeoutMs: 15_000,
    retry: { maxRetries: 1, minTimeoutMs: 200, maxTimeoutMs: 1000 },
    ...opts,
    statements: { waitTimeout: '10s', maxAttempts: 1, maxWaitMs: 300_000, ...opts.statements },
  });
  const log = new ProbeLog('databricks', opts.listener);
  const clock = opts.clock ?? systemClock;
  let statements = 0;
  const sql: RunSql = async (text) => {
    statements++;
    // SELECT 1 may wait for a cold warehouse (statements maxWaitMs); catalog reads answer in seconds.
    if (text === 'SELECT 1') return (await client.statements.execute(text)).rows;
    return within(
      clock,
      STATEMENT_DEADLINE_MS,
      `the statement ${text.split(' ').slice(0, 2).join(' ')}`,
      async (signal) => (await client.statements.execute(text, { signal })).rows,
    );
  };
  const token = () =>
    within(clock, TOKEN_DEADLINE_MS, `a token from ${new URL(config.host).host}`, (signal) =>
      client.credentials.token(signal),
    );
  try {
    const ping = () => pingHost(config.host, clock);
    await runProbes(client, config, log, sql, token, ping, opts.fix === true);
  } finally {
    await client.close();
  }
  return { probes: log.probes, statements };
}

const TOKEN_DEADLINE_MS = 15_000;
const STATEMENT_DEADLINE_MS = 60_000;

/** Runs `fn` with a signal aborted after `ms` on the clock; the TIMEOUT error names `what`. */
async function within<T>(clock: Clock, ms: number, what: string, fn: (signal: AbortSignal) => Promise<T>): Promise<T> {
  const controller = new AbortController();
  const stop = new AbortController();
  const timeout = new ConnectorError('TIMEOUT', `no answer within ${ms / 1000} s while waiting for ${what}`);
  clock.sleep(ms, stop.signal).then(
    () => controller.abort(timeout),
    () => {},
  );
  try {
    return await fn(controller.signal);
  } catch (e) {
    throw controller.signal.aborted ? timeout : e;
  } finally {
    stop.abort();
  }
}

/**
 * One GET of the OAuth discovery document, with its own deadline tied to the request: a host that accepts
 * connections but never answers fails here in seconds (the token provider's shared refresh is not tied to one
 * caller's signal, so its request would outlive the check's deadline). Any HTTP answer counts.
 */
async function pingHost(host: string, clock: Clock): Promise<void> {
  const http = createHttpClient({
    api: 'databricks',
    concurrency: 1,
    timeoutMs: TOKEN_DEADLINE_MS + 1000,
    retry: { maxRetries: 0 },
    clock,
    classify: (res, error) => (res ? null : networkError(`Databricks at ${new URL(host).host}`, error)),
  });
  try {
    await within(clock, TOKEN_DEADLINE_MS, `a token from ${new URL(host).host}`, (signal) =>
      http.request({ method: 'GET', url: `${host}/oidc/.well-known/oauth-authorization-server`, signal }),
    );
  } finally {
    await http.close();
  }
}

async function runProbes(
  client: DatabricksClient,
  config: DatabricksConfig,
  log: ProbeLog,
  sql: RunSql,
  token: () => Promise<string>,
  ping: () => Promise<void>,
  fix: boolean,
): Promise<void> {
  const host = new URL(config.host).host;
  log.waiting(`a Databricks token from ${host} (up to ${TOKEN_DEADLINE_MS / 1000} s)`);
  try {
    await ping();
    await token();
    log.ok(
      'databricks.token',
      'Databricks token',
      client.credentials.method === 'pat'
        ? 'personal access token configured.'
        : `OAuth token obtained (${client.credentials.method}).`,
    );
  } catch (e) {
    log.failed('databricks.token', 'Databricks token', messageOf(e), 'check databricks.host and databricks.auth');
    return;
  }

  log.waiting(`warehouse ${config.warehouseId} to answer SELECT 1 (a stopped warehouse can take minutes to start)`);
  try {
    const rows = await sql('SELECT 1');
    if (rows[0]?.[0] !== '1') throw new Error(`it answered SELECT 1 with ${JSON.stringify(rows)}`);
    log.ok('databricks.warehouse', 'Databricks warehouse', `warehouse ${config.warehouseId} answered SELECT 1.`);
  } catch (e) {
    const notThere =
      e instanceof ConnectorError &&
      (e.code === 'NOT_FOUND' || /RESOURCE_DOES_NOT_EXIST|warehouse/i.test(e.message)) &&
      e.code !== 'TIMEOUT';
    log.failed(
      'databricks.warehouse',
      'Databricks warehouse',
      notThere
        ? `warehouse ${config.warehouseId} does not exist on ${host} or this principal cannot use it (${messageOf(e)})`
        : `warehouse ${config.warehouseId} did not answer SELECT 1: ${messageOf(e)}`,
      notThere
        ? 'check databricks.warehouseId (SQL Warehouses → the warehouse → Connection details: the id at the end of the HTTP path) and that the principal has CAN USE on it'
        : 'check that the warehouse is running and databricks.warehouseId',
    );
    return;
  }

  const { catalog, schema, volume } = config;
  const schemaName = `${quoteIdentifier(catalog, 'catalog')}.${quoteIdentifier(schema, 'schema')}`;
  const volumeName = qualifiedName(catalog, schema, volume);
  const root = volumeRoot({ catalog, schema }, volume);
  const like = (s: string) => `'${s.replace(/'/g, '')}'`;

  // Catalog: must exist (creating one needs a managed location and admin rights; never done here).
  try {
    const rows = await sql(`SHOW CATALOGS LIKE ${like(catalog)}`);
    if (!rows.some((r) => r[0]?.toLowerCase() === catalog.toLowerCase())) {
      log.failed(
        'databricks.catalog',
        'Databricks catalog',
        `catalog ${catalog} does not exist or this principal cannot see it`,
        'set databricks.catalog to an existing catalog (or have an admin create it and GRANT USE CATALOG on it)',
      );
      return;
    }
    log.ok('databricks.catalog', 'Databricks catalog', `catalog ${catalog} exists.`);
  } catch (e) {
    log.failed('databricks.catalog', 'Databricks catalog', `listing catalogs: ${messageOf(e)}`);
    return;
  }

  let schemaExists = false;
  let volumeExists = false;
  try {
    const rows = await sql(`SHOW SCHEMAS IN ${quoteIdentifier(catalog, 'catalog')} LIKE ${like(schema)}`);
    schemaExists = rows.some((r) => r[0]?.toLowerCase() === schema.toLowerCase());
    if (schemaExists) {
      const volumes = await sql(`SHOW VOLUMES IN ${schemaName} LIKE ${like(volume)}`);
      volumeExists = volumes.some((r) => r[1]?.toLowerCase() === volume.toLowerCase());
    }
  } catch (e) {
    log.failed('databricks.schema', 'Databricks schema', `listing ${catalog}.${schema}: ${messageOf(e)}`);
    return;
  }

  const target: GrantTarget = { catalog, schema, volume, schemaExists, volumeExists };
  if (fix) {
    // What the first sync would do, now: the same idempotent statements.
    try {
      if (!schemaExists) await sql(`CREATE SCHEMA IF NOT EXISTS ${schemaName}`);
      if (!volumeExists) await sql(`CREATE VOLUME IF NOT EXISTS ${volumeName}`);
    } catch (e) {
      log.failed(
        'databricks.fix',
        'Create schema and volume (--fix)',
        `could not create ${schemaExists ? `volume ${volumeName}` : `schema ${catalog}.${schema}`}: ${messageOf(e)}`,
        schemaExists
          ? `GRANT CREATE VOLUME ON SCHEMA ${schemaName} to this principal, or create the volume`
          : `GRANT USE CATALOG, CREATE SCHEMA ON CATALOG ${quoteIdentifier(catalog)} to this principal, or create the schema`,
      );
      await probeGrants(log, sql, target, client.credentials.method === 'pat' ? undefined : clientIdOf(config));
      return;
    }
    const made = [
      !schemaExists && `schema ${catalog}.${schema}`,
      !volumeExists && `volume ${catalog}.${schema}.${volume}`,
    ].filter(Boolean);
    if (made.length > 0) {
      log.ok('databricks.fix', 'Create schema and volume (--fix)', `created ${made.join(' and ')}.`);
    }
    target.schemaExists = true;
    target.volumeExists = true;
  }

  if (target.schemaExists) {
    try {
      const tables = await sql(`SHOW TABLES IN ${schemaName}`);
      log.ok(
        'databricks.schema',
        'Databricks schema',
        `schema ${catalog}.${schema} exists (${tables.length} tables and views).`,
      );
    } catch (e) {
      log.failed(
        'databricks.schema',
        'Databricks schema',
        `schema ${catalog}.${schema} cannot be listed: ${messageOf(e)}`,
        `GRANT USE SCHEMA ON SCHEMA ${schemaName} to this principal`,
      );
    }
  } else {
    log.ok(
      'databricks.schema',
      'Databricks schema',
      `schema ${catalog}.${schema} does not exist yet: the first sync creates it (or run check --fix).`,
    );
  }
  if (target.volumeExists) {
    try {
      const entries = await client.files.list(`${root}/`);
      log.ok(
        'databricks.volume',
        'Databricks volume',
        `staging volume ${root} exists and lists (${entries.length} entries).`,
      );
    } catch (e) {
      log.failed(
        'databricks.volume',
        'Databricks volume',
        `staging volume ${root} cannot be listed: ${messageOf(e)}`,
        `GRANT READ VOLUME, WRITE VOLUME ON VOLUME ${volumeName} to this principal`,
      );
    }
  } else {
    log.ok(
      'databricks.volume',
      'Databricks volume',
      `staging volume ${root} does not exist yet: the first sync creates it (or run check --fix).`,
    );
  }
  await probeGrants(log, sql, target, client.credentials.method === 'pat' ? undefined : clientIdOf(config));
}

function clientIdOf(config: DatabricksConfig): string | undefined {
  return config.auth.type === 'oauth-m2m' ? config.auth.clientId : undefined;
}
