/** Retry defaults (undici's, written down) and the delay arithmetic: capped exponential backoff with full jitter. */
export interface RetryPolicy {
  maxRetries: number;
  minTimeoutMs: number;
  maxTimeoutMs: number;
  factor: number;
  /** Long backoff for Epicor licence exhaustion: one entry per retry. */
  licenseBackoffMs: number[];
  /** Ceiling on a server's `Retry-After` (a misconfigured server must not park a run for hours). */
  maxRetryAfterMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  maxRetries: 5,
  minTimeoutMs: 500,
  maxTimeoutMs: 30_000,
  factor: 2,
  licenseBackoffMs: [30_000, 60_000, 120_000],
  maxRetryAfterMs: 300_000,
};

/** Delay before retry number `attempt` (0-based): random in [0, min(max, min·factor^attempt)]. */
export function backoffDelay(policy: RetryPolicy, attempt: number, random: () => number): number {
  const ceiling = Math.min(policy.maxTimeoutMs, policy.minTimeoutMs * policy.factor ** attempt);
  return Math.floor(random() * ceiling);
}

/** Parses `Retry-After` (delta seconds or an HTTP date) into milliseconds from `now`; undefined when absent/invalid. */
export function parseRetryAfter(value: string | undefined, now: number): number | undefined {
  if (value === undefined) return undefined;
  const trimmed = value.trim();
  if (trimmed === '') return undefined;
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Math.round(Number(trimmed) * 1000);
  const at = Date.parse(trimmed);
  if (Number.isNaN(at)) return undefined;
  return Math.max(0, at - now);
}
