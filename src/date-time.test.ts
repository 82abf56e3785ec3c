import { describe, expect, it } from 'vitest';
import {
  epochDay,
  isCalendarDate,
  isoWithOffset,
  isTimeZone,
  offsetMinutesAt,
  offsetText,
  parseIsoMillis,
  utcDateText,
} from './date-time.ts';

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

describe('offset-less values in epicor.timeZone', () => {
  it('reads wall times in the zone, through DST changes; values with an offset keep theirs', () => {
    const zoned = (t: string, z: string) => new Date(parseIsoMillis(t, z)!).toISOString();
    expect(zoned('2024-03-29T10:45:26.841', 'America/Chicago')).toBe('2024-03-29T15:45:26.841Z'); // CDT
    expect(zoned('2024-01-15T10:00:00', 'America/Chicago')).toBe('2024-01-15T16:00:00.000Z'); // CST
    expect(zoned('2024-07-01T00:00:00', 'Europe/Berlin')).toBe('2024-06-30T22:00:00.000Z');
    expect(zoned('2024-01-15 10:00', 'Asia/Kolkata')).toBe('2024-01-15T04:30:00.000Z');
    expect(zoned('2024-11-03T01:30:00', 'America/Chicago')).toBe('2024-11-03T06:30:00.000Z'); // overlap: first
    expect(zoned('2024-03-10T02:30:00', 'America/Chicago')).toBe('2024-03-10T08:30:00.000Z'); // gap
    expect(zoned('2024-03-29T10:45:26Z', 'America/Chicago')).toBe('2024-03-29T10:45:26.000Z');
    expect(zoned('2024-03-29T10:45:26+01:00', 'America/Chicago')).toBe('2024-03-29T09:45:26.000Z');
    expect(zoned('2024-03-29T10:45:26', 'UTC')).toBe('2024-03-29T10:45:26.000Z');
  });

  it('writes literals with an offset, keeping every fractional digit', () => {
    expect(isoWithOffset('2024-03-29T10:45:26.841')).toBe('2024-03-29T10:45:26.841Z');
    expect(isoWithOffset('2024-03-29T10:45:26.8410000', 'America/Chicago')).toBe('2024-03-29T10:45:26.8410000-05:00');
    expect(isoWithOffset('2024-01-15T10:00:00', 'Asia/Kolkata')).toBe('2024-01-15T10:00:00+05:30');
    expect(isoWithOffset('2024-01-15T10:00:00-03:00', 'Asia/Kolkata')).toBe('2024-01-15T10:00:00-03:00');
    expect(isoWithOffset('2024-01-15T10:00Z')).toBe('2024-01-15T10:00Z');
    expect(isoWithOffset('2024-01-15')).toBeUndefined();
    expect(isoWithOffset('2024-02-30T10:00:00')).toBeUndefined();
  });

  it('knows real zones and refuses others', () => {
    expect(isTimeZone('UTC')).toBe(true);
    expect(isTimeZone('America/Chicago')).toBe(true);
    expect(isTimeZone('Mars/Olympus')).toBe(false);
    expect(isTimeZone('')).toBe(false);
    expect(offsetText(-300)).toBe('-05:00');
    expect(offsetText(330)).toBe('+05:30');
    expect(offsetText(0)).toBe('Z');
    expect(offsetMinutesAt('America/Chicago', Date.UTC(2024, 0, 1))).toBe(-360);
  });
});

describe('the one calendar check', () => {
  it('knows leap years and month lengths, for parseIsoMillis and epochDay alike', () => {
    for (const [y, m, d, ok] of [
      [2024, 2, 29, true],
      [2023, 2, 29, false],
      [1900, 2, 29, false],
      [2000, 2, 29, true],
      [2025, 4, 31, false],
      [2025, 13, 1, false],
      [2025, 1, 0, false],
    ] as const) {
      const text = `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
      expect(isCalendarDate(y, m, d), text).toBe(ok);
      expect(parseIsoMillis(text) !== undefined, text).toBe(ok);
      expect(epochDay(text) !== undefined, text).toBe(ok);
    }
    expect(epochDay('1970-01-02')).toBe(1);
    expect(epochDay('0001-01-01')).toBe(-719162);
    expect(epochDay('2024-2-09')).toBeUndefined();
  });
});
