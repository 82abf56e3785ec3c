/**
 * The one table of Databricks statement failures this client reacts to, and how. A FAILED statement is classified
 * by its `error_code`, its `sql_state` and the error class in brackets at the start of its message
 * (`[DELTA_CONCURRENT_APPEND] …`) — never by the wording after it, which Databricks says can change.
 *
 * Sources: SQL Statement Execution API (`status.error.error_code`, `status.sql_state`); Databricks error-condition
 * pages (docs.databricks.com/error-messages/delta-concurrent-append-error-class etc.: every Delta write conflict has
 * SQLSTATE 2D521); delta-io/delta `delta-error-classes.json` (DELTA_METADATA_CHANGED, DELTA_PROTOCOL_CHANGED,
 * DELTA_CONCURRENT_WRITE, DELTA_CONCURRENT_TRANSACTION: 2D521).
 */

/** What a failure means for the caller. */
export type FailureKind =
  /** Capacity, maintenance or an internal fault: the same statement can succeed later. */
  | 'transient'
  /** A Delta optimistic-concurrency conflict: re-running an idempotent statement is the documented cure. */
  | 'write-conflict'
  /** The INLINE result would exceed 25 MiB: the statement must read less at once (page it). */
  | 'result-too-large'
  /** Anything else (syntax, missing object, permissions, bad data): fails the same way every time. */
  | 'permanent';

/** `error_code`s of a FAILED statement that a later attempt can cure. */
const TRANSIENT_ERROR_CODES: ReadonlySet<string> = new Set([
  'TEMPORARILY_UNAVAILABLE',
  'SERVICE_UNDER_MAINTENANCE',
  'WORKSPACE_TEMPORARILY_UNAVAILABLE',
  'RESOURCE_EXHAUSTED',
  'INTERNAL_ERROR',
  'DEADLINE_EXCEEDED',
  'ABORTED',
  'IO_ERROR',
]);

/** SQLSTATE of every Delta transaction conflict ("transaction rollback: concurrent update"). */
export const WRITE_CONFLICT_SQLSTATE = '2D521';

/** Error classes (before any `.SUBCLASS`) of Delta write conflicts, with the exception each replaces. */
export const WRITE_CONFLICT_CLASSES: Readonly<Record<string, string>> = {
  DELTA_CONCURRENT_APPEND: 'ConcurrentAppendException',
  DELTA_CONCURRENT_DELETE_READ: 'ConcurrentDeleteReadException',
  DELTA_CONCURRENT_DELETE_DELETE: 'ConcurrentDeleteDeleteException',
  DELTA_METADATA_CHANGED: 'MetadataChangedException',
  DELTA_PROTOCOL_CHANGED: 'ProtocolChangedException',
  DELTA_CONCURRENT_WRITE: 'ConcurrentWriteException',
  DELTA_CONCURRENT_TRANSACTION: 'ConcurrentTransactionException',
};

/**
 * The inline-result cap has no error class or SQLSTATE: the API answers `error_code` BAD_REQUEST with
 * "Inline byte limit exceeded. Statements executed with disposition=INLINE can have a result size of at most
 * 26214400 bytes…" (seen by databrickslabs/ucx#3447, #4675). Its fixed opening is the only signal there is.
 */
const INLINE_LIMIT = /^Inline byte limit exceeded\b/;

export interface StatementFailure {
  errorCode?: string;
  sqlState?: string;
  message?: string;
}

export interface Classified {
  kind: FailureKind;
  /** The bracketed error class, e.g. `DELTA_CONCURRENT_APPEND` (sub-class dropped), when the message has one. */
  errorClass?: string;
}

/** The error class in brackets at the start of a Databricks message, without its sub-class. */
export function errorClassOf(message: string | undefined): string | undefined {
  const m = /^\s*\[([A-Z][A-Z0-9_]*)(?:\.[A-Z0-9_]+)*\]/.exec(message ?? '');
  return m?.[1];
}

/** Classifies one FAILED statement. */
export function classifyStatementFailure(f: StatementFailure): Classified {
  const errorClass = errorClassOf(f.message);
  const withClass = (kind: FailureKind): Classified => (errorClass ? { kind, errorClass } : { kind });
  if (f.sqlState === WRITE_CONFLICT_SQLSTATE) return withClass('write-conflict');
  if (errorClass !== undefined && errorClass in WRITE_CONFLICT_CLASSES) return withClass('write-conflict');
  if (f.errorCode !== undefined && TRANSIENT_ERROR_CODES.has(f.errorCode)) return withClass('transient');
  if (errorClass === undefined && f.errorCode === 'BAD_REQUEST' && INLINE_LIMIT.test(f.message?.trim() ?? '')) {
    return { kind: 'result-too-large' };
  }
  return withClass('permanent');
}

/** Whether running the same (idempotent) statement again can succeed. */
export function isRetryableFailure(kind: FailureKind): boolean {
  return kind === 'transient' || kind === 'write-conflict';
}
