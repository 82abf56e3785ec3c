import type { Clock } from '../clock.ts';

/** Sleeps on the clock, resolving early (never rejecting) when `signal` aborts — works with clocks that ignore signals. */
export function sleepOrAbort(clock: Clock, ms: number, signal: AbortSignal): Promise<void> {
  if (signal.aborted) return Promise.resolve();
  return new Promise((resolve) => {
    const onAbort = () => resolve();
    signal.addEventListener('abort', onAbort, { once: true });
    clock.sleep(Math.max(0, ms), signal).then(
      () => {
        signal.removeEventListener('abort', onAbort);
        resolve();
      },
      () => resolve(),
    );
  });
}
