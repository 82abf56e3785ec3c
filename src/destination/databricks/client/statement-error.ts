import { ConnectorError } from '../../../errors.ts';
import type { StatementResponse } from './statement-wire.ts';

/** `error_code`s of a FAILED statement that a later attempt can cure (capacity, maintenance, internal faults). */
const TRANSIENT_ERROR_CODES = new Set([
  'TEMPORARILY_UNAVAILABLE',
  'SERVICE_UNDER_MAINTENANCE',
  'WORKSPACE_TEMPORARILY_UNAVAILABLE',
  'RESOURCE_EXHAUSTED',
  'INTERNAL_ERROR',
  'DEADLINE_EXCEEDED',
  'ABORTED',
  'IO_ERROR',
]);

/** Delta write conflicts with a concurrent writer: the same statement succeeds when run again. */
const CONCURRENT_WRITE =
  /DELTA_CONCURRENT_|Concurrent(Append|DeleteRead|DeleteDelete|Transaction|Modification)Exception/i;

/** Whether a FAILED statement with this error is worth running again (everything else — syntax, missing table… — is not). */
export function isTransientStatementError(errorCode: string | undefined, message: string | undefined): boolean {
  if (errorCode !== undefined && TRANSIENT_ERROR_CODES.has(errorCode)) return true;
  return message !== undefined && CONCURRENT_WRITE.test(message);
}

/** The ConnectorError for a statement that ended FAILED, CANCELED or CLOSED, carrying Databricks' own message. */
export function statementError(res: StatementResponse): ConnectorError {
  const { state, error, sql_state: sqlState } = res.status;
  const details = {
    statementId: res.statement_id,
    state,
    ...(error?.error_code ? { errorCode: error.error_code } : {}),
    ...(sqlState ? { sqlState } : {}),
  };
  if (state === 'CANCELED') {
    return new ConnectorError('STATEMENT_CANCELED', `Databricks statement ${res.statement_id} was canceled.`, {
      details,
    });
  }
  const message = error?.message?.trim() || `the statement ended ${state} without a message`;
  const code = error?.error_code ? `${error.error_code}: ` : '';
  return new ConnectorError('STATEMENT_FAILED', `Databricks statement failed: ${code}${message}`, {
    retryable: state === 'FAILED' && isTransientStatementError(error?.error_code, error?.message),
    details,
  });
}
