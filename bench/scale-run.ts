/**
 * All runs of one scale, in order, on the same data: extraction limit, full sync, naive baseline, incremental sync
 * after ~1% of records changed, no-change sync (realistic latency); then the CPU-bound full sync (zero latency,
 * fresh emulators, same seed) and optionally a profiled repeat of it.
 */
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import type { EpicorEmulator } from '../src/emulators/epicor/index.ts';
import { ENTITIES } from '../src/source/epicor/catalog.ts';
import {
  type BenchDatabricks,
  epicorApiRequests,
  epicorTimeouts,
  startDatabricks,
  startEpicor,
} from './bench-emulators.ts';
import { type ProfileSummary, summariseProfile } from './cpu-profile.ts';
import { type ProxyStats, statementWallMs } from './databricks-proxy.ts';
import { fieldsPerRecord } from './extraction-limit.ts';
import { unionMs } from './intervals.ts';
import { type LatencyModel, ZERO } from './latency-model.ts';
import { runChild } from './run-child.ts';
import type { ChildResult, ChildTask } from './sync-child.ts';

export interface ScaleOptions {
  scale: number;
  seed: number;
  pageSize: number;
  concurrency: number;
  naive: boolean;
  /** Share of each entity's pages the naive baseline reads (1 = all); its time is then extrapolated. */
  naiveFraction: number;
  /** Take a CPU profile of the CPU-bound run (V8's sampling profiler: a few % of CPU on top). */
  cpuProfile: boolean;
  /** Also run the CPU-bound full sync with `mapWorker: true` (fresh Databricks, same Epicor data), side by side. */
  worker?: boolean;
  /** Only the CPU-bound full sync (the memory scale: peak RSS at ~1M records within the time budget). */
  cpuOnly?: boolean;
  /** Epicor server profile (`strict-iis` = real widths and IIS limits; undefined = narrow rows, no limits). */
  serverProfile: string | undefined;
  /** Latency of the realistic runs. */
  model: LatencyModel;
  log: (line: string) => void;
}

export interface RunRow {
  name: string;
  /** `naive-sample`: the measured part of a sampled naive baseline (the `naive` row is its extrapolation). */
  mode: ChildTask['mode'] | 'naive-sample';
  status: string;
  wallS: number;
  records: number;
  recordsPerS: number;
  epicorRequests: number;
  statements: number;
  bytesStaged: number;
  peakRssMB: number;
  /** Peak RSS sampled in the client every 20 ms (cross-check of maxRSS). */
  sampledPeakRssMB: number;
  clientCpuS: number;
  /** CPU of both emulators (this process: Epicor; the Databricks process: emulator + proxy) during the run. */
  emulatorCpuS: number;
  /** Rows inserted + updated in the target (sync runs). */
  rowsWritten: number | null;
  /** The client process's RSS once its code was loaded, before the run. */
  rssAfterImportsMB: number;
  /** 1-minute load average of the machine when the run ended (other work on the 2 cores skews wall times). */
  loadAvg: number;
  /** Epicor answers of HTTP 500 (strict-iis executionTimeout): pages asked again for fewer rows. */
  epicorTimeouts: number;
  /** Seconds from the run's start (code loaded) to its first Epicor request: the head fixed cost. */
  firstEpicorS?: number;
  /** Seconds from the end of the last Epicor request to the end of the run (ledger written): the tail fixed cost. */
  tailS?: number;
  /** Set on rows computed from a sample rather than measured in full. */
  note?: string;
}

/** Where the CPU-bound run's wall time went (seconds of wall time with at least one such operation in flight). */
export interface Breakdown {
  wallS: number;
  clientCpuS: number;
  emulatorCpuS: number;
  epicorInFlightS: number;
  mergeInFlightS: number;
  otherStatementsInFlightS: number;
  uploadsInFlightS: number;
  statementsByKind: Record<string, { count: number; inFlightS: number }>;
}

export interface ScaleResult {
  scale: number;
  seed: number;
  pageSize: number;
  concurrency: number;
  entities: number;
  latency: LatencyModel;
  activity?: { inserted: number; updated: number; deleted: number };
  /** Server profile the runs were against (undefined = narrow). */
  serverProfile?: string;
  /** Fields of a served record, weighted by records (from the extraction limit's pages). */
  fieldsPerRecord: number;
  runs: RunRow[];
  fullBreakdown?: Breakdown;
  cpuBreakdown?: Breakdown;
  profile?: ProfileSummary;
}

/** Runs every phase at one scale. */
export async function runScale(o: ScaleOptions): Promise<ScaleResult> {
  const result: ScaleResult = {
    scale: o.scale,
    seed: o.seed,
    pageSize: o.pageSize,
    concurrency: o.concurrency,
    entities: ENTITIES.length,
    latency: o.model,
    serverProfile: o.serverProfile,
    fieldsPerRecord: 0,
    runs: [],
  };

  if (!o.cpuOnly) await realisticRuns(o, result);
  await cpuBoundRun(o, result);
  return result;
}

