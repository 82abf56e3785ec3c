import { getEventListeners } from 'node:events';
import { describe, expect, it } from 'vitest';
import { onAbort } from './on-abort.ts';
import { Semaphore } from './semaphore.ts';

describe('onAbort', () => {
  it('keeps one listener on the signal for any number of subscribers, and calls each live one once', () => {
    const c = new AbortController();
    const calls: number[] = [];
    const offs = Array.from({ length: 50 }, (_, i) => onAbort(c.signal, () => calls.push(i)));
    expect(getEventListeners(c.signal, 'abort')).toHaveLength(1);
    offs[3]();
    offs[3]();
    c.abort();
    c.abort();
    expect(calls).toHaveLength(49);
    expect(calls).not.toContain(3);
  });

  it('a semaphore with many waiters on one run signal adds one abort listener, and aborting rejects them all', async () => {
    const gate = new Semaphore(1);
    const c = new AbortController();
    const held = await gate.acquire(c.signal);
    const waiting = Array.from({ length: 30 }, () => gate.acquire(c.signal));
    // Before: one listener per waiter (30 here; 11 on a 13-entity sync made Node print MaxListenersExceededWarning).
    expect(getEventListeners(c.signal, 'abort').length).toBeLessThanOrEqual(1);
    c.abort(new Error('stop'));
    const results = await Promise.allSettled(waiting);
    expect(results.every((r) => r.status === 'rejected')).toBe(true);
    held();
  });
});
