/**
 * SQL for `reconcile` and `replay`: the target's current state per surrogate key and the keys one run wrote (both
 * in keyset pages), the deletion marks, and the ledger lookup of a run. Values are `:parameters`, except the
 * (surrogate key, revision) pairs of the deletion marks: those are inlined because a parameter list cannot grow
 * with the data, and they are safe to inline only after validation (32 lower-case hex characters; a decimal integer).
 */
import type { DeletionMark } from '../../../pipeline/ports.ts';

// history-sql.ts takes the marks from here.
export type { DeletionMark };

import { ConnectorError } from '../../../errors.ts';
import type { TargetSchema } from '../../../mapping/target-schema.ts';
import { quoteIdentifier, type SchemaRef, tableName } from './identifier.ts';
import { RUNS_TABLE } from './state-sql.ts';

const SURROGATE_KEY = /^[0-9a-f]{32}$/;
const INTEGER = /^-?\d{1,19}$/;

/** Pairs per UPDATE: keeps each statement a few tens of kilobytes. */
export const MARKS_PER_STATEMENT = 500;

/** One keyset page: rows after surrogate key `:after` (when `after`), at most `limit` rows, in key order. */
export interface KeyPage {
  after: boolean;
  limit: number;
}

function pageLimit(page: KeyPage): number {
  if (!Number.isInteger(page.limit) || page.limit < 1) throw new TypeError(`bad page size ${page.limit}`);
  return page.limit;
}

/**
 * Per surrogate key of one instance + company: the highest `_source_rev` and whether that latest version is marked
 * deleted (params: instance, company, after). Dimensions have one row per key; facts one per version. Read in
 * keyset pages on the key, so no answer grows with the table (INLINE results are capped at 25 MiB).
 */
export function targetStateSql(ref: SchemaRef, schema: TargetSchema, page: KeyPage): string {
  const key = quoteIdentifier(schema.keyColumn, 'key column');
  return (
    `SELECT ${key} AS target_key, MAX(\`_source_rev\`) AS source_rev, ` +
    'coalesce(MAX_BY(`_is_deleted`, `_source_rev`), false) AS is_deleted ' +
    `FROM ${tableName(ref, schema.table)} ` +
    `WHERE \`_source_instance\` = :instance AND \`_source_company\` = :company${page.after ? ` AND ${key} > :after` : ''} ` +
    `GROUP BY ${key} ORDER BY ${key} LIMIT ${pageLimit(page)}`
  );
}

/**
 * Marks exactly these (key, latest revision) rows deleted and stamps the reconcile run on them
 * (params: sync_id, synced_at, sync_date — the UTC date computed by mapping/lineage-columns.ts, as on load — instance,
 * company). Facts keep their history: only the latest version row flips, so
 * `<table>_current` drops the record while earlier versions stay as they were. Matching the revision also means a
 * row a newer load replaced in between is left alone.
 */
export function markDeletedSql(ref: SchemaRef, schema: TargetSchema, marks: readonly DeletionMark[]): string {
  if (marks.length === 0) throw new TypeError('markDeletedSql needs at least one key');
  const key = quoteIdentifier(schema.keyColumn, 'key column');
  const terms = marks.map((m) => {
    if (!SURROGATE_KEY.test(m.key)) {
      throw new ConnectorError('INTERNAL', `${JSON.stringify(m.key.slice(0, 40))} is not a surrogate key`);
    }
    if (!INTEGER.test(m.rev)) throw new ConnectorError('INTERNAL', `${JSON.stringify(m.rev)} is not a revision`);
    return `(${key} = '${m.key}' AND \`_source_rev\` = ${m.rev})`;
  });
  return (
    // The row now belongs to the reconcile run: its lineage says so in full (id, start time and date).
    `UPDATE ${tableName(ref, schema.table)} SET \`_is_deleted\` = true, \`_sync_id\` = :sync_id, ` +
    '`_synced_at` = :synced_at, `_sync_date` = :sync_date ' +
    'WHERE `_source_instance` = :instance AND `_source_company` = :company ' +
    `AND NOT coalesce(\`_is_deleted\`, false) AND (${terms.join(' OR ')})`
  );
}

/**
 * The surrogate key and the distinct values of `columns` on rows a run wrote (params: sync_id, instance, company,
 * after), one keyset page on the surrogate key: it is a hash of exactly those key values, so one row per record.
 */
export function runKeysSql(ref: SchemaRef, schema: TargetSchema, columns: readonly string[], page: KeyPage): string {
  if (columns.length === 0) throw new TypeError('runKeysSql needs at least one column');
  const key = quoteIdentifier(schema.keyColumn, 'key column');
  const cols = columns.map((c) => quoteIdentifier(c, 'column')).join(', ');
  return (
    `SELECT DISTINCT ${key} AS target_key, ${cols} FROM ${tableName(ref, schema.table)} ` +
    'WHERE `_sync_id` = :sync_id AND `_source_instance` = :instance AND `_source_company` = :company' +
    `${page.after ? ` AND ${key} > :after` : ''} ORDER BY ${key} LIMIT ${pageLimit(page)}`
  );
}

/** The ledger row of one run (params: sync_id). */
export function findRunSql(ref: SchemaRef): string {
  return `SELECT sync_id, \`trigger\`, status FROM ${tableName(ref, RUNS_TABLE)} WHERE sync_id = :sync_id`;
}
