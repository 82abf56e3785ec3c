/** What every redacted value is replaced with. */
export const REDACTED = '***';

/** Credentials that travel in a recognisable shape even when nobody registered them. */
const SHAPED: readonly [RegExp, string][] = [
  // A header line or field: the whole credential after `Authorization:`.
  [/\b((?:proxy-)?authorization["']?\s*[:=]\s*["']?)[^"'\r\n,}]+/gi, `$1${REDACTED}`],
  // A bare scheme + token (long enough that prose like "Bearer token expired" is left alone).
  [/\b(Bearer|Basic)(\s+)[A-Za-z0-9\-._~+/]{12,}=*/gi, `$1$2${REDACTED}`],
  // Form bodies (`access_token=…`) and JSON (`"access_token": "…"`); bare words like "password:" in prose are left.
  [/\b((?:access_token|refresh_token|id_token|client_secret)(?:=|"\s*:\s*"))[^"&\s]+/gi, `$1${REDACTED}`],
];

/** Structured fields whose value is always a credential, whatever it is. */
const SENSITIVE_KEY =
  /^(authorization|proxy-authorization|cookie|set-cookie|password|client_?secret|clientSecret|access_?token|accessToken|refresh_?token|id_?token|token|api_?key|apiKey|x-api-key)$/i;

/** Replaces every registered secret value, and bearer/basic credentials and token-like pairs, with `***`. */
export function redactSecrets(text: string, secrets: readonly string[]): string {
  let out = text;
  // Longest first, so a secret containing another is replaced whole.
  for (const s of [...secrets].sort((a, b) => b.length - a.length)) {
    if (s !== '' && out.includes(s)) out = out.split(s).join(REDACTED);
  }
  for (const [pattern, replacement] of SHAPED) out = out.replace(pattern, replacement);
  return out;
}

/** Deep copy of a log record with every string redacted and credential-named fields masked. */
export function redactValue(value: unknown, secrets: readonly string[], key?: string): unknown {
  if (key !== undefined && SENSITIVE_KEY.test(key) && value !== null && value !== undefined && value !== '') {
    return REDACTED;
  }
  if (typeof value === 'string') return redactSecrets(value, secrets);
  if (Array.isArray(value)) return value.map((v) => redactValue(v, secrets));
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = redactValue(v, secrets, k);
    return out;
  }
  return value;
}
