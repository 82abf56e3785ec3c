/**
 * Incremental extraction of one entity for one company: picks the paging (keyset on the cursor, parallel revision
 * ranges for large first loads, or offset for cursor-less BAQs), fixes the upper bound, and yields pages with the
 * watermark that is safe once they are committed.
 */
import type { Semaphore } from '../../semaphore.ts';
import type { EntityDef } from './catalog.ts';
import { childFiltersHold, parentKeyOf, readChildSetByParent } from './child-set-read.ts';
import { type CursorCodec, cursorCodec, revisionText, type SortColumn } from './cursor-codec.ts';
import type { EpicorClient, EpicorRecord } from './epicor-client.ts';
import { fixUpperBound, REVISION_FIELD } from './fix-upper-bound.ts';
import { lexCompare } from './keyset-filter.ts';
import { type KeysetRange, keysetPages } from './keyset-pages.ts';
import { and, field, integerLiteral } from './odata-query.ts';
import { offsetPages } from './offset-pages.ts';
import { mergePages } from './page-merger.ts';
import type { SourceField } from './source-field.ts';

export interface ExtractedPage {
  records: Record<string, unknown>[];
  /** Requests sent for this page (lookups made before the first page are counted on it). */
  requests: number;
  /**
   * Watermark that is safe to store once this page and all before it are committed; null = do not move it
   * (pages of parallel ranges arrive out of order, so only the final page carries one).
   */
  cursorAfter: string | null;
}

export interface ExtractOptions {
  client: EpicorClient;
  entity: EntityDef;
  company: string;
  /**
   * Fields from `$metadata` (cursor types, SysRevID). Pages send no `$select`: Epicor returns every field (tenant `_c`
   * fields included) and a `$select` of a real row type (65–541 fields) alone would break IIS's 2048-byte limit.
   */
  fields: readonly SourceField[];
  /** Stored watermark; null = full read. */
  watermark: string | null;
  /** Highest SysRevID fixed at run start (fetched here when omitted). */
  upperBound?: string | null;
  pageSize: number;
  /** Date cursors: re-read this many minutes before the watermark (late commits). */
  lookbackMinutes?: number;
  /** Revision cursor, full read: split the SysRevID range into this many ranges read in parallel. */
  parallelRanges?: number;
  /** Run-wide bound on pages requested or buffered but not yet taken by a consumer (parallel ranges). */
  pageBudget?: Semaphore;
  signal?: AbortSignal;
}

export interface ExtractStats {
  records: number;
  pages: number;
  requests: number;
}

export interface Extraction extends AsyncIterable<ExtractedPage> {
  /** Live counters (records yielded, pages, requests). */
  readonly stats: ExtractStats;
}

/** Reads an entity's changed records in pages (bounded memory); see ExtractOptions. */
export function extractEntity(opts: ExtractOptions): Extraction {
  const stats: ExtractStats = { records: 0, pages: 0, requests: 0 };
  return {
    stats,
    async *[Symbol.asyncIterator]() {
      const startRequests = opts.client.requests;
      let reported = startRequests;
      for await (const page of pagesOf(opts)) {
        const requests = opts.client.requests - reported;
        reported = opts.client.requests;
        stats.records += page.records.length;
        stats.pages++;
        stats.requests = reported - startRequests;
        yield { ...page, requests };
      }
    },
  };
}

type RawPage = Omit<ExtractedPage, 'requests'>;

