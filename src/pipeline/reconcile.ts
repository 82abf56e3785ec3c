/**
 * `reconcile` (SPEC §2, §7): per company and entity, scan every Epicor key + SysRevID (cheap: no data fields),
 * compare with the target's latest version per surrogate key (one statement), then
 *  - fetch in full only the records the target lacks or holds an older revision of (late commits the incremental
 *    cursor missed, or anything never loaded) and load them through the normal staged MERGE;
 *  - mark rows whose record is gone from Epicor `_is_deleted = true`.
 *
 * Deletion of a fact record flips `_is_deleted` on its latest version row, keeping that row's own `_source_rev`.
 * A made-up revision (latest + 1) could collide with a number Epicor later hands to a real version of the same
 * record (revisions are database-wide, so "+1" is a real, reusable value); the MERGE would then skip that real
 * version as "already there". Flipping the flag in place needs no invented number: `<table>_current` takes the
 * latest version and drops it when deleted, history before it is untouched, a re-run finds the row already marked,
 * and if the key ever comes back with a newer revision the MERGE inserts that version and `_current` shows it.
 */

import { ConnectorError, messageOf } from '../errors.ts';
import { keyText } from '../mapping/key-values.ts';
import { createKeyHasher, normaliseInstance } from '../mapping/surrogate-key.ts';
import type { TargetSchema } from '../mapping/target-schema.ts';
import type { EntityDef } from '../source/epicor/catalog.ts';
import { type JobContext, runJob } from './job-runner.ts';
import { type OpsDeps, type OpsOptions, type OpsResult, type OpsTask, opsPlan, reloadByKeys } from './ops-run.ts';
import type { DeletionMark, SourceRecord } from './ports.ts';
import { revisionOf } from './revision.ts';

/** Runs one reconciliation and records it in the ledger with trigger `reconcile`. */
export function runReconcile(deps: OpsDeps, opts: OpsOptions = {}): Promise<OpsResult> {
  return runJob(
    deps,
    opsPlan(deps, 'reconcile', (ctx, task) => reconcileEntity(deps, ctx, task)),
    opts,
  );
}

async function reconcileEntity(deps: OpsDeps, ctx: JobContext, task: OpsTask): Promise<void> {
  const { counts, schema } = task;
  const def = task.entity.def;
  const { source, destination } = deps;
  if (!source.canScanKeys(task.state.fields)) {
    // Without SysRevID there is nothing cheap to compare; such BAQs rely on their own overlap instead.
    counts.status = 'skipped';
    deps.logger.info({ entity: task.key }, 'reconcile skipped: the entity has no SysRevID');
    return;
  }
  const scope = { instance: deps.config.epicor.baseUrl, company: task.company, signal: ctx.signal };
  // Target first: a row it holds was in Epicor before the scan began, so missing from the scan means deleted.
  const target = await destination.targetState(scope, schema);
  const keyOf = ownKeyHasher(def, schema, deps.config.epicor.baseUrl, task.company);
  const seen = new Set<string>();
  const toFetch = new Map<string, SourceRecord>();
  const scan = await source.scanKeys(
    def,
    task.company,
    task.state.fields,
    (records) => {
      counts.pages++;
      counts.fetched += records.length;
      for (const r of records) {
        const key = keyOf(r);
        if (key === undefined) continue; // a record without its key cannot be loaded either (sync reports it)
        seen.add(key);
        const rev = revisionOf(r.SysRevID);
        const have = target.get(key);
        if (!have || (rev !== null && (have.rev === null || rev > have.rev))) toFetch.set(key, r);
      }
    },
    ctx.signal,
  );
  counts.requests += scan.requests;
  if (scan.status !== 'complete') {
    // A scan that did not reach its end proves nothing about the keys it did not see: mark nothing.
    const reason = scan.reason;
    throw new ConnectorError(
      reason instanceof ConnectorError ? reason.code : 'INTERNAL',
      `the key scan stopped after ${scan.pages} page(s), so no record was marked deleted: ${messageOf(reason)}`,
      { cause: reason },
    );
  }
  await reloadByKeys(ctx, task, [...toFetch.values()]);

  const marks: DeletionMark[] = [];
  for (const [key, have] of target) {
    if (!have.deleted && have.rev !== null && !seen.has(key)) marks.push({ key, rev: have.rev.toString() });
  }
  if (marks.length > 0) counts.deleted = await destination.markDeleted(scope, schema, marks, ctx.run);
  counts.unchanged = Math.max(0, seen.size - toFetch.size);
  deps.logger.info(
    { entity: task.key, scanned: counts.fetched, refetched: counts.refetched, deleted: counts.deleted },
    'reconciled',
  );
}

const NUMERIC = /^(INT|BIGINT|DOUBLE|DECIMAL)/;

/** The table's own surrogate key of a scanned record, computed exactly as the record mapper does. */
export function ownKeyHasher(
  def: EntityDef,
  schema: TargetSchema,
  instance: string,
  company: string,
): (record: SourceRecord) => string | undefined {
  const typeOf = new Map<string, string>();
  for (const c of schema.columns) if (c.role === 'data' && c.sourceField) typeOf.set(c.sourceField, c.type);
  const numeric = def.keys.map((f) => NUMERIC.test(typeOf.get(f) ?? ''));
  const hash = createKeyHasher(normaliseInstance(instance), company, def.name);
  return (record) => {
    const texts: string[] = [];
    for (let i = 0; i < def.keys.length; i++) {
      const t = keyText(record[def.keys[i]], numeric[i]);
      if (t === undefined) return undefined;
      texts.push(t);
    }
    return hash(texts);
  };
}
