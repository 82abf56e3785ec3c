import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DecimalError, toDecimalText } from './decimal-text.ts';

describe('toDecimalText', () => {
  it('round-trips random decimal strings within precision exactly', () => {
    const arb = fc
      .record({ precision: fc.integer({ min: 1, max: 38 }), scaleFrac: fc.double({ min: 0, max: 1, noNaN: true }) })
      .chain(({ precision, scaleFrac }) => {
        const scale = Math.floor(scaleFrac * precision);
        const digits = (max: number) => fc.string({ unit: fc.constantFrom(...'0123456789'), maxLength: max });
        return fc.record({
          precision: fc.constant(precision),
          scale: fc.constant(scale),
          negative: fc.boolean(),
          int: digits(precision - scale),
          frac: digits(scale),
        });
      });
    fc.assert(
      fc.property(arb, ({ precision, scale, negative, int, frac }) => {
        const input = `${negative ? '-' : ''}${int === '' ? '0' : int}${frac === '' ? '' : `.${frac}`}`;
        const intNorm = int.replace(/^0+/, '') || '0';
        const fracNorm = frac.padEnd(scale, '0');
        const isZero = /^0*$/.test(intNorm + fracNorm);
        const expected = `${negative && !isZero ? '-' : ''}${intNorm}${scale > 0 ? `.${fracNorm}` : ''}`;
        expect(toDecimalText(input, precision, scale)).toBe(expected);
      }),
      { numRuns: 2000 },
    );
  });

  it('takes JSON numbers at the text Epicor sent', () => {
    expect(toDecimalText(1.005, 20, 3)).toBe('1.005');
    expect(toDecimalText(-12.34, 20, 4)).toBe('-12.3400');
    expect(toDecimalText(123, 20, 4)).toBe('123.0000');
    expect(toDecimalText(-0, 20, 4)).toBe('0.0000');
    expect(toDecimalText(1.5e-4, 20, 5)).toBe('0.00015');
    expect(toDecimalText(1e21, 38, 4)).toBe('1000000000000000000000.0000');
    expect(toDecimalText(42, 10, 0)).toBe('42');
  });

  it('never rounds: more non-zero places than the scale is an error naming the value; zeros past it are fine', () => {
    for (const [value, scale] of [
      ['1.2345678901', 4],
      ['2.00005', 4],
      ['-2.00004999', 4],
      ['0.00004', 4],
      ['9.99995', 4],
      ['0.5', 0],
      ['1e-999999999', 4],
    ] as const) {
      expect(() => toDecimalText(value, 20, scale), value).toThrow(
        new RegExp(`^"${value.replace(/[.+-]/g, '\\$&')}" has more than ${scale} decimal places`),
      );
    }
    expect(() => toDecimalText(0.1 + 0.2, 20, 4)).toThrow(/has more than 4 decimal places/);
    expect(() => toDecimalText(1e-7, 20, 4)).toThrow(/has more than 4 decimal places/);
    expect(toDecimalText('1.50000000', 20, 4)).toBe('1.5000');
    expect(toDecimalText('-0.00000', 20, 2)).toBe('0.00');
    expect(toDecimalText('1.2345678901', 38, 10)).toBe('1.2345678901');
  });

  it('accepts numeric strings in any plain or exponent form', () => {
    expect(toDecimalText(' 001.5 ', 20, 4)).toBe('1.5000');
    expect(toDecimalText('+.5', 20, 4)).toBe('0.5000');
    expect(toDecimalText('5.', 20, 4)).toBe('5.0000');
    expect(toDecimalText('1.23E+3', 20, 2)).toBe('1230.00');
    expect(toDecimalText('12e-4', 20, 4)).toBe('0.0012');
  });

  it('rejects non-numbers, NaN, exponent overflow and too many integer digits', () => {
    for (const bad of ['', 'abc', '1.2.3', '1e', 'NaN', 'Infinity', '0x10', '1,000', '--1']) {
      expect(() => toDecimalText(bad, 20, 4), bad).toThrow(DecimalError);
    }
    expect(() => toDecimalText(Number.NaN, 20, 4)).toThrow(/not a finite number/);
    expect(() => toDecimalText('1e99999999999', 20, 4)).toThrow(/exponent out of range/);
    expect(() => toDecimalText('1e400', 38, 4)).toThrow(/integer digits/);
    expect(() => toDecimalText(1e16, 20, 4)).toThrow('needs 17 integer digits but DECIMAL(20,4) allows 16');
    expect(toDecimalText('9999999999999999.9999', 20, 4)).toBe('9999999999999999.9999');
    expect(toDecimalText('0.5', 2, 2)).toBe('0.50');
  });
});
