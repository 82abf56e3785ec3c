/** Seeded pseudo-random numbers (mulberry32): the emulator never uses Math.random, so a seed fixes all data. */

/** Mixes several integers into one 32-bit seed, so every (company, entity, row) gets its own stream. */
export function mixSeed(...parts: number[]): number {
  let h = 0x811c9dc5;
  for (const p of parts) {
    h = Math.imul(h ^ (p >>> 0), 0x85ebca6b);
    h ^= h >>> 13;
    h = Math.imul(h, 0xc2b2ae35);
    h ^= h >>> 16;
  }
  return h >>> 0;
}

const BYTE_HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));
const hex16 = (n: number): string => BYTE_HEX[(n >>> 8) & 0xff] + BYTE_HEX[n & 0xff];

/** A small deterministic generator with the helpers the data generator needs. */
export class Prng {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  /** Uniform 32-bit unsigned integer. */
  u32(): number {
    this.state = (this.state + 0x6d2b79f5) | 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (t ^ (t >>> 14)) >>> 0;
  }

  /** Uniform in [0, 1). */
  next(): number {
    return this.u32() / 4294967296;
  }

  /** Uniform integer in [lo, hi] (inclusive). */
  int(lo: number, hi: number): number {
    return lo + Math.floor(this.next() * (hi - lo + 1));
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)];
  }

  /** Picks by weight: `weights[i]` is the relative weight of `items[i]`. */
  weighted<T>(items: readonly T[], weights: readonly number[]): T {
    let total = 0;
    for (const w of weights) total += w;
    let r = this.next() * total;
    for (let i = 0; i < items.length; i++) {
      r -= weights[i];
      if (r < 0) return items[i];
    }
    return items[items.length - 1];
  }

  /** A version-4-shaped GUID string. */
  guid(): string {
    const a = this.u32();
    const b = this.u32();
    const c = this.u32();
    const d = this.u32();
    return (
      hex16(a >>> 16) +
      hex16(a) +
      '-' +
      hex16(b >>> 16) +
      '-' +
      hex16(0x4000 | (b & 0x0fff)) +
      '-' +
      hex16(0x8000 | ((c >>> 16) & 0x3fff)) +
      '-' +
      hex16(c) +
      hex16(d >>> 16) +
      hex16(d)
    );
  }
}

/** A generator for row `index` of one entity of one company. */
export function rowPrng(seed: number, company: number, entity: number, index: number): Prng {
  return new Prng(mixSeed(seed, company, entity, index));
}
