/**
 * One entity's load within a run: rows → Parquet parts → staging folder (uploads overlapping with the caller's
 * reading) → one MERGE → folder removed. `commit` can be called again after it failed: it retries only the steps
 * not yet done (the MERGE is idempotent), so an ambiguous MERGE failure is cured by calling `commit` again.
 */
import type { Row, RowValue, TargetSchema } from '../../mapping/target-schema.ts';
import type { DestinationClient } from './client-port.ts';
import { type MergeCounts, mergeHistory, mergeStagedFolder } from './merge.ts';
import type { Codec } from './parquet/parquet-file.ts';
import { type Part, PartWriter } from './parquet/part-writer.ts';
import type { SchemaRef } from './sql/identifier.ts';
import type { EntityStaging } from './staging.ts';

export interface EntityLoad {
  /** Adds a row; a returned promise must be awaited before writing the next (parts uploading: backpressure). */
  write(row: Row): Promise<void> | undefined;
  /** `write` for values in schema column order (the record mapper's `values`). */
  writeValues(values: readonly RowValue[]): Promise<void> | undefined;
  /** Finishes the parts, MERGEs them, removes the staging folder; with no rows it does nothing and returns zeros. */
  commit(): Promise<MergeCounts>;
  /** Drops everything staged for this load. */
  abort(): Promise<void>;
  /**
   * Parts encoded elsewhere (the sync loop's map-and-encode worker) with `partFormat`, in order, instead of rows;
   * one load takes either rows or parts. Absent on wrapped loads that change values (kept timestamps).
   */
  stagePart?(part: Part): Promise<void>;
  /** How parts of this load are encoded (for a worker that encodes them). */
  readonly partFormat?: { codec: Codec; partRows?: number; partBytes?: number };
  /** Rows accepted so far. */
  readonly rows: number;
  /** Parquet parts produced so far. */
  readonly parts: number;
}

export interface EntityLoadOptions {
  client: DestinationClient;
  ref: SchemaRef;
  schema: TargetSchema;
  staging: EntityStaging;
  partRows?: number;
  partBytes?: number;
  /** Compression of the parts (default none). */
  codec?: Codec;
  signal?: AbortSignal;
  /** Also MERGE the staged folder into `<table>_history` (SCD2; config `history`), after the table's own MERGE. */
  history?: boolean;
}

type Stage = 'writing' | 'staged' | 'table-merged' | 'merged' | 'aborted';

/** Opens a load; nothing touches Databricks until the first part is full or `commit` is called. */
export function createEntityLoad(options: EntityLoadOptions): EntityLoad {
  const { client, ref, schema, staging, signal } = options;
  const writer = new PartWriter({
    columns: schema.columns,
    maxRows: options.partRows,
    maxBytes: options.partBytes,
    codec: options.codec,
    onPart: (part) => staging.stage(part),
  });
  let stage: Stage = 'writing';
  let counts: MergeCounts = { inserted: 0, updated: 0 };
  // Rows and parts staged as ready-made parts (stagePart).
  let partRows = 0;
  let readyParts = 0;
  const rows = () => writer.rows + partRows;

  return {
    get rows() {
      return rows();
    },
    get parts() {
      return writer.parts + readyParts;
    },
    partFormat: { codec: options.codec ?? 'UNCOMPRESSED', partRows: options.partRows, partBytes: options.partBytes },

    async stagePart(part) {
      if (stage !== 'writing') throw new Error(`cannot write to ${schema.table}: the load is ${stage}`);
      if (writer.rows > 0) throw new Error(`${schema.table}: a load takes rows or ready-made parts, not both`);
      partRows += part.rows;
      readyParts++;
      await staging.stage(part);
    },

    write(row) {
      if (stage !== 'writing') throw new Error(`cannot write to ${schema.table}: the load is ${stage}`);
      return writer.write(row);
    },

    writeValues(values) {
      if (stage !== 'writing') throw new Error(`cannot write to ${schema.table}: the load is ${stage}`);
      return writer.writeValues(values);
    },

    async commit() {
      if (stage === 'aborted') throw new Error(`cannot commit ${schema.table}: the load was aborted`);
      if (stage === 'writing') {
        await writer.finish();
        await staging.drain();
        stage = 'staged';
      }
      if (stage === 'staged') {
        if (rows() > 0) counts = await mergeStagedFolder(client, ref, schema, staging.folder, signal);
        stage = 'table-merged';
      }
      if (stage === 'table-merged') {
        // The history MERGE is idempotent too: a retry after its ambiguous failure runs only this step again.
        if (rows() > 0 && options.history) await mergeHistory(client, ref, schema, staging.folder, signal);
        stage = 'merged';
        if (rows() > 0) {
          // Best effort: a folder left behind is removed as an orphan at the next run's start.
          await staging.remove().catch(() => {});
        }
      }
      return counts;
    },

    async abort() {
      if (stage === 'merged' || stage === 'aborted') return;
      stage = 'aborted';
      if (writer.parts + readyParts > 0) await staging.remove().catch(() => {});
    },
  };
}
