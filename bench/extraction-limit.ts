/**
 * The extraction limit: the least time any client could need to read every record. A minimal reader downloads
 * every page of every entity (all fields, same `$top`), keyset-paged by SysRevID like the connector, with
 * `concurrency` requests in flight, and throws the bytes away — no JSON parsing, mapping, Parquet or uploads.
 * Each entity's revision range is split into `concurrency` sub-ranges (as the connector does for first loads) and
 * all sub-ranges of all entities share one pool of workers, longest first, so the in-flight slots stay busy.
 */
import type { EntityDef } from '../src/source/epicor/catalog.ts';
import { countRows, createEpicorReader, lastRevision } from './epicor-reader.ts';

export interface LimitResult {
  records: number;
  requests: number;
  bytes: number;
  /** Pages asked again for fewer rows after a timeout (strict-iis). */
  timeouts: number;
  /** Fields of one record, per entity name (from each entity's first page). */
  fieldsByEntity: Record<string, number>;
  /** Records read per entity name. */
  recordsByEntity: Record<string, number>;
}

interface Range {
  entity: EntityDef;
  from: bigint;
  to: bigint;
}

/** Reads every entity completely; resolves the totals. */
export async function readExtractionLimit(
  baseUrl: string,
  company: string,
  entities: readonly EntityDef[],
  pageSize: number,
  concurrency: number,
  /** Read only records changed after this SysRevID (the limit of an incremental run); undefined = everything. */
  afterRevision?: bigint,
): Promise<LimitResult> {
  const reader = createEpicorReader(baseUrl, company, concurrency);
  const total: LimitResult = {
    records: 0,
    requests: 0,
    bytes: 0,
    timeouts: 0,
    fieldsByEntity: {},
    recordsByEntity: {},
  };
  try {
    // Bounds: highest and lowest SysRevID per entity (2 requests each, like the connector's bound + range split).
    const ranges: Range[] = [];
    await pool(
      entities.map((entity) => async () => {
        const edge = async (desc: boolean) =>
          lastRevision(
            await reader.get(entity, { $select: 'SysRevID', $orderby: `SysRevID${desc ? ' desc' : ''}`, $top: '1' }),
          );
        const [hi, lo] = await Promise.all([edge(true), edge(false)]);
        if (hi === null || lo === null) return;
        const start = afterRevision === undefined || afterRevision < lo ? lo - 1n : afterRevision;
        if (hi <= start) return;
        const n = BigInt(Math.max(1, Math.min(concurrency, Number(hi - start))));
        for (let i = 0n; i < n; i++) {
          ranges.push({ entity, from: start + ((hi - start) * i) / n, to: start + ((hi - start) * (i + 1n)) / n });
        }
      }),
      concurrency,
    );
    ranges.sort((a, b) => Number(b.to - b.from - (a.to - a.from)));
    await pool(
      ranges.map((r) => async () => {
        let after = r.from;
        const name = r.entity.name;
        for (;;) {
          const { body } = await reader.page(
            r.entity,
            { $filter: `SysRevID gt ${after} and SysRevID le ${r.to}`, $orderby: 'SysRevID' },
            pageSize,
          );
          const rows = countRows(body);
          total.records += rows;
          total.recordsByEntity[name] = (total.recordsByEntity[name] ?? 0) + rows;
          total.bytes += body.length;
          if (rows > 0 && total.fieldsByEntity[name] === undefined) total.fieldsByEntity[name] = fieldsOfFirstRow(body);
          // A short page says nothing about the end when the server caps rows per response (strict-iis rowCap):
          // the range ends on an empty page or at its upper bound, as the connector's.
          if (rows === 0) return;
          const last = lastRevision(body);
          if (last === null || last <= after) throw new Error(`paging ${name} made no progress`);
          if (last >= r.to) return;
          after = last;
        }
      }),
      concurrency,
    );
    total.requests = reader.requests;
    total.timeouts = reader.timeouts;
    return total;
  } finally {
    await reader.close();
  }
}

/** Fields of a record as served (annotations such as `@odata.etag` excluded). */
function fieldsOfFirstRow(body: Buffer): number {
  const row = (JSON.parse(body.toString('utf8')) as { value: Record<string, unknown>[] }).value[0] ?? {};
  return Object.keys(row).filter((k) => !k.includes('@')).length;
}

/** Fields per record over all entities, weighted by each entity's records. */
export function fieldsPerRecord(r: Pick<LimitResult, 'fieldsByEntity' | 'recordsByEntity'>): number {
  let rows = 0;
  let fields = 0;
  for (const [name, n] of Object.entries(r.recordsByEntity)) {
    rows += n;
    fields += n * (r.fieldsByEntity[name] ?? 0);
  }
  return rows > 0 ? fields / rows : 0;
}

/** Runs the tasks with at most `limit` at once, in the given order. */
async function pool(tasks: (() => Promise<void>)[], limit: number): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < tasks.length) await tasks[next++]();
  };
  await Promise.all(Array.from({ length: Math.min(limit, tasks.length) }, worker));
}
