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
): Promise<LimitResult> {
  const reader = createEpicorReader(baseUrl, company, concurrency);
  const total = { records: 0, requests: 0, bytes: 0 };
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
        const start = lo - 1n;
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
        for (;;) {
          const body = await reader.get(r.entity, {
            $filter: `SysRevID gt ${after} and SysRevID le ${r.to}`,
            $orderby: 'SysRevID',
            $top: String(pageSize),
          });
          const rows = countRows(body);
          total.records += rows;
          total.bytes += body.length;
          if (rows < pageSize) return;
          const last = lastRevision(body);
          if (last === null || last <= after) throw new Error(`paging ${r.entity.name} made no progress`);
          after = last;
        }
      }),
      concurrency,
    );
    total.requests = reader.requests;
    return total;
  } finally {
    await reader.close();
  }
}

/** Runs the tasks with at most `limit` at once, in the given order. */
async function pool(tasks: (() => Promise<void>)[], limit: number): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < tasks.length) await tasks[next++]();
  };
  await Promise.all(Array.from({ length: Math.min(limit, tasks.length) }, worker));
}
