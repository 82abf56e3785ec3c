/**
 * One sync run (DESIGN.md): per company and entity, read the stored watermark, fix the upper bound, stream pages
 * through the mapper into the destination's staged load, commit it with one MERGE, and only then advance the
 * watermark. Entities run in parallel within the Epicor concurrency; one entity or company failing does not stop
 * the others (the run ends `partial`).
 */
import type { Clock } from '../clock.ts';
import type { Config } from '../config/schema.ts';
import { messageOf } from '../errors.ts';
import type { Logger } from '../log/create-logger.ts';
import { buildTargetSchema } from '../mapping/build-target-schema.ts';
import { PLUMBING_FIELDS } from '../mapping/column-types.ts';
import { createRecordMapper } from '../mapping/record-mapper.ts';
import { type TargetSchema, unionByTable } from '../mapping/target-schema.ts';
import { type EntityPreview, sampleRow, startPreview } from './dry-run-preview.ts';
import { cursorFieldName, type PlannedEntity, planEntities } from './entity-plan.ts';
import { forEachLimited } from './limit.ts';
import type { DestinationPort, EntityCounts, EntityLoad, ReadPlan, RunRecord, SourcePort, Watermark } from './ports.ts';
import { revisionOf } from './revision.ts';
import { runErrorText } from './run-cause.ts';
import { emptyCounts, runStatusOf } from './run-status.ts';
import { newSyncId } from './sync-id.ts';
import { type MapWriteOffload, openMapWriteOffload } from './worker/map-write-offload.ts';
import type { WorkerSetup } from './worker/protocol.ts';

export interface SyncOptions {
  /** `--entities`: only these. */
  only?: string[];
  fullRefresh?: boolean;
  trigger?: RunRecord['trigger'];
  signal?: AbortSignal;
  /** Dry run: mapped rows kept per entity for the preview (0 = none). */
  sampleRows?: number;
}

