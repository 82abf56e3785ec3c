import { describe, expect, it } from 'vitest';
import { createRowFactory } from './row-factory.ts';
import { converterFor, ValueError } from './value-converters.ts';

describe('converterFor', () => {
  it('keeps strings exactly and stringifies other scalars', () => {
    const s = converterFor('STRING');
    const weird = 'a\u0000b\u001f\u2028😀\uFFFD' + 'z'.repeat(100_000);
    expect(s(weird)).toBe(weird);
    expect(s(42)).toBe('42');
    expect(s(true)).toBe('true');
    expect(s({ a: 1 })).toBe('{"a":1}');
    expect(s(null)).toBeNull();
    expect(s(undefined)).toBeNull();
  });

  it('reads booleans leniently but not loosely', () => {
    const b = converterFor('BOOLEAN');
    expect([true, false, 'true', 'False', 1, 0, '1', '0'].map(b)).toEqual([
      true,
      false,
      true,
      false,
      true,
      false,
      true,
      false,
    ]);
    for (const bad of [2, 'yes', '', {}]) expect(() => b(bad)).toThrow(ValueError);
  });

  it('reads doubles including the OData special values', () => {
    const d = converterFor('DOUBLE');
    expect(d(1.5)).toBe(1.5);
    expect(d('2.5e3')).toBe(2500);
    expect(d('INF')).toBe(Number.POSITIVE_INFINITY);
    expect(d('NaN')).toBeNaN();
    expect(() => d('12abc')).toThrow(ValueError);
    expect(() => d('')).toThrow(ValueError);
  });

  it('writes DATE as the calendar date written in the text (never shifted by its offset) and TIMESTAMP as a Date', () => {
    expect(converterFor('DATE')('2024-01-15')).toBe('2024-01-15');
    expect(converterFor('DATE')('2024-01-15T23:30:00-05:00')).toBe('2024-01-15');
    expect(converterFor('DATE')('2024-01-15T00:00:00+02:00')).toBe('2024-01-15');
    expect(converterFor('DATE')('2024-01-15T00:00:00')).toBe('2024-01-15');
    expect(converterFor('DATE')(new Date('2024-01-15T23:30:00Z'))).toBe('2024-01-15');
    expect(() => converterFor('DATE')('2024-02-30')).toThrow(ValueError);
    expect(() => converterFor('DATE')('15/01/2024')).toThrow(ValueError);
    expect(converterFor('TIMESTAMP')('2024-01-15')).toEqual(new Date('2024-01-15T00:00:00Z'));
    expect(() => converterFor('TIMESTAMP')(20240115)).toThrow(ValueError);
  });

  it('writes DECIMAL as exact text and rejects other value kinds', () => {
    const dec = converterFor('DECIMAL(10,2)');
    expect(dec('12.340')).toBe('12.34');
    expect(() => dec('12.345')).toThrow('"12.345" has more than 2 decimal places'); // never rounded
    expect(dec(7)).toBe('7.00');
    expect(() => dec(true)).toThrow(/not a decimal number/);
  });
});

describe('createRowFactory', () => {
  it('builds rows with exactly the given columns, in order', () => {
    const make = createRowFactory(['a_key', 'name', '_sync_id']);
    const row = make(['k', 'Acme', 's1']);
    expect(Object.keys(row)).toEqual(['a_key', 'name', '_sync_id']);
    expect(row).toEqual({ a_key: 'k', name: 'Acme', _sync_id: 's1' });
    expect(make(['k2', null, 's1'])).toEqual({ a_key: 'k2', name: null, _sync_id: 's1' });
  });

  it('refuses names that are not identifiers', () => {
    expect(() => createRowFactory(['ok', '"}; process.exit(1); //'])).toThrow(/invalid column name/);
    expect(() => createRowFactory(['__proto__'])).toThrow(/invalid column name/);
    expect(() => createRowFactory(['a', 'a'])).toThrow(/duplicate/);
  });
});
