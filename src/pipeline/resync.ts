/**
 * `resync <entity>` as a plan on the job runner (issue 19 item 4): rebuild one table from a full read without
 * touching any other.
 *
 * Order, and why nothing is lost at any kill:
 *  1. per company, fix the upper bound; once, drop a dead resync's side table and create a fresh one;
 *  2. read everything up to the bound into the side table (the runner's map-and-write loop: same lineage, same
 *     de-duplication) — the live table and its watermark are untouched, readers keep the old rows;
 *  3. after the last company: swap, one statement, atomic in Delta (destination's `swapIn`);
 *  4. only then write each company's watermark (its bound), and drop the side table.
 * A kill before 3 leaves the old table and watermark; a kill between 3 and 4 leaves the new table with the old
 * watermark, so the next sync re-reads a range whose rows are all there already (the MERGE changes nothing).
 * `<dim>_history` is never written: the history keeps what was observed, and a rebuild observes nothing new. Any
 * company failing leaves the table as it was.
 */
import { ConnectorError, messageOf } from '../errors.ts';
import { buildTargetSchema } from '../mapping/build-target-schema.ts';
import type { TargetSchema } from '../mapping/target-schema.ts';
import { cursorFieldName, planEntities } from './entity-plan.ts';
import {
  freshCounts,
  type JobDeps,
  type JobPlan,
  type JobResult,
  type JobTask,
  loadRecords,
  runJob,
} from './job-runner.ts';
import type { DestinationPort, EntityCounts, UpperBound } from './ports.ts';
import { nextWatermark } from './sync-run.ts';

/** What a resync needs of the destination beyond the ports every job uses (destination/databricks/table-rebuild.ts). */
export interface RebuildPort {
  beginRebuild(schema: TargetSchema, signal?: AbortSignal): Promise<TargetSchema>;
  swapIn(schema: TargetSchema, signal?: AbortSignal): Promise<void>;
  endRebuild(schema: TargetSchema, signal?: AbortSignal): Promise<void>;
}

export interface ResyncDeps extends JobDeps {
  destination: DestinationPort & RebuildPort;
}

interface ResyncState {
  bound: UpperBound | null;
  next: string | null;
}

export interface ResyncResult extends JobResult {
  /** The rebuilt table. */
  table: string;
  /** Whether the new table was swapped in. */
  swapped: boolean;
}

/** Rebuilds `entity`'s table from a full read; the caller holds the destination lock. */
export async function runResync(deps: ResyncDeps, entity: string, signal?: AbortSignal): Promise<ResyncResult> {
  const { destination, config } = deps;
  const def = planEntities(config, [entity])[0].def;
  let tasks: JobTask<ResyncState>[] = [];
  let side: TargetSchema | undefined;
  let done = 0;
  let swapped = false;

  const plan: JobPlan<ResyncState> = {
    label: `resync of ${def.table}`,
    trigger: 'manual',
    // Companies one after the other into the one side table; the swap follows the last.
    parallel: 1,
    newCounts: freshCounts,
    newState: () => ({ bound: null, next: null }),
    async prepareCompany(ctx, _company, companyTasks) {
      for (const t of companyTasks) {
        if (def.cursor.type === 'offset') t.state.bound = { kind: 'open' };
        else {
          t.state.bound = await deps.source.upperBound(def, t.company, ctx.signal);
          t.counts.requests++;
        }
      }
    },
    async planEntity(ctx, t) {
      return buildTargetSchema(def, await deps.source.fields(def, t.company, ctx.signal)).schema;
    },
    async beforeLoad(ctx, toLoad) {
      tasks = [...toLoad];
      if (tasks.length !== config.epicor.companies.length) return; // a company failed: nothing is rebuilt
      side = await destination.beginRebuild(tasks[0].schema!, ctx.signal);
    },
    async loadEntity(ctx, t) {
      if (!side) throw new ConnectorError('ABORTED', 'not rebuilt: another company of this entity failed');
      let lastCursor: string | null = null;
      const bound = t.state.bound ?? { kind: 'open' as const };
      async function* pages(): AsyncGenerator<readonly Record<string, unknown>[]> {
        const read = {
          entity: def,
          company: t.company,
          watermark: null,
          bound,
          lookbackMinutes: 0,
          signal: ctx.signal,
        };
        for await (const page of deps.source.pages(read)) {
          t.counts.pages++;
          t.counts.requests++;
          t.counts.fetched += page.records.length;
          if (page.cursorAfter !== null) lastCursor = page.cursorAfter;
          yield page.records;
          deps.progress?.advance(t.key, page.records.length);
        }
      }
      const { minBadRev } = await loadRecords(ctx, { ...t, schema: side }, pages(), { signal: ctx.signal });
      const rev = bound.kind === 'revision' ? bound.rev : null;
      t.state.next = nextWatermark(def.cursor.type, null, rev, lastCursor, minBadRev, t.counts.bad);
      t.counts.watermark_to = t.state.next;
      if (++done < tasks.length) return;
      // The last company is in: swap, then the watermarks, then the side table goes.
      if (ctx.signal?.aborted) throw ctx.signal.reason;
      if (tasks.some((o) => o.counts.status === 'failed')) {
        throw new ConnectorError('ABORTED', 'not rebuilt: another company of this entity failed');
      }
      await destination.swapIn(t.schema, ctx.signal);
      swapped = true;
      deps.logger.info({ table: def.table }, `${def.table} swapped in`);
      for (const o of tasks) {
        if (o.state.next === null) continue;
        const mark = { cursorField: cursorFieldName(def.cursor), cursorValue: o.state.next };
        await destination.state.writeWatermark(config.epicor.baseUrl, o.company, def.name, mark, ctx.run.syncId);
      }
      await destination
        .endRebuild(t.schema, ctx.signal)
        .catch((e) =>
          deps.logger.warn(
            { err: messageOf(e) },
            'the resync side table could not be dropped; the next resync drops it',
          ),
        );
    },
  };
  const result = await runJob(deps, plan, { only: [entity], signal });
  if (!swapped) {
    for (const c of Object.values(result.run.entities) as EntityCounts[]) c.watermark_to = c.watermark_from;
    result.run.error ??= `${def.table} was not rebuilt; the table and its watermark are as they were`;
  }
  return { ...result, table: def.table, swapped };
}

/** Refuses what `resync` cannot rebuild, with the fix (one entity, known to the catalog or configured). */
export function resyncEntityName(config: JobDeps['config'], entity: string | undefined): string {
  if (!entity || entity.includes(',')) {
    throw new ConnectorError('USAGE', 'resync takes exactly one entity name, e.g. `ml-connector resync vendors`');
  }
  planEntities(config, [entity]);
  return entity;
}