/** Extraction limit, full sync, naive (optional), incremental and its limit, no-change: realistic latency. */
async function realisticRuns(o: ScaleOptions, result: ScaleResult): Promise<void> {
  const t = { pageSize: o.pageSize, concurrency: o.concurrency };
  const { epicor, url } = await startEpicor(o.seed, o.scale, o.model, o.serverProfile);
  const dbx = await startDatabricks(o.model);
  try {
    const run = (name: string, mode: ChildTask['mode'], extra: Partial<ChildTask> = {}) =>
      measure(name, { mode, epicorUrl: url, databricksHost: dbx.host, ...t, ...extra }, epicor, dbx, o.log);
    const limit = await run('extraction limit', 'limit');
    result.runs.push(limit.row);
    result.fieldsPerRecord = fieldsPerRecord({
      fieldsByEntity: limit.child.fieldsByEntity ?? {},
      recordsByEntity: limit.child.recordsByEntity ?? {},
    });
    o.log(`    ${result.fieldsPerRecord.toFixed(0)} fields per record`);
    const fullRun = await run('full sync', 'sync');
    const full = fullRun.row;
    result.runs.push(full);
    result.fullBreakdown = breakdown(full, fullRun.child, fullRun.proxy);
    if (o.naive) result.runs.push(...(await naive(o, full, fullRun.child, run)));
    const total = full.records;
    const before = epicor.maxRevision();
    const day = epicor.advance({
      inserts: Math.round(total * 0.004),
      updates: Math.round(total * 0.006),
      deletes: 0,
    });
    result.activity = { inserted: day.totals.inserted, updated: day.totals.updated, deleted: day.totals.deleted };
    o.log(`  activity: ${day.totals.inserted} inserted, ${day.totals.updated} updated (~1% of ${total})`);
    result.runs.push((await run('incremental (1% changed)', 'sync')).row);
    // The same changed records read by the bare reader: what the incremental run is judged against.
    result.runs.push((await run('limit of the changed pages', 'limit', { afterRevision: String(before) })).row);
    result.runs.push((await run('no-change sync', 'sync')).row);
  } finally {
    await epicor.close();
    await dbx.close();
  }
}

/** The CPU-bound full sync: zero injected latency, fresh emulators with the same seed; profiled on request. */
async function cpuBoundRun(o: ScaleOptions, result: ScaleResult): Promise<void> {
  const { epicor, url } = await startEpicor(o.seed, o.scale, ZERO, o.serverProfile);
  let dbx = await startDatabricks(ZERO);
  const dir = o.cpuProfile ? await mkdtemp(join(tmpdir(), 'ml-connector-prof-')) : undefined;
  try {
    const task: ChildTask = {
      mode: 'sync',
      epicorUrl: url,
      databricksHost: dbx.host,
      pageSize: o.pageSize,
      concurrency: o.concurrency,
    };
    const name = `CPU-bound full sync${dir ? ' (profiled)' : ''}`;
    const cpu = await measure(name, task, epicor, dbx, o.log, dir);
    result.runs.push(cpu.row);
    result.cpuBreakdown = breakdown(cpu.row, cpu.child, cpu.proxy);
    if (dir) {
      const files = (await readdir(dir)).filter((f) => f.endsWith('.cpuprofile'));
      if (files[0]) result.profile = await summariseProfile(join(dir, files[0]));
    }
    if (o.worker) {
      await dbx.close();
      dbx = await startDatabricks(ZERO);
      const w = { ...task, databricksHost: dbx.host, mapWorker: true };
      result.runs.push((await measure('CPU-bound full sync, mapWorker', w, epicor, dbx, o.log)).row);
    }
  } finally {
    if (dir) await rm(dir, { recursive: true, force: true });
    await epicor.close();
    await dbx.close();
  }
}

