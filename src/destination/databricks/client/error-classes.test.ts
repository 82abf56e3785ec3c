import { describe, expect, it } from 'vitest';
import { classifyStatementFailure, errorClassOf, WRITE_CONFLICT_CLASSES } from './error-classes.ts';

describe('classifyStatementFailure', () => {
  it.each([
    'TEMPORARILY_UNAVAILABLE',
    'SERVICE_UNDER_MAINTENANCE',
    'WORKSPACE_TEMPORARILY_UNAVAILABLE',
    'RESOURCE_EXHAUSTED',
    'INTERNAL_ERROR',
    'DEADLINE_EXCEEDED',
    'ABORTED',
    'IO_ERROR',
  ])('error_code %s is transient', (errorCode) =>
    expect(classifyStatementFailure({ errorCode, message: 'x' }).kind).toBe('transient'),
  );

  it.each(['BAD_REQUEST', 'NOT_FOUND', 'ALREADY_EXISTS', 'UNKNOWN'])('error_code %s is permanent', (errorCode) =>
    expect(classifyStatementFailure({ errorCode, sqlState: '42601', message: '[PARSE_SYNTAX_ERROR] near x' })).toEqual({
      kind: 'permanent',
      errorClass: 'PARSE_SYNTAX_ERROR',
    }),
  );

  it.each(Object.keys(WRITE_CONFLICT_CLASSES))('%s is a write conflict by its class alone', (cls) =>
    expect(classifyStatementFailure({ errorCode: 'BAD_REQUEST', message: `[${cls}.WITHOUT_HINT] text` })).toEqual({
      kind: 'write-conflict',
      errorClass: cls,
    }),
  );

  it('SQLSTATE 2D521 is a write conflict whatever the message says', () => {
    expect(classifyStatementFailure({ errorCode: 'BAD_REQUEST', sqlState: '2D521', message: 'reworded' }).kind).toBe(
      'write-conflict',
    );
  });

  it('does not parse message text: a conflict word without the class is permanent', () => {
    expect(
      classifyStatementFailure({ errorCode: 'BAD_REQUEST', message: 'ConcurrentAppendException in a comment' }).kind,
    ).toBe('permanent');
  });

  it('knows the inline-result cap, and nothing else that merely mentions it', () => {
    const real =
      'Inline byte limit exceeded. Statements executed with disposition=INLINE can have a result size of at most ' +
      '26214400 bytes. Please execute the statement with disposition=EXTERNAL_LINKS if you want to download the full result.';
    expect(classifyStatementFailure({ errorCode: 'BAD_REQUEST', message: real }).kind).toBe('result-too-large');
    expect(classifyStatementFailure({ errorCode: 'BAD_REQUEST', message: `[X] ${real}` }).kind).toBe('permanent');
    expect(classifyStatementFailure({ errorCode: 'INTERNAL_ERROR', message: 'out of memory' }).kind).toBe('transient');
  });

  it('reads the class in brackets at the start only', () => {
    expect(errorClassOf('[DELTA_CONCURRENT_APPEND.WITH_PARTITION_HINT] x')).toBe('DELTA_CONCURRENT_APPEND');
    expect(errorClassOf('text [DELTA_CONCURRENT_APPEND] x')).toBeUndefined();
  });
});
