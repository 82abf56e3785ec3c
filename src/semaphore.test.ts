import { describe, expect, it } from 'vitest';
import { forEachLimited } from './semaphore.ts';

describe('forEachLimited', () => {
  it('runs at most `limit` items at once, starts them in order and settles every one', async () => {
    const started: number[] = [];
    const gates = new Map<number, () => void>();
    let running = 0;
    let most = 0;
    const done = forEachLimited([0, 1, 2, 3, 4], 2, async (i) => {
      started.push(i);
      running++;
      most = Math.max(most, running);
      await new Promise<void>((resolve) => gates.set(i, resolve));
      running--;
    });
    // Let the first two start, then open gates one by one: each opening admits exactly the next item.
    const settle = async () => {
      for (let n = 0; n < 20; n++) await new Promise((r) => setImmediate(r));
    };
    for (let i = 0; i < 5; i++) {
      await settle();
      expect(started).toEqual([0, 1, 2, 3, 4].slice(0, Math.min(5, i + 2)));
      gates.get(i)!();
    }
    await done;
    expect(most).toBe(2);
  });

  it('treats a limit below one as one', async () => {
    const order: number[] = [];
    await forEachLimited([1, 2, 3], 0, async (i) => {
      order.push(i);
    });
    expect(order).toEqual([1, 2, 3]);
  });
});
