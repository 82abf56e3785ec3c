import { describe, expect, it } from 'vitest';
import { ConnectorError } from '../errors.ts';
import { createLogger } from './create-logger.ts';
import { redactSecrets } from './redact-secrets.ts';

function capture() {
  const lines: string[] = [];
  return { lines, stream: { write: (s: string) => lines.push(s) } };
}

const SECRET = 's3cr3t-Value.+*?';

describe('createLogger', () => {
  it('writes JSON lines with level label, time, message and fields, secrets redacted everywhere', () => {
    const out = capture();
    const log = createLogger({ format: 'json', level: 'info', secrets: [SECRET], stream: out.stream });
    log.info({ entity: 'vendors', header: `x-api-key ${SECRET}`, nested: { list: [SECRET] } }, `got ${SECRET}`);
    log.debug('hidden at info');
    expect(out.lines).toHaveLength(1);
    expect(out.lines[0].endsWith('\n')).toBe(true);
    const rec = JSON.parse(out.lines[0]);
    expect(rec).toMatchObject({
      level: 'info',
      msg: 'got ***',
      entity: 'vendors',
      header: 'x-api-key ***',
      nested: { list: ['***'] },
    });
    expect(typeof rec.time).toBe('string');
    expect(out.lines[0]).not.toContain('s3cr3t');
  });

  it('redacts error messages and stacks, and credential-named fields whatever their value', () => {
    const out = capture();
    const log = createLogger({ format: 'json', level: 'debug', secrets: [SECRET], stream: out.stream });
    const err = new ConnectorError('AUTH_FAILED', `token request with ${SECRET} rejected`);
    log.error({ err, password: 'unregistered-pw', authorization: 'Bearer abc', tokenUrl: 'https://t' }, 'auth failed');
    const text = out.lines.join('');
    expect(text).not.toContain('s3cr3t');
    expect(text).not.toContain('unregistered-pw');
    const rec = JSON.parse(out.lines[0]);
    expect(rec.err.message).toBe('token request with *** rejected');
    expect(rec.password).toBe('***');
    expect(rec.authorization).toBe('***');
    expect(rec.tokenUrl).toBe('https://t');
  });

  it('writes one readable text line per event', () => {
    const out = capture();
    const log = createLogger({ format: 'text', level: 'info', secrets: [SECRET], stream: out.stream });
    log.warn({ entity: 'ap_invoices', rows: 12, note: 'two words', secret: SECRET }, 'page slow');
    log.error({ err: new ConnectorError('TIMEOUT', `timed out calling ${SECRET}`) }, 'request failed');
    expect(out.lines[0]).toMatch(
      /^\d\d:\d\d:\d\d warn {2}page slow entity=ap_invoices rows=12 note="two words" secret=\*\*\*\n$/,
    );
    expect(out.lines[1]).toMatch(/^\d\d:\d\d:\d\d error request failed err="timed out calling \*\*\*" code=TIMEOUT\n$/);
  });

  it('includes stacks in text only at debug level, still redacted', () => {
    const out = capture();
    const log = createLogger({ format: 'text', level: 'debug', secrets: [SECRET], stream: out.stream });
    log.error({ err: new Error(`boom ${SECRET}`) }, 'failed');
    expect(out.lines[0]).toContain('\nError: boom ***\n    at ');
    expect(out.lines[0]).not.toContain('s3cr3t');
  });
});

describe('redactSecrets', () => {
  it('replaces registered values (longest first) and credential shapes', () => {
    expect(redactSecrets('a abc abcdef', ['abc', 'abcdef'])).toBe('a *** ***');
    expect(redactSecrets('Authorization: Bearer eyJhbGciOiJIUzI1NiJ9.x.y', [])).toBe('Authorization: ***');
    expect(redactSecrets('sent Bearer eyJhbGciOiJIUzI1NiJ9.payload', [])).toBe('sent Bearer ***');
    expect(redactSecrets('{"access_token":"abc.def","expires_in":3600}', [])).toBe(
      '{"access_token":"***","expires_in":3600}',
    );
    expect(redactSecrets('grant_type=client_credentials&client_secret=xyz&scope=all', [])).toBe(
      'grant_type=client_credentials&client_secret=***&scope=all',
    );
  });

  it('leaves ordinary prose and config errors readable', () => {
    for (const text of [
      'epicor.auth.password: is required',
      'Bearer token expired',
      'Basic auth rejected',
      'epicor.apiKey: must not be empty',
    ]) {
      expect(redactSecrets(text, [])).toBe(text);
    }
    expect(redactSecrets('nothing here', ['', 'zzz'])).toBe('nothing here');
  });
});
