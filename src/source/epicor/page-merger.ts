/**
 * Runs several page producers at once and hands their pages to one consumer in arrival order, holding at most
 * `capacity` pages: a producer waits while the buffer is full, so memory stays bounded whatever the table size.
 */
export async function* mergePages<T>(
  producers: readonly ((signal: AbortSignal) => AsyncIterable<T>)[],
  capacity: number,
  signal?: AbortSignal,
): AsyncGenerator<T> {
  const controller = new AbortController();
  const onAbort = () => controller.abort(signal?.reason);
  signal?.addEventListener('abort', onAbort, { once: true });
  const buffer: T[] = [];
  let failure: { error: unknown } | undefined;
  let running = producers.length;
  let wakeConsumer: (() => void) | undefined;
  const spaceWaiters: (() => void)[] = [];
  const notify = () => {
    wakeConsumer?.();
    wakeConsumer = undefined;
  };

  const tasks = producers.map(async (produce) => {
    try {
      for await (const item of produce(controller.signal)) {
        while (buffer.length >= capacity && !controller.signal.aborted) {
          await new Promise<void>((r) => spaceWaiters.push(r));
        }
        if (controller.signal.aborted) return;
        buffer.push(item);
        notify();
      }
    } catch (error) {
      if (!failure) failure = { error };
      controller.abort(error);
      for (const r of spaceWaiters.splice(0)) r();
    } finally {
      running--;
      notify();
    }
  });

  try {
    for (;;) {
      if (failure) throw failure.error;
      if (buffer.length > 0) {
        const item = buffer.shift()!;
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
    signal?.removeEventListener('abort', onAbort);
  }
}
