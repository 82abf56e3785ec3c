/**
 * Server limits `check` measures on the tenant (reference "Request limits"):
 * - rows per response: one page of the largest readable entity at `epicor.pageSize`, and the page after it — a
 *   short first page followed by more rows means the server caps `$top` (an admin row limit, a proxy, a BO's GetRows
 *   cap). Paging ends only on an empty page, so this is adapted, not fatal.
 * - the longest query string accepted: a harmless one-node `$filter` (`Company1 ne '<padding>'`) of exact sizes,
 *   first at `epicor.maxQueryBytes`, then a binary search below it when refused (IIS 404.15 / 414 / ASP.NET HTML 400).
 */
import { messageOf } from '../../errors.ts';
import type { HttpResponse } from '../../http/http-client.ts';
import { answerOf, isExecutionTimeout, isTooLongRefusal } from './check-epicor-answer.ts';
import type { ProbeContext, ReadableEntity } from './check-epicor-entities.ts';
import { epicorErrorMessage } from './epicor-error-mapper.ts';
import { integerLiteral, queryString, stringLiteral } from './odata-query.ts';

/** Largest entities first (line-level facts outgrow their headers and every dimension). */
const BY_SIZE = [
  'gl_journal_lines',
  'ap_invoice_lines',
  'purchase_order_releases',
  'purchase_order_lines',
  'payment_lines',
  'ap_invoices',
  'purchase_orders',
  'payments',
  'parts',
  'customers',
  'vendors',
  'gl_accounts',
  'companies',
];

const REVISION = 'SysRevID';
/** Default budget when `epicor.maxQueryBytes` is not configured (IIS's `maxQueryString` default). */
export const DEFAULT_MAX_QUERY_BYTES = 2048;
/** Requests the query-length search may spend. */
const MAX_LENGTH_REQUESTS = 14;

function rank(name: string): number {
  const i = BY_SIZE.indexOf(name);
  return i < 0 ? BY_SIZE.length : i;
}

/** `$top` at `pageSize` on the largest entity, then the page after it. */
export async function probeRowsPerResponse(ctx: ProbeContext, readable: readonly ReadableEntity[]): Promise<void> {
  const { conn, log, config, company } = ctx;
  const id = 'epicor.rows-per-response';
  const title = 'Rows per response';
  const candidates = readable
    .filter((r) => r.row && r.fields.some((f) => f.name === REVISION))
    .sort((a, b) => rank(a.def.name) - rank(b.def.name));
  const pick = candidates[0];
  if (!pick) {
    log.ok(id, title, 'not measured: no configured entity with SysRevID has rows yet.');
    return;
  }
  const set = `${pick.def.service}/${pick.def.entitySet}`;
  const page = (top: number, after?: string) =>
    `${conn.client.entityUrl(company, pick.def)}?${queryString({
      select: [REVISION],
      filter: after === undefined ? undefined : `${REVISION} gt ${integerLiteral(after)}`,
      orderby: [{ field: REVISION }],
      top,
      params: pick.def.parameters,
    })}`;
  // A page the server cannot produce within ASP.NET's executionTimeout comes back as an HTML 500: halve and retry,
  // as paging does, and say which size answered.
  let top = config.pageSize;
  const timedOut: number[] = [];
  let first: HttpResponse | undefined;
  while (top >= 1) {
    log.waiting(`a page of ${top} rows of ${set}`);
    try {
      first = await conn.get(page(top), `a page of ${top} rows of ${set}`);
    } catch (e) {
      log.failed(id, title, `reading a page of ${top} rows of ${set}: ${messageOf(e)}`, 'lower epicor.pageSize');
      return;
    }
    // Remote clients may get the generic error page without the "Request timed out" detail.
    const timeoutLike = isExecutionTimeout(first) || (first.status === 500 && answerOf(first).kind === 'html');
    if (timeoutLike && timedOut.length < 3) {
      timedOut.push(top);
      top = Math.floor(top / 2);
      continue;
    }
    break;
  }
  if (!first) return;
  if (timedOut.length > 0) {
    const sizes = `${timedOut[0]} rows${timedOut.length > 1 ? ` (then ${timedOut.slice(1).join(', ')})` : ''}`;
    const answered = first.status === 200 ? `; ${top} rows answered` : '';
    log.adapted(
      'epicor.page-timeout',
      'Page size',
      `a page of ${sizes} of ${set} came back as an HTML 500 (how ASP.NET answers a request past its executionTimeout): paging retries such pages with a smaller $top${answered}.`,
      first.status === 200 ? `lower epicor.pageSize to ${top} to save the retries` : 'lower epicor.pageSize',
    );
  }
  if (first.status !== 200 || answerOf(first).kind !== 'odata') {
    const said = epicorErrorMessage(first);
    const limit = said ? /limit of '?(\d+)'?/i.exec(said)?.[1] : undefined;
    log.failed(
      id,
      title,
      `${set} refused $top=${top} (HTTP ${first.status}${said ? `: ${said}` : answerOf(first).kind === 'html' ? ', an HTML page' : ''}).`,
      limit ? `lower epicor.pageSize to ${limit}` : 'lower epicor.pageSize',
    );
    return;
  }
  const rows = first.json<{ value: Record<string, unknown>[] }>().value;
  if (rows.length >= top) {
    const asked =
      top === config.pageSize
        ? `$top=${top} (epicor.pageSize)`
        : `$top=${top} (epicor.pageSize ${config.pageSize} halved after the timeouts)`;
    log.ok(id, title, `${set} returned ${rows.length} rows for ${asked}: no cap below it.`);
    return;
  }
  const last = rows.at(-1)?.[REVISION];
  let more = 0;
  try {
    const second = await conn.get(page(top, String(last)), `the page after it of ${set}`);
    if (second.status === 200 && answerOf(second).kind === 'odata') {
      more = second.json<{ value: unknown[] }>().value.length;
    }
  } catch (e) {
    log.failed(id, title, `reading the second page of ${set}: ${messageOf(e)}`);
    return;
  }
  if (more === 0) {
    log.ok(
      id,
      title,
      `${set} holds ${rows.length} rows, fewer than $top=${top}: all came in one response (no cap seen up to ${rows.length}).`,
    );
    return;
  }
  log.adapted(
    id,
    title,
    `server returns at most ${rows.length} rows per request ($top=${top} on ${set} gave ${rows.length}, and the next page ${more} more); paging continues past short pages.`,
  );
}

