/**
 * `replay <sync-id>` (SPEC §2), a plan on the job runner: read from each target table which records that run wrote
 * (`_sync_id`, the Epicor key fields from the data columns), fetch those records again from Epicor by key in
 * batches, and reload them through the normal staged MERGE. The MERGE is idempotent, so replaying a run twice
 * changes nothing the second time.
 */
import { ConnectorError } from '../errors.ts';
import { type JobContext, runJob } from './job-runner.ts';
import { type OpsDeps, type OpsOptions, type OpsResult, type OpsTask, opsPlan, reloadByKeys } from './ops-run.ts';
import type { SourceRecord } from './ports.ts';

/** Replays run `syncId`; fails with NOT_FOUND (exit 1) when the ledger has no such run. */
export async function runReplay(deps: OpsDeps, syncId: string, opts: OpsOptions = {}): Promise<OpsResult> {
  await deps.destination.prepare([], opts.signal);
  const found = await deps.destination.state.findRun(syncId);
  if (!found) {
    throw new ConnectorError(
      'NOT_FOUND',
      `There is no sync run ${syncId} in the run ledger; \`ml-connector status\` lists the recent runs.`,
    );
  }
  return runJob(
    deps,
    opsPlan(deps, 'replay', (ctx, task) => replayEntity(deps, ctx, task, syncId)),
    opts,
  );
}

async function replayEntity(deps: OpsDeps, ctx: JobContext, task: OpsTask, syncId: string): Promise<void> {
  const { schema, counts } = task;
  const def = task.entity.def;
  const columnOf = new Map<string, string>();
  for (const c of schema.columns) if (c.role === 'data' && c.sourceField) columnOf.set(c.sourceField, c.name);
  // The key fields, and a shorter row handle where the source has one (it keeps the by-key requests short).
  const fields = deps.source.keyFields(def, task.state.fields);
  const columns = def.keys.map((k) => columnOf.get(k));
  if (columns.some((c) => c === undefined)) {
    throw new ConnectorError('INTERNAL', `${def.name}: the target has no column for every key field.`);
  }
  const extra = fields.filter((f) => !def.keys.includes(f) && columnOf.has(f));
  const read = [...(columns as string[]), ...extra.map((f) => columnOf.get(f)!)];
  const scope = { instance: deps.config.epicor.baseUrl, company: task.company, signal: ctx.signal };
  const rows = await deps.destination.runKeys(scope, schema, read, syncId);
  const keys: SourceRecord[] = [];
  for (const row of rows) {
    const key: SourceRecord = {};
    for (const f of extra) {
      const v = row[columnOf.get(f)!];
      if (v) key[f] = v;
    }
    let complete = true;
    def.keys.forEach((field, i) => {
      const v = row[columns[i]!];
      if (v === null || v === undefined) complete = false;
      key[field] = v;
    });
    if (complete) keys.push(key);
  }
  counts.fetched = keys.length;
  const back = await reloadByKeys(ctx, task, keys);
  counts.missing = Math.max(0, keys.length - back);
  if (keys.length > 0) {
    deps.logger.info({ entity: task.key, keys: keys.length, missing: counts.missing }, 'replayed');
  }
}
