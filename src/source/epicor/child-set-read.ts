/**
 * Child entity sets (POSvc/PODetails, POSvc/PORels, APInvoiceSvc/APInvDtls, PaymentEntrySvc/APTrans) are served
 * through their BO's GetRows, and practitioners report that a `$filter` there may be applied to the parent table
 * (reference sheet, child sets; unconfirmed). Then `SysRevID gt N` returns the children of parents changed after N:
 * an incremental read would miss changed lines and load unchanged ones, and keyset paging on SysRevID would skip rows.
 *
 * Decision: verify it on the server once per run and child set, and fall back to a read whose filter cannot be
 * misapplied when it does not hold.
 * - Probe (one request, after the upper bound is fixed): `SysRevID eq <bound>`. The bound is the highest SysRevID of
 *   a child row, and SysRevID is unique database-wide, so a server filtering child rows returns that row while one
 *   filtering parents returns none (no parent has that revision). Cached per client, i.e. per run.
 * - Safe read: the only filter sent names the parent-key prefix of the child key (`Company`, `PONum` …), which child
 *   and parent share with equal values, so it selects the same rows whichever table it is applied to. Pages run in
 *   child-key order over whole parents (`<prefix> gt <last complete parent>`; a page's last parent is read again
 *   from its start on the next page); a parent with more children than a page holds is read alone by `$skip`
 *   within `<prefix> eq <parent>`. The change window is applied here, client-side: SysRevID at most the fixed bound,
 *   and past the watermark. This reads the whole child set every run: slower, never wrong.
 */
import { ConnectorError } from '../../errors.ts';
import type { EntityDef } from './catalog.ts';
import { type CursorCodec, revisionText, type SortColumn } from './cursor-codec.ts';
import type { EpicorClient, EpicorRecord } from './epicor-client.ts';
import { REVISION_FIELD } from './fix-upper-bound.ts';
import { lexCompare } from './keyset-filter.ts';
import { MIN_TIMEOUT_TOP } from './keyset-pages.ts';
import { and, field, integerLiteral, literal } from './odata-query.ts';
import type { SourceField } from './source-field.ts';

/** Child set → the leading fields of its key that name its parent (shared with the parent, equal values). */
export const CHILD_SET_PARENT_KEYS: Readonly<Record<string, readonly string[]>> = {
  'Erp.BO.POSvc/PODetails': ['Company', 'PONUM'],
  'Erp.BO.POSvc/PORels': ['Company', 'PONum'],
  'Erp.BO.APInvoiceSvc/APInvDtls': ['Company', 'VendorNum', 'InvoiceNum'],
  'Erp.BO.PaymentEntrySvc/APTrans': ['Company', 'HeadNum'],
};

/** The parent-key prefix of a child set, or undefined for other entities. */
export function parentKeyOf(entity: Pick<EntityDef, 'service' | 'entitySet' | 'keys'>): readonly string[] | undefined {
  const prefix = CHILD_SET_PARENT_KEYS[`${entity.service}/${entity.entitySet}`];
  if (!prefix) return undefined;
  if (!prefix.every((k, i) => entity.keys[i] === k)) {
    throw new ConnectorError('INTERNAL', `${entity.entitySet}: parent key ${prefix.join(',')} must lead its key.`);
  }
  return prefix;
}

const PROBES = new WeakMap<EpicorClient, Map<string, Promise<boolean>>>();

/** Whether the server applies a `$filter` on this child set to the child rows (see the file comment). */
export function childFiltersHold(
  client: EpicorClient,
  entity: EntityDef,
  company: string,
  bound: string,
  signal?: AbortSignal,
): Promise<boolean> {
  let byEntity = PROBES.get(client);
  if (!byEntity) {
    byEntity = new Map();
    PROBES.set(client, byEntity);
  }
  const key = `${company}\u0000${entity.service}/${entity.entitySet}`;
  let probe = byEntity.get(key);
  if (!probe) {
    probe = client
      .query(
        company,
        entity,
        { select: [REVISION_FIELD], filter: `${REVISION_FIELD} eq ${integerLiteral(bound)}`, top: 2 },
        signal,
      )
      .then((rows) => rows.some((r) => r[REVISION_FIELD] !== null && revisionText(r[REVISION_FIELD]) === bound));
    byEntity.set(key, probe);
    probe.catch(() => byEntity.delete(key));
  }
  return probe;
}

export interface ChildSetReadOptions {
  client: EpicorClient;
  entity: EntityDef;
  company: string;
  fields: readonly SourceField[];
  codec: CursorCodec;
  /** Stored watermark; null = full read. */
  watermark: string | null;
  /** Highest SysRevID fixed at run start. */
  bound: string;
  pageSize: number;
  lookbackMinutes?: number;
  signal?: AbortSignal;
}

