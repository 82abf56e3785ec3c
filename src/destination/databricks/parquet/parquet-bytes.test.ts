import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { Row, TargetColumn } from '../../../mapping/target-schema.ts';
import { type Part, PartWriter } from './part-writer.ts';

/**
 * The exact bytes of parts for a fixed input: a refactor of the encoder must leave them unchanged (DuckDB reading
 * them back is tested in part-writer.test.ts; this pins every byte, so a change shows even where a reader forgives it).
 */
const columns: TargetColumn[] = [
  { name: 'id', type: 'BIGINT', role: 'key' },
  { name: 'small', type: 'DECIMAL(5,2)', role: 'data' },
  { name: 'amount', type: 'DECIMAL(18,4)', role: 'data' },
  { name: 'wide', type: 'DECIMAL(38,10)', role: 'data' },
  { name: 'name', type: 'STRING', role: 'data' },
  { name: 'company', type: 'STRING', role: 'data' },
  { name: 'changed', type: 'TIMESTAMP', role: 'data' },
  { name: 'day', type: 'DATE', role: 'data' },
  { name: 'flag', type: 'BOOLEAN', role: 'data' },
  { name: 'qty', type: 'INT', role: 'data' },
  { name: 'ratio', type: 'DOUBLE', role: 'data' },
];

function fixture(): Row[] {
  const rows: Row[] = [];
  for (let i = 0; i < 250; i++) {
    const nul = i % 7 === 3;
    rows.push({
      id: i % 50 === 0 ? 9007199254740993n + BigInt(i) : i,
      small: nul ? null : `${i % 2 ? '-' : ''}${i % 1000}.${String(i % 100).padStart(2, '0')}`,
      amount: nul ? null : i % 3 === 0 ? `${i}.5` : `-${i * 1234567}.1234`,
      wide: nul ? null : i % 5 === 0 ? `-${'9'.repeat(28)}.${'9'.repeat(10)}` : `${i}.${'0'.repeat(9)}1`,
      name: nul ? null : `Név ${i} “quoted” ${'x'.repeat(i % 13)}`,
      company: 'EPIC06',
      changed: nul ? null : new Date(Date.UTC(2026, 0, 1) + i * 3_600_123),
      day: nul
        ? null
        : i % 11 === 0
          ? '0001-01-01'
          : i % 13 === 0
            ? '2024-02-29'
            : `2025-${String((i % 12) + 1).padStart(2, '0')}-28`,
      flag: nul ? null : i % 3 === 1,
      qty: nul ? null : i % 2 ? -i * 1000 : 2147483647 - i,
      ratio: nul ? null : i / 7,
    });
  }
  return rows;
}

async function encode(maxRows: number): Promise<string[]> {
  const parts: Part[] = [];
  const writer = new PartWriter({ columns, maxRows, onPart: async (p) => void parts.push(p) });
  for (const r of fixture()) await writer.write(r);
  await writer.finish();
  return parts.map((p) => createHash('sha256').update(p.bytes).digest('hex'));
}

describe('Parquet bytes', () => {
  it('are the same as before for the same rows', async () => {
    expect(await encode(100)).toEqual([
      'a525374a88cedfe1687ac8bb9263a819692fbf6bfbfcfed8cb482d1ddc2ba471',
      '32eb04102f9c655ac64a2e3afb1fa9406a4541e13ca2ee1fa845deec3ab816c2',
      '1bfd8615ae918bc9caf332e27e20a407b1a8adca657ce54b53f828d68acd8c26',
    ]);
  });
});
