import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DecimalError } from '../../../mapping/decimal-text.ts';
import type { Row, TargetColumn } from '../../../mapping/target-schema.ts';
import { type Part, PartWriter } from './part-writer.ts';
import { unscaledDecimal } from './unscaled-decimal.ts';

const columns: TargetColumn[] = [
  { name: 'id', type: 'BIGINT', role: 'key' },
  { name: 'amount', type: 'DECIMAL(18,4)', role: 'data' },
  { name: 'small', type: 'DECIMAL(5,2)', role: 'data' },
  { name: 'wide', type: 'DECIMAL(38,10)', role: 'data' },
  { name: 'name', type: 'STRING', role: 'data' },
  { name: 'changed', type: 'TIMESTAMP', role: 'data' },
  { name: 'day', type: 'DATE', role: 'data' },
  { name: 'flag', type: 'BOOLEAN', role: 'data' },
  { name: 'qty', type: 'INT', role: 'data' },
  { name: 'ratio', type: 'DOUBLE', role: 'data' },
];

let dir: string;
let duck: DuckDBInstance;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'part-writer-'));
  duck = await DuckDBInstance.create(':memory:', {
    autoinstall_known_extensions: 'false',
    autoload_known_extensions: 'false',
  });
});
afterAll(() => {
  duck.closeSync();
  rmSync(dir, { recursive: true, force: true });
});

async function writeParts(rows: Row[], maxRows?: number, maxBytes?: number): Promise<Part[]> {
  const parts: Part[] = [];
  const writer = new PartWriter({ columns, maxRows, maxBytes, onPart: async (p) => void parts.push(p) });
  for (const r of rows) await writer.write(r);
  await writer.finish();
  return parts;
}

/** Reads the parts back with DuckDB; decimals and timestamps as text so nothing is lost in JS conversion. */
async function readBack(parts: Part[]) {
  const files = parts.map((p) => {
    const f = join(dir, `p-${Math.random().toString(36).slice(2)}-${p.index}.parquet`);
    writeFileSync(f, p.bytes);
    return `'${f}'`;
  });
  const conn = await duck.connect();
  const reader = await conn.runAndReadAll(
    `SELECT id, CAST(amount AS VARCHAR) AS amount, CAST(small AS VARCHAR) AS small, CAST(wide AS VARCHAR) AS wide,
       name, strftime(changed AT TIME ZONE 'UTC', '%Y-%m-%dT%H:%M:%S.%fZ') AS changed, CAST(day AS VARCHAR) AS day,
       flag, qty, ratio, typeof(amount) AS amount_type, typeof(wide) AS wide_type, typeof(changed) AS changed_type,
       typeof(day) AS day_type
     FROM read_parquet([${files.join(', ')}]) ORDER BY id`,
  );
  const rows = reader.getRowObjectsJS();
  conn.closeSync();
  return rows;
}

const base: Row = {
  id: 1n,
  amount: '12345678901234.5678',
  small: '-999.99',
  wide: '-1234567890123456789012345678.0123456789',
  name: 'Zoë ☃ 𝄞 "quoted" \'single\' \\ back\u0001\u0000tab\tnew\nline',
  changed: new Date('2026-03-04T05:06:07.891Z'),
  day: '1969-12-31',
  flag: true,
  qty: -2147483648,
  ratio: 0.1,
};

/** The call throws a BAD_RECORD ConnectorError. */
function expectBadRecord(call: () => unknown): void {
  let thrown: unknown;
  try {
    call();
  } catch (e) {
    thrown = e;
  }
  expect(thrown).toMatchObject({ code: 'BAD_RECORD' });
}

