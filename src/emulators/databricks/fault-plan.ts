/** Fault knobs: probabilities per API request, drawn from a seeded PRNG. */
export interface DatabricksFaults {
  rate429?: number;
  retryAfterSeconds?: number;
  rate503?: number;
  rate500?: number;
  /** The statement (or file PUT) commits, but the client gets a 500 or a reset socket. */
  rateAmbiguous?: number;
  /** Extra run time added to every statement while set. */
  slowStatementMs?: number;
}

export type FaultDecision = 'none' | '429' | '503' | '500' | 'ambiguous-500' | 'ambiguous-reset';

/** Decides per request which fault (if any) to inject; deterministic for a seed. */
export class FaultPlan {
  private state: number;
  faults: DatabricksFaults;

  constructor(faults: DatabricksFaults = {}, seed = 1) {
    this.faults = faults;
    this.state = seed >>> 0 || 1;
  }

  /** Next PRNG value in [0, 1) (mulberry32). */
  private next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** Draws the fault for one request; `committing` says whether an ambiguous failure applies to it. */
  draw(committing: boolean): FaultDecision {
    const f = this.faults;
    const hit = (p: number | undefined) => (p ?? 0) > 0 && this.next() < (p ?? 0);
    if (hit(f.rate429)) return '429';
    if (hit(f.rate503)) return '503';
    if (hit(f.rate500)) return '500';
    if (committing && hit(f.rateAmbiguous)) return this.next() < 0.5 ? 'ambiguous-500' : 'ambiguous-reset';
    return 'none';
  }
}