/** How a refusal looked, for the message. */
function refusalText(res: HttpResponse): string {
  const text = res.text();
  if (/404\.15/.test(text)) return `HTTP ${res.status}, an IIS 404.15 "query string too long" page`;
  if (res.status === 414) return 'HTTP 414 URI too long';
  const said = epicorErrorMessage(res);
  if (said) return `HTTP ${res.status}: ${said}`;
  return `HTTP ${res.status}${answerOf(res).kind === 'html' ? ', an HTML page' : ''}`;
}

/** Binary search for the longest query string the server accepts, up to `epicor.maxQueryBytes`. */
export async function probeQueryLength(ctx: ProbeContext): Promise<void> {
  const { conn, log, config, company } = ctx;
  const id = 'epicor.query-length';
  const title = 'Query string length';
  const budget = config.maxQueryBytes ?? DEFAULT_MAX_QUERY_BYTES;
  const base = conn.client.entityUrl(company, { service: 'Erp.BO.CompanySvc', entitySet: 'Companies' });
  const queryOf = (pad: number) =>
    queryString({ select: ['Company1'], filter: `Company1 ne ${stringLiteral('x'.repeat(pad))}`, top: 1 });
  // Measured as it goes out: the WHATWG URL parser behind undici re-encodes `'` as %27 in a query string.
  const sentBytes = (q: string) => new URL(`${base}?${q}`).search.length - 1;
  const minimum = sentBytes(queryOf(0));
  const sized = (bytes: number) => queryOf(Math.max(0, bytes - minimum));
  let requests = 0;
  let refusal: HttpResponse | undefined;
  /** true = accepted, false = refused for its length; throws on anything else. */
  const attempt = async (bytes: number): Promise<boolean> => {
    requests++;
    const res = await conn.get(`${base}?${sized(bytes)}`, `a ${bytes}-byte query string`);
    if (res.status === 200 && answerOf(res).kind === 'odata') return true;
    if (isTooLongRefusal(res) || (res.status >= 400 && res.status < 500)) {
      refusal = res;
      return false;
    }
    throw new Error(`the server answered HTTP ${res.status} to a ${bytes}-byte query string`);
  };
  log.waiting(`query strings up to ${budget} bytes`);
  try {
    if (await attempt(budget)) {
      log.ok(id, title, `the server accepted a ${budget}-byte query string (epicor.maxQueryBytes).`);
      return;
    }
    const firstRefusal = refusal!;
    if (!(await attempt(minimum))) {
      log.failed(id, title, `even a ${minimum}-byte query string was refused (${refusalText(refusal!)}).`);
      return;
    }
    let lo = minimum;
    let hi = budget;
    // IIS and ASP.NET default to 2048: try that edge first, it settles the usual case in two requests.
    for (const guess of [DEFAULT_MAX_QUERY_BYTES, DEFAULT_MAX_QUERY_BYTES + 1]) {
      if (guess > lo && guess < hi) {
        if (await attempt(guess)) lo = guess;
        else hi = guess;
      }
    }
    while (hi - lo > 1 && requests < MAX_LENGTH_REQUESTS) {
      const mid = Math.floor((lo + hi) / 2);
      if (await attempt(mid)) lo = mid;
      else hi = mid;
    }
    const exact = hi - lo === 1 ? `${lo}` : `between ${lo} and ${hi - 1}`;
    log.adapted(
      id,
      title,
      `the server accepts query strings of at most ${exact} bytes, less than epicor.maxQueryBytes (${budget}); a ${budget}-byte one got ${refusalText(firstRefusal)}. Longer requests are split when refused.`,
      `lower epicor.maxQueryBytes to ${lo}`,
    );
  } catch (e) {
    log.failed(id, title, `measuring the accepted query length: ${messageOf(e)}`);
  }
}
