import { describe, expect, it } from 'vitest';
import { cursorCodec } from './cursor-codec.ts';
import type { SourceField } from './source-field.ts';

const fields: SourceField[] = [
  { name: 'ChangeDate', edmType: 'Edm.DateTimeOffset', nullable: true },
  { name: 'ChangeTime', edmType: 'Edm.Int32', nullable: true },
  { name: 'CreateDate', edmType: 'Edm.DateTimeOffset', nullable: true },
];

describe('cursorCodec with epicor.timeZone', () => {
  it('stores offset-less date cursors as UTC instants read in the zone, and filters with an offset', () => {
    const c = cursorCodec({ type: 'datetime', field: 'CreateDate' }, fields, 'America/Chicago');
    expect(c.toWatermark(['2024-03-29T10:45:26.841'])).toBe('2024-03-29T15:45:26.841Z');
    expect(c.toWatermark(['2024-03-29T10:45:26.841Z'])).toBe('2024-03-29T10:45:26.841Z');
    expect(c.fromWatermark('2024-03-29T15:45:26.841Z', 10)).toEqual(['2024-03-29T15:35:26.841Z']);
    expect(c.columns[0].timeZone).toBe('America/Chicago');
  });

  it('reads Customer ChangeDate (server calendar date) + ChangeTime (seconds) as the wall time in the zone', () => {
    const c = cursorCodec(
      { type: 'date+seconds', dateField: 'ChangeDate', secondsField: 'ChangeTime' },
      fields,
      'Europe/Berlin',
    );
    // 2024-07-01 00:30 in Berlin (CEST, +02:00) is 2024-06-30T22:30Z.
    const w = c.toWatermark(['2024-07-01T00:00:00', 1800]);
    expect(w).toBe('2024-06-30T22:30:00.000Z');
    expect(c.fromWatermark(w, 0)).toEqual(['2024-07-01T00:00:00+02:00', 1800]);
    expect(c.fromWatermark(w, 60)).toEqual(['2024-06-30T00:00:00+02:00', 84_600]);
    const utc = cursorCodec({ type: 'date+seconds', dateField: 'ChangeDate', secondsField: 'ChangeTime' }, fields);
    expect(utc.toWatermark(['2024-07-01', 1800])).toBe('2024-07-01T00:30:00.000Z');
    expect(utc.fromWatermark('2024-07-01T00:30:00.000Z', 0)).toEqual(['2024-07-01T00:00:00Z', 1800]);
  });
});
