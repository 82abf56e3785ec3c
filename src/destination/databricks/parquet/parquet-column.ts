/**
 * How one target column is stored in Parquet, and the buffer that collects its values for one part. Logical types are
 * exact: DECIMAL with the column's precision/scale (INT32 up to 9 digits, INT64 up to 18, big-endian
 * FIXED_LEN_BYTE_ARRAY above), TIMESTAMP as UTC-adjusted micros, DATE as days, STRING as UTF-8. Values are converted
 * straight into their PLAIN-encoded bytes as rows arrive (no intermediate arrays, no BigInt for the common cases).
 * Conversions never round: a value that does not fit is rejected as BAD_RECORD.
 *
 * A row is written in two steps so a bad value leaves nothing behind: `stage` (validate and convert, may throw) for
 * every column, then `push` for every column.
 */
import { ConnectorError } from '../../../errors.ts';
import type { RowValue, TargetColumn } from '../../../mapping/target-schema.ts';
import { ByteSink } from './byte-sink.ts';

/** Parquet physical types (Thrift enum values). */
export const PhysicalType = {
  BOOLEAN: 0,
  INT32: 1,
  INT64: 2,
  DOUBLE: 5,
  BYTE_ARRAY: 6,
  FIXED_LEN_BYTE_ARRAY: 7,
} as const;

/** Converted types (legacy annotations, still read by older engines). */
export const ConvertedType = { UTF8: 0, DECIMAL: 5, DATE: 6, TIMESTAMP_MICROS: 10 } as const;

export type LogicalType =
  | { kind: 'STRING' }
  | { kind: 'DATE' }
  | { kind: 'DECIMAL'; precision: number; scale: number }
  | { kind: 'TIMESTAMP_MICROS_UTC' };

/** The schema element of one column (always OPTIONAL). */
export interface ColumnElement {
  name: string;
  physical: number;
  typeLength?: number;
  converted?: number;
  precision?: number;
  scale?: number;
  logical?: LogicalType;
}

const DAY_MS = 86_400_000;
const DECIMAL_TYPE = /^DECIMAL\((\d+),(\d+)\)$/;
const DECIMAL_TEXT = /^([+-])?(\d*)(?:\.(\d*))?$/;
const INT32_MIN = -2147483648;
const INT32_MAX = 2147483647;
const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;
const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
const POW10 = Array.from({ length: 16 }, (_, i) => 10 ** i);

function bad(column: string, type: string, value: unknown, why: string): ConnectorError {
  const shown = typeof value === 'bigint' ? `${value}` : JSON.stringify(value);
  return new ConnectorError('BAD_RECORD', `column ${column} (${type}): ${String(shown).slice(0, 60)} ${why}`, {
    details: { column, type },
  });
}

/** Bytes a two's-complement integer of `precision` decimal digits needs. */
function decimalByteLength(precision: number): number {
  const max = 10n ** BigInt(precision) - 1n;
  let bytes = 1;
  while (2n ** BigInt(8 * bytes - 1) - 1n < max) bytes++;
  return bytes;
}

/** Parses exact decimal text into its unscaled integer at `scale`; rejects lost digits and overflow. */
export function parseDecimal(text: string, precision: number, scale: number): bigint {
  const m = DECIMAL_TEXT.exec(text.trim());
  if (!m || (m[2] === '' && (m[3] === undefined || m[3] === ''))) throw new RangeError('is not a decimal number');
  const sign = m[1] === '-' ? -1n : 1n;
  const intPart = m[2] || '0';
  let frac = m[3] ?? '';
  if (frac.length > scale) {
    if (/[^0]/.test(frac.slice(scale))) throw new RangeError(`has more than ${scale} fractional digits`);
    frac = frac.slice(0, scale);
  }
  const unscaled = BigInt(intPart + frac.padEnd(scale, '0'));
  if (unscaled >= 10n ** BigInt(precision)) throw new RangeError(`does not fit DECIMAL(${precision},${scale})`);
  return sign * unscaled;
}

