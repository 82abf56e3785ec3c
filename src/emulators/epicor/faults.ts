/** Seeded fault injection for API requests: each request draws at most one fault. */
import type { Prng } from './prng.ts';

export interface FaultOptions {
  rate429?: number;
  /** Seconds sent in `Retry-After` with 429 (default 1). */
  retryAfterSeconds?: number;
  rate500?: number;
  rate502?: number;
  rate503?: number;
  /** HTTP 400 `Maximum users exceeded` (LicenseAccessException). */
  rateLicense?: number;
  /** Socket destroyed mid-response. */
  rateReset?: number;
  /** 200 with the JSON body cut in half (no Content-Length, connection closed). */
  rateTruncated?: number;
  /** An HTML error page (HTTP 500) instead of JSON. */
  rateHtml?: number;
}

export type Fault = 'none' | '429' | '500' | '502' | '503' | 'license' | 'reset' | 'truncated' | 'html';

const ORDER: [Fault, keyof FaultOptions][] = [
  ['429', 'rate429'],
  ['500', 'rate500'],
  ['502', 'rate502'],
  ['503', 'rate503'],
  ['license', 'rateLicense'],
  ['reset', 'rateReset'],
  ['truncated', 'rateTruncated'],
  ['html', 'rateHtml'],
];

/** Draws the fault of one request (one uniform draw, rates stacked in a fixed order). */
export function drawFault(faults: FaultOptions, prng: Prng): Fault {
  let any = false;
  for (const [, key] of ORDER) if ((faults[key] ?? 0) > 0) any = true;
  if (!any) return 'none';
  const u = prng.next();
  let acc = 0;
  for (const [fault, key] of ORDER) {
    acc += faults[key] ?? 0;
    if (u < acc) return fault;
  }
  return 'none';
}
