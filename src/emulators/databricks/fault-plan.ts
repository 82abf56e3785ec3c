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
  /** Delta write conflicts to inject, each on the next `times` writes whose first keyword is `statement`. */
  writeConflicts?: WriteConflictFault[];
  /** Statements held (RUNNING, nothing done yet) until a test releases them, e.g. to read a table mid-job. */
  pauses?: StatementPause[];
}

/** Holds the next `times` statements (default 1) whose text contains `contains` until `until` settles. */
export interface StatementPause {
  contains: string;
  until: Promise<unknown>;
  /** Told when a statement starts waiting. */
  onPaused?: (statement: string) => void;
  times?: number;
}

/**
 * Delta's optimistic-concurrency conflicts, each with the exception it replaces (Databricks error-condition pages;
 * delta-io/delta delta-error-classes.json). All carry SQLSTATE 2D521 and mean: nothing was committed, run it again.
 */
export const WRITE_CONFLICTS = {
  DELTA_CONCURRENT_APPEND: 'Transaction conflict detected. A concurrent WRITE added data to the table.',
  DELTA_CONCURRENT_DELETE_READ:
    'Transaction conflict detected, a concurrent DELETE deleted data from the table that this transaction read.',
  DELTA_CONCURRENT_DELETE_DELETE:
    'Transaction conflict detected, a concurrent DELETE deleted data from the table that this transaction attempted to delete.',
  DELTA_METADATA_CHANGED:
    'MetadataChangedException: The metadata of the Delta table has been changed by a concurrent update. Please try the operation again.',
  DELTA_PROTOCOL_CHANGED:
    'ProtocolChangedException: The protocol version of the Delta table has been changed by a concurrent update.',
} as const;

export type WriteConflictClass = keyof typeof WRITE_CONFLICTS;

export interface WriteConflictFault {
  errorClass: WriteConflictClass;
  /** First keyword of the statements to fail (MERGE, UPDATE, INSERT, DELETE, COPY, ALTER, CREATE); default MERGE. */
  statement?: string;
  /** Only statements containing this text (e.g. a table name). */
  contains?: string;
  /** How many matching statements fail (default 1); the plan counts down. */
  times?: number;
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

  /** The conflict to raise for this write statement (first keyword `keyword`), if one is planned (counts it down). */
  takeWriteConflict(keyword: string, statement: string): WriteConflictClass | undefined {
    for (const c of this.faults.writeConflicts ?? []) {
      const left = c.times ?? 1;
      if (left <= 0 || (c.statement ?? 'MERGE').toUpperCase() !== keyword.toUpperCase()) continue;
      if (c.contains !== undefined && !statement.includes(c.contains)) continue;
      c.times = left - 1;
      return c.errorClass;
    }
    return undefined;
  }

  /** The wait a statement must sit out first, if a pause matches it (counts it down). */
  takePause(statement: string): Promise<unknown> | undefined {
    for (const p of this.faults.pauses ?? []) {
      const left = p.times ?? 1;
      if (left <= 0 || !statement.includes(p.contains)) continue;
      p.times = left - 1;
      p.onPaused?.(statement);
      return p.until;
    }
    return undefined;
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
