/**
 * Source reads for `reconcile` and `replay`: a cheap scan of every record's key fields + SysRevID (+ SysRowID), and
 * full records fetched by key in batches sized by encoded bytes (`(SysRowID eq <guid>) or (...)`), never one request
 * per record and never a request over `epicor.maxQueryBytes`.
 */
import { ConnectorError } from '../../errors.ts';
import type { FetchedBatch, ScanOutcome } from '../../pipeline/ports.ts';
import type { EntityDef } from './catalog.ts';
import { childFiltersHold, parentKeyOf, readChildSetByParent } from './child-set-read.ts';
import { cursorCodec } from './cursor-codec.ts';
import type { EpicorClient, EpicorRecord } from './epicor-client.ts';
import { tooLongText } from './epicor-error-mapper.ts';
import { fixUpperBound, REVISION_FIELD } from './fix-upper-bound.ts';
import { keysetPages } from './keyset-pages.ts';
import { and, encodeQueryValue, field, literal, or } from './odata-query.ts';
import type { SourceField } from './source-field.ts';

/** Most keys in one request, whatever the byte budget: ASP.NET OData counts filter nodes (MaxNodeCount). */
export const KEYS_PER_REQUEST = 50;

/** The shortest unique handle of an Epicor row (reference: "Request limits"). */
export const ROW_ID_FIELD = 'SysRowID';

const GUID = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;
/** Epicor shows this on a row not saved yet: not a handle. */
const EMPTY_GUID = '00000000-0000-0000-0000-000000000000';

export interface KeyScanOptions {
  client: EpicorClient;
  entity: EntityDef;
  company: string;
  fields: readonly SourceField[];
  pageSize: number;
  signal?: AbortSignal;
}

/** No SysRevID is above this (64-bit rowversion): the key scan's window when it has no upper bound. */
const NO_BOUND = '9223372036854775807';

/**
 * False for a child set whose server applies `$filter` to the parent rows (child-set-read.ts): there, neither a
 * SysRevID keyset nor `SysRowID eq` selects child rows (both fields exist on the parent too). True otherwise.
 */
export async function childFiltersReliable(
  client: EpicorClient,
  entity: EntityDef,
  company: string,
  signal?: AbortSignal,
): Promise<{ reliable: boolean; requests: number }> {
  if (!parentKeyOf(entity)) return { reliable: true, requests: 0 };
  let byEntity = RELIABLE.get(client);
  if (!byEntity) {
    byEntity = new Map();
    RELIABLE.set(client, byEntity);
  }
  const key = `${company}\u0000${entity.name}`;
  const known = byEntity.get(key);
  if (known) return { reliable: await known, requests: 0 };
  let requests = 1;
  const probe = (async () => {
    const bound = await fixUpperBound(client, entity, company, signal);
    if (bound === null) return true;
    requests++;
    return childFiltersHold(client, entity, company, bound, signal);
  })();
  byEntity.set(key, probe);
  probe.catch(() => byEntity.delete(key));
  return { reliable: await probe, requests };
}

/** Per client (one run): whether each child set's filters select child rows. */
const RELIABLE = new WeakMap<EpicorClient, Map<string, Promise<boolean>>>();

/** True when the entity carries SysRevID (what the key scan pages on and compares). */
export function hasRevision(fields: readonly SourceField[]): boolean {
  return fields.some((f) => f.name === REVISION_FIELD);
}

/**
 * Every live record's key fields, SysRevID and SysRowID, keyset-paged on SysRevID (unique database-wide), each page
 * handed to `onPage`. Deliberately no upper bound: a record edited during the scan only moves to a higher SysRevID,
 * so it is still read (perhaps twice, callers keep the highest) — a bound would hide it and make it look deleted.
 * Never throws for a failed read: the outcome says so.
 */
export async function scanKeys(
  opts: KeyScanOptions,
  onPage: (records: EpicorRecord[]) => void | Promise<void>,
): Promise<ScanOutcome> {
  const rev = opts.fields.find((f) => f.name === REVISION_FIELD);
  if (!rev) throw new ConnectorError('INTERNAL', `${opts.entity.name} has no ${REVISION_FIELD} to scan keys by.`);
  const rowId = opts.fields.some((f) => f.name === ROW_ID_FIELD) ? [ROW_ID_FIELD] : [];
  const select = [...new Set([...opts.entity.keys, REVISION_FIELD, ...rowId])];
  let pages = 0;
  let requests = 0;
  try {
    const child = await childFiltersReliable(opts.client, opts.entity, opts.company, opts.signal);
    requests += child.requests;
    if (!child.reliable) {
      // Every child row by parent-key pages (whole rows: the filter must name only the parent key).
      const before = opts.client.requests - requests;
      const codec = cursorCodec({ type: 'revision', field: REVISION_FIELD }, opts.fields);
      for await (const page of readChildSetByParent({ ...opts, codec, watermark: null, bound: NO_BOUND })) {
        pages++;
        await onPage(page.records);
      }
      // One reader per entity here; requests include the probe and the bound behind it.
      requests = opts.client.requests - before;
      return { status: 'complete', pages, requests };
    }
    for await (const page of keysetPages({
      client: opts.client,
      entity: opts.entity,
      company: opts.company,
      select,
      sort: [{ name: REVISION_FIELD, edmType: rev.edmType }],
      pageSize: opts.pageSize,
      signal: opts.signal,
    })) {
      pages++;
      requests += page.requests;
      await onPage(page.records);
      if (page.end) return { status: 'complete', pages, requests };
    }
    return { status: 'cut-short', reason: new Error('the page reader stopped before the end'), pages, requests };
  } catch (reason) {
    return { status: 'cut-short', reason, pages, requests };
  }
}

