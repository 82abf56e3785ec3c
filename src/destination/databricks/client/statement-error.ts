import { ConnectorError } from '../../../errors.ts';
import { classifyStatementFailure, isRetryableFailure } from './error-classes.ts';
import type { StatementResponse } from './statement-wire.ts';

/**
 * The ConnectorError for a statement that ended FAILED, CANCELED or CLOSED, carrying Databricks' own message.
 * `details.failure` is the kind from error-classes.ts (transient, write-conflict, result-too-large, permanent) and
 * `details.errorClass` the bracketed class, so callers react to what failed rather than to message text.
 */
export function statementError(res: StatementResponse): ConnectorError {
  const { state, error, sql_state: sqlState } = res.status;
  const base = {
    statementId: res.statement_id,
    state,
    ...(error?.error_code ? { errorCode: error.error_code } : {}),
    ...(sqlState ? { sqlState } : {}),
  };
  if (state === 'CANCELED') {
    return new ConnectorError('STATEMENT_CANCELED', `Databricks statement ${res.statement_id} was canceled.`, {
      details: base,
    });
  }
  const classified =
    state === 'FAILED'
      ? classifyStatementFailure({ errorCode: error?.error_code, sqlState, message: error?.message })
      : { kind: 'permanent' as const };
  const message = error?.message?.trim() || `the statement ended ${state} without a message`;
  const code = error?.error_code ? `${error.error_code}: ` : '';
  return new ConnectorError('STATEMENT_FAILED', `Databricks statement failed: ${code}${message}`, {
    retryable: isRetryableFailure(classified.kind),
    details: {
      ...base,
      failure: classified.kind,
      ...(classified.errorClass ? { errorClass: classified.errorClass } : {}),
    },
  });
}

/** The failure kind of a STATEMENT_FAILED error (see error-classes.ts), undefined for any other error. */
export function failureKindOf(e: unknown): string | undefined {
  if (!(e instanceof ConnectorError) || e.code !== 'STATEMENT_FAILED') return undefined;
  const kind = e.details?.failure;
  return typeof kind === 'string' ? kind : undefined;
}
