/**
 * The one job runner. Every job that moves rows — `sync` (sync-run.ts), `reconcile` (reconcile.ts), `replay`
 * (replay.ts), and any later one (a re-sync of one table, a history or analytics refresh) — is a `JobPlan` run by
 * `runJob` over the same ports (ports.ts) and the same lifecycle:
 *
 *  1. a ledger row (`startRun`) and the clean-up of staging folders dead runs left, while the companies are checked;
 *  2. per company: `validateCompany`, then `plan.prepareCompany` (company-wide reads, e.g. watermarks and bounds);
 *  3. per entity: `plan.planEntity` returns the target schema when there is something to load (undefined: nothing);
 *  4. one `destination.prepare` for every table of the run (awaited through `ctx.ready` before a MERGE or a read of
 *     the target);
 *  5. per entity, the plan's largest first (`plan.order`): `plan.loadEntity`, which streams records through
 *     `loadRecords` (map → staged Parquet → one MERGE, bad records counted, logged and reported) and writes its own
 *     marks (a watermark, deletion marks);
 *  6. per-entity isolation: an entity that throws is failed by the one failure handler (`ctx.fail`); the others go
 *     on and the run ends `partial`; the ledger's error is one joined sentence (run-cause.ts);
 *  7. the ledger row is finished and the result (run, bad records, requests) returned: the summary.
 *
 * The lock (acquired, heart-beaten, released) is held around the whole job by the entry point that opened the
 * connections (`withRunLock` in `jobs/connect.ts`; the daemon holds it around each scheduled job itself).
 *
 * A plan: `label` (log lines), `trigger` (ledger), `parallel` (entities at once), `newCounts`/`newState` (per-entity
 * counts written to the ledger, and the plan's own state), and the hooks above. Only `planEntity` and `loadEntity`
 * are required. A plan never talks to Epicor or Databricks except through `ctx.deps.source` and
 * `ctx.deps.destination`.
 */
import type { Clock } from '../clock.ts';
import type { Config } from '../config/schema.ts';
import { messageOf } from '../errors.ts';
import type { Logger } from '../log/create-logger.ts';
import { createRecordMapper } from '../mapping/record-mapper.ts';
import { type RowValue, type TargetSchema, unionByTable } from '../mapping/target-schema.ts';
import { forEachLimited } from '../semaphore.ts';
import { type PlannedEntity, planEntities } from './entity-plan.ts';
import {
  type DestinationPort,
  type EntityCounts,
  type EntityLoad,
  LEDGER_BAD_RECORDS,
  type RunRecord,
  type RunTrigger,
  type SourcePort,
  type SourceRecord,
} from './ports.ts';
import { revisionOf } from './revision.ts';
import { runErrorText } from './run-cause.ts';
import { emptyCounts, runStatusOf } from './run-status.ts';
import { newSyncId } from './sync-id.ts';
import { type MapWriteOffload, openMapWriteOffload } from './worker/map-write-offload.ts';
import type { WorkerSetup } from './worker/protocol.ts';

export interface JobDeps {
  config: Config;
  source: SourcePort;
  /** Absent → a dry run: read and map, write nothing (no ledger row either). */
  destination?: DestinationPort;
  clock: Clock;
  logger: Logger;
  progress?: ProgressSink;
}

export interface JobOptions {
  /** `--entities`: only these. */
  only?: string[];
  signal?: AbortSignal;
}

/** What a progress sink learns when an entity starts loading. */
export interface ProgressStart {
  kind: 'dimension' | 'fact';
  dryRun: boolean;
}

/** Receives progress per entity (bars on a TTY, log lines otherwise). */
export interface ProgressSink {
  start(key: string, info?: ProgressStart): void;
  advance(key: string, records: number): void;
  finish(key: string, counts: EntityCounts): void;
  /** Records the entity is expected to yield this run, once known (only asked for when `wantsTotals`). */
  total?(key: string, records: number): void;
  /** Costs one count request per loading entity: only bars on a terminal ask for it. */
  wantsTotals?: boolean;
}

/** A record that could not be mapped: counted, logged, reported at the end of the job, and read again next time. */
export interface BadRecord {
  company: string;
  entity: string;
  key: string;
  reason: string;
}

export interface JobResult<C extends EntityCounts = EntityCounts> {
  run: RunRecord & { entities: Record<string, C> };
  /** The first MAX_BAD_REPORTED bad records (all are counted in their entity's `bad`). */
  badRecords: BadRecord[];
  /** Source HTTP requests of this job. */
  requests: number;
}

