import type { Clock } from './clock.ts';

/**
 * Subscribes `fn` to `signal`'s abort with one real listener per signal, however many subscribers it has. A sync
 * run shares one signal among every queued request, sleeping retry and page permit of all its entities; adding a
 * listener each made Node warn (`MaxListenersExceededWarning: 11 abort listeners`) on every 13-entity run, and grew
 * with concurrency. Returns the unsubscribe function (idempotent); `fn` runs at most once.
 */
export function onAbort(signal: AbortSignal, fn: () => void): () => void {
  let subs = hubs.get(signal);
  if (!subs) {
    const created = new Set<() => void>();
    subs = created;
    hubs.set(signal, created);
    signal.addEventListener('abort', () => fire(signal, created), { once: true });
  }
  subs.add(fn);
  const mine = subs;
  return () => {
    mine.delete(fn);
    // The one listener stays until the signal aborts or is collected: it is a single closure per signal, and
    // removing and re-adding it as subscriber counts swing through zero would cost more than it saves.
  };
}

/**
 * Settles like `p`, or rejects with `reason()` (default: the signal's reason) as soon as `signal` fires; `p` keeps
 * running and its outcome is then ignored. The one "stop waiting on abort" wrapper (token refresh, Databricks calls).
 */
export function untilAbort<T>(
  p: Promise<T>,
  signal: AbortSignal | undefined,
  reason: () => unknown = () => signal?.reason,
): Promise<T> {
  if (!signal) return p;
  if (signal.aborted) return Promise.reject(reason());
  return new Promise<T>((resolve, reject) => {
    const off = onAbort(signal, () => reject(reason()));
    p.then(
      (v) => {
        off();
        resolve(v);
      },
      (e) => {
        off();
        reject(e);
      },
    );
  });
}

const hubs = new WeakMap<AbortSignal, Set<() => void>>();

function fire(signal: AbortSignal, subs: Set<() => void>): void {
  hubs.delete(signal);
  const all = [...subs];
  subs.clear();
  for (const fn of all) fn();
}

/**
 * Sleeps on the clock, resolving early (never rejecting) when `signal` aborts — works with clocks that ignore
 * signals. The scheduler's wait for the next slot and the lock heartbeat's beat both end this way on a stop.
 */
export function sleepOrAbort(clock: Clock, ms: number, signal: AbortSignal): Promise<void> {
  if (signal.aborted) return Promise.resolve();
  return new Promise((resolve) => {
    const off = onAbort(signal, () => resolve());
    clock.sleep(Math.max(0, ms), signal).then(
      () => {
        off();
        resolve();
      },
      () => resolve(),
    );
  });
}
