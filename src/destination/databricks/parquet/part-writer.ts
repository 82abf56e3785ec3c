/**
 * Turns a stream of Rows into Parquet parts: rows are buffered column-wise for one part at a time, and when the
 * part reaches `maxRows` rows or about `maxBytes` bytes it is encoded and handed to `onPart`. Awaiting `onPart`
 * is the backpressure: the writer accepts no more rows until the consumer has taken the part.
 */
import { parquetWriteBuffer } from 'hyparquet-writer';
import type { Row, TargetColumn } from '../../../mapping/target-schema.ts';
import { type ParquetColumn, type ParquetValue, parquetColumn } from './parquet-column.ts';

/** A finished Parquet part. */
export interface Part {
  /** 0-based sequence number within the entity load. */
  index: number;
  rows: number;
  bytes: Uint8Array;
}

export interface PartWriterOptions {
  columns: readonly TargetColumn[];
  /** Receives each finished part; the writer waits for it before accepting more rows. */
  onPart: (part: Part) => Promise<void>;
  /** Rows per part (default 5,000). */
  maxRows?: number;
  /** Approximate raw bytes per part (default 4 MiB). */
  maxBytes?: number;
}

export const DEFAULT_PART_ROWS = 5_000;
export const DEFAULT_PART_BYTES = 4 * 1024 * 1024;

/** Encodes column-wise values as one Parquet file (one row group). */
export function encodeParquet(columns: readonly ParquetColumn[], data: readonly ParquetValue[][]): Uint8Array {
  const rows = data[0]?.length ?? 0;
  const buffer = parquetWriteBuffer({
    columnData: columns.map((c, i) => ({ name: c.name, data: data[i] as any[] })),
    schema: [{ name: 'spark_schema', num_children: columns.length }, ...columns.map((c) => c.element)],
    rowGroupSize: Math.max(rows, 1),
    createdBy: 'ml-connector',
  });
  return new Uint8Array(buffer);
}

/** Buffers rows for one part at a time and hands finished parts to `onPart`. */
export class PartWriter {
  private readonly columns: ParquetColumn[];
  private readonly onPart: (part: Part) => Promise<void>;
  private readonly maxRows: number;
  private readonly maxBytes: number;
  private data: ParquetValue[][];
  private bufferedBytes = 0;
  private nextIndex = 0;
  private totalRows = 0;
  private finished = false;

  constructor(options: PartWriterOptions) {
    if (options.columns.length === 0) throw new TypeError('a part needs at least one column');
    this.columns = options.columns.map(parquetColumn);
    this.onPart = options.onPart;
    this.maxRows = options.maxRows ?? DEFAULT_PART_ROWS;
    this.maxBytes = options.maxBytes ?? DEFAULT_PART_BYTES;
    this.data = this.columns.map(() => []);
  }

  /** Rows accepted so far. */
  get rows(): number {
    return this.totalRows;
  }

  /** Parts handed over so far. */
  get parts(): number {
    return this.nextIndex;
  }

  /** Adds a row (throws BAD_RECORD, adding nothing, when a value does not fit its column); may wait for `onPart`. */
  async write(row: Row): Promise<void> {
    if (this.finished) throw new Error('PartWriter.write after finish');
    // Convert the whole row first so a bad value leaves no partial row behind.
    const values = this.columns.map((c) => c.convert(row[c.name]));
    let size = 0;
    for (let i = 0; i < values.length; i++) {
      this.data[i].push(values[i]);
      size += this.columns[i].sizeOf(values[i]);
    }
    this.bufferedBytes += size;
    this.totalRows++;
    if (this.data[0].length >= this.maxRows || this.bufferedBytes >= this.maxBytes) await this.flush();
  }

  /** Hands over the last, partial part (if any rows are buffered); returns the number of parts written. */
  async finish(): Promise<number> {
    if (!this.finished) {
      this.finished = true;
      await this.flush();
    }
    return this.nextIndex;
  }

  private async flush(): Promise<void> {
    const rows = this.data[0].length;
    if (rows === 0) return;
    const bytes = encodeParquet(this.columns, this.data);
    // Release the buffered rows before waiting, so at most one part's rows are ever held.
    this.data = this.columns.map(() => []);
    this.bufferedBytes = 0;
    const index = this.nextIndex++;
    await this.onPart({ index, rows, bytes });
  }
}
