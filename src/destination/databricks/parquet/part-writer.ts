/**
 * Turns a stream of Rows into Parquet parts: each row's values are converted straight into per-column byte buffers
 * (parquet-column.ts), and when the part reaches `maxRows` rows or about `maxBytes` buffered bytes it is encoded
 * (parquet-file.ts) and handed to `onPart`. Awaiting `onPart` is the backpressure: the writer accepts no more rows
 * until the consumer has taken the part.
 */
import type { Row, RowValue, TargetColumn } from '../../../mapping/target-schema.ts';
import type { ColumnBuffer } from './column-buffer.ts';
import { columnBuffer } from './parquet-column.ts';
import { type Codec, encodeParquetFile } from './parquet-file.ts';

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
  /** Approximate buffered (uncompressed) bytes per part (default 4 MiB). */
  maxBytes?: number;
  /** Page compression (default none: on a fast link compressing costs more time than the smaller upload saves). */
  codec?: Codec;
}

export const DEFAULT_PART_ROWS = 5_000;
export const DEFAULT_PART_BYTES = 4 * 1024 * 1024;

/** Buffers rows for one part at a time and hands finished parts to `onPart`. */
export class PartWriter {
  private readonly buffers: ColumnBuffer[];
  private readonly names: string[];
  private readonly onPart: (part: Part) => Promise<void>;
  private readonly maxRows: number;
  private readonly maxBytes: number;
  private readonly codec: Codec;
  private partRows = 0;
  /** Row count at which the buffered bytes are measured next (measuring walks every column). */
  private nextByteCheck = 1;
  private nextIndex = 0;
  private totalRows = 0;
  private finished = false;

  constructor(options: PartWriterOptions) {
    if (options.columns.length === 0) throw new TypeError('a part needs at least one column');
    this.buffers = options.columns.map(columnBuffer);
    this.names = options.columns.map((c) => c.name);
    this.onPart = options.onPart;
    this.maxRows = options.maxRows ?? DEFAULT_PART_ROWS;
    this.maxBytes = options.maxBytes ?? DEFAULT_PART_BYTES;
    this.codec = options.codec ?? 'UNCOMPRESSED';
  }

  /** Rows accepted so far. */
  get rows(): number {
    return this.totalRows;
  }

  /** Parts handed over so far. */
  get parts(): number {
    return this.nextIndex;
  }

  /**
   * Adds a row (throws BAD_RECORD, adding nothing, when a value does not fit its column). Returns a promise only when
   * the row completed a part, which must be awaited before the next write (backpressure); otherwise returns at once,
   * so the per-row path costs no promise.
   */
  write(row: Row): Promise<void> | undefined {
    const names = this.names;
    const values = new Array<RowValue>(names.length);
    for (let i = 0; i < names.length; i++) values[i] = row[names[i]];
    return this.writeValues(values);
  }

  /** `write` for values given in column order (as the record mapper produces them). */
  writeValues(values: readonly RowValue[]): Promise<void> | undefined {
    if (this.finished) throw new Error('PartWriter.write after finish');
    const buffers = this.buffers;
    // Convert the whole row first so a bad value leaves no partial row behind.
    for (let i = 0; i < buffers.length; i++) buffers[i].stage(values[i]);
    for (let i = 0; i < buffers.length; i++) buffers[i].push();
    this.totalRows++;
    this.partRows++;
    if (this.partRows >= this.maxRows) return this.flush();
    if (this.partRows >= this.nextByteCheck) {
      const bytes = this.bufferedBytes();
      if (bytes >= this.maxBytes) return this.flush();
      // Measure again halfway to where the average row size so far says the byte limit will be reached.
      const rowsLeft = ((this.maxBytes - bytes) * this.partRows) / bytes;
      this.nextByteCheck = this.partRows + Math.max(1, Math.floor(rowsLeft / 2));
    }
    return undefined;
  }

  /** Hands over the last, partial part (if any rows are buffered); returns the number of parts written. */
  async finish(): Promise<number> {
    if (!this.finished) {
      this.finished = true;
      await this.flush();
    }
    return this.nextIndex;
  }

  private bufferedBytes(): number {
    let n = 0;
    for (const b of this.buffers) n += b.byteSize;
    return n;
  }

  private async flush(): Promise<void> {
    const rows = this.partRows;
    if (rows === 0) return;
    const bytes = await encodeParquetFile(this.buffers, this.codec);
    // Release the buffered rows before waiting, so at most one part's rows are ever held.
    for (const b of this.buffers) b.reset();
    this.partRows = 0;
    this.nextByteCheck = 1;
    const index = this.nextIndex++;
    await this.onPart({ index, rows, bytes });
  }
}
