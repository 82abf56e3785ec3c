/**
 * `replay <sync-id>` (SPEC §2): read from each target table which records that run wrote (`_sync_id`, the Epicor key
 * fields from the data columns), fetch those records again from Epicor by key in batches, and reload them through
 * the normal staged MERGE. The MERGE is idempotent, so replaying a run twice changes nothing the second time.
 */
import { findRun, readRunKeys } from '../destination/databricks/target-keys.ts';
import { ConnectorError } from '../errors.ts';
import type { EpicorRecord } from '../source/epicor/epicor-client.ts';
import { ROW_ID_FIELD } from '../source/epicor/key-scan.ts';
import { type OpsDeps, type OpsOptions, type OpsResult, type OpsTask, reloadByKeys, runOps } from './ops-run.ts';
import type { RunRecord } from './ports.ts';

/** Replays run `syncId`; fails with NOT_FOUND (exit 1) when the ledger has no such run. */
export async function runReplay(deps: OpsDeps, syncId: string, opts: OpsOptions = {}): Promise<OpsResult> {
  const ref = { catalog: deps.config.databricks.catalog, schema: deps.config.databricks.schema };
  await deps.destination.prepare([]);
  const found = await findRun(deps.sql, ref, syncId);
  if (!found) {
    throw new ConnectorError(
      'NOT_FOUND',
      `There is no sync run ${syncId} in the run ledger; \`ml-connector status\` lists the recent runs.`,
    );
  }
  return runOps(deps, 'replay', opts, (task, run) => replayEntity(deps, task, run, syncId));
}

async function replayEntity(deps: OpsDeps, task: OpsTask, run: RunRecord, syncId: string): Promise<void> {
  const { def, schema, counts } = task;
  const columnOf = new Map<string, string>();
  for (const c of schema.columns) if (c.role === 'data' && c.sourceField) columnOf.set(c.sourceField, c.name);
  const columns = def.keys.map((k) => columnOf.get(k));
  if (columns.some((c) => c === undefined)) {
    throw new ConnectorError('INTERNAL', `${def.name}: the target has no column for every key field.`);
  }
  // SysRowID too where the table has it: one GUID per record keeps the by-key requests short.
  const rowIdColumn = def.keys.includes(ROW_ID_FIELD) ? undefined : columnOf.get(ROW_ID_FIELD);
  const read = rowIdColumn ? [...(columns as string[]), rowIdColumn] : (columns as string[]);
  const rows = await readRunKeys(task.scope, schema, read, syncId);
  const keys: EpicorRecord[] = [];
  for (const row of rows) {
    const key: EpicorRecord = {};
    if (rowIdColumn && row[rowIdColumn]) key[ROW_ID_FIELD] = row[rowIdColumn];
    let complete = true;
    def.keys.forEach((field, i) => {
      const v = row[columns[i]!];
      if (v === null || v === undefined) complete = false;
      key[field] = v;
    });
    if (complete) keys.push(key);
  }
  counts.fetched = keys.length;
  const back = await reloadByKeys(deps, run, task, keys);
  counts.missing = Math.max(0, keys.length - back);
  if (keys.length > 0) {
    deps.logger.info({ entity: task.key, keys: keys.length, missing: counts.missing }, 'replayed');
  }
}
