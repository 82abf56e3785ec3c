/**
 * Messages between the sync loop and its map-and-encode worker (map-write-worker.ts). One worker per entity load:
 * pages go in in order, Parquet parts come out in order, so the order of rows in the staged files — and with it
 * which duplicate wins a MERGE — is the same as in the thread's own path.
 */
import type { Codec } from '../../destination/databricks/parquet/parquet-file.ts';
import type { MapperContext } from '../../mapping/record-mapper.ts';
import type { TargetSchema } from '../../mapping/target-schema.ts';
import type { EntityDef } from '../../source/epicor/catalog.ts';

export interface WorkerSetup {
  entity: EntityDef;
  schema: TargetSchema;
  context: MapperContext;
  codec: Codec;
  partRows?: number;
  partBytes?: number;
}

/** A record the mapper refused: its key, the reason, and its SysRevID (decimal text; null when unusable). */
export interface WorkerBadRecord {
  key: string;
  reason: string;
  rev: string | null;
}

export type ToWorker =
  | { type: 'page'; records: Record<string, unknown>[] }
  | { type: 'part-taken' }
  | { type: 'finish' };

export type FromWorker =
  | { type: 'part'; index: number; rows: number; bytes: Uint8Array }
  | { type: 'page-done'; rows: number; bad: WorkerBadRecord[] }
  | { type: 'finished' }
  | { type: 'failed'; message: string; code?: string };
