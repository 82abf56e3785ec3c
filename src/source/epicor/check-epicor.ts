/**
 * `check --only epicor` (SPEC §2, issue 12 item 8): proves the configured tenant fits, with one probe per fact —
 * the base URL answers as Epicor REST v2, the API key and credentials are accepted, each company exists, each
 * configured entity answers under this API key's access scope and maps, and how the server behaves (rows per
 * response, longest query string, date literals, child-set filters). Probes only read, use a handful of requests
 * with short deadlines, and stop at the first failure that decides the rest.
 */

import { type Probe, type ProbeListener, ProbeLog } from '../../check-probe.ts';
import type { EpicorConfig } from '../../config/schema.ts';
import { ConnectorError, messageOf } from '../../errors.ts';
import type { HttpResponse } from '../../http/http-client.ts';
import type { EntityDef } from './catalog.ts';
import { answerOf, isCompanyAnswer, withoutQuery } from './check-epicor-answer.ts';
import { probeEntities, type SampleMapper } from './check-epicor-entities.ts';
import { type CheckConnection, type CheckHttpOptions, createCheckConnection } from './check-epicor-http.ts';
import { probeQueryLength, probeRowsPerResponse } from './check-epicor-limits.ts';
import { probeChildFilters, probeDateLiterals } from './check-epicor-odata.ts';
import { classifyEpicor } from './epicor-error-mapper.ts';
import { queryString, stringLiteral } from './odata-query.ts';

export interface EpicorCheckOptions extends CheckHttpOptions {
  listener?: ProbeListener;
  /** Maps each entity's sample row as a sync would (see `pipeline/check-sample-mapper.ts`). */
  mapSample?: SampleMapper;
}

export interface EpicorCheckResult {
  probes: Probe[];
  /** HTTP requests the check sent (every attempt, token requests included). */
  requests: number;
}

const COMPANY_SET = { service: 'Erp.BO.CompanySvc', entitySet: 'Companies' };
const BASE_URL_FIX = 'check epicor.baseUrl (server + instance, e.g. https://host/SaaS5333)';

/** Runs the Epicor probes for `entities` (the configured ones) in order. */
export async function checkEpicor(
  config: EpicorConfig,
  entities: readonly EntityDef[],
  opts: EpicorCheckOptions = {},
): Promise<EpicorCheckResult> {
  const log = new ProbeLog('epicor', opts.listener);
  const conn = createCheckConnection(config, opts);
  try {
    const company = await probeAccess(config, conn, log);
    if (company !== undefined) {
      const ctx = { config, conn, log, company, mapSample: opts.mapSample };
      const readable = await probeEntities(ctx, entities);
      await probeRowsPerResponse(ctx, readable);
      await probeQueryLength(ctx);
      await probeDateLiterals(ctx, readable);
      await probeChildFilters(ctx, readable);
    }
  } finally {
    await conn.close();
  }
  return { probes: log.probes, requests: conn.requests() };
}

/**
 * Reachable, API key, credentials, companies. Returns the first company that exists (the entity and behaviour probes
 * read it), or undefined when a failure makes them pointless.
 */
