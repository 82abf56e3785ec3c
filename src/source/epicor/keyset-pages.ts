/**
 * Keyset paging over one range: each page asks for rows after the last sort tuple read. A range ends only on an
 * EMPTY page or once the last row read reaches the range's fixed upper bound — never on a short page: a server may
 * cap rows per response below `$top` (an admin row limit, a proxy, a BO's GetRows cap), and a short page then says
 * nothing about the end. Sort columns end with a unique tie-breaker, so pages never overlap.
 *
 * A page that times out (ASP.NET `executionTimeout`, or ours) is asked again for half the rows, not re-sent the same;
 * a page refused as too long (IIS/ASP.NET limits or `epicor.maxQueryBytes`) drops to a smaller form.
 */
import { ConnectorError } from '../../errors.ts';
import type { EntityDef } from './catalog.ts';
import type { SortColumn } from './cursor-codec.ts';
import type { EpicorClient, EpicorRecord } from './epicor-client.ts';
import { tooLongText } from './epicor-error-mapper.ts';
import { lexCompare } from './keyset-filter.ts';
import { and, field, literal, type ODataQuery } from './odata-query.ts';

export interface KeysetRange {
  client: EpicorClient;
  entity: EntityDef;
  company: string;
  /** Fields to ask for; undefined = every field (no `$select`: the request stays short whatever the row width). */
  select?: readonly string[];
  /** Order of the pages; the tuple of these columns is the paging token. */
  sort: readonly SortColumn[];
  /** Fixed part of the filter (bounds). */
  filter?: string;
  /**
   * True when `last` (the last row of a page) is at or past the range's fixed upper bound: nothing after it can
   * match the range's filter, so the range is complete without asking for an empty page.
   */
  reachedBound?: (last: EpicorRecord) => boolean;
  pageSize: number;
  signal?: AbortSignal;
}

/** How a range ended: on an empty page, or with a row at its fixed upper bound. */
export type RangeEnd = 'empty' | 'bound';

export interface KeysetPage {
  records: EpicorRecord[];
  /** Set on the page that completes the range; a range whose pages stop without it was cut short. */
  end?: RangeEnd;
  /** Requests sent for this page (more than one when a timeout or a refusal made it ask again). */
  requests: number;
}

/** `$top` is halved after a timeout down to this many rows (or the page size when smaller). */
export const MIN_TIMEOUT_TOP = 10;

/** Reads one range page by page. */
export async function* keysetPages(range: KeysetRange, signal = range.signal): AsyncGenerator<KeysetPage> {
  let release = await range.client.firstPageTurn(range.company, range.entity);
  try {
    yield* rangePages(range, signal, () => {
      release?.();
      release = undefined;
    });
  } finally {
    release?.();
  }
}