describe('PartWriter → Parquet → DuckDB', () => {
  it('round-trips exact decimals, UTC timestamps, dates, unicode and control characters', async () => {
    const rows: Row[] = [
      base,
      { ...base, id: 2n, amount: '-0.0001', small: '0.00', wide: '0.0000000001', flag: false, day: '2026-02-28' },
      { ...base, id: 3n, amount: '0.0000', small: '999.99', wide: '99999999999999999999999999.9999999999', qty: 7 },
      { ...base, id: 4n, amount: '-99999999999999.9999', small: '1.5', wide: '-1' },
    ];
    const back = await readBack(await writeParts(rows));
    expect(back.map((r) => r.amount)).toEqual(['12345678901234.5678', '-0.0001', '0.0000', '-99999999999999.9999']);
    expect(back.map((r) => r.small)).toEqual(['-999.99', '0.00', '999.99', '1.50']);
    expect(back.map((r) => r.wide)).toEqual([
      '-1234567890123456789012345678.0123456789',
      '0.0000000001',
      '99999999999999999999999999.9999999999',
      '-1.0000000000',
    ]);
    expect(back[0]).toMatchObject({
      id: 1n,
      name: base.name,
      changed: '2026-03-04T05:06:07.891000Z',
      day: '1969-12-31',
      flag: true,
      qty: -2147483648,
      ratio: 0.1,
      amount_type: 'DECIMAL(18,4)',
      wide_type: 'DECIMAL(38,10)',
      changed_type: 'TIMESTAMP WITH TIME ZONE',
      day_type: 'DATE',
    });
  });

  it('keeps nulls in every column type', async () => {
    const nulls: Row = Object.fromEntries(columns.map((c) => [c.name, null]));
    const back = await readBack(await writeParts([{ ...nulls, id: 9n }, { id: 10n }]));
    for (const r of back) {
      for (const c of columns.filter((c) => c.name !== 'id')) expect(r[c.name], c.name).toBeNull();
    }
  });

  it('rolls a new part every maxRows rows and by bytes', async () => {
    const rows = Array.from({ length: 25 }, (_, i) => ({ ...base, id: BigInt(i), name: `${base.name} ${i}` }));
    const byRows = await writeParts(rows, 10);
    expect(byRows.map((p) => [p.index, p.rows])).toEqual([
      [0, 10],
      [1, 10],
      [2, 5],
    ]);
    expect((await readBack(byRows)).map((r) => r.id)).toEqual(rows.map((r) => r.id));
    // Real encoded bytes: about 150 per row here, so 1,000 bytes makes a part every ~6 rows.
    const byBytes = await writeParts(rows, 1000, 1000);
    expect(byBytes.length).toBeGreaterThan(2);
    expect(byBytes.reduce((n, p) => n + p.rows, 0)).toBe(25);
  });

  it('writes no part for no rows', async () => {
    expect(await writeParts([])).toEqual([]);
  });

  it('rejects values that would lose digits or do not fit, without keeping a partial row', async () => {
    const parts: Part[] = [];
    const writer = new PartWriter({ columns, onPart: async (p) => void parts.push(p) });
    expectBadRecord(() => writer.write({ ...base, amount: 1.5 }));
    expectBadRecord(() => writer.write({ ...base, small: '1000.00' }));
    expectBadRecord(() => writer.write({ ...base, small: '1.234' }));
    expectBadRecord(() => writer.write({ ...base, day: '2026-02-30' }));
    expectBadRecord(() => writer.write({ ...base, changed: '2026-01-01' }));
    expectBadRecord(() => writer.write({ ...base, qty: 2 ** 31 }));
    await writer.write(base);
    await writer.finish();
    expect(parts.map((p) => p.rows)).toEqual([1]);
    expect((await readBack(parts)).length).toBe(1);
  });
});

describe('unscaledDecimal', () => {
  it.each([
    ['12.34', 10, 4, 123400],
    ['-12.3400', 10, 4, -123400],
    ['0', 5, 2, 0],
    ['.5', 5, 2, 50],
    ['7.', 5, 2, 700],
    ['+1.10', 5, 2, 110],
    ['1.2300', 5, 2, 123],
    [' 1.5 ', 5, 2, 150],
    ['1234567890123456.78', 18, 2, 123456789012345678n],
    [`-${'9'.repeat(28)}.${'9'.repeat(10)}`, 38, 10, -(10n ** 38n - 1n)],
  ])('%s at (%i,%i) → %s', (text, p, s, expected) => {
    expect(unscaledDecimal(text, p, s)).toBe(expected);
  });
  it.each([['1.234'], ['1e5'], ['abc'], [''], ['-'], ['1000']])('rejects %s at (5,2)', (text) => {
    expect(() => unscaledDecimal(text, 5, 2)).toThrow(DecimalError);
  });
  it('rejects as mapping does: the same words for the same value', () => {
    expect(() => unscaledDecimal('1.234', 5, 2)).toThrow(/more than 2 decimal places/);
    expect(() => unscaledDecimal('1000', 5, 2)).toThrow(/allows 3/);
  });
});

