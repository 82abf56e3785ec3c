/**
 * Source reads for `reconcile` and `replay`: a cheap scan of every record's key fields + SysRevID, and full records
 * fetched by key in batches (`(Company eq 'X' and VendorNum eq 1) or (...)`), never one request per record.
 */
import { ConnectorError } from '../../errors.ts';
import type { EntityDef } from './catalog.ts';
import type { EpicorClient, EpicorRecord } from './epicor-client.ts';
import { REVISION_FIELD } from './fix-upper-bound.ts';
import { keysetPages } from './keyset-pages.ts';
import { and, field, literal, or } from './odata-query.ts';
import type { SourceField } from './source-field.ts';

/** Keys per `$filter` when fetching by key: short enough for any URL limit, few enough requests. */
export const KEYS_PER_REQUEST = 50;

export interface KeyScanOptions {
  client: EpicorClient;
  entity: EntityDef;
  company: string;
  fields: readonly SourceField[];
  pageSize: number;
  signal?: AbortSignal;
}

/** True when the entity carries SysRevID (what the key scan pages on and compares). */
export function hasRevision(fields: readonly SourceField[]): boolean {
  return fields.some((f) => f.name === REVISION_FIELD);
}

/**
 * Every live record's key fields and SysRevID, keyset-paged on SysRevID (unique database-wide). Deliberately no
 * upper bound: a record edited during the scan only moves to a higher SysRevID, so it is still read (perhaps twice,
 * callers keep the highest) — a bound would hide it and make it look deleted.
 */
export async function* scanKeys(opts: KeyScanOptions): AsyncGenerator<EpicorRecord[]> {
  const rev = opts.fields.find((f) => f.name === REVISION_FIELD);
  if (!rev) throw new ConnectorError('INTERNAL', `${opts.entity.name} has no ${REVISION_FIELD} to scan keys by.`);
  const select = [...new Set([...opts.entity.keys, REVISION_FIELD])];
  for await (const page of keysetPages({
    client: opts.client,
    entity: opts.entity,
    company: opts.company,
    select,
    sort: [{ name: REVISION_FIELD, edmType: rev.edmType }],
    pageSize: opts.pageSize,
    signal: opts.signal,
  })) {
    yield page.records;
  }
}

/** `(K1 eq v1 and K2 eq v2) or (...)` for these key tuples, literals typed from `$metadata`. */
export function keyFilter(entity: EntityDef, fields: readonly SourceField[], keys: readonly EpicorRecord[]): string {
  const types = new Map(fields.map((f) => [f.name, f.edmType]));
  const terms = keys.map(
    (k) => and(...entity.keys.map((name) => `${field(name)} eq ${literal(k[name], types.get(name) ?? 'Edm.String')}`))!,
  );
  return or(...terms);
}

export interface FetchByKeysOptions {
  client: EpicorClient;
  entity: EntityDef;
  company: string;
  fields: readonly SourceField[];
  /** Objects holding at least the entity's key fields. */
  keys: readonly EpicorRecord[];
  batchSize?: number;
  signal?: AbortSignal;
}

/** Full records for the given keys, one request per batch; keys Epicor no longer has are simply absent. */
export async function* fetchByKeys(opts: FetchByKeysOptions): AsyncGenerator<EpicorRecord[]> {
  const size = opts.batchSize ?? KEYS_PER_REQUEST;
  const select = opts.fields.map((f) => field(f.name));
  for (let i = 0; i < opts.keys.length; i += size) {
    const batch = opts.keys.slice(i, i + size);
    const filter = keyFilter(opts.entity, opts.fields, batch);
    // $top guards against a server default page size cutting the answer short.
    yield await opts.client.query(opts.company, opts.entity, { select, filter, top: batch.length }, opts.signal);
  }
}
