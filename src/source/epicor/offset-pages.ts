/**
 * Offset paging for entities without an orderable unique cursor (BAQs without a cursor column): `$orderby` on the
 * keys, `$skip` advancing by less than a page so neighbouring pages overlap, rows de-duplicated by key. Shifts caused
 * by concurrent writes are absorbed up to the overlap; `reconcile` catches the rest.
 */
import type { EntityDef } from './catalog.ts';
import type { EpicorClient, EpicorRecord } from './epicor-client.ts';

export interface OffsetRange {
  client: EpicorClient;
  entity: EntityDef;
  company: string;
  select: readonly string[];
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
  const step = range.pageSize - overlapFor(range.pageSize);
  const orderby = range.entity.keys.map((k) => ({ field: k }));
  for (let skip = 0; ; skip += step) {
    const rows = await range.client.query(
      range.company,
      range.entity,
      { select: range.select, orderby, top: range.pageSize, skip },
      range.signal,
    );
    const fresh = rows.filter((r) => {
      const key = JSON.stringify(range.entity.keys.map((k) => r[k]));
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    });
    yield fresh;
    if (rows.length < range.pageSize) return;
  }
}