async function measure(
  name: string,
  task: ChildTask,
  epicor: EpicorEmulator,
  dbx: BenchDatabricks,
  log: (line: string) => void,
  cpuProfDir?: string,
): Promise<{ row: RunRow; child: ChildResult; proxy: ProxyStats }> {
  log(`  ${name} …`);
  const requests0 = epicorApiRequests(epicor);
  const timeouts0 = epicorTimeouts(epicor);
  const statements0 = await dbx.statementCount();
  await dbx.resetProxy();
  const cpu0 = process.cpuUsage();
  const dbxCpu0 = await dbx.cpuMs();
  const child = await runChild(task, { cpuProfDir });
  const cpu = process.cpuUsage(cpu0);
  const dbxCpuMs = (await dbx.cpuMs()) - dbxCpu0;
  const proxy = await dbx.proxyStats();
  const entities = Object.values((child.entities ?? {}) as Record<string, { inserted: number; updated: number }>);
  const row: RunRow = {
    name,
    mode: task.mode,
    status: child.status,
    wallS: child.wallMs / 1000,
    records: child.records,
    recordsPerS: child.records / (child.wallMs / 1000),
    epicorRequests: epicorApiRequests(epicor) - requests0,
    statements: (await dbx.statementCount()) - statements0,
    bytesStaged: proxy.bytesStaged,
    peakRssMB: child.maxRssMB,
    sampledPeakRssMB: child.sampledPeakRssMB,
    clientCpuS: (child.cpuUserMs + child.cpuSystemMs) / 1000,
    emulatorCpuS: (cpu.user + cpu.system) / 1e6 + dbxCpuMs / 1000,
    rowsWritten: task.mode === 'sync' ? entities.reduce((a, c) => a + c.inserted + c.updated, 0) : null,
    rssAfterImportsMB: child.rssAfterImportsMB,
    loadAvg: loadavg()[0],
    epicorTimeouts: epicorTimeouts(epicor) - timeouts0,
    ...fixedCosts(child),
  };
  log(
    `    ${row.wallS.toFixed(1)} s, ${row.records} records, ${row.epicorRequests} Epicor requests, ` +
      `${row.statements} statements, peak RSS ${row.peakRssMB.toFixed(0)} MB${child.error ? `, error: ${child.error}` : ''}`,
  );
  return { row, child, proxy };
}

/**
 * The naive baseline, in full or — to keep the benchmark short, since it is the slowest run by far — on the first
 * `naiveFraction` of each entity's pages, its time then scaled to all records. Early `$skip` pages are the cheapest
 * ones (offset paging slows down with the offset), so the extrapolation flatters the naive baseline.
 */
async function naive(
  o: ScaleOptions,
  full: RunRow,
  fullChild: ChildResult,
  run: (name: string, mode: ChildTask['mode'], extra?: Partial<ChildTask>) => Promise<{ row: RunRow }>,
): Promise<RunRow[]> {
  if (o.naiveFraction >= 1) return [(await run('naive baseline', 'naive')).row];
  const counts = (fullChild.entities ?? {}) as Record<string, { fetched: number }>;
  const naiveMaxPages: Record<string, number> = {};
  for (const [name, c] of Object.entries(counts)) {
    naiveMaxPages[name] = Math.max(1, Math.ceil((Math.ceil(c.fetched / o.pageSize) || 1) * o.naiveFraction));
  }
  const pct = Math.round(o.naiveFraction * 100);
  const sample = (await run(`naive baseline, ${pct}% sample`, 'naive', { naiveMaxPages })).row;
  const factor = full.records / Math.max(1, sample.records);
  const estimate: RunRow = {
    ...sample,
    name: 'naive baseline (extrapolated)',
    wallS: sample.wallS * factor,
    records: full.records,
    recordsPerS: sample.recordsPerS,
    epicorRequests: Math.round(sample.epicorRequests * factor),
    statements: Math.round(sample.statements * factor),
    clientCpuS: sample.clientCpuS * factor,
    emulatorCpuS: sample.emulatorCpuS * factor,
    note: `scaled ×${factor.toFixed(2)} from the ${pct}% sample`,
  };
  return [{ ...sample, mode: 'naive-sample' }, estimate];
}

/** Head and tail of a sync run: until the first Epicor request, and after the last one until the run ended. */
function fixedCosts(child: ChildResult): Pick<RunRow, 'firstEpicorS' | 'tailS'> {
  const iv = child.epicorIntervals ?? [];
  if (child.mode !== 'sync' || iv.length === 0) return {};
  let first = Number.POSITIVE_INFINITY;
  let last = 0;
  for (const [a, b] of iv) {
    first = Math.min(first, a);
    last = Math.max(last, b);
  }
  return { firstEpicorS: first / 1000, tailS: (child.wallMs - last) / 1000 };
}

function breakdown(row: RunRow, child: ChildResult, s: ProxyStats): Breakdown {
  const byKind: Breakdown['statementsByKind'] = {};
  for (const [kind, list] of s.statements) byKind[kind] = { count: list.length, inFlightS: unionMs(list) / 1000 };
  const other = [...s.statements.keys()].filter((k) => k !== 'MERGE');
  return {
    wallS: row.wallS,
    clientCpuS: row.clientCpuS,
    emulatorCpuS: row.emulatorCpuS,
    epicorInFlightS: unionMs(child.epicorIntervals ?? []) / 1000,
    mergeInFlightS: statementWallMs(s, ['MERGE']) / 1000,
    otherStatementsInFlightS: statementWallMs(s, other) / 1000,
    uploadsInFlightS: unionMs(s.uploadIntervals) / 1000,
    statementsByKind: byKind,
  };
}
