import { describe, expect, it } from 'vitest';
import { Semaphore } from '../../semaphore.ts';
import { mergePages } from './page-merger.ts';

const tick = () => new Promise((r) => setImmediate(r));

describe('mergePages', () => {
  it('delivers every item of every producer while holding at most `capacity` undelivered', async () => {
    let produced = 0;
    let consumed = 0;
    let maxAhead = 0;
    const producer = (id: number) =>
      async function* () {
        for (let i = 0; i < 20; i++) {
          await tick();
          produced++;
          yield `${id}:${i}`;
        }
      };
    const got: string[] = [];
    for await (const item of mergePages([producer(0), producer(1), producer(2)], 2)) {
      consumed++;
      maxAhead = Math.max(maxAhead, produced - consumed);
      got.push(item);
      await tick();
      await tick();
    }
    expect(got.length).toBe(60);
    expect(new Set(got).size).toBe(60);
    // buffer (2) + one item held by each waiting producer (3)
    expect(maxAhead).toBeLessThanOrEqual(5);
  });

  it('stops producers when the consumer breaks off, and surfaces a producer failure', async () => {
    let stopped = 0;
    const endless = () =>
      async function* (signal: AbortSignal) {
        try {
          for (let i = 0; !signal.aborted; i++) {
            await tick();
            yield i;
          }
        } finally {
          stopped++;
        }
      };
    for await (const i of mergePages([endless(), endless()], 1)) if (i >= 3) break;
    expect(stopped).toBe(2);

    const failing = async function* () {
      await tick();
      yield 1;
      throw new Error('boom');
    };
    await expect(
      (async () => {
        for await (const _ of mergePages([failing, endless()], 1)) {
          /* drain */
        }
      })(),
    ).rejects.toThrow('boom');
  });

  it('with a shared budget, bounds pages requested but not yet taken across several mergers', async () => {
    const budget = new Semaphore(3);
    let started = 0;
    let taken = 0;
    let maxOutstanding = 0;
    const producer = () =>
      async function* () {
        for (let i = 0; i < 15; i++) {
          started++; // a "request" begins
          maxOutstanding = Math.max(maxOutstanding, started - taken);
          await tick();
          yield i;
        }
      };
    const consume = async (n: number) => {
      let count = 0;
      for await (const _ of mergePages([producer(), producer(), producer()], 3, undefined, budget)) {
        taken++;
        count++;
        for (let k = 0; k < n; k++) await tick();
      }
      return count;
    };
    // Two entities at once, one consumer slower than the other.
    expect(await Promise.all([consume(1), consume(3)])).toEqual([45, 45]);
    // Budget 3, plus the page being handed to a consumer (its permit returns as it is dequeued, just before the
    // consumer's loop body counts it). Without the budget this reaches 13.
    expect(maxOutstanding).toBeLessThanOrEqual(4);

    // A consumer that breaks off returns the permits of pages it left behind: the budget is whole again.
    for await (const i of mergePages([producer(), producer()], 2, undefined, budget)) if (i >= 2) break;
    const held = await Promise.all([budget.acquire(), budget.acquire(), budget.acquire()]);
    for (const release of held) release();
  });
});