describe('Parquet encoding edge cases (read back by DuckDB)', () => {
  const cols: TargetColumn[] = [
    { name: 'id', type: 'INT', role: 'key' },
    { name: 'big', type: 'BIGINT', role: 'data' },
    { name: 'flag', type: 'BOOLEAN', role: 'data' },
    { name: 'const_text', type: 'STRING', role: 'data' },
    { name: 'late_change', type: 'STRING', role: 'data' },
    { name: 'wide', type: 'DECIMAL(20,4)', role: 'data' },
    { name: 'mid', type: 'DECIMAL(18,6)', role: 'data' },
    { name: 'ts', type: 'TIMESTAMP', role: 'data' },
    { name: 'day', type: 'DATE', role: 'data' },
  ];

  async function roundTrip(rows: Row[], codec?: 'GZIP' | 'UNCOMPRESSED') {
    const parts: Part[] = [];
    const writer = new PartWriter({ columns: cols, codec, onPart: async (p) => void parts.push(p) });
    for (const r of rows) await writer.write(r);
    await writer.finish();
    const files = parts.map((p, i) => {
      const f = join(dir, `edge-${Math.random().toString(36).slice(2)}-${i}.parquet`);
      writeFileSync(f, p.bytes);
      return `'${f}'`;
    });
    const conn = await duck.connect();
    const reader = await conn.runAndReadAll(
      `SELECT id, big, flag, const_text, late_change, CAST(wide AS VARCHAR) AS wide, CAST(mid AS VARCHAR) AS mid,
         strftime(ts AT TIME ZONE 'UTC', '%Y-%m-%dT%H:%M:%S.%fZ') AS ts, CAST(day AS VARCHAR) AS day
       FROM read_parquet([${files.join(', ')}]) ORDER BY id`,
    );
    const out = reader.getRowObjectsJS();
    conn.closeSync();
    return Object.assign(out, { bytes: parts.reduce((n, p) => n + p.bytes.length, 0) });
  }

  it('mixes nulls and values in every column over many bit-packed groups, both codecs', async () => {
    // 3,003 rows: most chunks pass the 8 KiB under which a chunk stays uncompressed even with GZIP.
    const rows: Row[] = Array.from({ length: 3003 }, (_, i) => ({
      id: i,
      big: i % 3 === 0 ? null : BigInt(i) * 1_000_000_000_000n - 9_223_372_036_854_775_000n,
      flag: i % 5 === 0 ? null : i % 2 === 0,
      const_text: i % 7 === 0 ? null : 'same ☃ value',
      // The same value for 600 rows (held back as a run), then different ones: the run must be written out in full.
      late_change: i % 13 === 0 ? null : i < 600 ? 'Zoë' : `v${i % 3}`,
      wide: i % 4 === 0 ? null : `${i % 2 ? '-' : ''}${i}${'9'.repeat(i % 12)}.${String(i % 10000).padStart(4, '0')}`,
      mid: i % 6 === 0 ? null : `-${i}.${String(i).padStart(6, '0').slice(0, 6)}`,
      ts: i % 9 === 0 ? null : new Date(Date.UTC(2026, 0, 1) + i * 3_600_001),
      day: i % 11 === 0 ? null : new Date(Date.UTC(1900, 0, 1) + i * 86_400_000 * 50).toISOString().slice(0, 10),
    }));
    const size: Record<string, number> = {};
    for (const codec of ['GZIP', 'UNCOMPRESSED'] as const) {
      const back = await roundTrip(rows, codec);
      size[codec] = back.bytes;
      expect(back.length).toBe(rows.length);
      for (let i = 0; i < rows.length; i++) {
        const r = rows[i];
        const b = back[i];
        expect(b.big, `big ${i}`).toBe(r.big);
        expect(b.flag, `flag ${i}`).toBe(r.flag);
        expect(b.const_text, `const ${i}`).toBe(r.const_text);
        expect(b.late_change, `late_change ${i}`).toBe(r.late_change);
        const wide = r.wide as string | null;
        expect(b.wide, `wide ${i}`).toBe(wide === null ? null : wide.replace(/^(-?)0+(?=\d)/, '$1'));
        expect(b.mid, `mid ${i}`).toBe(r.mid);
        expect(b.ts, `ts ${i}`).toBe(r.ts === null ? null : (r.ts as Date).toISOString().replace('Z', '000Z'));
        expect(b.day, `day ${i}`).toBe(r.day);
      }
    }
    expect(size.GZIP).toBeLessThan(size.UNCOMPRESSED * 0.8);
  });

  it('stores extremes: 20-digit decimals past 2^53, negative FIXED_LEN bytes, year 0050 dates, far timestamps', async () => {
    const back = await roundTrip([
      {
        id: 1,
        big: 9_223_372_036_854_775_807n,
        wide: '9999999999999999.9999',
        mid: '999999999999.999999',
        ts: new Date('9999-12-31T23:59:59.999Z'),
        day: '0050-02-28',
      },
      { id: 2, big: -9_223_372_036_854_775_808n, wide: '-9999999999999999.9999', mid: '-0.000001', day: '0001-01-01' },
      { id: 3, wide: '-0.0001', mid: '0', ts: new Date('1969-12-31T23:59:59.999Z'), day: '2024-02-29' },
      { id: 4, big: '-9223372036854775808' },
      { id: 5, big: '9007199254740993' },
    ]);
    expect(back.map((r) => [r.big, r.wide, r.mid, r.ts, r.day])).toEqual([
      [
        9_223_372_036_854_775_807n,
        '9999999999999999.9999',
        '999999999999.999999',
        '9999-12-31T23:59:59.999000Z',
        '0050-02-28',
      ],
      [-9_223_372_036_854_775_808n, '-9999999999999999.9999', '-0.000001', null, '0001-01-01'],
      [null, '-0.0001', '0.000000', '1969-12-31T23:59:59.999000Z', '2024-02-29'],
      // BIGINT given as digit text, past 2^53 too.
      [-9_223_372_036_854_775_808n, null, null, null, null],
      [9_007_199_254_740_993n, null, null, null, null],
    ]);
  });

  it('carries the writer metadata Spark 3.x needs to read pre-1582 dates as written (org.apache.spark.version, no legacy keys)', async () => {
    const [part] = await writeParts([{ ...base, day: '1500-03-01' }]);
    const f = join(dir, 'kv.parquet');
    writeFileSync(f, part.bytes);
    const conn = await duck.connect();
    const kv = (
      await conn.runAndReadAll(
        `SELECT decode(key) AS k, decode(value) AS v FROM parquet_kv_metadata('${f}') ORDER BY 1`,
      )
    ).getRowObjectsJS();
    conn.closeSync();
    // Spark's datetimeRebaseSpec: a version >= 3.0.0 and no org.apache.spark.legacyDateTime means CORRECTED.
    expect(kv).toEqual([{ k: 'org.apache.spark.version', v: '3.5.0' }]);
    expect((await readBack([part]))[0].day).toBe('1500-03-01');
  });

  it('rejects decimals with digits past the scale and impossible dates, naming the column', async () => {
    const writer = new PartWriter({ columns: cols, onPart: async () => {} });
    expect(() => writer.write({ id: 1, mid: '1.0000001' })).toThrow(/column mid \(DECIMAL\(18,6\)\)/);
    expect(() => writer.write({ id: 1, wide: '100000000000000000' })).toThrow(
      /column wide \(DECIMAL\(20,4\)\).*allows 16/,
    );
    expect(() => writer.write({ id: 1, day: '2023-02-29' })).toThrow(/column day \(DATE\).*calendar date/);
    expect(() => writer.write({ id: 1, day: '2023-2-9' })).toThrow(/YYYY-MM-DD/);
    expect(() => writer.write({ id: 1, big: '9223372036854775808' })).toThrow(/does not fit BIGINT/);
  });
});
