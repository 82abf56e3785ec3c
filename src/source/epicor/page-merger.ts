import type { Semaphore } from '../../semaphore.ts';

/**
 * Runs several page producers at once and hands their pages to one consumer in arrival order, holding at most
 * `capacity` pages: a producer waits while the buffer is full, so memory stays bounded whatever the table size.
 * With a `budget` (shared by every entity of a run), a producer also needs a permit before it requests a page, and
 * the permit returns when the consumer takes the page: pages fetched but not yet processed are bounded run-wide.
 */
export async function* mergePages<T>(
  producers: readonly ((signal: AbortSignal) => AsyncIterable<T>)[],
  capacity: number,
  signal?: AbortSignal,
  budget?: Semaphore,
): AsyncGenerator<T> {
  const controller = new AbortController();
  const onAbort = () => controller.abort(signal?.reason);
  signal?.addEventListener('abort', onAbort, { once: true });
  const buffer: { item: T; permit?: () => void }[] = [];
  let failure: { error: unknown } | undefined;
  let running = producers.length;
  let wakeConsumer: (() => void) | undefined;
  const spaceWaiters: (() => void)[] = [];
  const notify = () => {
    wakeConsumer?.();
    wakeConsumer = undefined;
  };

  const tasks = producers.map(async (produce) => {
    const pages = produce(controller.signal)[Symbol.asyncIterator]();
    let done = false;
    try {
      for (;;) {
        // A permit of the shared budget covers a page from before its request until the consumer takes it.
        const permit = budget ? await budget.acquire(controller.signal) : undefined;
        let next: IteratorResult<T>;
        try {
          next = await pages.next();
        } catch (error) {
          permit?.();
          throw error;
        }
        if (next.done) {
          done = true;
          permit?.();
          return;
        }
        while (buffer.length >= capacity && !controller.signal.aborted) {
          await new Promise<void>((r) => spaceWaiters.push(r));
        }
        if (controller.signal.aborted) {
          permit?.();
          return;
        }
        buffer.push({ item: next.value, permit });
        notify();
      }
    } catch (error) {
      done = true; // a generator that threw is finished
      if (!failure) failure = { error };
      controller.abort(error);
      for (const r of spaceWaiters.splice(0)) r();
    } finally {
      if (!done) await pages.return?.().catch(() => {});
      running--;
      notify();
    }
  });

  try {
    for (;;) {
      if (failure) throw failure.error;
      if (buffer.length > 0) {
        const { item, permit } = buffer.shift()!;
        permit?.();
        spaceWaiters.shift()?.();
        yield item;
        continue;
      }
      if (running === 0) break;
      await new Promise<void>((r) => {
        wakeConsumer = r;
      });
    }
  } finally {
    // Consumer finished or gave up: stop producers and wait for them, so no request outlives the iteration.
    if (!controller.signal.aborted) controller.abort(new Error('extraction stopped'));
    for (const r of spaceWaiters.splice(0)) r();
    await Promise.allSettled(tasks);
    // Pages nobody will take give their permits back, or the rest of the run would be short of them.
    for (const { permit } of buffer.splice(0)) permit?.();
    signal?.removeEventListener('abort', onAbort);
  }
}
