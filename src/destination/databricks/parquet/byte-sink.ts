type Utf8Writer = (this: Buffer, s: string, offset: number, length: number) => number;
/** Node's unchecked UTF-8 writer behind `Buffer#write` (skips its argument parsing); `write` where it is missing. */
const rawUtf8Write = (Buffer.prototype as unknown as { utf8Write?: Utf8Writer }).utf8Write;
const utf8Write: (buf: Buffer, s: string, offset: number) => number = rawUtf8Write
  ? (buf, s, offset) => rawUtf8Write.call(buf, s, offset, buf.length - offset)
  : (buf, s, offset) => buf.write(s, offset, 'utf8');

/** A growing little-endian byte buffer: the values and levels of one column of one part are appended here. */
export class ByteSink {
  buf: Buffer;
  view: DataView;
  len = 0;

  constructor(initial = 1024) {
    this.buf = Buffer.allocUnsafe(initial);
    this.view = new DataView(this.buf.buffer, this.buf.byteOffset, this.buf.byteLength);
  }

  /** Makes room for `n` more bytes. */
  ensure(n: number): void {
    if (this.len + n <= this.buf.length) return;
    const next = Buffer.allocUnsafe(Math.max(this.buf.length * 2, this.len + n));
    this.buf.copy(next, 0, 0, this.len);
    this.buf = next;
    this.view = new DataView(next.buffer, next.byteOffset, next.byteLength);
  }

  /** The bytes written (a view, valid until the next write or reset). */
  bytes(): Buffer {
    return this.buf.subarray(0, this.len);
  }

  /** Forgets the content; keeps the memory unless it grew past `keep` bytes. */
  reset(keep = 1 << 20): void {
    this.len = 0;
    if (this.buf.length > keep) {
      this.buf = Buffer.allocUnsafe(1024);
      this.view = new DataView(this.buf.buffer, this.buf.byteOffset, this.buf.byteLength);
    }
  }

  /** Appends a signed 64-bit integer given as a safe JS integer (two's complement via two 32-bit halves). */
  int64FromNumber(v: number): void {
    this.ensure(8);
    const hi = Math.floor(v / 4294967296);
    this.view.setUint32(this.len, v - hi * 4294967296, true);
    this.view.setInt32(this.len + 4, hi, true);
    this.len += 8;
  }

  int64FromBigInt(v: bigint): void {
    this.ensure(8);
    this.view.setBigInt64(this.len, v, true);
    this.len += 8;
  }

  int32(v: number): void {
    this.ensure(4);
    this.view.setInt32(this.len, v, true);
    this.len += 4;
  }

  float64(v: number): void {
    this.ensure(8);
    this.view.setFloat64(this.len, v, true);
    this.len += 8;
  }

  /** A PLAIN BYTE_ARRAY value: 4-byte length, then the UTF-8 bytes. */
  lengthPrefixedUtf8(s: string): void {
    const n = s.length;
    this.ensure(4 + n * 3);
    const start = this.len + 4;
    let written = -1;
    if (n <= 48) {
      // Short ASCII (keys, codes, ids) is copied by hand: cheaper than a call into the encoder.
      const buf = this.buf;
      let i = 0;
      for (; i < n; i++) {
        const c = s.charCodeAt(i);
        if (c >= 128) break;
        buf[start + i] = c;
      }
      if (i === n) written = n;
    }
    if (written < 0) written = utf8Write(this.buf, s, start);
    this.view.setUint32(this.len, written, true);
    this.len = start + written;
  }

  /** Unsigned LEB128 varint (used by the RLE/bit-packing hybrid headers). */
  varint(v: number): void {
    this.ensure(10);
    let x = v;
    while (x >= 128) {
      this.buf[this.len++] = (x % 128) | 0x80;
      x = Math.floor(x / 128);
    }
    this.buf[this.len++] = x;
  }

  byte(b: number): void {
    this.ensure(1);
    this.buf[this.len++] = b;
  }
}
