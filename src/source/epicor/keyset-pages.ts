/**
 * Keyset paging over one range: each page asks for rows after the last sort tuple read (what the next token is)
 * and stops on a short page (when to stop). Sort columns end with a unique tie-breaker, so pages never overlap.
 */
import { ConnectorError } from '../../errors.ts';
import type { EntityDef } from './catalog.ts';
import type { SortColumn } from './cursor-codec.ts';
import type { EpicorClient, EpicorRecord } from './epicor-client.ts';
import { lexCompare } from './keyset-filter.ts';
import { and } from './odata-query.ts';

export interface KeysetRange {
  client: EpicorClient;
  entity: EntityDef;
  company: string;
  select: readonly string[];
  /** Order of the pages; the tuple of these columns is the paging token. */
  sort: readonly SortColumn[];
  /** Fixed part of the filter (bounds). */
  filter?: string;
  pageSize: number;
  signal?: AbortSignal;
}

export interface KeysetPage {
  records: EpicorRecord[];
  /** True on the short page that ends the range. */
  last: boolean;
}

/** Reads one range page by page. */
export async function* keysetPages(range: KeysetRange, signal = range.signal): AsyncGenerator<KeysetPage> {
  let after: unknown[] | undefined;
  for (;;) {
    const filter = and(range.filter, after ? lexCompare(range.sort, after, 'gt') : undefined);
    const records = await range.client.query(
      range.company,
      range.entity,
      { select: range.select, filter, orderby: range.sort.map((c) => ({ field: c.name })), top: range.pageSize },
      signal,
    );
    const last = records.length < range.pageSize;
    yield { records, last };
    if (last) return;
    const next = range.sort.map((c) => records[records.length - 1][c.name]);
    if (after && next.every((v, i) => String(v) === String(after![i]))) {
      throw new ConnectorError('INTERNAL', `Paging ${range.entity.name} made no progress: Epicor ignored the filter.`);
    }
    after = next;
  }
}
