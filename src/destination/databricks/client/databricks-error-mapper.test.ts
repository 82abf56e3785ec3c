import { describe, expect, it } from 'vitest';
import { makeResponse } from '../../../http/http-client.ts';
import { classifyDatabricksResponse } from './databricks-error-mapper.ts';
import { statementError } from './statement-error.ts';

const res = (status: number, body?: object, headers: Record<string, string> = {}) =>
  makeResponse(status, headers, Buffer.from(body ? JSON.stringify(body) : ''));

describe('classifyDatabricksResponse', () => {
  it('accepts 2xx', () => {
    expect(classifyDatabricksResponse(res(200, {}), undefined)).toBeNull();
    expect(classifyDatabricksResponse(res(204), undefined)).toBeNull();
  });

  it.each([429, 500, 502, 503, 504])('%i is transient', (status) => {
    const e = classifyDatabricksResponse(
      res(status, { error_code: 'TEMPORARILY_UNAVAILABLE', message: 'busy' }),
      undefined,
    )!;
    expect(e).toMatchObject({ code: 'HTTP_TRANSIENT', retryable: true, status });
    expect(e.message).toContain('TEMPORARILY_UNAVAILABLE: busy');
  });

  it.each([
    [401, 'AUTH_FAILED'],
    [403, 'FORBIDDEN'],
    [404, 'NOT_FOUND'],
    [400, 'HTTP_PERMANENT'],
    [409, 'HTTP_PERMANENT'],
  ])('%i → %s, not retried, with the body in the message', (status, code) => {
    const e = classifyDatabricksResponse(res(status, { error_code: 'X_CODE', message: 'what went wrong' }), undefined)!;
    expect(e).toMatchObject({ code, retryable: false, status, details: { errorCode: 'X_CODE' } });
    expect(e.message).toContain('X_CODE: what went wrong');
  });

  it('copes with an empty body (HEAD) and treats a reset connection as transient', () => {
    expect(classifyDatabricksResponse(res(404), undefined)).toMatchObject({ code: 'NOT_FOUND' });
    const reset = Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' });
    expect(classifyDatabricksResponse(undefined, reset)).toMatchObject({ code: 'HTTP_TRANSIENT', retryable: true });
  });
});

describe('statement errors', () => {
  it('CANCELED maps to STATEMENT_CANCELED', () => {
    expect(statementError({ statement_id: 's', status: { state: 'CANCELED' } }).code).toBe('STATEMENT_CANCELED');
  });

  it('a FAILED write conflict is retryable and names its class and kind', () => {
    const e = statementError({
      statement_id: 's',
      status: {
        state: 'FAILED',
        sql_state: '2D521',
        error: { error_code: 'ABORTED', message: '[DELTA_METADATA_CHANGED] MetadataChangedException: ...' },
      },
    });
    expect(e.retryable).toBe(true);
    expect(e.details).toMatchObject({ failure: 'write-conflict', errorClass: 'DELTA_METADATA_CHANGED' });
  });

  it('a syntax error is permanent', () => {
    const e = statementError({
      statement_id: 's',
      status: {
        state: 'FAILED',
        sql_state: '42601',
        error: { error_code: 'BAD_REQUEST', message: '[PARSE_SYNTAX_ERROR] near x' },
      },
    });
    expect(e.retryable).toBe(false);
    expect(e.details).toMatchObject({ failure: 'permanent', errorClass: 'PARSE_SYNTAX_ERROR' });
  });
});