/** Starts the error of an entity a stop (signal) interrupted before its commit. */
export const NOT_FINISHED = 'not finished:';

/** Bad records kept in memory for the report (all are counted). */
export const MAX_BAD_REPORTED = 1000;

/** One (company, entity) of a job. */
export interface JobTask<S = undefined, C extends EntityCounts = EntityCounts> {
  readonly company: string;
  readonly entity: PlannedEntity;
  /** `vendors`, or `EPIC06/vendors` when several companies are configured: the key of the ledger's counts. */
  readonly key: string;
  readonly counts: C;
  /** What `planEntity` returned: the target schema when there is something to load. */
  schema?: TargetSchema;
  /** The plan's own per-entity state. */
  state: S;
}

export interface JobContext {
  readonly deps: JobDeps;
  readonly run: RunRecord;
  readonly signal?: AbortSignal;
  /** Settles once the destination has every table of the run; await it before a MERGE or a read of the target. */
  readonly ready: Promise<unknown>;
  /** The one failure handler: marks the entity failed (or "not finished" after a stop) and logs its reason once. */
  fail(task: JobTask<unknown, EntityCounts>, e: unknown): void;
  /** Bad records reported at the end of the job (`loadRecords` adds to it). */
  readonly badRecords: BadRecord[];
}

export interface JobPlan<S = undefined, C extends EntityCounts = EntityCounts> {
  /** In log lines: `sync`, `reconcile`, `replay`. */
  readonly label: string;
  readonly trigger: RunTrigger;
  /** Entities worked on at once. */
  readonly parallel: number;
  newCounts(): C;
  newState(): S;
  /** After the company check, before any entity is planned (e.g. read the watermarks, fix the bounds). */
  prepareCompany?(ctx: JobContext, company: string, tasks: JobTask<S, C>[]): Promise<void>;
  /** The entity's target schema when this job has something to load for it; undefined when not. */
  planEntity(ctx: JobContext, task: JobTask<S, C>): Promise<TargetSchema | undefined>;
  /** Once the entities to load are known (e.g. a dry run's previews). */
  beforeLoad?(ctx: JobContext, tasks: readonly JobTask<S, C>[]): Promise<void>;
  /** The order entities start loading in (default: the configured order). */
  order?(tasks: readonly JobTask<S, C>[]): JobTask<S, C>[];
  /** Loads one entity whose `schema` is set (through `loadRecords`) and writes its marks. */
  loadEntity(ctx: JobContext, task: JobTask<S, C> & { schema: TargetSchema }): Promise<void>;
}

