import { describe, expect, it } from 'vitest';
import { parseIsoMillis, utcDateText } from './timestamp-text.ts';

const iso = (t: string) => {
  const ms = parseIsoMillis(t);
  return ms === undefined ? undefined : new Date(ms).toISOString();
};

describe('parseIsoMillis', () => {
  it('reads date-times with and without offsets (none = UTC) and plain dates', () => {
    expect(iso('2024-01-15T10:20:30Z')).toBe('2024-01-15T10:20:30.000Z');
    expect(iso('2024-01-15T10:20:30')).toBe('2024-01-15T10:20:30.000Z');
    expect(iso('2024-01-15T10:20:30.1234567+02:00')).toBe('2024-01-15T08:20:30.123Z');
    expect(iso('2024-01-15T01:00:00-05:30')).toBe('2024-01-15T06:30:00.000Z');
    expect(iso('2024-01-15T10:20')).toBe('2024-01-15T10:20:00.000Z');
    expect(iso('2024-01-15 10:20:30')).toBe('2024-01-15T10:20:30.000Z');
    expect(iso('2024-01-15')).toBe('2024-01-15T00:00:00.000Z');
    expect(iso('2024-02-29T00:00:00Z')).toBe('2024-02-29T00:00:00.000Z');
    expect(iso('0001-01-01T00:00:00')).toBe('0001-01-01T00:00:00.000Z');
  });

  it('rejects what is not a valid ISO date', () => {
    for (const bad of [
      '',
      'yesterday',
      '2024-13-01',
      '2023-02-29',
      '2024-01-32',
      '2024-01-15T24:00:00',
      '2024-01-15T10:60:00',
      '2024-01-15T10:00:00+25:00',
      '15/01/2024',
      '2024-1-5',
      '1705312800000',
    ]) {
      expect(parseIsoMillis(bad), bad).toBeUndefined();
    }
  });

  it('formats UTC dates', () => {
    expect(utcDateText(Date.UTC(2024, 0, 5, 23, 59))).toBe('2024-01-05');
    expect(utcDateText(parseIsoMillis('0001-01-01')!)).toBe('0001-01-01');
  });
});
