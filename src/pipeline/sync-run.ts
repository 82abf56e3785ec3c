/**
 * One sync run (DESIGN.md), a plan on the job runner (job-runner.ts): per company and entity, read the stored
 * watermark, fix the upper bound, stream pages through the mapper into the destination's staged load, commit it with
 * one MERGE, and only then advance the watermark. Entities run in parallel within the Epicor concurrency; one entity
 * or company failing does not stop the others (the run ends `partial`).
 */

import { columnRulesOf } from '../config/columns-config.ts';
import { messageOf } from '../errors.ts';
import { buildTargetSchema } from '../mapping/build-target-schema.ts';
import { PLUMBING_FIELDS } from '../mapping/column-types.ts';
import type { TargetSchema } from '../mapping/target-schema.ts';
import { forEachLimited } from '../semaphore.ts';
import { type EntityPreview, sampleRow, startPreview } from './dry-run-preview.ts';
import { cursorFieldName } from './entity-plan.ts';
import {
  type BadRecord,
  type JobContext,
  type JobDeps,
  type JobPlan,
  type JobTask,
  loadRecords,
  NOT_FINISHED,
  type ProgressSink,
  type ProgressStart,
  runJob,
} from './job-runner.ts';
import type { ReadPlan, RunRecord, UpperBound, Watermark } from './ports.ts';
import { emptyCounts } from './run-status.ts';

export { type BadRecord, NOT_FINISHED, type ProgressSink, type ProgressStart };

export interface SyncOptions {
  /** `--entities`: only these. */
  only?: string[];
  fullRefresh?: boolean;
  trigger?: RunRecord['trigger'];
  signal?: AbortSignal;
  /** Dry run: mapped rows kept per entity for the preview (0 = none). */
  sampleRows?: number;
}

