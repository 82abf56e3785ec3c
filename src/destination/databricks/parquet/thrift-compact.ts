/**
 * The few pieces of the Thrift compact protocol a Parquet footer and page headers need: structs with i32/i64/bool/
 * binary/list/struct fields. Field ids must be written in increasing order within a struct (deltas 1–15 use the short
 * form, larger ones the long form).
 */

const T_BOOL_TRUE = 1;
const T_BOOL_FALSE = 2;
const T_I32 = 5;
const T_I64 = 6;
const T_BINARY = 8;
const T_LIST = 9;
const T_STRUCT = 12;

export type ListElement = 'i32' | 'binary' | 'struct';

const ELEMENT_TYPE: Record<ListElement, number> = { i32: T_I32, binary: T_BINARY, struct: T_STRUCT };

/** Appends compact-protocol bytes to a growing buffer. */
export class ThriftWriter {
  private buf = Buffer.allocUnsafe(256);
  private len = 0;
  /** Last field id of each open struct (the innermost is last). */
  private readonly lastIds: number[] = [0];

  /** The bytes written so far (a view, valid until the next write). */
  bytes(): Buffer {
    return this.buf.subarray(0, this.len);
  }

  i32(id: number, value: number): this {
    this.field(id, T_I32);
    this.varint(zigzag32(value));
    return this;
  }

  /** A 64-bit integer field from a safe JS integer (file offsets and sizes). */
  i64(id: number, value: number): this {
    this.field(id, T_I64);
    this.varint64(value);
    return this;
  }

  bool(id: number, value: boolean): this {
    this.field(id, value ? T_BOOL_TRUE : T_BOOL_FALSE);
    return this;
  }

  binary(id: number, value: string): this {
    this.field(id, T_BINARY);
    this.rawBinary(value);
    return this;
  }

  /** A struct field; `body` writes its fields. */
  struct(id: number, body: (w: this) => void): this {
    this.field(id, T_STRUCT);
    this.structBody(body);
    return this;
  }

  /** A list field; `each` writes one element (for structs: its fields). */
  list<T>(id: number, type: ListElement, items: readonly T[], each: (w: this, item: T) => void): this {
    this.field(id, T_LIST);
    const t = ELEMENT_TYPE[type];
    if (items.length < 15) this.byte((items.length << 4) | t);
    else {
      this.byte(0xf0 | t);
      this.varint(items.length);
    }
    for (const item of items) {
      if (type === 'struct') this.structBody((w) => each(w, item));
      else each(this, item);
    }
    return this;
  }

  /** A bare i32 list element. */
  listI32(value: number): void {
    this.varint(zigzag32(value));
  }

  /** A bare binary (string) list element. */
  listBinary(value: string): void {
    this.rawBinary(value);
  }

  /** Writes a whole top-level struct (fields then stop). */
  structBody(body: (w: this) => void): void {
    this.lastIds.push(0);
    body(this);
    this.byte(0); // stop
    this.lastIds.pop();
  }

  private field(id: number, type: number): void {
    const last = this.lastIds[this.lastIds.length - 1];
    const delta = id - last;
    if (delta > 0 && delta <= 15) this.byte((delta << 4) | type);
    else {
      this.byte(type);
      this.varint(zigzag32(id));
    }
    this.lastIds[this.lastIds.length - 1] = id;
  }

  private rawBinary(value: string): void {
    const n = Buffer.byteLength(value, 'utf8');
    this.varint(n);
    this.ensure(n);
    this.len += this.buf.write(value, this.len, 'utf8');
  }

  private byte(b: number): void {
    this.ensure(1);
    this.buf[this.len++] = b;
  }

  private varint(v: number): void {
    this.ensure(5);
    let x = v >>> 0;
    while (x > 0x7f) {
      this.buf[this.len++] = (x & 0x7f) | 0x80;
      x >>>= 7;
    }
    this.buf[this.len++] = x;
  }

  /** Zigzag varint of a safe integer (no BigInt: sizes and offsets stay far below 2^53). */
  private varint64(v: number): void {
    if (!Number.isSafeInteger(v)) throw new RangeError(`i64 field value ${v} is not a safe integer`);
    this.ensure(10);
    // zigzag: 2v for v ≥ 0, -2v-1 for v < 0 — exact in doubles up to 2^53.
    let x = v >= 0 ? v * 2 : -v * 2 - 1;
    while (x >= 128) {
      this.buf[this.len++] = (x % 128) | 0x80;
      x = Math.floor(x / 128);
    }
    this.buf[this.len++] = x;
  }

  private ensure(n: number): void {
    if (this.len + n <= this.buf.length) return;
    const next = Buffer.allocUnsafe(Math.max(this.buf.length * 2, this.len + n));
    this.buf.copy(next, 0, 0, this.len);
    this.buf = next;
  }
}

function zigzag32(v: number): number {
  return ((v << 1) ^ (v >> 31)) >>> 0;
}
