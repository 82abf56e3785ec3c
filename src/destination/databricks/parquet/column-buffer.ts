import type { RowValue } from '../../../mapping/target-schema.ts';
import { ByteSink } from './byte-sink.ts';
import type { ColumnElement } from './column-element.ts';

/**
 * Collects one column's values for one part as PLAIN-encoded bytes plus definition levels. A row is written in two
 * steps so a bad value leaves nothing behind: `stage` (validate and convert, may throw) for every column, then `push`
 * for every column.
 */
export abstract class ColumnBuffer {
  readonly values = new ByteSink();
  /** One byte per row: 1 = value present, 0 = null. */
  readonly defs = new ByteSink(256);
  rows = 0;
  nonNull = 0;
  protected pendingNull = true;

  constructor(readonly element: ColumnElement) {}

  get name(): string {
    return this.element.name;
  }

  /** Validates and converts a value, holding it until `push` (throws BAD_RECORD, changing nothing). */
  stage(value: RowValue | undefined): void {
    if (value === null || value === undefined) this.pendingNull = true;
    else {
      this.stageValue(value);
      this.pendingNull = false;
    }
  }

  /** Appends the staged value. */
  push(): void {
    this.defs.ensure(1);
    this.rows++;
    if (this.pendingNull) {
      this.defs.buf[this.defs.len++] = 0;
      return;
    }
    this.defs.buf[this.defs.len++] = 1;
    this.nonNull++;
    this.pushValue();
  }

  /** Bytes buffered (values and levels). */
  get byteSize(): number {
    return this.values.len + this.defs.len;
  }

  /** Empties the buffer for the next part. */
  reset(): void {
    this.values.reset();
    this.defs.reset();
    this.rows = 0;
    this.nonNull = 0;
    this.resetExtra();
  }

  /** When every value of the part is the same string: that string (the encoder writes a one-entry dictionary). */
  constantValue(): string | undefined {
    return undefined;
  }

  protected abstract stageValue(value: RowValue): void;
  protected abstract pushValue(): void;
  protected resetExtra(): void {}
}