/** Runs one job now and returns its ledger record. Never throws for entity-level failures. */
export async function runJob<S, C extends EntityCounts>(
  deps: JobDeps,
  plan: JobPlan<S, C>,
  opts: JobOptions = {},
): Promise<JobResult<C>> {
  const { config, source, destination, clock, logger } = deps;
  const { signal } = opts;
  const startedAt = new Date(clock.now());
  const entities: Record<string, C> = {};
  const run: JobResult<C>['run'] = {
    syncId: newSyncId(startedAt),
    trigger: plan.trigger,
    startedAt,
    status: 'running',
    entities,
  };
  const badRecords: BadRecord[] = [];
  const reasonsLogged = new Set<string>();
  const planned = planEntities(config, opts.only);
  const companies = config.epicor.companies;
  const keyOf = (company: string, name: string) => (companies.length > 1 ? `${company}/${name}` : name);
  let ready: Promise<unknown> = Promise.resolve();
  const ctx: JobContext = {
    deps,
    run,
    signal,
    get ready() {
      return ready;
    },
    fail,
    badRecords,
  };

  logger.info({ syncId: run.syncId, entities: planned.length, companies }, `${plan.label} started`);
  try {
    // The ledger row and the orphan clean-up go to Databricks while the companies are checked (and, for a sync, the
    // watermarks read and the bounds fixed): neither side waits for the other's round trips. The connector tables
    // are there already when the entry point took the lock (then this `prepare` costs no statement).
    const startup = destination
      ? destination
          .prepare([], signal)
          .then(() => destination.state.startRun(run))
          .then(() => destination.cleanupOrphans(run.syncId))
      : Promise.resolve();
    startup.catch(() => {}); // awaited below; this only keeps an early failure from being reported as unhandled
    // Companies are prepared at once; their tasks keep the configured company order whichever answers first.
    const perCompany = await Promise.all(
      companies.map(async (company): Promise<JobTask<S, C>[]> => {
        const companyTasks = planned.map((p): JobTask<S, C> => {
          const t = {
            company,
            entity: p,
            key: keyOf(company, p.def.name),
            counts: plan.newCounts(),
            state: plan.newState(),
          };
          entities[t.key] = t.counts;
          return t;
        });
        try {
          await source.validateCompany(company, signal);
          await plan.prepareCompany?.(ctx, company, companyTasks);
          return companyTasks;
        } catch (e) {
          // One log line for the company, not one per entity it stopped.
          if (!signal?.aborted) logReason({ company }, `company ${company}`, messageOf(e));
          reasonsLogged.add(messageOf(e));
          for (const t of companyTasks) fail(t, e);
          return [];
        }
      }),
    );
    const tasks = perCompany.flat();
    await startup;

    // Learn the schemas of the entities this job has something to load for.
    await forEachLimited(tasks, plan.parallel, async (t) => {
      if (t.counts.status === 'failed') return;
      try {
        t.schema = await plan.planEntity(ctx, t);
      } catch (e) {
        fail(t, e);
      }
    });
    const toLoad = tasks.filter((t) => t.schema !== undefined && t.counts.status !== 'failed');
    // Tables are created/altered while extraction already runs: rows only need the table at MERGE time.
    ready =
      destination && toLoad.length > 0
        ? destination.prepare(unionByTable(toLoad.map((t) => t.schema!)), signal)
        : Promise.resolve();
    ready.catch(() => {}); // every load awaits it before its MERGE, and the run awaits it below
    await plan.beforeLoad?.(ctx, toLoad);

    await forEachLimited(plan.order?.(toLoad) ?? toLoad, plan.parallel, async (t) => {
      const kind = t.entity.def.kind === 'fact' ? 'fact' : 'dimension';
      deps.progress?.start(t.key, { kind, dryRun: !destination });
      try {
        await plan.loadEntity(ctx, t as JobTask<S, C> & { schema: TargetSchema });
        if (t.counts.bad > 0 && t.counts.status === 'succeeded') t.counts.status = 'partial';
      } catch (e) {
        fail(t, e);
      }
      deps.progress?.finish(t.key, t.counts);
    });
    await ready;
    run.status = runStatusOf(entities);
  } catch (e) {
    run.status = 'failed';
    run.error = messageOf(e);
    logger.error({ err: run.error }, `${plan.label} failed`);
  }
  run.finishedAt = new Date(clock.now());
  // One reason once (a wrong key fails every entity the same way), not 13 copies joined into one line.
  if (!run.error) run.error = signal?.aborted ? stoppedText(run, signal) : runErrorText(entities);
  if (destination) {
    try {
      await destination.state.finishRun(run);
    } catch (e) {
      logger.error({ err: messageOf(e) }, 'could not record the run in the ledger');
      run.status = 'failed';
      run.error = run.error ?? messageOf(e);
    }
  }
  logger.info({ syncId: run.syncId, status: run.status }, `${plan.label} finished`);
  return { run, badRecords, requests: source.requestCount() };

  function fail(t: JobTask<unknown, EntityCounts>, e: unknown) {
    t.counts.status = 'failed';
    if (signal?.aborted) {
      // Stopped, not broken: the command says once what was committed.
      t.counts.error = `${NOT_FINISHED} ${messageOf(signal.reason)}`;
      logger.debug({ entity: t.key }, `${t.key} stopped before it was committed`);
      return;
    }
    t.counts.error = messageOf(e);
    logReason({ entity: t.key }, t.key, t.counts.error);
  }

  /** The first entity failing for a reason logs it at error; the others hitting the same reason only at debug. */
  function logReason(fields: Record<string, string>, label: string, message: string) {
    const seen = reasonsLogged.has(message);
    reasonsLogged.add(message);
    logger[seen ? 'debug' : 'error']({ ...fields, err: message }, `${label} failed`);
  }
}

/** The ledger error of a stopped run. */
function stoppedText(run: RunRecord, signal: AbortSignal): string {
  const open = Object.values(run.entities).filter((c) => c.status === 'failed').length;
  return `${messageOf(signal.reason)}: ${open} of ${Object.keys(run.entities).length} entities not finished`;
}

/** What one `loadRecords` did. */
export interface LoadOutcome {
  /** Records mapped into rows (and written, unless dry run). */
  rows: number;
  /** Lowest SysRevID of a bad record (0 for one without a usable SysRevID); null when none was bad. */
  minBadRev: bigint | null;
}

export interface LoadRecordsOptions {
  /** Handed to the destination's load: a stop then also cancels its uploads and MERGE. */
  signal?: AbortSignal;
  /** Sees every mapped row (a dry run's samples). */
  onRow?(values: readonly RowValue[]): void;
}

