import { type Clock, systemClock } from '../clock.ts';
import { untilAbort } from '../on-abort.ts';

export interface Token {
  value: string;
  /** Milliseconds since the epoch. */
  expiresAt: number;
}

export interface RefreshableTokenOptions {
  fetch: (signal?: AbortSignal) => Promise<Token>;
  clock?: Clock;
  /** Stale window before expiry, from the token's lifetime: default min(TTL/2, 20 min). */
  staleWindowMs?: (ttlMs: number) => number;
  /** Treat as expired this much early (default 40 s, capped at TTL/4). */
  expiryMarginMs?: number;
  onRefresh?: () => void;
}

const MINUTE = 60_000;
const BACKGROUND_RETRY_MS = MINUTE;

interface Held {
  value: string;
  /** From here on: serve the token but refresh it in the background. */
  staleAt: number;
  /** From here on: nobody gets this token; callers wait for a new one. */
  expiredAt: number;
}

/**
 * A token with FRESH / STALE / EXPIRED states. FRESH → cached; STALE → cached plus one background refresh;
 * EXPIRED (or invalidated) → every caller awaits one shared refresh. A failed background refresh is retried
 * after a minute, and the token keeps serving until it expires.
 */
export class RefreshableToken {
  private held: Held | undefined;
  private inflight: Promise<Held> | undefined;
  private backgroundFailedAt: number | undefined;
  private readonly clock: Clock;

  constructor(private readonly opts: RefreshableTokenOptions) {
    this.clock = opts.clock ?? systemClock;
  }

  /** The current token value, refreshing as its state requires. */
  async get(signal?: AbortSignal): Promise<string> {
    const now = this.clock.now();
    const held = this.held;
    if (held && now < held.expiredAt) {
      if (now >= held.staleAt) this.refreshInBackground(now);
      return held.value;
    }
    const fresh = await untilAbort(this.refresh(), signal);
    return fresh.value;
  }

  /** Drops the cached token (after a 401): the next get() waits for a fresh one. */
  invalidate(): void {
    this.held = undefined;
    this.backgroundFailedAt = undefined;
  }

  private refreshInBackground(now: number): void {
    if (this.inflight) return;
    if (this.backgroundFailedAt !== undefined && now - this.backgroundFailedAt < BACKGROUND_RETRY_MS) return;
    this.refresh().then(
      () => {
        this.backgroundFailedAt = undefined;
      },
      () => {
        this.backgroundFailedAt = this.clock.now();
      },
    );
  }

  /** One shared fetch, whoever asks; the fetch is not tied to any one caller's signal. */
  private refresh(): Promise<Held> {
    if (this.inflight) return this.inflight;
    const p = (async () => {
      try {
        const token = await this.opts.fetch();
        const held = this.derive(token);
        this.held = held;
        this.opts.onRefresh?.();
        return held;
      } finally {
        this.inflight = undefined;
      }
    })();
    this.inflight = p;
    return p;
  }

  private derive(token: Token): Held {
    const now = this.clock.now();
    const ttl = Math.max(0, token.expiresAt - now);
    const margin = Math.min(this.opts.expiryMarginMs ?? 40_000, ttl / 4);
    const stale = this.opts.staleWindowMs ? this.opts.staleWindowMs(ttl) : Math.min(ttl / 2, 20 * MINUTE);
    const expiredAt = token.expiresAt - margin;
    return { value: token.value, expiredAt, staleAt: Math.min(token.expiresAt - stale, expiredAt) };
  }
}