export interface ChildSetPage {
  records: EpicorRecord[];
  /** Watermark safe once this page and all before it are committed; null = do not move it (all but the last). */
  cursorAfter: string | null;
}

/** The safe read of a child set whose server applies filters to the parent (see the file comment). */
export async function* readChildSetByParent(o: ChildSetReadOptions): AsyncGenerator<ChildSetPage> {
  const prefix = parentKeyOf(o.entity);
  if (!prefix) throw new ConnectorError('INTERNAL', `${o.entity.name} is not a child entity set.`);
  const typeOf = (name: string) => o.fields.find((f) => f.name === name)?.edmType ?? 'Edm.String';
  const prefixColumns: SortColumn[] = prefix.map((name) => ({ name, edmType: typeOf(name) }));
  const orderby = o.entity.keys.map((k) => ({ field: k }));
  const prefixOf = (r: EpicorRecord) => prefix.map((k) => r[k]);
  const samePrefix = (a: unknown[], b: unknown[]) => a.every((v, i) => String(v) === String(b[i]));
  const window = changeWindow(o);
  // A page that times out is asked again with half the rows (as keyset pages do), remembered for this client.
  let top = o.client.pageTop(o.company, o.entity, o.pageSize);
  const query = async (filter: string | undefined, skip?: number): Promise<EpicorRecord[]> => {
    for (;;) {
      try {
        const q = { filter, orderby, top, skip };
        return await o.client.query(o.company, o.entity, q, o.signal, { retryTimeouts: false });
      } catch (e) {
        const floor = Math.min(MIN_TIMEOUT_TOP, o.pageSize);
        if (!(e instanceof ConnectorError) || e.code !== 'TIMEOUT' || top <= floor) throw e;
        top = Math.max(floor, Math.floor(top / 2));
        o.client.lowerPageTop(o.company, o.entity, top);
      }
    }
  };

  let after: unknown[] | undefined;
  for (;;) {
    const rows = await query(after ? lexCompare(prefixColumns, after, 'gt') : undefined);
    if (rows.length === 0) break;
    const last = prefixOf(rows[rows.length - 1]);
    const firstOfLast = rows.findIndex((r) => samePrefix(prefixOf(r), last));
    if (firstOfLast > 0) {
      // Parents before the last one are complete (rows come in key order); the last is read again next page.
      yield { records: window.keep(rows.slice(0, firstOfLast)), cursorAfter: null };
      after = prefixOf(rows[firstOfLast - 1]);
      continue;
    }
    // One parent fills the page: read it alone, by offset within it.
    const eq = and(...prefixColumns.map((c, i) => `${field(c.name)} eq ${literal(last[i], c.edmType, c.timeZone)}`));
    const seen = new Set<string>();
    const children: EpicorRecord[] = [];
    const add = (batch: EpicorRecord[]) => {
      for (const r of batch) {
        const k = JSON.stringify(o.entity.keys.map((f) => r[f]));
        if (!seen.has(k)) {
          seen.add(k);
          children.push(r);
        }
      }
    };
    add(rows);
    for (let skip = rows.length; ; ) {
      const more = await query(eq, skip);
      if (more.length === 0) break;
      add(more);
      skip += more.length;
    }
    yield { records: window.keep(children), cursorAfter: null };
    after = last;
  }
  yield { records: [], cursorAfter: window.final() };
}

/** The run's change window applied client-side: SysRevID ≤ bound, and past the watermark for the cursor. */
function changeWindow(o: ChildSetReadOptions): { keep(rows: EpicorRecord[]): EpicorRecord[]; final(): string | null } {
  const bound = BigInt(o.bound);
  const rev = (r: EpicorRecord) => BigInt(revisionText(r[REVISION_FIELD]));
  if (o.codec.unique) {
    const from = o.watermark === null ? null : BigInt(revisionText(o.watermark));
    return {
      keep: (rows) =>
        rows.filter((r) => r[REVISION_FIELD] != null && rev(r) <= bound && (from === null || rev(r) > from)),
      final: () => o.bound,
    };
  }
  // A date cursor: keep rows at or after the watermark less the lookback; the watermark moves to the latest kept.
  const from = o.watermark === null ? null : Date.parse(o.watermark) - (o.lookbackMinutes ?? 0) * 60_000;
  let latest: number | null = o.watermark === null ? null : Date.parse(o.watermark);
  return {
    keep: (rows) =>
      rows.filter((r) => {
        if (r[REVISION_FIELD] == null || rev(r) > bound) return false;
        const tuple = o.codec.tuple(r);
        if (!tuple) return o.watermark === null;
        const at = Date.parse(o.codec.toWatermark(tuple));
        if (from !== null && at < from) return false;
        if (latest === null || at > latest) latest = at;
        return true;
      }),
    final: () => (latest === null ? o.watermark : new Date(latest).toISOString()),
  };
}