/** The staging folder name of one entity's load within a run (one place: the orphan clean-up relies on it). */
export function stagingName(company: string, entity: string): string {
  return `${company}_${entity.replace(/[^A-Za-z0-9_]/g, '_')}`;
}

/**
 * The map-and-write loop every job shares: records → mapper → the destination's staged load → one MERGE (after
 * `ctx.ready`). Adds to the task's `inserted`, `updated`, `unchanged` and `bad`; bad records are logged and reported
 * (ctx.badRecords). Without a destination (dry run) it only maps. Nothing is committed when no row was mapped.
 */
export async function loadRecords(
  ctx: JobContext,
  task: JobTask<unknown, EntityCounts> & { schema: TargetSchema },
  pages: AsyncIterable<readonly SourceRecord[]>,
  opts: LoadRecordsOptions = {},
): Promise<LoadOutcome> {
  const { config, destination, logger } = ctx.deps;
  const { schema, counts } = task;
  const def = task.entity.def;
  const context = {
    instance: config.epicor.baseUrl,
    company: task.company,
    syncId: ctx.run.syncId,
    syncedAt: ctx.run.startedAt,
    timeZone: config.epicor.timeZone,
    hashSalt: config.columns?.salt,
  };
  const mapper = createRecordMapper(def, schema, context);
  const load = destination?.openEntityLoad(
    schema,
    ctx.run.syncId,
    stagingName(task.company, def.name),
    opts.signal ? { signal: opts.signal } : undefined,
  );
  // `mapWorker`: pages mapped and encoded in a worker thread, parts staged in order through the load (worker/).
  const offload = config.mapWorker && !opts.onRow ? openOffload(load, { entity: def, schema, context }) : undefined;
  let minBadRev: bigint | null = null;
  let rows = 0;
  try {
    for await (const records of pages) {
      if (offload) {
        await offload.page(records as Record<string, unknown>[]);
        continue;
      }
      let n = 0;
      for (const raw of records) {
        // Let the event loop in every 128 records: responses of the other requests in flight are read (and their
        // slots freed for the next request) while a page is mapped, instead of after it.
        if ((++n & 127) === 0) await yieldToEventLoop();
        const r = mapper(raw);
        if (r.ok) {
          rows++;
          opts.onRow?.(r.values);
          if (load) {
            const wait = load.writeValues(r.values);
            if (wait) await wait;
          }
          continue;
        }
        // A bad record without a usable SysRevID holds the watermark where it was (revision 0 stands for it).
        noteBad(revisionOf(raw.SysRevID) ?? 0n, r.key, r.reason);
      }
    }
    if (offload) {
      const mapped = await offload.finish();
      rows += mapped.rows;
      for (const b of mapped.bad) noteBad(b.rev === null ? 0n : BigInt(b.rev), b.key, b.reason);
    }
    if (load) {
      if (rows > 0) {
        await ctx.ready;
        const result = await load.commit();
        counts.inserted += result.inserted;
        counts.updated += result.updated;
        counts.unchanged += Math.max(0, rows - result.inserted - result.updated);
      } else {
        await load.abort();
      }
    }
    // A dry run compared nothing with the target: its rows are not "unchanged" (the summary says "would insert").
  } catch (e) {
    await load?.abort().catch(() => {});
    throw e;
  } finally {
    await offload?.close();
  }
  return { rows, minBadRev };

  function noteBad(rev: bigint, key: string, reason: string): void {
    counts.bad++;
    if (minBadRev === null || rev < minBadRev) minBadRev = rev;
    if (ctx.badRecords.length < MAX_BAD_REPORTED)
      ctx.badRecords.push({ company: task.company, entity: def.name, key, reason });
    if (!counts.bad_records) counts.bad_records = [];
    if (counts.bad_records.length < LEDGER_BAD_RECORDS) counts.bad_records.push({ key, reason });
    logger.warn({ entity: task.key, key, reason }, 'bad record');
  }
}

/** The worker of one entity load, when the load takes ready-made parts (`EntityLoad.stagePart`). */
function openOffload(
  load: EntityLoad | undefined,
  setup: Omit<WorkerSetup, 'codec' | 'partRows' | 'partBytes'>,
): MapWriteOffload | undefined {
  if (!load?.stagePart || !load.partFormat) return undefined;
  return openMapWriteOffload({ ...setup, ...load.partFormat }, load.stagePart.bind(load));
}

function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/** Fresh counts for a task (the runner's default for plans that add no counts of their own). */
export function freshCounts(): EntityCounts {
  return emptyCounts(null);
}
