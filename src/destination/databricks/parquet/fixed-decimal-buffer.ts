import { WideIntegerBuffer } from './number-buffers.ts';

/** DECIMAL above 18 digits: big-endian two's complement in `typeLength` bytes. */
export class FixedDecimalBuffer extends WideIntegerBuffer {
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
