/**
 * Destination reads and writes for `reconcile` and `replay`: the target's current state per key, deletion marks,
 * the keys a run wrote, and whether a run is in the ledger (SQL in sql/reconcile-sql.ts).
 */

import { ConnectorError } from '../../errors.ts';
import { syncDateOf } from '../../mapping/lineage-columns.ts';
import type { TargetSchema } from '../../mapping/target-schema.ts';
import { type DestinationClient, rowObjects, type SqlParameter } from './client-port.ts';
import { countOf } from './merge.ts';
import type { SchemaRef } from './sql/identifier.ts';
import {
  type DeletionMark,
  findRunSql,
  MARKS_PER_STATEMENT,
  markDeletedSql,
  runKeysSql,
  targetStateSql,
} from './sql/reconcile-sql.ts';

export type { DeletionMark } from './sql/reconcile-sql.ts';

/** The latest version of one record in the target. */
export interface TargetVersion {
  /** Highest `_source_rev` (null when the rows carry none). */
  rev: bigint | null;
  /** Whether that latest version is marked `_is_deleted`. */
  deleted: boolean;
}

/** Where the rows of one Epicor instance + company are. */
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

/**
 * The target's latest version per surrogate key, in one statement. A result too large for one inline answer
 * (Databricks caps INLINE results at 25 MiB, about 400,000 keys) makes that statement fail; the read is then split
 * into 16 statements by the key's first hex digit (and those again, at most twice), since keys are uniform hashes.
 */
export async function readTargetState(
  scope: TargetScope,
  schema: TargetSchema,
  prefix?: string,
): Promise<Map<string, TargetVersion>> {
  const out = new Map<string, TargetVersion>();
  await readSlice(scope, schema, prefix, out);
  return out;
}

const HEX = '0123456789abcdef';
const MAX_PREFIX = 2;

async function readSlice(
  scope: TargetScope,
  schema: TargetSchema,
  prefix: string | undefined,
  out: Map<string, TargetVersion>,
): Promise<void> {
  let result: Awaited<ReturnType<DestinationClient['statements']['execute']>>;
  try {
    result = await scope.client.statements.execute(targetStateSql(scope.ref, schema, prefix ? 'prefix' : undefined), {
      parameters:
        prefix === undefined ? scopeParams(scope) : [...scopeParams(scope), { name: 'prefix', value: `${prefix}%` }],
      signal: scope.signal,
    });
  } catch (e) {
    const depth = prefix?.length ?? 0;
    if (!(e instanceof ConnectorError) || e.code !== 'STATEMENT_FAILED' || depth >= MAX_PREFIX) throw e;
    for (const h of HEX) await readSlice(scope, schema, `${prefix ?? ''}${h}`, out);
    return;
  }
  for (const row of rowObjects(result)) {
    if (row.target_key === null) continue;
    out.set(row.target_key, {
      rev: row.source_rev === null ? null : BigInt(row.source_rev),
      deleted: row.is_deleted === 'true' || row.is_deleted === '1',
    });
  }
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

/** Distinct values of `columns` on the rows run `syncId` wrote (as text, like every statement result). */
export async function readRunKeys(
  scope: TargetScope,
  schema: TargetSchema,
  columns: readonly string[],
  syncId: string,
): Promise<Record<string, string | null>[]> {
  const result = await scope.client.statements.execute(runKeysSql(scope.ref, schema, columns), {
    parameters: [{ name: 'sync_id', value: syncId }, ...scopeParams(scope)],
    signal: scope.signal,
  });
  return rowObjects(result);
}

/** The run's ledger row, or undefined when no run has that id. */
export async function findRun(
  client: DestinationClient,
  ref: SchemaRef,
  syncId: string,
): Promise<{ syncId: string; trigger: string; status: string } | undefined> {
  const result = await client.statements.execute(findRunSql(ref), {
    parameters: [{ name: 'sync_id', value: syncId }],
  });
  const row = rowObjects(result)[0];
  if (!row) return undefined;
  return { syncId: row.sync_id ?? syncId, trigger: row.trigger ?? '', status: row.status ?? '' };
}