/**
 * The unscaled integer of plain decimal text as a JS number when that is exact (at most 15 significant digits after
 * scaling), otherwise undefined (the caller falls back to parseDecimal). Throws RangeError like parseDecimal.
 */
function fastUnscaled(text: string, precision: number, scale: number): number | undefined {
  const n = text.length;
  let i = 0;
  let negative = false;
  const c0 = text.charCodeAt(0);
  if (c0 === 45 || c0 === 43) {
    negative = c0 === 45;
    i = 1;
  }
  let acc = 0;
  let digits = 0; // significant digits accumulated (leading zeros skipped)
  let intDigits = 0;
  for (; i < n; i++) {
    const d = text.charCodeAt(i) - 48;
    if (d < 0 || d > 9) break;
    intDigits++;
    if (acc !== 0 || d !== 0) {
      acc = acc * 10 + d;
      digits++;
    }
  }
  let frac = 0;
  if (i < n) {
    if (text.charCodeAt(i) !== 46) return undefined; // not plain text (spaces, exponent, …): the general parser decides
    i++;
    for (; i < n; i++) {
      const d = text.charCodeAt(i) - 48;
      if (d < 0 || d > 9) return undefined;
      if (frac < scale) {
        acc = acc * 10 + d;
        if (acc !== 0) digits++;
        frac++;
      } else if (d !== 0) throw new RangeError(`has more than ${scale} fractional digits`);
    }
  }
  if (intDigits === 0 && frac === 0) return undefined;
  if (digits + (scale - frac) > 15) return undefined;
  if (frac < scale) acc *= POW10[scale - frac];
  if (precision <= 15 && acc >= POW10[precision]) throw new RangeError(`does not fit DECIMAL(${precision},${scale})`);
  return negative && acc !== 0 ? -acc : acc;
}

/** Collects one column's values for one part as PLAIN-encoded bytes plus definition levels. */
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

class StringBuffer extends ColumnBuffer {
  private pending = '';
  private first: string | undefined;
  /**
   * While every value so far equals `first` (lineage columns, the company), nothing is encoded: the values are only
   * counted, and written out the moment a different value arrives.
   */
  private constantRun = 0;

  protected stageValue(value: RowValue): void {
    if (typeof value !== 'string') throw bad(this.name, 'STRING', value, 'must be a string');
    this.pending = value;
  }

  protected pushValue(): void {
    const v = this.pending;
    if (this.first === undefined) {
      this.first = v;
      this.constantRun = 1;
      return;
    }
    if (this.constantRun > 0) {
      if (v === this.first) {
        this.constantRun++;
        return;
      }
      for (let i = 0; i < this.constantRun; i++) this.values.lengthPrefixedUtf8(this.first);
      this.constantRun = 0;
    }
    this.values.lengthPrefixedUtf8(v);
  }

  override constantValue(): string | undefined {
    return this.constantRun > 0 ? this.first : undefined;
  }

  override get byteSize(): number {
    return this.values.len + this.defs.len + (this.constantRun > 0 ? 4 + (this.first?.length ?? 0) : 0);
  }

  protected override resetExtra(): void {
    this.first = undefined;
    this.constantRun = 0;
  }
}