async function probeAccess(config: EpicorConfig, conn: CheckConnection, log: ProbeLog): Promise<string | undefined> {
  const first = config.companies[0];
  const rootUrl = `${conn.client.entityUrl(first, COMPANY_SET).replace(/\/Companies$/, '')}/`;
  const seconds = conn.timeoutMs / 1000;

  // 1. Without credentials: does anything at the base URL answer like Epicor?
  log.waiting(`Epicor at ${rootUrl} (up to ${seconds} s)`);
  let bare: HttpResponse;
  try {
    bare = await conn.get(rootUrl, `Epicor at ${rootUrl}`, { auth: false });
  } catch (e) {
    if (e instanceof ConnectorError && e.code === 'TIMEOUT') {
      log.failed(
        'epicor.reachable',
        'Epicor reachable',
        `${rootUrl} sent no answer within ${seconds} s`,
        'check epicor.baseUrl, and that the Epicor application server behind it is running (the connection was accepted, nothing answered)',
      );
      return undefined;
    }
    const fix = /caFile/.test(messageOf(e))
      ? 'set epicor.caFile to the CA certificate (PEM) of the server'
      : 'check epicor.baseUrl and the network path to the server';
    log.failed('epicor.reachable', 'Epicor reachable', `${rootUrl} cannot be reached: ${messageOf(e)}`, fix);
    return undefined;
  }
  const bareAnswer = answerOf(bare);
  const notEpicor = notEpicorReason(bare, bareAnswer.kind, first);
  if (notEpicor) {
    log.failed('epicor.reachable', 'Epicor reachable', `${rootUrl} ${notEpicor}`, fixFor(bare));
    return undefined;
  }

  // 2. One authenticated read per company decides the API key, the credentials and the company.
  let authenticated = false;
  for (const company of config.companies) {
    const qs = queryString({ filter: `Company1 eq ${stringLiteral(company)}`, select: ['Company1', 'Name'], top: 1 });
    const url = `${conn.client.entityUrl(company, COMPANY_SET)}?${qs}`;
    let res: HttpResponse;
    try {
      res = await conn.get(url, `the company read for ${company} (token, then Erp.BO.CompanySvc/Companies)`);
    } catch (e) {
      if (!authenticated) {
        if (e instanceof ConnectorError && e.code === 'AUTH_FAILED') {
          log.ok('epicor.reachable', 'Epicor reachable', reachableMessage(rootUrl, bare));
          log.failed('epicor.auth', `Authenticated (${config.auth.type})`, messageOf(e), authFix(config));
          return undefined;
        }
        log.failed('epicor.reachable', 'Epicor reachable', `${withoutQuery(url)}: ${messageOf(e)}`, BASE_URL_FIX);
        return undefined;
      }
      log.failed(`epicor.company.${company}`, `Company ${company} exists`, messageOf(e));
      continue;
    }
    const answer = answerOf(res);
    if (res.status === 200 && answer.kind === 'odata') {
      if (!authenticated) {
        authenticated = true;
        log.ok('epicor.reachable', 'Epicor reachable', reachableMessage(rootUrl, bare));
        log.ok('epicor.api-key', 'API key accepted', 'Epicor accepted x-api-key.');
        log.ok('epicor.auth', `Authenticated (${config.auth.type})`, 'an authenticated read succeeded.');
      }
      const row = (res.json<{ value: Record<string, unknown>[] }>().value ?? []).find((r) => r.Company1 === company);
      if (row) log.ok(`epicor.company.${company}`, `Company ${company} exists`, String(row.Name ?? company));
      else log.failed(`epicor.company.${company}`, `Company ${company} exists`, companyMissing(company), COMPANY_FIX);
      continue;
    }
    if (res.status === 401 || res.status === 403) {
      const err = classifyEpicor(res, undefined) ?? new ConnectorError('AUTH_FAILED', `HTTP ${res.status}`);
      log.ok('epicor.reachable', 'Epicor reachable', reachableMessage(rootUrl, bare));
      if (err.details?.rejected === 'api-key') {
        log.failed('epicor.api-key', 'API key accepted', err.message, 'set epicor.apiKey to a valid API key');
      } else if (res.status === 403) {
        log.ok('epicor.api-key', 'API key accepted', 'Epicor accepted x-api-key.');
        log.failed(
          'epicor.auth',
          `Authenticated (${config.auth.type})`,
          `${err.message} (reading Erp.BO.CompanySvc/Companies)`,
          "extend the API key's access scope (and the user's rights) to Erp.BO.CompanySvc",
        );
      } else {
        log.ok('epicor.api-key', 'API key accepted', 'Epicor accepted x-api-key.');
        log.failed('epicor.auth', `Authenticated (${config.auth.type})`, err.message, authFix(config));
      }
      return undefined;
    }
    if (isCompanyAnswer(answer, company) || (authenticated && (res.status === 404 || res.status === 400))) {
      if (!authenticated) {
        // The server answered as Epicor and named the company: base URL, key and credentials got that far.
        log.ok('epicor.reachable', 'Epicor reachable', reachableMessage(rootUrl, bare));
        log.ok('epicor.api-key', 'API key accepted', 'Epicor accepted x-api-key.');
        log.ok('epicor.auth', `Authenticated (${config.auth.type})`, 'Epicor answered the authenticated read.');
        authenticated = true;
      }
      const said = answer.message ? ` (Epicor said: ${answer.message})` : '';
      log.failed(
        `epicor.company.${company}`,
        `Company ${company} exists`,
        `${companyMissing(company)}${said}`,
        COMPANY_FIX,
      );
      continue;
    }
    const reason =
      notEpicorReason(res, answer.kind, company) ??
      `answered HTTP ${res.status}${answer.message ? `: ${answer.message}` : ''}`;
    if (!authenticated) {
      log.failed('epicor.reachable', 'Epicor reachable', `${withoutQuery(url)} ${reason}`, fixFor(res));
      return undefined;
    }
    log.failed(`epicor.company.${company}`, `Company ${company} exists`, `${withoutQuery(url)} ${reason}`);
  }
  if (!authenticated) return undefined;
  return config.companies.find((c) => log.probes.some((p) => p.id === `epicor.company.${c}` && p.status === 'ok'));
}

const SERVER_FIX = 'the Epicor server answered with a server error: try again later, or ask its administrator';

function fixFor(res: HttpResponse): string {
  return res.status >= 500 ? SERVER_FIX : BASE_URL_FIX;
}

const COMPANY_FIX = 'check epicor.company (the company id as Epicor shows it, e.g. EPIC06)';

function companyMissing(company: string): string {
  return `Epicor company ${company} does not exist or this user cannot see it.`;
}

function authFix(config: EpicorConfig): string {
  switch (config.auth.type) {
    case 'oauth2':
      return 'check epicor.auth.clientId, clientSecret, tokenUrl and scope';
    default:
      return 'check epicor.auth.username and password';
  }
}

/** Why an answer is not Epicor's REST API, or undefined when it is (or could be, e.g. a 401 asking for credentials). */
function notEpicorReason(res: HttpResponse, kind: string, company: string): string | undefined {
  if (res.status === 401 || res.status === 403) return undefined;
  if (res.status === 404) {
    if (isCompanyAnswer(answerOf(res), company)) return undefined;
    return 'answered HTTP 404: there is no Epicor REST v2 service at this address';
  }
  if (res.status >= 200 && res.status < 300) {
    if (kind === 'odata' || kind === 'epicor-error') return undefined;
    return kind === 'html'
      ? `answered HTTP ${res.status} with an HTML page, not Epicor's REST API`
      : `answered HTTP ${res.status} with something that is not an OData answer`;
  }
  if (res.status >= 500) return `answered HTTP ${res.status}${kind === 'html' ? ' (an HTML error page)' : ''}`;
  if (kind === 'epicor-error') return undefined;
  return `answered HTTP ${res.status}${kind === 'html' ? ' with an HTML page' : ''}, not as Epicor's REST API`;
}

function reachableMessage(rootUrl: string, bare: HttpResponse): string {
  const how = bare.status === 401 || bare.status === 403 ? ` (HTTP ${bare.status} without credentials)` : '';
  return `${rootUrl} answered as Epicor REST v2${how}.`;
}
