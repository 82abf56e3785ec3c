/**
 * Offset paging for entities without an orderable unique cursor (BAQs without a cursor column): `$orderby` on the
 * keys, `$skip` advancing by less than the rows a page returned so neighbouring pages overlap, rows de-duplicated by
 * key. Shifts caused by concurrent writes are absorbed up to the overlap; `reconcile` catches the rest.
 *
 * The set ends only on an empty page: a server that caps rows per response below `$top` makes every page short, so
 * `$skip` advances by what came back, never by `$top`. A page that times out is asked again for half the rows.
 */
import { ConnectorError } from '../../errors.ts';
import type { EntityDef } from './catalog.ts';
import type { EpicorClient, EpicorRecord } from './epicor-client.ts';
import { MIN_TIMEOUT_TOP } from './keyset-pages.ts';

export interface OffsetRange {
  client: EpicorClient;
  entity: EntityDef;
  company: string;
  /** undefined = every field (no `$select`). */
  select?: readonly string[];
  pageSize: number;
  signal?: AbortSignal;
}

/** Rows overlapping between neighbouring pages. */
export function overlapFor(pageSize: number): number {
  return Math.min(pageSize - 1, Math.max(1, Math.ceil(pageSize / 10)));
}

/** Reads the whole set, yielding each page's not-yet-seen rows. */
export async function* offsetPages(range: OffsetRange): AsyncGenerator<EpicorRecord[]> {
  const seen = new Set<string>();
  const orderby = range.entity.keys.map((k) => ({ field: k }));
  let top = range.client.pageTop(range.company, range.entity, range.pageSize);
  for (let skip = 0; ; ) {
    let rows: EpicorRecord[];
    try {
      rows = await range.client.query(
        range.company,
        range.entity,
        { select: range.select, orderby, top, skip },
        range.signal,
        { retryTimeouts: false },
      );
    } catch (e) {
      const floor = Math.min(MIN_TIMEOUT_TOP, range.pageSize);
      if (e instanceof ConnectorError && e.code === 'TIMEOUT' && top > floor) {
        top = Math.max(floor, Math.floor(top / 2));
        range.client.lowerPageTop(range.company, range.entity, top);
        continue;
      }
      throw e;
    }
    if (rows.length === 0) return;
    const fresh = rows.filter((r) => {
      const key = JSON.stringify(range.entity.keys.map((k) => r[k]));
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    });
    yield fresh;
    // A page of nothing new (the tail re-read as overlap) is passed whole; otherwise keep an overlap behind.
    skip += fresh.length === 0 ? rows.length : Math.max(1, rows.length - overlapFor(rows.length));
  }
}