export interface SyncDeps extends JobDeps {
  /** Watermarks for a dry run (read-only view of the destination's state), if reachable. */
  readWatermarks?: (instance: string, company: string) => Promise<Map<string, Watermark>>;
  /** Dry run: the target's tables and their columns (read only), to say what a load would create or add. */
  readTargetColumns?: () => Promise<Map<string, Set<string>>>;
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

/** What the sync keeps per entity. */
interface SyncState {
  watermark: Watermark | undefined;
  /** Fixed in `prepareCompany`; null until then. */
  bound: UpperBound | null;
  /** Records this run reads, as the source counted them (first loads only); null when unknown. */
  size: number | null;
  preview?: EntityPreview;
}

type SyncTask = JobTask<SyncState>;

/** Runs one sync now and returns its ledger record. Never throws for entity-level failures. */
export async function runSync(deps: SyncDeps, opts: SyncOptions = {}): Promise<SyncResult> {
  const plan = syncPlan(deps, opts);
  const result = await runJob(deps, plan, { only: opts.only, signal: opts.signal });
  return { ...result, dryRun: !deps.destination, previews: deps.destination ? undefined : plan.previews() };
}

/** The sync as a plan on the job runner; `previews` are a dry run's, once it ran. */
export function syncPlan(deps: SyncDeps, opts: SyncOptions): JobPlan<SyncState> & { previews(): EntityPreview[] } {
  const { config } = deps;
  const instance = config.epicor.baseUrl;
  const fullRefresh = opts.fullRefresh === true;
  const parallel = Math.max(2, config.epicor.concurrency * 2);
  let previewTasks: SyncTask[] = [];
  return {
    label: 'sync',
    trigger: opts.trigger ?? 'manual',
    // Twice as many entities in flight as Epicor requests allowed: while one entity's MERGE runs, another keeps
    // the Epicor request slots busy (the HTTP layer bounds requests to `epicor.concurrency` whatever this is).
    parallel,
    newCounts: () => emptyCounts(null),
    newState: () => ({ watermark: undefined, bound: null, size: null }),
    previews: () => previewTasks.flatMap((t) => (t.state.preview ? [t.state.preview] : [])),

    async prepareCompany(ctx, company, tasks) {
      const [marks] = await Promise.all([
        readMarks(deps, instance, company, fullRefresh),
        forEachLimited(tasks, parallel, async (t) => {
          try {
            await fixBound(deps, t, ctx);
          } catch (e) {
            ctx.fail(t, e);
          }
        }),
      ]);
      for (const t of tasks) {
        t.state.watermark = marks.get(t.entity.def.name);
        t.counts.watermark_from = t.state.watermark?.cursorValue ?? null;
        t.counts.watermark_to = t.counts.watermark_from;
      }
    },

    async planEntity(ctx, t) {
      const schema = await planTask(deps, t, ctx);
      if (schema) t.state.size = await firstLoadSize(deps, t, opts);
      return schema;
    },

    async beforeLoad(_ctx, tasks) {
      if (deps.destination) return;
      await startPreviews(deps, tasks);
      previewTasks = [...tasks];
    },

    order: bySourceSize,

    async loadEntity(ctx, t) {
      const { source, progress } = deps;
      if (progress?.wantsTotals && t.state.size !== null) progress.total?.(t.key, t.state.size);
      else if (progress?.wantsTotals && progress.total && source.countRecords) {
        // Not awaited: the bar gets its total when the count answers; loading never waits for it.
        source
          .countRecords(readPlanOf(t, opts))
          .then((n) => n !== null && progress.total?.(t.key, n))
          .catch(() => {});
      }
      await loadTask(deps, ctx, t, opts);
    },
  };
}

/** Dry run: reads the target's tables once (read only) and starts each loading entity's preview. */
async function startPreviews(deps: SyncDeps, tasks: readonly SyncTask[]): Promise<void> {
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
  for (const t of tasks) if (t.schema) t.state.preview = startPreview(t.key, t.schema, existing);
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

/** Fixes the entity's upper bound for this run (offset paging has none: it reads to the end). */
async function fixBound(deps: SyncDeps, t: SyncTask, ctx: JobContext): Promise<void> {
  const def = t.entity.def;
  if (def.cursor.type === 'offset') {
    t.state.bound = { kind: 'open' };
    return;
  }
  t.state.bound = await deps.source.upperBound(def, t.company, ctx.signal);
  t.counts.requests++;
}

/** The schema of an entity that has something to read; unchanged entities stop here (undefined). */
async function planTask(deps: SyncDeps, t: SyncTask, ctx: JobContext): Promise<TargetSchema | undefined> {
  const def = t.entity.def;
  const bound = t.state.bound;
  if (bound === null) return undefined; // not fixed: the entity failed already
  if (def.cursor.type !== 'offset') {
    const from = t.state.watermark?.cursorValue;
    const unchanged =
      bound.kind === 'empty' ||
      (def.cursor.type === 'revision' &&
        bound.kind === 'revision' &&
        from !== undefined &&
        BigInt(bound.rev) <= BigInt(from));
    if (unchanged) return undefined;
  }
  const fields = await deps.source.fields(def, t.company, ctx.signal);
  const built = buildTargetSchema(def, fields, columnRulesOf(deps.config.columns, def.name));
  for (const s of built.skipped) {
    // Epicor's own plumbing fields are skipped by design; anything else is worth a warning.
    const level = PLUMBING_FIELDS.has(s.field) ? 'debug' : 'warn';
    deps.logger[level]({ entity: t.key, field: s.field, reason: s.reason }, 'source field skipped');
  }
  return built.schema;
}

async function loadTask(
  deps: SyncDeps,
  ctx: JobContext,
  t: SyncTask & { schema: TargetSchema },
  opts: SyncOptions,
): Promise<void> {
  const { source, destination, config } = deps;
  const def = t.entity.def;
  const { schema, counts } = t;
  const preview = t.state.preview;
  const samples = opts.sampleRows ?? 0;
  let lastCursor: string | null = null;
  async function* pages(): AsyncGenerator<readonly Record<string, unknown>[]> {
    for await (const page of source.pages(readPlanOf(t, opts))) {
      counts.pages++;
      // One request per page (retries not counted); the run's total counts every request sent.
      counts.requests++;
      counts.fetched += page.records.length;
      if (page.cursorAfter !== null) lastCursor = page.cursorAfter;
      yield page.records;
      deps.progress?.advance(t.key, page.records.length);
    }
  }
  const { minBadRev } = await loadRecords(ctx, t, pages(), {
    onRow: preview
      ? (values) => {
          if (preview.samples.length < samples) preview.samples.push(sampleRow(schema, values));
        }
      : undefined,
  });
  const bound = t.state.bound?.kind === 'revision' ? t.state.bound.rev : null;
  const next = nextWatermark(def.cursor.type, counts.watermark_from, bound, lastCursor, minBadRev, counts.bad);
  counts.watermark_to = next;
  if (destination && next !== null && next !== counts.watermark_from) {
    await destination.state.writeWatermark(
      config.epicor.baseUrl,
      t.company,
      def.name,
      { cursorField: cursorFieldName(def.cursor), cursorValue: next },
      ctx.run.syncId,
    );
  }
}

/** How this run reads the entity (the same plan for its pages and its count). */
function readPlanOf(t: SyncTask, opts: SyncOptions): ReadPlan {
  return {
    entity: t.entity.def,
    company: t.company,
    watermark: opts.fullRefresh ? null : (t.state.watermark?.cursorValue ?? null),
    bound: t.state.bound ?? { kind: 'open' },
    lookbackMinutes: t.entity.lookbackMinutes,
    signal: opts.signal,
  };
}

/**
 * How many records a first load of the entity reads, from the source (one `$count` request, revision-bounded reads
 * only): what orders the loads. Incremental runs read little and are not counted; a source that cannot count (or
 * refuses the request) leaves it unknown — the order then falls back to the entity's kind.
 */
async function firstLoadSize(deps: SyncDeps, t: SyncTask, opts: SyncOptions): Promise<number | null> {
  const plan = readPlanOf(t, opts);
  if (!deps.source.countRecords || plan.watermark !== null || plan.bound.kind !== 'revision') return null;
  try {
    const n = await deps.source.countRecords(plan);
    t.counts.requests++;
    return n;
  } catch (e) {
    deps.logger.debug({ entity: t.key, err: messageOf(e) }, 'the source did not count the first load');
    return null;
  }
}

/**
 * Entities ordered so the largest start first and the run does not end waiting on a big entity that started last:
 * by the size the source counted (first loads), then facts before dimensions where no count is known (many rows per
 * document or master record). The sort is stable, so the configured order decides among equals.
 */
function bySourceSize(tasks: readonly SyncTask[]): SyncTask[] {
  const kind = (t: SyncTask) => (t.entity.def.kind === 'fact' ? 1 : 0);
  return [...tasks].sort((a, b) => (b.state.size ?? -1) - (a.state.size ?? -1) || kind(b) - kind(a));
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
