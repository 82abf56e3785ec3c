import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { readSecretValue, stripOneNewline } from './read-secret-value.ts';

describe('readSecretValue', () => {
  it('reads all piped input, stripping exactly one trailing line ending', async () => {
    expect(await readSecretValue(Readable.from([Buffer.from('ab'), Buffer.from('c\n')]))).toBe('abc');
    expect(await readSecretValue(Readable.from([Buffer.from('multi\nline\r\n')]))).toBe('multi\nline');
    expect(await readSecretValue(Readable.from([Buffer.from('keep\n\n')]))).toBe('keep\n');
    expect(await readSecretValue(Readable.from([]))).toBe('');
  });

  it('stripOneNewline leaves other whitespace alone', () => {
    expect(stripOneNewline('  v  ')).toBe('  v  ');
    expect(stripOneNewline('v\r\n')).toBe('v');
    expect(stripOneNewline('\n')).toBe('');
  });
});
