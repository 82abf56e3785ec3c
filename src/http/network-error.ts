import { ConnectorError } from '../errors.ts';

/** Raw error codes (undici and node sockets) that a fresh attempt can cure. */
const TRANSIENT_CODES = new Set([
  'ECONNRESET',
  'ECONNREFUSED',
  'EPIPE',
  'ETIMEDOUT',
  'EAI_AGAIN',
  'ENETUNREACH',
  'EHOSTUNREACH',
  'ECONNABORTED',
  'UND_ERR_SOCKET',
  'UND_ERR_CLOSED',
  'UND_ERR_CONNECT_TIMEOUT',
  'UND_ERR_HEADERS_TIMEOUT',
  'UND_ERR_BODY_TIMEOUT',
  'UND_ERR_RES_CONTENT_LENGTH_MISMATCH',
  'UND_ERR_REQ_CONTENT_LENGTH_MISMATCH',
  'UND_ERR_ABORTED',
  'HPE_INVALID_CHUNK_SIZE',
  'HPE_INVALID_CONSTANT',
]);

/** TLS verification failures: permanent, the fix is `caFile` or the server's certificate. */
const TLS_CODES = /CERT|SELF_SIGNED|UNABLE_TO_VERIFY|ERR_TLS/;

function codeOf(e: unknown): string | undefined {
  const code = (e as { code?: unknown } | null)?.code;
  if (typeof code === 'string') return code;
  const cause = (e as { cause?: unknown } | null)?.cause;
  return cause && cause !== e ? codeOf(cause) : undefined;
}

/**
 * Maps a thrown transport error to a ConnectorError (timeouts, resets and truncated bodies retryable; TLS failures
 * permanent). Classifiers of every API call this for the `error` branch. Messages never carry headers.
 */
export function networkError(api: string, error: unknown): ConnectorError {
  if (error instanceof ConnectorError) return error;
  const code = codeOf(error) ?? 'unknown';
  if (TLS_CODES.test(code)) {
    return new ConnectorError(
      'HTTP_PERMANENT',
      `${api}: the server's TLS certificate could not be verified (${code}); set caFile to its CA certificate.`,
      { cause: error },
    );
  }
  const transient = TRANSIENT_CODES.has(code) || code.startsWith('UND_ERR_') || code.startsWith('HPE_');
  return new ConnectorError(
    transient ? 'HTTP_TRANSIENT' : 'HTTP_PERMANENT',
    `${api}: the connection failed (${code}).`,
    { cause: error, retryable: transient },
  );
}
