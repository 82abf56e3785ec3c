/**
 * HMAC-SHA256 signature of an alert body, so a receiver can tell the connector's requests from forgeries and
 * replays: `X-ML-Connector-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256(secret, "<t>.<raw body>")>`. The
 * timestamp is inside the signed text; a receiver rejects requests older than a few minutes (docs/alerts.md).
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

export const SIGNATURE_HEADER = 'X-ML-Connector-Signature';

/** The header value for `body` sent at `nowMs`. */
export function signatureHeader(secret: string, body: string, nowMs: number): string {
  const t = Math.floor(nowMs / 1000);
  return `t=${t},v1=${hmacHex(secret, `${t}.${body}`)}`;
}

/** Checks a header against the raw body (what a receiver does); false when forged, altered or older than `toleranceS`. */
export function verifySignature(
  secret: string,
  body: string,
  header: string,
  nowMs: number,
  toleranceS = 300,
): boolean {
  const parts = Object.fromEntries(header.split(',').map((p) => p.split('=', 2) as [string, string]));
  const t = Number(parts.t);
  if (!Number.isInteger(t) || typeof parts.v1 !== 'string') return false;
  if (Math.abs(nowMs / 1000 - t) > toleranceS) return false;
  const want = Buffer.from(hmacHex(secret, `${t}.${body}`), 'hex');
  const got = Buffer.from(parts.v1, 'hex');
  return got.length === want.length && timingSafeEqual(got, want);
}

function hmacHex(secret: string, text: string): string {
  return createHmac('sha256', secret).update(text).digest('hex');
}