async function* pagesOf(opts: ExtractOptions): AsyncGenerator<RawPage> {
  const { entity, fields } = opts;
  // No `$select`: every field comes back; mapping takes the fields it knows and skips names it cannot use.
  const base = { client: opts.client, entity, company: opts.company, pageSize: opts.pageSize };

  if (entity.cursor.type === 'offset') {
    let any = false;
    for await (const records of offsetPages({ ...base, signal: opts.signal })) {
      any = true;
      yield { records, cursorAfter: null };
    }
    if (!any) yield { records: [], cursorAfter: null };
    return;
  }

  const codec = cursorCodec(entity.cursor, fields, opts.client.timeZone);
  const hasRevision = fields.some((f) => f.name === REVISION_FIELD);

  // The fixed upper bound: SysRevID wherever the entity has it (a row written during the run gets a higher one and
  // waits for the next run); otherwise the highest cursor tuple now.
  let boundFilter: string | undefined;
  let bound: string | null;
  // Entities without SysRevID: the highest full sort tuple (cursor, then keys), so a range can end at it.
  let topTuple: unknown[] | undefined;
  const tieBreak: SortColumn[] = hasRevision
    ? [{ name: REVISION_FIELD, edmType: fields.find((f) => f.name === REVISION_FIELD)!.edmType }]
    : entity.keys.map((k) => ({ name: k, edmType: fields.find((f) => f.name === k)?.edmType ?? 'Edm.String' }));
  const fullSort = codec.unique ? codec.columns : [...codec.columns, ...tieBreak];
  if (hasRevision) {
    bound =
      opts.upperBound !== undefined
        ? opts.upperBound
        : await fixUpperBound(opts.client, entity, opts.company, opts.signal);
    if (bound === null) {
      yield { records: [], cursorAfter: opts.watermark };
      return;
    }
    boundFilter = `${REVISION_FIELD} le ${integerLiteral(bound)}`;
    // Child sets whose server applies `$filter` to the parent get a read that cannot be misled (child-set-read.ts).
    const upToDate = codec.unique && opts.watermark !== null && BigInt(revisionText(opts.watermark)) >= BigInt(bound);
    if (
      !upToDate &&
      parentKeyOf(entity) &&
      !(await childFiltersHold(opts.client, entity, opts.company, bound, opts.signal))
    ) {
      yield* readChildSetByParent({ ...opts, codec, bound });
      return;
    }
  } else {
    topTuple = await highestTuple(opts, fullSort);
    if (!topTuple) {
      yield { records: [], cursorAfter: opts.watermark };
      return;
    }
    bound = codec.toWatermark(topTuple.slice(0, codec.columns.length));
    boundFilter = lexCompare(fullSort, topTuple, 'le');
  }
  const atTuple = topTuple
    ? (r: EpicorRecord) => fullSort.every((c, i) => String(r[c.name]) === String(topTuple![i]))
    : undefined;

  if (codec.unique) {
    const w = opts.watermark === null ? null : revisionText(opts.watermark);
    if (w !== null && BigInt(w) >= BigInt(bound)) {
      yield { records: [], cursorAfter: w };
      return;
    }
    const startFilter = w === null ? undefined : lexCompare(codec.columns, [w], 'gt');
    const sort = codec.columns;
    const parallel = Math.max(1, opts.parallelRanges ?? 1);
    if (parallel > 1 && w === null && codec.columns[0].name === REVISION_FIELD) {
      yield* parallelRevisionRanges(opts, base, sort, bound, parallel);
      return;
    }
    const reachedBound =
      codec.columns[0].name === REVISION_FIELD ? revisionAtLeast(BigInt(bound)) : (atTuple ?? undefined);
    yield* sequential(
      { ...base, sort, filter: and(boundFilter, startFilter), reachedBound, signal: opts.signal },
      codec,
      { finalCursor: bound, start: w },
    );
    return;
  }

  // Non-unique cursor (a date): SysRevID breaks ties where the entity has it (one short term however many key
  // parts: filters stay small), the keys otherwise.
  const sort = fullSort;
  const dedupe = hasRevision ? undefined : new Set<string>();
  if (opts.watermark === null) {
    // Rows whose cursor is still null would never match a comparison: read them first, by the tie-breaker.
    const first = codec.columns[0];
    if (fields.find((f) => f.name === first.name)?.nullable) {
      yield* sequential(
        { ...base, sort: tieBreak, filter: and(boundFilter, `${field(first.name)} eq null`), signal: opts.signal },
        undefined,
        { finalCursor: null, start: null, dedupe, keys: entity.keys, noFinal: true },
      );
    }
  }
  const startFilter =
    opts.watermark === null
      ? `${field(codec.columns[0].name)} ne null`
      : lexCompare(codec.columns, codec.fromWatermark(opts.watermark, opts.lookbackMinutes ?? 0), 'ge');
  // A SysRevID bound does not order a date-sorted range: it ends on its empty page. Without SysRevID it ends at the
  // highest sort tuple fixed above.
  yield* sequential(
    { ...base, sort, filter: and(boundFilter, startFilter), reachedBound: atTuple, signal: opts.signal },
    codec,
    {
      finalCursor: null,
      start: opts.watermark,
      dedupe,
      keys: entity.keys,
    },
  );
}