class Int32Buffer extends ColumnBuffer {
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
abstract class WideIntegerBuffer extends ColumnBuffer {
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
class Int64Buffer extends WideIntegerBuffer {
  protected pushValue(): void {
    if (this.pendingBig === undefined) this.values.int64FromNumber(this.pendingNum);
    else this.values.int64FromBigInt(this.pendingBig);
  }
}

class DoubleBuffer extends ColumnBuffer {
  private pending = 0;
  protected stageValue(value: RowValue): void {
    if (typeof value !== 'number') throw bad(this.name, 'DOUBLE', value, 'must be a number');
    this.pending = value;
  }
  protected pushValue(): void {
    this.values.float64(this.pending);
  }
}

class BooleanBuffer extends ColumnBuffer {
  private pending = false;
  protected stageValue(value: RowValue): void {
    if (typeof value !== 'boolean') throw bad(this.name, 'BOOLEAN', value, 'must be true or false');
    this.pending = value;
  }
  protected pushValue(): void {
    // PLAIN booleans are bit-packed, least significant bit first; nonNull already counts this value.
    const bit = (this.nonNull - 1) & 7;
    if (bit === 0) this.values.byte(0);
    if (this.pending) this.values.buf[this.values.len - 1] |= 1 << bit;
  }
}

/** DECIMAL above 18 digits: big-endian two's complement in `typeLength` bytes. */
class FixedDecimalBuffer extends WideIntegerBuffer {
  protected pushValue(): void {
    const size = this.element.typeLength!;
    const sink = this.values;
    sink.ensure(size);
    const end = sink.len + size;
    if (this.pendingBig === undefined) {
      let v = this.pendingNum;
      for (let i = end - 1; i >= sink.len; i--) {
        const b = v % 256;
        sink.buf[i] = b < 0 ? b + 256 : b;
        v = Math.floor(v / 256);
      }
    } else {
      let v = BigInt.asUintN(size * 8, this.pendingBig);
      for (let i = end - 1; i >= sink.len; i--) {
        sink.buf[i] = Number(v & 255n);
        v >>= 8n;
      }
    }
    sink.len = end;
  }
}

function decimalConverter(name: string, type: string, precision: number, scale: number) {
  return (value: RowValue): number | bigint => {
    let text: string;
    if (typeof value === 'string') text = value;
    else if (typeof value === 'bigint') text = value.toString();
    else if (typeof value === 'number' && Number.isSafeInteger(value)) text = String(value);
    else throw bad(name, type, value, 'must be decimal text (a float would lose digits)');
    try {
      const fast = fastUnscaled(text, precision, scale);
      if (fast !== undefined) return fast;
      const big = parseDecimal(text, precision, scale);
      return big >= -9007199254740991n && big <= 9007199254740991n ? Number(big) : big;
    } catch (e) {
      throw bad(name, type, value, (e as Error).message);
    }
  };
}

function decimalBuffer(name: string, type: string, precision: number, scale: number): ColumnBuffer {
  if (precision < 1 || precision > 38 || scale < 0 || scale > precision) {
    throw new TypeError(`column ${name}: unsupported ${type}`);
  }
  const element: ColumnElement = {
    name,
    physical: PhysicalType.INT64,
    converted: ConvertedType.DECIMAL,
    precision,
    scale,
    logical: { kind: 'DECIMAL', precision, scale },
  };
  const convert = decimalConverter(name, type, precision, scale);
  if (precision <= 9) {
    return new Int32Buffer({ ...element, physical: PhysicalType.INT32 }, (v) => Number(convert(v)));
  }
  if (precision <= 18) return new Int64Buffer(element, convert);
  const typeLength = decimalByteLength(precision);
  return new FixedDecimalBuffer({ ...element, physical: PhysicalType.FIXED_LEN_BYTE_ARRAY, typeLength }, convert);
}

function toBigintValue(name: string) {
  const fromBigInt = (value: bigint, shown: RowValue): number | bigint => {
    if (value < INT64_MIN || value > INT64_MAX) throw bad(name, 'BIGINT', shown, 'does not fit BIGINT');
    return value >= -9007199254740991n && value <= 9007199254740991n ? Number(value) : value;
  };
  return (value: RowValue): number | bigint => {
    if (typeof value === 'bigint') return fromBigInt(value, value);
    if (typeof value === 'number' && Number.isSafeInteger(value)) return value;
    if (typeof value === 'string' && /^[+-]?\d{1,19}$/.test(value)) return fromBigInt(BigInt(value), value);
    throw bad(name, 'BIGINT', value, 'must be an integer');
  };
}

function toInt32Value(name: string) {
  return (value: RowValue): number => {
    if (typeof value !== 'number' || !Number.isInteger(value) || value < INT32_MIN || value > INT32_MAX) {
      throw bad(name, 'INT', value, 'must be a 32-bit integer');
    }
    return value;
  };
}

function toTimestampMicros(name: string) {
  return (value: RowValue): number | bigint => {
    if (!(value instanceof Date)) throw bad(name, 'TIMESTAMP', value, 'must be a valid Date');
    const ms = value.getTime();
    if (Number.isNaN(ms)) throw bad(name, 'TIMESTAMP', value, 'must be a valid Date');
    const micros = ms * 1000;
    return Number.isSafeInteger(micros) ? micros : BigInt(ms) * 1000n;
  };
}

/** Days since 1970-01-01 of `YYYY-MM-DD` text (any year 0000–9999), or undefined when it is not a calendar date. */
export function epochDay(text: string): number | undefined {
  if (text.length !== 10 || text.charCodeAt(4) !== 45 || text.charCodeAt(7) !== 45) return undefined;
  let year = 0;
  for (let i = 0; i < 4; i++) {
    const d = text.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return undefined;
    year = year * 10 + d;
  }
  const m1 = text.charCodeAt(5) - 48;
  const m2 = text.charCodeAt(6) - 48;
  const d1 = text.charCodeAt(8) - 48;
  const d2 = text.charCodeAt(9) - 48;
  if (m1 < 0 || m1 > 9 || m2 < 0 || m2 > 9 || d1 < 0 || d1 > 9 || d2 < 0 || d2 > 9) return undefined;
  const month = m1 * 10 + m2;
  const day = d1 * 10 + d2;
  if (month < 1 || month > 12 || day < 1) return undefined;
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  if (day > (month === 2 && leap ? 29 : DAYS_IN_MONTH[month - 1])) return undefined;
  // Date.UTC maps years 0–99 to 1900–1999; setUTCFullYear does not.
  const ms = year >= 100 ? Date.UTC(year, month - 1, day) : new Date(0).setUTCFullYear(year, month - 1, day);
  return Math.floor(ms / DAY_MS);
}

function toEpochDay(name: string) {
  return (value: RowValue): number => {
    if (typeof value !== 'string') throw bad(name, 'DATE', value, 'must be YYYY-MM-DD');
    const days = epochDay(value);
    if (days === undefined) {
      throw bad(
        name,
        'DATE',
        value,
        /^\d{4}-\d{2}-\d{2}$/.test(value) ? 'is not a calendar date' : 'must be YYYY-MM-DD',
      );
    }
    return days;
  };
}

/** A fresh buffer for one target column (throws TypeError for a type it cannot store). */
export function columnBuffer(column: TargetColumn): ColumnBuffer {
  const { name, type } = column;
  const decimal = DECIMAL_TYPE.exec(type);
  if (decimal) return decimalBuffer(name, type, Number(decimal[1]), Number(decimal[2]));
  switch (type) {
    case 'STRING':
      return new StringBuffer({
        name,
        physical: PhysicalType.BYTE_ARRAY,
        converted: ConvertedType.UTF8,
        logical: { kind: 'STRING' },
      });
    case 'BIGINT':
      return new Int64Buffer({ name, physical: PhysicalType.INT64 }, toBigintValue(name));
    case 'INT':
      return new Int32Buffer({ name, physical: PhysicalType.INT32 }, toInt32Value(name));
    case 'DOUBLE':
      return new DoubleBuffer({ name, physical: PhysicalType.DOUBLE });
    case 'BOOLEAN':
      return new BooleanBuffer({ name, physical: PhysicalType.BOOLEAN });
    case 'TIMESTAMP':
      return new Int64Buffer(
        {
          name,
          physical: PhysicalType.INT64,
          converted: ConvertedType.TIMESTAMP_MICROS,
          logical: { kind: 'TIMESTAMP_MICROS_UTC' },
        },
        toTimestampMicros(name),
      );
    case 'DATE':
      return new Int32Buffer(
        { name, physical: PhysicalType.INT32, converted: ConvertedType.DATE, logical: { kind: 'DATE' } },
        toEpochDay(name),
      );
    default:
      throw new TypeError(`column ${name}: unsupported type ${type}`);
  }
}