async function* rangePages(
  range: KeysetRange,
  signal: AbortSignal | undefined,
  answered: () => void,
): AsyncGenerator<KeysetPage> {
  let after: unknown[] | undefined;
  const learnt = () => range.client.pageTop(range.company, range.entity, range.pageSize);
  let top = learnt();
  let compact = false;
  // Full sort tuples already yielded whose first column equals after[0] (the compact form's `ge` re-reads them).
  let boundary = new Set<string>();
  // Compact form: the last page held only rows already yielded; ask again skipping all of them (the end, or more).
  let tight = false;
  const orderby = range.sort.map((c) => ({ field: c.name }));
  let requests = 0;
  for (;;) {
    // A size another range of this entity learnt since (a timeout) applies to this range's next page too.
    top = Math.min(top, learnt());
    const q: ODataQuery = {
      select: compact ? undefined : range.select,
      filter: and(range.filter, after ? keysetCondition(range.sort, after, compact) : undefined),
      orderby,
      top,
      // Compact form: `ge` re-reads the rows sharing after[0] already yielded (a prefix of that group, in sort
      // order); skip most of them, keeping a margin re-read and dropped, so a row deleted from that prefix in the
      // meantime cannot make the skip pass over an unread row.
      skip:
        compact && after && range.sort.length > 1
          ? Math.max(0, boundary.size - (tight ? 0 : Math.ceil(top / 10)))
          : undefined,
    };
    let records: EpicorRecord[];
    try {
      requests++;
      records = await range.client.query(range.company, range.entity, q, signal, { retryTimeouts: false });
    } catch (e) {
      if (!(e instanceof ConnectorError)) throw e;
      if (e.details?.local === true) requests--; // refused before sending
      const floor = Math.min(MIN_TIMEOUT_TOP, range.pageSize);
      if (e.code === 'TIMEOUT' && top > floor) {
        // Halve, unless another range already learnt a smaller size while this request was out.
        const known = learnt();
        top = known < top ? known : Math.max(floor, Math.floor(top / 2));
        range.client.lowerPageTop(range.company, range.entity, top);
        continue;
      }
      if (e.code === 'REQUEST_TOO_LONG' || e.details?.refusal === 'html-page') {
        if (!compact && (range.select !== undefined || (after !== undefined && range.sort.length > 1))) {
          compact = true;
          continue;
        }
        if (e.code !== 'REQUEST_TOO_LONG') throw e; // an HTML page even for the smallest form: not about length
        throw new ConnectorError('REQUEST_TOO_LONG', `${range.entity.name}: ${tooLongText(e)}`, {
          cause: e,
          status: e.status,
          details: e.details,
        });
      }
      throw e;
    }
    answered();
    const got = records.length;
    if (compact && after && range.sort.length > 1) {
      records = dropSeen(records, range.sort, after, boundary);
      if (got > 0 && records.length === 0 && !tight) {
        tight = true;
        continue;
      }
      tight = false;
    }
    if (got === 0) {
      yield { records, end: 'empty', requests };
      return;
    }
    const lastRow = records.length ? records[records.length - 1] : undefined;
    const atBound = lastRow !== undefined && range.reachedBound?.(lastRow) === true;
    yield atBound ? { records, end: 'bound', requests } : { records, requests };
    requests = 0;
    if (atBound) return;
    if (!lastRow) {
      throw new ConnectorError('INTERNAL', `Paging ${range.entity.name} made no progress: a page held only rows read.`);
    }
    const next = range.sort.map((c) => lastRow[c.name]);
    if (after && next.every((v, i) => String(v) === String(after![i]))) {
      throw new ConnectorError('INTERNAL', `Paging ${range.entity.name} made no progress: Epicor ignored the filter.`);
    }
    // Kept in either form, so a switch to the compact form knows the rows of the current group already yielded.
    if (range.sort.length > 1) {
      boundary = tuplesAt(records, range.sort, next[0], after && same(after[0], next[0]) ? boundary : new Set());
    }
    after = next;
  }
}

/** Rows after `after`: the full lexicographic comparison, or (compact form) only `first ge v1`. */
function keysetCondition(sort: readonly SortColumn[], after: readonly unknown[], compact: boolean): string {
  if (!compact || sort.length === 1) return lexCompare(sort, after, 'gt');
  return `${field(sort[0].name)} ge ${literal(after[0], sort[0].edmType)}`;
}

const same = (a: unknown, b: unknown) => String(a) === String(b);
const tupleKey = (r: EpicorRecord, sort: readonly SortColumn[]) => JSON.stringify(sort.map((c) => String(r[c.name])));

/** Drops re-read rows of the compact form: those sharing after[0] that were already yielded. */
function dropSeen(
  records: EpicorRecord[],
  sort: readonly SortColumn[],
  after: readonly unknown[],
  boundary: ReadonlySet<string>,
): EpicorRecord[] {
  return records.filter((r) => !(same(r[sort[0].name], after[0]) && boundary.has(tupleKey(r, sort))));
}

/** The yielded rows whose first sort column equals `first`, added to `into`. */
function tuplesAt(
  records: EpicorRecord[],
  sort: readonly SortColumn[],
  first: unknown,
  into: Set<string>,
): Set<string> {
  for (const r of records) if (same(r[sort[0].name], first)) into.add(tupleKey(r, sort));
  return into;
}
