/**
 * Destination reads and writes for `reconcile` and `replay`: the target's current state per key, deletion marks,
 * the keys a run wrote, and whether a run is in the ledger (SQL in sql/reconcile-sql.ts).
 */

import { syncDateOf } from '../../mapping/lineage-columns.ts';
import type { TargetSchema } from '../../mapping/target-schema.ts';
import type { DeletionMark, TargetVersion } from '../../pipeline/ports.ts';
import { failureKindOf } from './client/statement-error.ts';
import { type DestinationClient, rowObjects, type SqlParameter } from './destination-client.ts';
import { countOf } from './merge.ts';
import { closeDeletedHistorySql } from './sql/history-sql.ts';
import type { SchemaRef } from './sql/identifier.ts';
import { type KeyPage, MARKS_PER_STATEMENT, markDeletedSql, runKeysSql, targetStateSql } from './sql/reconcile-sql.ts';

/** Where the rows of one Epicor instance + company are, and the client to reach them. */
export interface TargetScope {
  client: DestinationClient;
  ref: SchemaRef;
  /** `_source_instance` as the mapper writes it (normalised base URL). */
  instance: string;
  company: string;
  signal?: AbortSignal;
}

const scopeParams = (s: TargetScope): SqlParameter[] => [
  { name: 'instance', value: s.instance },
  { name: 'company', value: s.company },
];

/** Keys per page of the target-state read (~60 bytes of JSON each: a few MiB, far below the 25 MiB inline cap). */
export const TARGET_STATE_PAGE = 100_000;
/** Rows per page of a run's keys (Epicor key values can be long strings). */
export const RUN_KEYS_PAGE = 20_000;
/** Smallest page the halving on an oversized answer goes down to. */
const MIN_PAGE = 10;

/**
 * Reads keyset pages of `sql(page)` until one comes back short. A page whose answer is still too large for an
 * INLINE result (the real `Inline byte limit exceeded` failure, classified in client/error-classes.ts) is read
 * again at half the size; every other failure is the caller's.
 */
async function readPages(
  scope: TargetScope,
  pageSize: number,
  sql: (page: KeyPage) => string,
  params: SqlParameter[],
  onRow: (row: Record<string, string | null>) => void,
): Promise<void> {
  let after: string | undefined;
  let limit = pageSize;
  for (;;) {
    let result: Awaited<ReturnType<DestinationClient['statements']['execute']>>;
    try {
      result = await scope.client.statements.execute(sql({ after: after !== undefined, limit }), {
        parameters: after === undefined ? params : [...params, { name: 'after', value: after }],
        signal: scope.signal,
      });
    } catch (e) {
      if (failureKindOf(e) !== 'result-too-large' || limit <= MIN_PAGE) throw e;
      limit = Math.max(MIN_PAGE, Math.floor(limit / 2));
      continue;
    }
    const rows = rowObjects(result);
    for (const row of rows) onRow(row);
    const last = rows[rows.length - 1]?.target_key;
    if (rows.length < limit || last === null || last === undefined) return;
    after = last;
  }
}

/** The target's latest version per surrogate key, read in keyset pages on the key. */
export async function readTargetState(
  scope: TargetScope,
  schema: TargetSchema,
  pageSize = TARGET_STATE_PAGE,
): Promise<Map<string, TargetVersion>> {
  const out = new Map<string, TargetVersion>();
  await readPages(
    scope,
    pageSize,
    (page) => targetStateSql(scope.ref, schema, page),
    scopeParams(scope),
    (row) => {
      if (row.target_key === null) return;
      out.set(row.target_key, {
        rev: row.source_rev === null ? null : BigInt(row.source_rev),
        deleted: row.is_deleted === 'true' || row.is_deleted === '1',
      });
    },
  );
  return out;
}

/**
 * Closes the open `<table>_history` rows of these deleted versions (batched; config `history`). Called before
 * `markDeleted`, so a kill in between leaves the marks for the next reconcile, which repeats both.
 */
export async function closeDeletedHistory(
  scope: TargetScope,
  schema: TargetSchema,
  marks: readonly DeletionMark[],
  syncedAt: Date,
): Promise<number> {
  let changed = 0;
  for (let i = 0; i < marks.length; i += MARKS_PER_STATEMENT) {
    const sql = closeDeletedHistorySql(scope.ref, schema, marks.slice(i, i + MARKS_PER_STATEMENT));
    const result = await scope.client.statements.execute(sql, {
      parameters: [{ name: 'synced_at', value: syncedAt.toISOString(), type: 'TIMESTAMP' }, ...scopeParams(scope)],
      signal: scope.signal,
    });
    changed += countOf(result, 'num_affected_rows');
  }
  return changed;
}

/** Marks these latest versions `_is_deleted = true` (batched); returns the rows changed. */
export async function markDeleted(
  scope: TargetScope,
  schema: TargetSchema,
  marks: readonly DeletionMark[],
  syncId: string,
  syncedAt: Date,
): Promise<number> {
  let changed = 0;
  for (let i = 0; i < marks.length; i += MARKS_PER_STATEMENT) {
    const sql = markDeletedSql(scope.ref, schema, marks.slice(i, i + MARKS_PER_STATEMENT));
    const result = await scope.client.statements.execute(sql, {
      parameters: [
        { name: 'sync_id', value: syncId },
        { name: 'synced_at', value: syncedAt.toISOString(), type: 'TIMESTAMP' },
        { name: 'sync_date', value: syncDateOf(syncedAt.getTime()), type: 'DATE' },
        ...scopeParams(scope),
      ],
      signal: scope.signal,
    });
    changed += countOf(result, 'num_affected_rows');
  }
  return changed;
}

/** Distinct values of `columns` on the rows run `syncId` wrote (as text, like every statement result), in pages. */
export async function readRunKeys(
  scope: TargetScope,
  schema: TargetSchema,
  columns: readonly string[],
  syncId: string,
  pageSize = RUN_KEYS_PAGE,
): Promise<Record<string, string | null>[]> {
  const out: Record<string, string | null>[] = [];
  await readPages(
    scope,
    pageSize,
    (page) => runKeysSql(scope.ref, schema, columns, page),
    [{ name: 'sync_id', value: syncId }, ...scopeParams(scope)],
    (row) => {
      const { target_key: _key, ...values } = row;
      out.push(values);
    },
  );
  return out;
}
