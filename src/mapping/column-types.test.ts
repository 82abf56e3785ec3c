import { describe, expect, it } from 'vitest';
import type { SourceField } from '../source/epicor/source-field.ts';
import { columnTypeFor, decimalType } from './column-types.ts';

const f = (name: string, edmType: string, extra: Partial<SourceField> = {}): SourceField => ({
  name,
  edmType,
  nullable: true,
  ...extra,
});

describe('columnTypeFor', () => {
  it.each([
    ['Edm.String', 'STRING'],
    ['Edm.Guid', 'STRING'],
    ['Edm.Int32', 'INT'],
    ['Edm.Int16', 'INT'],
    ['Edm.Byte', 'INT'],
    ['Edm.Int64', 'BIGINT'],
    ['Edm.Decimal', 'DECIMAL(20,4)'],
    ['Edm.DateTimeOffset', 'TIMESTAMP'],
    ['Edm.DateTime', 'TIMESTAMP'],
    ['Edm.Date', 'DATE'],
    ['Edm.Boolean', 'BOOLEAN'],
    ['Edm.Double', 'DOUBLE'],
    ['Edm.Single', 'DOUBLE'],
  ])('%s → %s', (edm, type) => {
    expect(columnTypeFor(f('X', edm))).toEqual({ ok: true, type });
  });

  it('takes decimal precision and scale from metadata', () => {
    expect(columnTypeFor(f('Amt', 'Edm.Decimal', { precision: 18, scale: 3 }))).toEqual({
      ok: true,
      type: 'DECIMAL(18,3)',
    });
    expect(decimalType(50, 10)).toBe('DECIMAL(38,10)');
    expect(decimalType(undefined, 8)).toBe('DECIMAL(24,8)');
    expect(decimalType(10, undefined)).toBe('DECIMAL(10,4)');
    expect(decimalType(3, 6)).toBe('DECIMAL(3,3)');
  });

  it('makes SysRevID BIGINT whatever its declared type', () => {
    expect(columnTypeFor(f('SysRevID', 'Edm.String'))).toEqual({ ok: true, type: 'BIGINT' });
    expect(columnTypeFor(f('SysRevID', 'Edm.Int32'))).toEqual({ ok: true, type: 'BIGINT' });
  });

  it('skips plumbing fields and unsupported types with a reason', () => {
    for (const name of ['RowMod', 'BitFlag', 'SpecifiedProperties']) {
      const r = columnTypeFor(f(name, 'Edm.String'));
      expect(r.ok).toBe(false);
    }
    const r = columnTypeFor(f('Geo', 'Edm.GeographyPoint'));
    expect(r).toEqual({ ok: false, reason: 'unsupported type Edm.GeographyPoint' });
  });
});

describe('calendar dates', () => {
  it("types the entity's dateFields DATE and every other date/time TIMESTAMP; Edm.Date is always DATE", () => {
    const dates = ['InvoiceDate', 'DueDate'];
    expect(columnTypeFor(f('InvoiceDate', 'Edm.DateTimeOffset'), dates)).toEqual({ ok: true, type: 'DATE' });
    expect(columnTypeFor(f('DueDate', 'Edm.DateTime'), dates)).toEqual({ ok: true, type: 'DATE' });
    expect(columnTypeFor(f('ChangeDate', 'Edm.DateTimeOffset'), dates)).toEqual({ ok: true, type: 'TIMESTAMP' });
    expect(columnTypeFor(f('Date01_c', 'Edm.DateTimeOffset'), dates)).toEqual({ ok: true, type: 'TIMESTAMP' });
    expect(columnTypeFor(f('Anything_c', 'Edm.Date'))).toEqual({ ok: true, type: 'DATE' });
    // A calendar-date name on a non-date field changes nothing.
    expect(columnTypeFor(f('InvoiceDate', 'Edm.String'), dates)).toEqual({ ok: true, type: 'STRING' });
  });
});
