/**
 * One entity's load within a run: rows → Parquet parts → staging folder (uploads overlapping with the caller's
 * reading) → one MERGE → folder removed. `commit` can be called again after it failed: it retries only the steps
 * not yet done (the MERGE is idempotent), so an ambiguous MERGE failure is cured by calling `commit` again.
 */
import type { TargetSchema } from '../../mapping/target-schema.ts';
import type { EntityLoad } from '../../pipeline/ports.ts';
import type { DestinationClient } from './destination-client.ts';
import { type MergeCounts, mergeHistory, mergeStagedFolder } from './merge.ts';
import type { Codec } from './parquet/parquet-file.ts';
import { type Part, PartWriter } from './parquet/part-writer.ts';
import type { SchemaRef } from './sql/identifier.ts';
import type { EntityStaging } from './staging.ts';

/** The port's EntityLoad (a returned write promise is backpressure: parts uploading), plus what it staged so far. */
export interface StagedLoad extends EntityLoad {
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
export function createEntityLoad(options: EntityLoadOptions): StagedLoad {
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
