/**
 * Runs the one MERGE of an entity's staged folder into its table and reads the counts Databricks answers with
 * (`num_inserted_rows`, `num_updated_rows`). The statement is idempotent by construction (see sql/merge-sql.ts),
 * so a MERGE that committed but answered with an error can simply be run again.
 */
import { ConnectorError } from '../../errors.ts';
import type { TargetSchema } from '../../mapping/target-schema.ts';
import { type DestinationClient, rowObjects, type StatementResult } from './destination-client.ts';
import { historyMergeSql } from './sql/history-sql.ts';
import type { SchemaRef } from './sql/identifier.ts';
import { mergeSql } from './sql/merge-sql.ts';

export interface MergeCounts {
  inserted: number;
  updated: number;
}

/** Reads a DML result row's count column (0 when absent). */
export function countOf(result: StatementResult, column: string): number {
  const row = rowObjects(result)[0];
  const raw = row?.[column];
  if (raw === undefined || raw === null) return 0;
  const n = Number(raw);
  if (!Number.isSafeInteger(n) || n < 0) {
    throw new ConnectorError('INTERNAL', `Databricks answered ${column} = ${JSON.stringify(raw)}, not a count`);
  }
  return n;
}

/** MERGEs the Parquet parts in `folder` into the schema's table; returns rows inserted and updated. */
export async function mergeStagedFolder(
  client: DestinationClient,
  ref: SchemaRef,
  schema: TargetSchema,
  folder: string,
  signal?: AbortSignal,
): Promise<MergeCounts> {
  const result = await client.statements.execute(mergeSql(ref, schema, folder), { signal });
  return { inserted: countOf(result, 'num_inserted_rows'), updated: countOf(result, 'num_updated_rows') };
}

/** MERGEs the same staged folder into the dimension's `<table>_history` (SCD2); returns versions opened. */
export async function mergeHistory(
  client: DestinationClient,
  ref: SchemaRef,
  schema: TargetSchema,
  folder: string,
  signal?: AbortSignal,
): Promise<number> {
  const result = await client.statements.execute(historyMergeSql(ref, schema, folder), { signal });
  return countOf(result, 'num_inserted_rows');
}
