import type { Prng } from './prng.ts';

/**
 * Which base receipts exist: one receipt (packing slip) per PO and release number that received something, with
 * one line per received release of that number. Built from cheap draws only (a PO's open/void flags and a
 * release's first draw), so it costs a few array passes even at large scales.
 */
export interface ReceiptLayout {
  /** Per receipt: the POes index it was received against. */
  headPo: Int32Array;
  /** Per receipt: the release number it received (1 or 2). */
  headRel: Uint8Array;
  /** Per receipt: index of its first line (n+1 entries). */
  headStart: Int32Array;
  /** Per receipt line: the PORels index it received. */
  lineRel: Int32Array;
  /** Per receipt line: its receipt. */
  lineHead: Int32Array;
}

interface LayoutSource {
  counts: { pos: number };
  poLineStart: Int32Array;
  relStart: Int32Array;
}

/** Mirrors the PORels generator: a void PO receives nothing, a closed one everything, an open one 30 %. */
export function receiptLayout(
  m: LayoutSource,
  head: (p: number) => { isVoid: boolean; open: boolean },
  releaseStream: (x: number) => Prng,
): ReceiptLayout {
  const headPo: number[] = [];
  const headRel: number[] = [];
  const headStart: number[] = [];
  const lineRel: number[] = [];
  const lineHead: number[] = [];
  for (let p = 0; p < m.counts.pos; p++) {
    const { isVoid, open } = head(p);
    if (isVoid) continue;
    for (let rel = 1; rel <= 2; rel++) {
      let started = false;
      for (let j = m.poLineStart[p]; j < m.poLineStart[p + 1]; j++) {
        const x = m.relStart[j] + rel - 1;
        if (x >= m.relStart[j + 1]) continue;
        if (open && !releaseStream(x).chance(0.3)) continue;
        if (!started) {
          started = true;
          headPo.push(p);
          headRel.push(rel);
          headStart.push(lineRel.length);
        }
        lineRel.push(x);
        lineHead.push(headPo.length - 1);
      }
    }
  }
  headStart.push(lineRel.length);
  return {
    headPo: Int32Array.from(headPo),
    headRel: Uint8Array.from(headRel),
    headStart: Int32Array.from(headStart),
    lineRel: Int32Array.from(lineRel),
    lineHead: Int32Array.from(lineHead),
  };
}
