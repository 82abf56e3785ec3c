import { onAbort } from './on-abort.ts';

/**
 * The one concurrency helper: a counting semaphore (at most `limit` holders at once, waiters served in arrival
 * order), and `forEachLimited` over it for a list of work items. HTTP requests, uploads, pages in flight and the
 * entities of a job are all bounded with it.
 */
export class Semaphore {
  private active = 0;
  private readonly waiters: (() => void)[] = [];

  constructor(private readonly limit: number) {
    if (!Number.isInteger(limit) || limit < 1)
      throw new RangeError(`concurrency must be a positive integer, got ${limit}`);
  }

  /** Waits for a slot; the returned function releases it (idempotent). */
  async acquire(signal?: AbortSignal): Promise<() => void> {
    if (this.active < this.limit) {
      this.active++;
      return this.releaser();
    }
    await new Promise<void>((resolve, reject) => {
      if (signal?.aborted) {
        reject(signal.reason);
        return;
      }
      // One listener on a shared run signal however many requests wait (see onAbort).
      const off = signal
        ? onAbort(signal, () => {
            const i = this.waiters.indexOf(grant);
            if (i >= 0) this.waiters.splice(i, 1);
            reject(signal.reason);
          })
        : undefined;
      const grant = () => {
        off?.();
        resolve();
      };
      this.waiters.push(grant);
    });
    // The slot was handed over by release() without decrementing, so `active` already counts us.
    return this.releaser();
  }

  private releaser(): () => void {
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const next = this.waiters.shift();
      if (next) next();
      else this.active--;
    };
  }
}

/** Runs `work` over `items` with at most `limit` running at once, starting them in order; settles every item. */
export async function forEachLimited<T>(
  items: readonly T[],
  limit: number,
  work: (item: T) => Promise<void>,
): Promise<void> {
  const slots = new Semaphore(Math.max(1, Math.floor(limit)));
  await Promise.all(
    items.map(async (item) => {
      const release = await slots.acquire();
      try {
        await work(item);
      } finally {
        release();
      }
    }),
  );
}
