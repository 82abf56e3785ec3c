import { describe, expect, it } from 'vitest';
import { ManualClock } from '../clock.ts';
import { RefreshableToken, type Token } from './refreshable-token.ts';

const HOUR = 3_600_000;

function issuer(clock: ManualClock, ttlMs = HOUR) {
  let n = 0;
  const pending: { resolve: (t: Token) => void; reject: (e: unknown) => void }[] = [];
  let manual = false;
  let failNext = 0;
  return {
    get count() {
      return n;
    },
    hold() {
      manual = true;
    },
    failTimes(k: number) {
      failNext = k;
    },
    release() {
      for (const p of pending.splice(0)) p.resolve({ value: `t${n}`, expiresAt: clock.now() + ttlMs });
    },
    fetch: (): Promise<Token> => {
      n++;
      if (failNext > 0) {
        failNext--;
        return Promise.reject(new Error('token endpoint down'));
      }
      if (manual) return new Promise((resolve, reject) => pending.push({ resolve, reject }));
      return Promise.resolve({ value: `t${n}`, expiresAt: clock.now() + ttlMs });
    },
  };
}

describe('RefreshableToken', () => {
  it('serves a fresh token from cache', async () => {
    const clock = new ManualClock();
    const src = issuer(clock);
    const tok = new RefreshableToken({ fetch: src.fetch, clock });
    expect(await tok.get()).toBe('t1');
    clock.advance(10 * 60_000);
    expect(await tok.get()).toBe('t1');
    expect(src.count).toBe(1);
  });

  it('serves a stale token and refreshes once in the background', async () => {
    const clock = new ManualClock();
    const src = issuer(clock);
    const tok = new RefreshableToken({ fetch: src.fetch, clock });
    await tok.get();
    clock.advance(HOUR - 15 * 60_000); // inside the 20-minute stale window
    src.hold();
    const values = await Promise.all([tok.get(), tok.get(), tok.get()]);
    expect(values).toEqual(['t1', 't1', 't1']);
    expect(src.count).toBe(2);
    src.release();
    await new Promise((r) => setImmediate(r));
    expect(await tok.get()).toBe('t2');
  });

  it('makes every caller wait for one shared refresh once expired', async () => {
    const clock = new ManualClock();
    const src = issuer(clock);
    const tok = new RefreshableToken({ fetch: src.fetch, clock });
    await tok.get();
    clock.advance(HOUR - 30_000); // inside the 40 s expiry margin
    src.hold();
    const waiting = Promise.all([tok.get(), tok.get(), tok.get()]);
    await new Promise((r) => setImmediate(r));
    expect(src.count).toBe(2);
    src.release();
    expect(await waiting).toEqual(['t2', 't2', 't2']);
  });

  it('caps the expiry margin at a quarter of a short TTL', async () => {
    const clock = new ManualClock();
    const src = issuer(clock, 8_000);
    const tok = new RefreshableToken({ fetch: src.fetch, clock, staleWindowMs: () => 0 });
    await tok.get();
    clock.advance(5_900); // margin is 2 s, not 40 s
    expect(await tok.get()).toBe('t1');
    clock.advance(200);
    expect(await tok.get()).toBe('t2');
  });

  it('after invalidate() the next caller waits for a new token', async () => {
    const clock = new ManualClock();
    const src = issuer(clock);
    const tok = new RefreshableToken({ fetch: src.fetch, clock });
    await tok.get();
    tok.invalidate();
    expect(await tok.get()).toBe('t2');
  });

  it('retries a failed background refresh only after a minute, serving the old token meanwhile', async () => {
    const clock = new ManualClock();
    const src = issuer(clock);
    const tok = new RefreshableToken({ fetch: src.fetch, clock });
    await tok.get();
    clock.advance(HOUR - 15 * 60_000);
    src.failTimes(1);
    expect(await tok.get()).toBe('t1');
    await new Promise((r) => setImmediate(r));
    expect(src.count).toBe(2);
    clock.advance(30_000);
    expect(await tok.get()).toBe('t1');
    expect(src.count).toBe(2);
    clock.advance(31_000);
    expect(await tok.get()).toBe('t1');
    await new Promise((r) => setImmediate(r));
    expect(src.count).toBe(3);
    expect(await tok.get()).toBe('t3');
  });

  it('propagates a failed foreground refresh to the waiters and tries again on the next call', async () => {
    const clock = new ManualClock();
    const src = issuer(clock);
    const tok = new RefreshableToken({ fetch: src.fetch, clock });
    src.failTimes(1);
    await expect(tok.get()).rejects.toThrow('token endpoint down');
    expect(await tok.get()).toBe('t2');
  });

  it('lets one waiter give up without cancelling the shared refresh', async () => {
    const clock = new ManualClock();
    const src = issuer(clock);
    const tok = new RefreshableToken({ fetch: src.fetch, clock });
    src.hold();
    const ac = new AbortController();
    const first = tok.get(ac.signal);
    const second = tok.get();
    ac.abort(new Error('stop'));
    await expect(first).rejects.toThrow('stop');
    src.release();
    expect(await second).toBe('t1');
  });
});
