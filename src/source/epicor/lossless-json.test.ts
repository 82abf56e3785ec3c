import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { mayLosePrecision, parseJsonLossless } from './lossless-json.ts';

describe('mayLosePrecision (probing every 16th character)', () => {
  it('agrees with a full scan for runs at every position and length', () => {
    for (let len = 10; len <= 20; len++) {
      for (let at = 0; at < 40; at++) {
        const text = `${'x'.repeat(at)}${'1234567.89'.repeat(3).slice(0, len)}${'"'.repeat(7)}`;
        expect(mayLosePrecision(text), `run of ${len} at ${at}`).toBe(/[\d.]{16}/.test(text));
      }
    }
  });

  it('agrees with a full scan on random JSON-like text', () => {
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom('1', '9', '.', '0', 'a', '"', ',', ':', '-', ' '), { maxLength: 400 }),
        (cs) => {
          const text = cs.join('');
          expect(mayLosePrecision(text)).toBe(/[\d.]{16}/.test(text));
        },
      ),
      { numRuns: 500 },
    );
  });

  it('keeps a long number exact wherever it sits in the body', () => {
    for (let pad = 0; pad < 20; pad++) {
      const v = parseJsonLossless<{ p: string; a: unknown }>(`{"p":"${'y'.repeat(pad)}","a":12345678901234.5678}`);
      expect(v.a).toBe('12345678901234.5678');
    }
  });

  it('keeps a long number written with an exponent exact (it used to round through a double)', () => {
    const v = parseJsonLossless<{ a: unknown; b: unknown; c: unknown }>(
      '{"a":12345678901234567E0,"b":-1234567890.1234567e+2,"c":1.5e3}',
    );
    expect(v.a).toBe('12345678901234567E0');
    expect(v.b).toBe('-1234567890.1234567e+2');
    expect(v.c).toBe(1500);
  });
});