interface SequentialOptions {
  /** Watermark for the final page (revision: the bound); null = the last value read. */
  finalCursor: string | null;
  /** Watermark before this read. */
  start: string | null;
  dedupe?: Set<string>;
  keys?: readonly string[];
  /** Intermediate segment: its pages never move the watermark. */
  noFinal?: boolean;
}

async function* sequential(
  range: KeysetRange,
  codec: CursorCodec | undefined,
  o: SequentialOptions,
): AsyncGenerator<RawPage> {
  let cursor = o.start;
  for await (const page of keysetPages(range)) {
    let records: EpicorRecord[] = page.records;
    if (o.dedupe && o.keys) records = keepUnseen(records, o.keys, o.dedupe);
    const lastTuple = codec && page.records.length ? codec.tuple(page.records[page.records.length - 1]) : undefined;
    if (lastTuple && codec) cursor = codec.toWatermark(lastTuple);
    const cursorAfter = o.noFinal ? o.start : page.end && o.finalCursor !== null ? o.finalCursor : cursor;
    yield { records, cursorAfter };
  }
}

function keepUnseen(records: EpicorRecord[], keys: readonly string[], seen: Set<string>): EpicorRecord[] {
  return records.filter((r) => {
    const key = JSON.stringify(keys.map((k) => r[k]));
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** Highest sort tuple now (entities without SysRevID: cursor, then keys): the fixed bound of their run. */
async function highestTuple(opts: ExtractOptions, sort: readonly SortColumn[]): Promise<unknown[] | undefined> {
  const rows = await opts.client.query(
    opts.company,
    opts.entity,
    {
      select: sort.map((c) => c.name),
      filter: `${field(sort[0].name)} ne null`,
      orderby: sort.map((c) => ({ field: c.name, desc: true })),
      top: 1,
    },
    opts.signal,
  );
  return rows[0] ? sort.map((c) => rows[0][c.name]) : undefined;
}

/** The range is complete once a row's SysRevID reaches its fixed upper bound. */
function revisionAtLeast(bound: bigint): (r: EpicorRecord) => boolean {
  return (r) => {
    const v = r[REVISION_FIELD];
    return v !== null && v !== undefined && BigInt(revisionText(v)) >= bound;
  };
}

/** Splits (min-1, bound] into ranges read at once; pages arrive as they come, the watermark only at the end. */
async function* parallelRevisionRanges(
  opts: ExtractOptions,
  base: Omit<KeysetRange, 'sort' | 'filter'>,
  sort: readonly SortColumn[],
  bound: string,
  parallel: number,
): AsyncGenerator<RawPage> {
  const lowest = await opts.client.query(
    opts.company,
    opts.entity,
    {
      select: [REVISION_FIELD],
      filter: `${REVISION_FIELD} le ${integerLiteral(bound)}`,
      orderby: [{ field: REVISION_FIELD }],
      top: 1,
    },
    opts.signal,
  );
  if (!lowest[0]) {
    yield { records: [], cursorAfter: bound };
    return;
  }
  const lo = BigInt(revisionText(lowest[0][REVISION_FIELD])) - 1n;
  const hi = BigInt(bound);
  const n = BigInt(Math.min(parallel, Number(hi - lo)));
  const edges: bigint[] = [];
  for (let i = 0n; i <= n; i++) edges.push(lo + ((hi - lo) * i) / n);
  const producers = edges.slice(1).map((top, i) => (signal: AbortSignal) => {
    const filter = and(
      `${REVISION_FIELD} gt ${integerLiteral(edges[i])}`,
      `${REVISION_FIELD} le ${integerLiteral(top)}`,
    );
    return keysetPages({ ...base, sort, filter, reachedBound: revisionAtLeast(top), signal }, signal);
  });
  for await (const page of mergePages(producers, parallel, opts.signal, opts.pageBudget)) {
    yield { records: page.records, cursorAfter: null };
  }
  yield { records: [], cursorAfter: bound };
}
