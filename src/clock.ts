import { onAbort } from './on-abort.ts';

/** Time source injected everywhere time matters, so tests control time instead of sleeping. */
export interface Clock {
  /** Milliseconds since the epoch. */
  now(): number;
  /** Resolves after `ms` (rejects with the signal's reason when aborted). */
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
}

export const systemClock: Clock = {
  now: () => Date.now(),
  sleep: (ms, signal) =>
    new Promise<void>((resolve, reject) => {
      if (signal?.aborted) {
        reject(signal.reason);
        return;
      }
      // One listener on a shared run signal however many retries sleep at once (see onAbort).
      const off = signal
        ? onAbort(signal, () => {
            clearTimeout(timer);
            reject(signal.reason);
          })
        : undefined;
      const timer = setTimeout(() => {
        off?.();
        resolve();
      }, ms);
    }),
};

/** A clock that only moves when told to; `sleep` resolves as soon as `advance` passes its deadline. */
export class ManualClock implements Clock {
  private current: number;
  private waiters: { at: number; resolve: () => void }[] = [];

  constructor(start = Date.UTC(2026, 0, 1)) {
    this.current = start;
  }

  now(): number {
    return this.current;
  }

  sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      this.waiters.push({ at: this.current + ms, resolve });
      this.flush();
    });
  }

  advance(ms: number): void {
    this.current += ms;
    this.flush();
  }

  private flush(): void {
    const due = this.waiters.filter((w) => w.at <= this.current);
    this.waiters = this.waiters.filter((w) => w.at > this.current);
    for (const w of due) w.resolve();
  }
}
