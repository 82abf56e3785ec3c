/**
 * Epicor's database-wide rowversion: one counter across companies and entity sets; every write takes the next
 * number. Every `gapEvery` numbers a few are held back, the way in-flight transactions hold numbers they commit
 * later; `takeLate` hands one of those out to model a late commit (a new write with a LOWER revision).
 */
export class RevisionCounter {
  private current: number;
  private sinceGap = 0;
  /** Held-back numbers, ascending. */
  private readonly reserved: number[] = [];

  constructor(
    start = 3_000_000_000,
    private readonly gapEvery = 400,
    private readonly gapSize = 3,
  ) {
    this.current = start - 1;
  }

  /** The next revision for a normal write. */
  next(): number {
    if (++this.sinceGap >= this.gapEvery) {
      this.sinceGap = 0;
      for (let i = 0; i < this.gapSize; i++) this.reserved.push(++this.current);
    }
    return ++this.current;
  }

  /** The highest revision handed out so far. */
  max(): number {
    return this.current;
  }

  /** A held-back revision below `limit` (the highest such), or undefined if none is left. */
  takeLate(limit: number): number | undefined {
    const at = this.lateIndex(limit);
    return at === undefined ? undefined : this.reserved.splice(at, 1)[0];
  }

  /** The number `takeLate(limit)` would hand out, without taking it. */
  peekLate(limit: number): number | undefined {
    const at = this.lateIndex(limit);
    return at === undefined ? undefined : this.reserved[at];
  }

  private lateIndex(limit: number): number | undefined {
    let lo = 0;
    let hi = this.reserved.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.reserved[mid] < limit) lo = mid + 1;
      else hi = mid;
    }
    return lo === 0 ? undefined : lo - 1;
  }
}
