/**
 * One measured run in its own process, so its peak RSS is the client's alone (the emulators live in the parent).
 * Usage: `node --import tsx bench/sync-child.ts '<ChildTask JSON>'`; prints one `BENCH_RESULT <json>` line.
 */
import { writeHeapSnapshot } from 'node:v8';
import { emulatedConfig } from '../src/demo/emulated-config.ts';
import { syncOnce } from '../src/jobs/sync-once.ts';
import { createLogger } from '../src/log/create-logger.ts';
import { limitHeapGrowth } from '../src/runtime/heap-growth.ts';
import { ENTITIES } from '../src/source/epicor/catalog.ts';
import { readExtractionLimit } from './extraction-limit.ts';
import type { Interval } from './intervals.ts';
import { runNaive } from './naive-baseline.ts';

export interface ChildTask {
  mode: 'limit' | 'sync' | 'naive';
  epicorUrl: string;
  databricksHost: string;
  pageSize: number;
  concurrency: number;
  /** Sync mode: map and encode in a worker thread per entity (config `mapWorker`). */
  mapWorker?: boolean;
  /** Limit mode: read only records with a SysRevID above this (decimal text); absent = everything. */
  afterRevision?: string;
  /** Naive mode: pages to read per entity name (sampling); absent = everything. */
  naiveMaxPages?: Record<string, number>;
}

export interface ChildResult {
  mode: ChildTask['mode'];
  wallMs: number;
  records: number;
  /** Requests the client counted (the parent also counts them at the emulator). */
  clientRequests: number;
  status: string;
  error?: string;
  /** Per-entity counts of a sync run. */
  entities?: Record<string, unknown>;
  maxRssMB: number;
  /** RSS once the code was loaded (tsx compile + imports), before the run: the floor of every child. */
  rssAfterImportsMB: number;
  /** Highest RSS sampled every 20 ms during the run. */
  sampledPeakRssMB: number;
  /** process.memoryUsage() (MB) when the sampled RSS peaked: what the peak is made of. */
  memoryAtPeakMB?: { rss: number; heapTotal: number; heapUsed: number; external: number; arrayBuffers: number };
  /** CPU of this process during the run (startup and compilation excluded). */
  cpuUserMs: number;
  cpuSystemMs: number;
  /** Epicor request intervals (sync mode), for the wall-time breakdown; times relative to the run start. */
  epicorIntervals?: Interval[];
  /** Databricks HTTP requests (statements, polls, uploads), same clock: where the run's head and tail went. */
  databricksRequests?: Interval[];
  /** Limit mode: fields of a record per entity, records per entity, pages re-asked after a timeout. */
  fieldsByEntity?: Record<string, number>;
  recordsByEntity?: Record<string, number>;
  timeouts?: number;
}

export const RESULT_PREFIX = 'BENCH_RESULT ';

async function main(task: ChildTask): Promise<ChildResult> {
  // The same process set-up as the CLI's entry point (src/cli/main.ts).
  limitHeapGrowth();
  const t0 = performance.now();
  const cpu0 = process.cpuUsage();
  const rssAfterImportsMB = process.memoryUsage.rss() / 1048576;
  // Sampled peak as a cross-check of the kernel's maxRSS (which can carry pages from before exec).
  let sampledPeak = process.memoryUsage.rss();
  let atPeak = process.memoryUsage();
  let samples = 0;
  let snapshotTaken = false;
  // Dev aid: BENCH_HEAP_SNAPSHOT_MB=N writes one heap snapshot the first time the V8 heap passes N MB.
  const snapAt = Number(process.env.BENCH_HEAP_SNAPSHOT_MB ?? 0);
  const sampler = setInterval(() => {
    const rss = process.memoryUsage.rss();
    // The full breakdown (V8 heap, external, array buffers) of the peak, every 10th sample or on a new peak.
    if (rss > sampledPeak || ++samples % 10 === 0) {
      const m = process.memoryUsage();
      if (m.rss >= sampledPeak) atPeak = m;
      if (snapAt > 0 && !snapshotTaken && m.heapUsed > snapAt * 1048576) {
        snapshotTaken = true;
        process.stderr.write(`heap snapshot: ${writeHeapSnapshot()}\n`);
      }
    }
    sampledPeak = Math.max(sampledPeak, rss);
  }, 20);
  const config = {
    ...emulatedConfig(task.epicorUrl, task.databricksHost, { pageSize: task.pageSize, concurrency: task.concurrency }),
    mapWorker: task.mapWorker === true,
  };
  const base = { mode: task.mode, status: 'succeeded' };
  if (task.mode === 'limit') {
    const after = task.afterRevision === undefined ? undefined : BigInt(task.afterRevision);
    const r = await readExtractionLimit(task.epicorUrl, 'EPIC06', ENTITIES, task.pageSize, task.concurrency, after);
    return finish({
      ...base,
      records: r.records,
      clientRequests: r.requests,
      fieldsByEntity: r.fieldsByEntity,
      recordsByEntity: r.recordsByEntity,
      timeouts: r.timeouts,
    });
  }
  if (task.mode === 'naive') {
    const r = await runNaive(config, ENTITIES, 'naive', task.naiveMaxPages);
    return finish({ ...base, records: r.records, clientRequests: r.requests });
  }
  const epicorIntervals: Interval[] = [];
  const databricksRequests: Interval[] = [];
  const logger = createLogger({ format: 'text', level: 'warn', secrets: [] });
  const result = await syncOnce(config, {
    logger,
    events: {
      request(api, _status, ms) {
        const end = performance.now() - t0;
        if (api === 'epicor') epicorIntervals.push([end - ms, end]);
        else databricksRequests.push([end - ms, end]);
      },
    },
  });
  const records = Object.values(result.run.entities).reduce((a, c) => a + c.fetched, 0);
  return finish({
    ...base,
    status: result.run.status,
    error: result.run.error,
    records,
    clientRequests: result.requests,
    entities: result.run.entities,
    epicorIntervals,
    databricksRequests,
  });

  function finish(
    r: Omit<
      ChildResult,
      'wallMs' | 'maxRssMB' | 'rssAfterImportsMB' | 'sampledPeakRssMB' | 'memoryAtPeakMB' | 'cpuUserMs' | 'cpuSystemMs'
    >,
  ): ChildResult {
    const wallMs = performance.now() - t0;
    const cpu = process.cpuUsage(cpu0);
    clearInterval(sampler);
    sampledPeak = Math.max(sampledPeak, process.memoryUsage.rss());
    const mb = (n: number) => Math.round(n / 1048576);
    return {
      sampledPeakRssMB: sampledPeak / 1048576,
      memoryAtPeakMB: {
        rss: mb(atPeak.rss),
        heapTotal: mb(atPeak.heapTotal),
        heapUsed: mb(atPeak.heapUsed),
        external: mb(atPeak.external),
        arrayBuffers: mb(atPeak.arrayBuffers),
      },
      ...r,
      wallMs,
      maxRssMB: process.resourceUsage().maxRSS / 1024,
      rssAfterImportsMB,
      cpuUserMs: cpu.user / 1000,
      cpuSystemMs: cpu.system / 1000,
    } as ChildResult;
  }
}

const task = JSON.parse(process.argv[2] ?? '{}') as ChildTask;
main(task).then(
  (r) => {
    process.stdout.write(`${RESULT_PREFIX}${JSON.stringify(r)}\n`);
  },
  (e: unknown) => {
    process.stderr.write(`${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
    process.exitCode = 1;
  },
);
