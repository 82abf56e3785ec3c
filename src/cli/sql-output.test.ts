import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { jsonEncoderFor, writeSqlResult } from './sql-output.ts';

describe('jsonEncoderFor', () => {
  it('keeps integer and decimal digits exact, even past 2^53', () => {
    expect(jsonEncoderFor('BIGINT')('9007199254740993')).toBe('9007199254740993');
    expect(jsonEncoderFor('LONG')('-42')).toBe('-42');
    expect(jsonEncoderFor('DECIMAL(38,4)')('12345678901234567890.1234')).toBe('12345678901234567890.1234');
  });

  it('types booleans, floats and nested values; leaves what JSON cannot hold as strings', () => {
    expect(jsonEncoderFor('BOOLEAN')('true')).toBe('true');
    expect(jsonEncoderFor('DOUBLE')('1.5E10')).toBe('1.5E10');
    expect(jsonEncoderFor('DOUBLE')('NaN')).toBe('"NaN"');
    expect(jsonEncoderFor('DOUBLE')('Infinity')).toBe('"Infinity"');
    expect(jsonEncoderFor('STRUCT')('{"a":1,"b":[true]}')).toBe('{"a":1,"b":[true]}');
    expect(jsonEncoderFor('DATE')('2026-01-31')).toBe('"2026-01-31"');
    expect(jsonEncoderFor('STRING')('12')).toBe('"12"');
    expect(jsonEncoderFor('INT')(null)).toBe('null');
  });
});

describe('writeSqlResult', () => {
  it('writes JSON that parses back to typed rows, and quotes CSV fields that need it', async () => {
    const result = {
      columns: [
        { name: 'n', typeName: 'INT' },
        { name: 'note', typeName: 'STRING' },
      ],
      rows: [
        ['1', 'plain'],
        ['2', 'a "quoted", two-line\nvalue'],
        [null, null],
      ],
    };
    const capture = async (format: 'json' | 'csv') => {
      const out = new PassThrough();
      let text = '';
      out.on('data', (d) => (text += d));
      await writeSqlResult(result, format, out);
      return text;
    };
    expect(JSON.parse(await capture('json'))).toEqual([
      { n: 1, note: 'plain' },
      { n: 2, note: 'a "quoted", two-line\nvalue' },
      { n: null, note: null },
    ]);
    expect(await capture('csv')).toBe('n,note\r\n1,plain\r\n2,"a ""quoted"", two-line\nvalue"\r\n,\r\n');
  });
});