export interface SyncDeps {
  config: Config;
  source: SourcePort;
  /** Absent → dry run: extract and map, write nothing. */
  destination?: DestinationPort;
  /** Watermarks for a dry run (read-only view of the destination's state), if reachable. */
  readWatermarks?: (instance: string, company: string) => Promise<Map<string, Watermark>>;
  /** Dry run: the target's tables and their columns (read only), to say what a load would create or add. */
  readTargetColumns?: () => Promise<Map<string, Set<string>>>;
  clock: Clock;
  logger: Logger;
  progress?: ProgressSink;
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

export interface BadRecord {
  company: string;
  entity: string;
  key: string;
  reason: string;
}

export interface SyncResult {
  run: RunRecord;
  badRecords: BadRecord[];
  /** Epicor HTTP requests this run. */
  requests: number;
  dryRun: boolean;
  /** Dry run: per loading entity, the target table, its new columns and sample mapped rows. */
  previews?: EntityPreview[];
}

/** Starts the error of an entity a stop (signal) interrupted before its commit. */
export const NOT_FINISHED = 'not finished:';

/** Bad records kept in memory for the report (all are counted). */
const MAX_BAD_REPORTED = 1000;

interface EntityTask {
  company: string;
  planned: PlannedEntity;
  key: string;
  counts: EntityCounts;
  watermark: Watermark | undefined;
  bound: string | null;
  schema?: TargetSchema;
  preview?: EntityPreview;
}

/** Runs one sync now and returns its ledger record. Never throws for entity-level failures. */
export async function runSync(deps: SyncDeps, opts: SyncOptions = {}): Promise<SyncResult> {
  const { config, source, destination, clock, logger } = deps;
  const startedAt = new Date(clock.now());
  const run: RunRecord = {
    syncId: newSyncId(startedAt),
    trigger: opts.trigger ?? 'manual',
    startedAt,
    status: 'running',
    entities: {},
  };
  const bad: BadRecord[] = [];
  const reasonsLogged = new Set<string>();
  let allTasks: EntityTask[] = [];
  const planned = planEntities(config, opts.only);
  const companies = config.epicor.companies;
  const instance = config.epicor.baseUrl;
  const keyOf = (company: string, name: string) => (companies.length > 1 ? `${company}/${name}` : name);
  // Twice as many entities in flight as Epicor requests allowed: while one entity's MERGE runs, another keeps
  // the Epicor request slots busy (the HTTP layer bounds requests to \`epicor.concurrency\` whatever this is).
  const parallel = Math.max(2, config.epicor.concurrency * 2);

  logger.info({ syncId: run.syncId, entities: planned.length, companies }, 'sync started');
  try {
    // The ledger row and the orphan clean-up go to Databricks while the companies are checked, the watermarks read
    // and the upper bounds fixed in Epicor: neither side waits for the other's round trips.
    const startup = destination
      ? destination.state.startRun(run).then(() => destination.cleanupOrphans(run.syncId))
      : Promise.resolve();
    startup.catch(() => {}); // awaited below; this only keeps an early failure from being reported as unhandled
    // Companies are prepared at once; their tasks keep the configured company order whichever answers first.
    const perCompany = await Promise.all(
      companies.map(async (company): Promise<EntityTask[]> => {
        const companyTasks = planned.map((p) => {
          const t: EntityTask = {
            company,
            planned: p,
            key: keyOf(company, p.def.name),
            counts: emptyCounts(null),
            watermark: undefined,
            bound: null,
          };
          run.entities[t.key] = t.counts;
          return t;
        });
        try {
          await source.validateCompany(company, opts.signal);
          const [marks] = await Promise.all([
            readMarks(deps, instance, company, opts.fullRefresh === true),
            forEachLimited(companyTasks, parallel, async (t) => {
              try {
                await fixBound(deps, t, opts);
              } catch (e) {
                fail(t, e);
              }
            }),
          ]);
          for (const t of companyTasks) {
            t.watermark = marks.get(t.planned.def.name);
            t.counts.watermark_from = t.watermark?.cursorValue ?? null;
            t.counts.watermark_to = t.counts.watermark_from;
          }
          return companyTasks;
        } catch (e) {
          // One log line for the company, not one per entity it stopped.
          if (!opts.signal?.aborted) logReason({ company }, `company ${company}`, messageOf(e));
          reasonsLogged.add(messageOf(e));
          for (const t of companyTasks) fail(t, e);
          return [];
        }
      }),
    );
    const tasks = perCompany.flat();
    allTasks = tasks;
    await startup;

    // Phase 1: learn the schemas of the entities that changed (a no-change entity cost only its bound request).
    await forEachLimited(tasks, parallel, async (t) => {
      if (t.counts.status === 'failed') return;
      try {
        await planTask(deps, t, opts);
      } catch (e) {
        fail(t, e);
      }
    });
    const toLoad = tasks.filter((t) => t.schema !== undefined && t.counts.status !== 'failed');
    // Tables are created/altered while extraction already runs: rows only need the table at MERGE time.
    const ready =
      destination && toLoad.length > 0
        ? destination.prepare(unionByTable(toLoad.map((t) => t.schema!)))
        : Promise.resolve();
    ready.catch(() => {}); // every load awaits it before its MERGE, and the run awaits it below
    if (!destination) await startPreviews(deps, toLoad);

    // Phase 2: stream, stage, MERGE, then advance the watermark, entity by entity — the largest kinds first, so the
    // run does not end waiting on a big entity that started last.
    await forEachLimited(byExpectedVolume(toLoad), parallel, async (t) => {
      deps.progress?.start(t.key, { kind: t.planned.def.kind === 'fact' ? 'fact' : 'dimension', dryRun: !destination });
      if (deps.progress?.wantsTotals && deps.progress.total && source.countRecords) {
        const sink = deps.progress;
        // Not awaited: the bar gets its total when the count answers; loading never waits for it.
        source
          .countRecords(readPlanOf(t, opts))
          .then((n) => n !== null && sink.total?.(t.key, n))
          .catch(() => {});
      }
      try {
        await loadTask(deps, run, t, bad, opts, ready);
      } catch (e) {
        fail(t, e);
      }
      deps.progress?.finish(t.key, t.counts);
    });
    await ready;
    run.status = runStatusOf(run.entities);
  } catch (e) {
    run.status = 'failed';
    run.error = messageOf(e);
    logger.error({ err: run.error }, 'sync failed');
  }
  run.finishedAt = new Date(clock.now());
  // One reason once (a wrong key fails every entity the same way), not 13 copies joined into one line.
  if (!run.error) run.error = opts.signal?.aborted ? stoppedText(run, opts.signal) : runErrorText(run.entities);
  if (destination) {
    try {
      await destination.state.finishRun(run);
    } catch (e) {
      logger.error({ err: messageOf(e) }, 'could not record the run in the ledger');
      run.status = 'failed';
      run.error = run.error ?? messageOf(e);
    }
  }
  logger.info({ syncId: run.syncId, status: run.status }, 'sync finished');
  const previews = destination ? undefined : allTasks.flatMap((t) => (t.preview ? [t.preview] : []));
  return { run, badRecords: bad, requests: source.requestCount(), dryRun: !destination, previews };

  function fail(t: EntityTask, e: unknown) {
    t.counts.status = 'failed';
    if (opts.signal?.aborted) {
      // Stopped, not broken: the command says once what was committed.
      t.counts.error = `${NOT_FINISHED} ${messageOf(opts.signal.reason)}`;
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

/** Dry run: reads the target's tables once (read only) and starts each loading entity's preview. */
async function startPreviews(deps: SyncDeps, tasks: readonly EntityTask[]): Promise<void> {
  let existing: Map<string, Set<string>> | undefined;
  if (deps.readTargetColumns) {
    try {
      existing = await deps.readTargetColumns();
    } catch (e) {
      deps.logger.debug(
        { err: messageOf(e) },
        'dry run: the target could not be read; tables shown as they would be created',
      );
    }
  }
  for (const t of tasks) if (t.schema) t.preview = startPreview(t.key, t.schema, existing);
}

async function readMarks(deps: SyncDeps, instance: string, company: string, fullRefresh: boolean) {
  if (fullRefresh) return new Map<string, Watermark>();
  if (deps.destination) return deps.destination.state.readWatermarks(instance, company);
  if (deps.readWatermarks) {
    try {
      return await deps.readWatermarks(instance, company);
    } catch (e) {
      // A dry run is what a user tries before the warehouse is set up: say so and go on reading Epicor.
      const text = messageOf(e);
      if (/TABLE_OR_VIEW_NOT_FOUND|SCHEMA_NOT_FOUND|CATALOG_NOT_FOUND|NO_SUCH_CATALOG/.test(text)) {
        deps.logger.info(
          `dry run: no sync has run against this destination yet, so every entity of ${company} would be read as a first load`,
        );
        deps.logger.debug({ err: text }, 'dry run: the state table is not there');
      } else {
        deps.logger.warn(
          { company, err: text },
          `dry run: the destination's state could not be read, so every entity of ${company} is treated as a first load (full read; nothing is written)`,
        );
      }
    }
  }
  return new Map<string, Watermark>();
}

/** Fixes the entity's upper bound for this run (entities without a cursor have none). */
async function fixBound(deps: SyncDeps, t: EntityTask, opts: SyncOptions): Promise<void> {
  const def = t.planned.def;
  if (def.cursor.type === 'offset') return;
  t.bound = await deps.source.upperBound(def, t.company, opts.signal);
  t.counts.requests++;
}

/** Learns the schema of an entity that has something to read (sets `t.schema`); unchanged entities stop here. */
async function planTask(deps: SyncDeps, t: EntityTask, opts: SyncOptions): Promise<void> {
  const def = t.planned.def;
  if (def.cursor.type !== 'offset') {
    const from = t.watermark?.cursorValue;
    const unchanged =
      t.bound === null || (def.cursor.type === 'revision' && from !== undefined && BigInt(t.bound) <= BigInt(from));
    if (unchanged) return;
  }
  const fields = await deps.source.fields(def, t.company, opts.signal);
  const built = buildTargetSchema(def, fields);
  for (const s of built.skipped) {
    // Epicor's own plumbing fields are skipped by design; anything else is worth a warning.
    const level = PLUMBING_FIELDS.has(s.field) ? 'debug' : 'warn';
    deps.logger[level]({ entity: t.key, field: s.field, reason: s.reason }, 'source field skipped');
  }
  t.schema = built.schema;
}

async function loadTask(
  deps: SyncDeps,
  run: RunRecord,
  t: EntityTask,
  bad: BadRecord[],
  opts: SyncOptions,
  ready: Promise<unknown>,
): Promise<void> {
  const { source, destination, config } = deps;
  const def = t.planned.def;
  const schema = t.schema!;
  const context = {
    instance: config.epicor.baseUrl,
    company: t.company,
    syncId: run.syncId,
    syncedAt: run.startedAt,
    timeZone: config.epicor.timeZone,
  };
  const mapper = createRecordMapper(def, schema, context);
  const load = destination?.openEntityLoad(
    schema,
    run.syncId,
    `${t.company}_${def.name.replace(/[^A-Za-z0-9_]/g, '_')}`,
  );
  // `mapWorker`: pages are mapped and encoded in a worker thread, parts staged through the load (pipeline/worker/).
  const offload = config.mapWorker ? openOffload(load, { entity: def, schema, context }) : undefined;
  let minBadRev: bigint | null = null;
  let lastCursor: string | null = null;
  let rows = 0;
  const noteBad = (rev: bigint, key: string, reason: string) => {
    t.counts.bad++;
    if (minBadRev === null || rev < minBadRev) minBadRev = rev;
    if (bad.length < MAX_BAD_REPORTED) bad.push({ company: t.company, entity: def.name, key, reason });
    deps.logger.warn({ entity: t.key, key, reason }, 'bad record');
  };
  try {
    const pages = source.pages(readPlanOf(t, opts));
    for await (const page of pages) {
      t.counts.pages++;
      // One request per page (retries not counted); the run's total below counts every request sent.
      t.counts.requests++;
      t.counts.fetched += page.records.length;
      if (page.cursorAfter !== null) lastCursor = page.cursorAfter;
      if (offload) {
        await offload.page(page.records);
        deps.progress?.advance(t.key, page.records.length);
        continue;
      }
      let n = 0;
      for (const raw of page.records) {
        // Let the event loop in every 128 records: responses of the other requests in flight are read (and their
        // slots freed for the next request) while a page is mapped, instead of after it.
        if ((++n & 127) === 0) await yieldToEventLoop();
        const r = mapper(raw);
        if (r.ok) {
          rows++;
          if (t.preview && t.preview.samples.length < (opts.sampleRows ?? 0)) {
            t.preview.samples.push(sampleRow(schema, r.values));
          }
          if (load) {
            const wait = load.writeValues(r.values);
            if (wait) await wait;
          }
          continue;
        }
        // A bad record without a usable SysRevID holds the watermark where it was (revision 0 stands for it).
        noteBad(revisionOf(raw.SysRevID) ?? 0n, r.key, r.reason);
      }
      deps.progress?.advance(t.key, page.records.length);
    }
    if (offload) {
      const mapped = await offload.finish();
      rows += mapped.rows;
      for (const b of mapped.bad) noteBad(b.rev === null ? 0n : BigInt(b.rev), b.key, b.reason);
    }
    if (load) {
      if (rows > 0) await ready;
      const result = rows > 0 ? await load.commit() : { inserted: 0, updated: 0 };
      if (rows === 0) await load.abort();
      t.counts.inserted = result.inserted;
      t.counts.updated = result.updated;
    }
    // A dry run compared nothing with the target: its rows are not "unchanged" (the summary says "would insert").
    t.counts.unchanged = load ? Math.max(0, rows - t.counts.inserted - t.counts.updated) : 0;
  } catch (e) {
    await load?.abort().catch(() => {});
    throw e;
  } finally {
    await offload?.close();
  }
  const next = nextWatermark(def.cursor.type, t.counts.watermark_from, t.bound, lastCursor, minBadRev, t.counts.bad);
  t.counts.watermark_to = next;
  if (t.counts.bad > 0) t.counts.status = 'partial';
  if (destination && next !== null && next !== t.counts.watermark_from) {
    await destination.state.writeWatermark(
      config.epicor.baseUrl,
      t.company,
      def.name,
      { cursorField: cursorFieldName(def.cursor), cursorValue: next },
      run.syncId,
    );
  }
}

/** How this run reads the entity (the same plan for its pages and its count). */
function readPlanOf(t: EntityTask, opts: SyncOptions): ReadPlan {
  return {
    entity: t.planned.def,
    company: t.company,
    watermark: opts.fullRefresh ? null : (t.watermark?.cursorValue ?? null),
    bound: t.bound ?? '',
    lookbackMinutes: t.planned.lookbackMinutes,
    signal: opts.signal,
  };
}

/** The ledger error of a stopped run. */
function stoppedText(run: RunRecord, signal: AbortSignal): string {
  const open = Object.values(run.entities).filter((c) => c.status === 'failed').length;
  return `${messageOf(signal.reason)}: ${open} of ${Object.keys(run.entities).length} entities not finished`;
}

function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/**
 * Entities ordered so the ones that usually hold the most rows start first: line-level facts (`*_lines`,
 * `*_releases`: many per document), then other facts, then dimensions. The sort is stable, so the configured order
 * decides among equals.
 */
function byExpectedVolume(tasks: readonly EntityTask[]): EntityTask[] {
  const weight = (t: EntityTask) => {
    const def = t.planned.def;
    if (def.kind !== 'fact') return 0;
    return /_(lines|releases)$/.test(def.name) ? 2 : 1;
  };
  return [...tasks].sort((a, b) => weight(b) - weight(a));
}

/**
 * The watermark to store once the entity's rows are committed. Revision cursors advance to the fixed bound — but
 * never past a record that could not be mapped, so it is read again (and reported again) until it is fixed.
 */
export function nextWatermark(
  cursorType: string,
  from: string | null,
  bound: string | null,
  lastCursor: string | null,
  minBadRev: bigint | null,
  badCount: number,
): string | null {
  if (cursorType === 'offset') return null;
  if (cursorType === 'revision') {
    if (bound === null || bound === '') return from;
    let target = BigInt(bound);
    if (minBadRev !== null && minBadRev - 1n < target) target = minBadRev - 1n;
    if (target < 0n) return from;
    if (from !== null && target < BigInt(from)) return from;
    return target.toString();
  }
  if (badCount > 0) return from;
  return lastCursor ?? from;
}

/** The worker of one entity load, when the load takes ready-made parts (see `EntityLoad.stagePart`). */
function openOffload(
  load: EntityLoad | undefined,
  setup: Omit<WorkerSetup, 'codec' | 'partRows' | 'partBytes'>,
): MapWriteOffload | undefined {
  if (!load?.stagePart || !load.partFormat) return undefined;
  const stage = load.stagePart.bind(load);
  return openMapWriteOffload({ ...setup, ...load.partFormat }, stage);
}
