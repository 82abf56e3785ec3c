/**
 * One error root for the whole product. `code` is stable (tests and users match on it), `retryable` tells the
 * HTTP/statement layers whether trying again can help, and `exitCode` is what the CLI exits with (SPEC §2).
 */
export type ErrorCode =
  | 'CONFIG_INVALID' // bad or missing configuration: exit 2
  | 'USAGE' // bad command-line usage: exit 2
  | 'SECRET_STORE' // secret store unreadable, wrong key, tampered: exit 2
  | 'SECRET_MISSING' // ${secret:x} names a secret that is not stored: exit 2
  | 'HTTP_TRANSIENT' // 429/5xx/reset/truncated body after retries ran out
  | 'HTTP_PERMANENT' // 4xx that retrying cannot fix
  | 'TIMEOUT'
  | 'AUTH_FAILED' // credentials rejected (401/invalid_client)
  | 'FORBIDDEN'
  | 'NOT_FOUND'
  | 'EPICOR_LICENSE' // licence exhaustion, retryable with long backoff
  | 'EPICOR_ODATA' // malformed query
  | 'EPICOR_COMPANY' // company missing or invisible
  | 'REQUEST_TOO_LONG' // a request over epicor.maxQueryBytes, or refused by IIS/ASP.NET for its length
  | 'EPICOR_METADATA' // $metadata that cannot be read (malformed XML, a BaseType it does not define)
  | 'STATEMENT_FAILED' // Databricks statement ended FAILED
  | 'STATEMENT_CANCELED'
  | 'BAD_RECORD' // a record that cannot be mapped
  | 'SCHEMA_CHANGE_BLOCKED' // the source's fields changed in a way config `schemaChanges` refuses
  | 'LOCKED' // another run holds the destination lock
  | 'ABORTED' // stopped by signal
  | 'INTERNAL';

export interface ConnectorErrorOptions {
  retryable?: boolean;
  cause?: unknown;
  /** HTTP status when the error came from a response. */
  status?: number;
  /** Seconds to wait before retrying, when the server said so. */
  retryAfterSeconds?: number;
  details?: Record<string, unknown>;
}

export class ConnectorError extends Error {
  readonly code: ErrorCode;
  readonly retryable: boolean;
  readonly status?: number;
  readonly retryAfterSeconds?: number;
  readonly details?: Record<string, unknown>;

  constructor(code: ErrorCode, message: string, options: ConnectorErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'ConnectorError';
    this.code = code;
    this.retryable = options.retryable ?? false;
    this.status = options.status;
    this.retryAfterSeconds = options.retryAfterSeconds;
    this.details = options.details;
  }

  /** Exit code for the CLI when this error ends a command. */
  get exitCode(): number {
    switch (this.code) {
      case 'CONFIG_INVALID':
      case 'USAGE':
      case 'SECRET_STORE':
      case 'SECRET_MISSING':
        return 2;
      case 'LOCKED':
        // A run refused because another holds the destination lock is not a failed run: scripts retry it later.
        return EXIT_LOCKED;
      case 'ABORTED':
        return EXIT_SIGINT;
      default:
        return 1;
    }
  }
}

/** `sync` refused: another run holds the destination lock (documented in the README's exit-code table). */
export const EXIT_LOCKED = 5;
/** Stopped by Ctrl-C (128 + SIGINT), as shells report it. */
export const EXIT_SIGINT = 130;
/** Stopped by SIGTERM (128 + 15). */
export const EXIT_SIGTERM = 143;

export function isConnectorError(e: unknown): e is ConnectorError {
  return e instanceof ConnectorError;
}

/** A one-sentence message for any thrown value (no stack). */
export function messageOf(e: unknown): string {
  if (e instanceof Error) return e.message;
  return String(e);
}
