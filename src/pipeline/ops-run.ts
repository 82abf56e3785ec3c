/**
 * What `reconcile` and `replay` share as plans on the job runner (job-runner.ts): their counts, their planning (the
 * target schema as the source describes it now, every entity loads), and reloading records fetched by key through
 * the runner's map-and-write loop (so lineage, bad-record reports and idempotence are exactly those of a sync run).
 */
import { columnRulesOf } from '../config/columns-config.ts';
import { buildTargetSchema } from '../mapping/build-target-schema.ts';
import type { TargetSchema } from '../mapping/target-schema.ts';
import type { SourceField } from '../source/epicor/source-field.ts';
import {
  type JobContext,
  type JobDeps,
  type JobOptions,
  type JobPlan,
  type JobResult,
  type JobTask,
  loadRecords,
} from './job-runner.ts';
import type { EntityCounts, RunTrigger, SourceRecord } from './ports.ts';
import { emptyCounts } from './run-status.ts';

/** A reconcile or replay needs a destination: there is no dry run of either. */
export type OpsDeps = JobDeps & { destination: NonNullable<JobDeps['destination']> };

/** Per-entity counts of a reconcile or replay run (written to the ledger's `entities` JSON). */
export interface OpsCounts extends EntityCounts {
  /** Records fetched in full by key (reconcile: the changed ones; replay: all the run wrote). */
  refetched: number;
  /** Rows marked `_is_deleted` (reconcile). */
  deleted: number;
  /** Keys asked for that Epicor no longer has (replay). */
  missing: number;
}

export type OpsResult = JobResult<OpsCounts>;
export type OpsOptions = JobOptions;

/** What reconcile and replay keep per entity: its fields as `$metadata` describes them now. */
export interface OpsState {
  fields: SourceField[];
}

export type OpsTask = JobTask<OpsState, OpsCounts> & { schema: TargetSchema };

/** A reconcile or replay plan: `loadEntity` does the job's own part, everything else is shared. */
export function opsPlan(
  deps: OpsDeps,
  trigger: Extract<RunTrigger, 'reconcile' | 'replay'>,
  loadEntity: (ctx: JobContext, task: OpsTask) => Promise<void>,
): JobPlan<OpsState, OpsCounts> {
  return {
    label: trigger,
    trigger,
    parallel: Math.max(1, Math.min(deps.config.epicor.concurrency, 4)),
    newCounts: () => ({ ...emptyCounts(null), refetched: 0, deleted: 0, missing: 0 }),
    newState: () => ({ fields: [] }),
    async planEntity(ctx, task) {
      task.state.fields = await deps.source.fields(task.entity.def, task.company, ctx.signal);
      const rules = columnRulesOf(deps.config.columns, task.entity.def.name);
      return buildTargetSchema(task.entity.def, task.state.fields, rules).schema;
    },
    async loadEntity(ctx, task) {
      // These jobs read the target before they load: its tables must be there.
      await ctx.ready;
      await loadEntity(ctx, task);
    },
  };
}

/**
 * Fetches the records with these keys in full (batched) and loads them with one staged MERGE. Adds to
 * `refetched`, `inserted`, `updated`, `unchanged`, `bad` and `requests`; returns how many records came back.
 */
export async function reloadByKeys(ctx: JobContext, task: OpsTask, keys: readonly SourceRecord[]): Promise<number> {
  if (keys.length === 0) return 0;
  const { counts } = task;
  let found = 0;
  const batches = ctx.deps.source.fetchByKeys(task.entity.def, task.company, task.state.fields, keys, ctx.signal);
  async function* records(): AsyncGenerator<readonly SourceRecord[]> {
    for await (const batch of batches) {
      counts.requests += batch.requests;
      found += batch.records.length;
      counts.refetched += batch.records.length;
      yield batch.records;
    }
  }
  await loadRecords(ctx, task, records(), { signal: ctx.signal });
  return found;
}
