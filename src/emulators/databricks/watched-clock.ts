import { ManualClock } from '../../clock.ts';

/**
 * A ManualClock that tells a test when the emulator has started a wait of a given length, so a test advances time
 * once the wait is in place instead of sleeping and hoping it is (for this folder's tests).
 */
export class WatchedClock extends ManualClock {
  private readonly seen = new Map<number, number>();
  private readonly watchers: { ms: number; times: number; resolve: () => void }[] = [];

  override sleep(ms: number): Promise<void> {
    this.seen.set(ms, (this.seen.get(ms) ?? 0) + 1);
    for (const w of this.watchers.filter((x) => (this.seen.get(x.ms) ?? 0) >= x.times)) {
      this.watchers.splice(this.watchers.indexOf(w), 1);
      w.resolve();
    }
    return super.sleep(ms);
  }

  /** Resolves once `times` waits of `ms` have been started. */
  requested(ms: number, times = 1): Promise<void> {
    if ((this.seen.get(ms) ?? 0) >= times) return Promise.resolve();
    return new Promise((resolve) => this.watchers.push({ ms, times, resolve }));
  }
}

/** Calls `read` until `done` holds for its answer (up to 5 s), for state that settles on the server's side. */
export async function until<T>(read: () => Promise<T>, done: (v: T) => boolean): Promise<T> {
  const deadline = Date.now() + 5000;
  let v = await read();
  while (!done(v) && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 5));
    v = await read();
  }
  return v;
}