function withoutRowId(key: EpicorRecord): EpicorRecord {
  const { [ROW_ID_FIELD]: _, ...rest } = key;
  return rest;
}

/** The SysRowID of a key object when it is a usable handle (a saved row's GUID). */
function rowIdOf(key: EpicorRecord): string | undefined {
  const v = key[ROW_ID_FIELD];
  return typeof v === 'string' && GUID.test(v) && v !== EMPTY_GUID ? v : undefined;
}

/**
 * The filter term selecting one record: `SysRowID eq <guid>` (a bare GUID literal, as OData v4 and Epicor's REST v2
 * take it) where the entity has SysRowID and the key carries one, else `K1 eq v1 and K2 eq v2 …`.
 */
export function keyTerm(entity: EntityDef, fields: readonly SourceField[], key: EpicorRecord): string {
  const types = new Map(fields.map((f) => [f.name, f.edmType]));
  const id = types.has(ROW_ID_FIELD) ? rowIdOf(key) : undefined;
  if (id !== undefined) return `${ROW_ID_FIELD} eq ${literal(id, 'Edm.Guid')}`;
  return and(...entity.keys.map((name) => `${field(name)} eq ${literal(key[name], types.get(name) ?? 'Edm.String')}`))!;
}

/** `(term) or (term) …` for these keys. */
export function keyFilter(entity: EntityDef, fields: readonly SourceField[], keys: readonly EpicorRecord[]): string {
  return or(...keys.map((k) => keyTerm(entity, fields, k)));
}

export interface FetchByKeysOptions {
  client: EpicorClient;
  entity: EntityDef;
  company: string;
  fields: readonly SourceField[];
  /** Objects holding the entity's key fields (and SysRowID where known). */
  keys: readonly EpicorRecord[];
  /** Most keys per request (default KEYS_PER_REQUEST); the byte budget usually binds first. */
  batchSize?: number;
  signal?: AbortSignal;
}

/**
 * Full records for the given keys, batched so that no query string exceeds the client's `maxQueryBytes`; keys Epicor
 * no longer has are simply absent. A batch the server refuses as too long, too complex or too slow is halved until
 * one key per request; a single key still refused fails with "request too long for the server's limits".
 */
export async function* fetchByKeys(opts: FetchByKeysOptions): AsyncGenerator<FetchedBatch> {
  if (opts.keys.length === 0) return;
  // Where the server applies child-set filters to the parent, `SysRowID eq` would match parents: use the keys,
  // whose parent part is equal on both and whose child part only the child row has.
  const child = await childFiltersReliable(opts.client, opts.entity, opts.company, opts.signal);
  const o = child.reliable ? opts : { ...opts, keys: opts.keys.map(withoutRowId) };
  let extra = child.requests;
  for (const batch of batchesByBytes(o)) {
    const b = await fetchSplitting(o, batch);
    yield { records: b.records, requests: b.requests + extra };
    extra = 0;
  }
}

/** Splits keys into batches whose request fits the byte budget (and KEYS_PER_REQUEST). */
export function* batchesByBytes(opts: FetchByKeysOptions): Generator<EpicorRecord[]> {
  const max = Math.max(1, opts.batchSize ?? KEYS_PER_REQUEST);
  const budget = opts.client.maxQueryBytes;
  // `$filter=` and `&$top=<n>` around the terms (n at most `max`, so its digits are bounded).
  const fixed = opts.client.queryBytes(opts.entity, { top: max }) + '&$filter='.length;
  const joiner = encodeQueryValue(' or ').length;
  let batch: EpicorRecord[] = [];
  let bytes = fixed;
  for (const key of opts.keys) {
    // Each term counted with its parentheses: never less than what `or` writes.
    const term = encodeQueryValue(`(${keyTerm(opts.entity, opts.fields, key)})`).length;
    const added = (batch.length ? joiner : 0) + term;
    if (batch.length > 0 && (batch.length >= max || bytes + added > budget)) {
      yield batch;
      batch = [];
      bytes = fixed;
    }
    bytes += (batch.length ? joiner : 0) + term;
    batch.push(key);
  }
  if (batch.length) yield batch;
}

const NODE_LIMIT = /node count limit|MaxNodeCount|maximum node count/i;

async function fetchSplitting(opts: FetchByKeysOptions, batch: readonly EpicorRecord[]): Promise<FetchedBatch> {
  const filter = keyFilter(opts.entity, opts.fields, batch);
  try {
    // $top guards against a server default page size cutting the answer short.
    const records = await opts.client.query(opts.company, opts.entity, { filter, top: batch.length }, opts.signal, {
      retryTimeouts: false,
    });
    return { records, requests: 1 };
  } catch (e) {
    if (!(e instanceof ConnectorError)) throw e;
    const sent = e.details?.local === true ? 0 : 1;
    const splittable =
      e.code === 'REQUEST_TOO_LONG' ||
      e.details?.refusal === 'html-page' ||
      e.code === 'TIMEOUT' ||
      (e.code === 'EPICOR_ODATA' && NODE_LIMIT.test(e.message));
    if (!splittable) throw e;
    if (batch.length === 1) {
      if (e.code !== 'REQUEST_TOO_LONG') throw e; // the smallest request failed too: the page meant something else
      throw new ConnectorError('REQUEST_TOO_LONG', `${opts.entity.name}: ${tooLongText(e)}`, {
        cause: e,
        status: e.status,
        details: e.details,
      });
    }
    const half = Math.ceil(batch.length / 2);
    const first = await fetchSplitting(opts, batch.slice(0, half));
    const second = await fetchSplitting(opts, batch.slice(half));
    return { records: [...first.records, ...second.records], requests: sent + first.requests + second.requests };
  }
}
