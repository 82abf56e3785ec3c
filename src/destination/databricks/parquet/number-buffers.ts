/** The fixed-width PLAIN buffers: INT32, INT64 (numbers or bigints), DOUBLE, bit-packed BOOLEAN. */
import type { RowValue } from '../../../mapping/target-schema.ts';
import { badValue } from './bad-value.ts';
import { ColumnBuffer } from './column-buffer.ts';
import type { ColumnElement } from './column-element.ts';

/** INT32 little-endian, from a converter that validates the value. */
export class Int32Buffer extends ColumnBuffer {
  private pending = 0;
  constructor(
    element: ColumnElement,
    private readonly convert: (v: RowValue) => number,
  ) {
    super(element);
  }
  protected stageValue(value: RowValue): void {
    this.pending = this.convert(value);
  }
  protected pushValue(): void {
    this.values.int32(this.pending);
  }
}

/**
 * Integer-valued columns whose values may pass 2^53: a safe JS integer is kept as a number (no BigInt), larger ones
 * come as bigint. Subclasses only say how to write the staged value.
 */
export abstract class WideIntegerBuffer extends ColumnBuffer {
  protected pendingNum = 0;
  protected pendingBig: bigint | undefined;
  constructor(
    element: ColumnElement,
    private readonly convert: (v: RowValue) => number | bigint,
  ) {
    super(element);
  }
  protected stageValue(value: RowValue): void {
    const v = this.convert(value);
    if (typeof v === 'bigint') this.pendingBig = v;
    else {
      this.pendingBig = undefined;
      this.pendingNum = v;
    }
  }
}

/** INT64 little-endian. */
export class Int64Buffer extends WideIntegerBuffer {
  protected pushValue(): void {
    if (this.pendingBig === undefined) this.values.int64FromNumber(this.pendingNum);
    else this.values.int64FromBigInt(this.pendingBig);
  }
}

/** DOUBLE little-endian. */
export class DoubleBuffer extends ColumnBuffer {
  private pending = 0;
  protected stageValue(value: RowValue): void {
    if (typeof value !== 'number') throw badValue(this.name, 'DOUBLE', value, 'must be a number');
    this.pending = value;
  }
  protected pushValue(): void {
    this.values.float64(this.pending);
  }
}

/** BOOLEAN, PLAIN bit-packed. */
export class BooleanBuffer extends ColumnBuffer {
  private pending = false;
  protected stageValue(value: RowValue): void {
    if (typeof value !== 'boolean') throw badValue(this.name, 'BOOLEAN', value, 'must be true or false');
    this.pending = value;
  }
  protected pushValue(): void {
    // PLAIN booleans are bit-packed, least significant bit first; nonNull already counts this value.
    const bit = (this.nonNull - 1) & 7;
    if (bit === 0) this.values.byte(0);
    if (this.pending) this.values.buf[this.values.len - 1] |= 1 << bit;
  }
}
