/**
 * Freshness against `freshnessSlaHours` inside `run`: an entity without a successful run for longer is stale; one
 * `stale` alert per episode (however often it is checked), and `recovered` once it succeeds again.
 */
export interface NewlyStale {
  entity: string;
  /** Its last success (ms) when it went stale; null when it never succeeded. */
  lastSuccess: number | null;
}

export class StaleWatch {
  /** Stale entity → its last success when the episode began. */
  private readonly stale = new Map<string, number | null>();

  /**
   * @param success entity → last successful run end (ms), null when never (the daemon's own map, kept current)
   * @param slaMs `freshnessSlaHours` in ms
   * @param since when watching began: an entity that never succeeded counts from here
   */
  constructor(
    private readonly success: ReadonlyMap<string, number | null>,
    private readonly slaMs: number,
    private readonly since: number,
  ) {}

  /** The entities that crossed the SLA since the last check (each once per episode). */
  check(now: number): NewlyStale[] {
    const out: NewlyStale[] = [];
    for (const [entity, last] of this.success) {
      if (this.stale.has(entity)) continue;
      if (now - (last ?? this.since) > this.slaMs) {
        this.stale.set(entity, last);
        out.push({ entity, lastSuccess: last });
      }
    }
    return out;
  }

  /** Stale entities that succeeded after their episode began: the episode ends (each reported once). */
  recovered(): string[] {
    const out: string[] = [];
    for (const [entity, before] of this.stale) {
      const last = this.success.get(entity) ?? null;
      if (last !== null && (before === null || last > before)) {
        this.stale.delete(entity);
        out.push(entity);
      }
    }
    return out;
  }

  /** Entities stale right now. */
  current(): string[] {
    return [...this.stale.keys()];
  }
}
