import { describe, expect, it } from 'vitest';
import { lexCompare } from './keyset-filter.ts';
import {
  and,
  dateTimeLiteral,
  field,
  literal,
  literalKind,
  queryString,
  recordLiteral,
  stringLiteral,
} from './odata-query.ts';

describe('odata literals', () => {
  it('doubles single quotes in strings', () => {
    expect(stringLiteral("O'Brien")).toBe("'O''Brien'");
    expect(literal("it's", 'Edm.String')).toBe("'it''s'");
  });
  it('keeps integers exact, bare', () => {
    expect(literal('9007199254740993', 'Edm.Int64')).toBe('9007199254740993');
    expect(literal(12345, 'Edm.Int32')).toBe('12345');
    expect(() => literal('1 or 1 eq 1', 'Edm.Int64')).toThrow();
  });
  it('writes datetimes unquoted in UTC ISO', () => {
    expect(literal('2024-01-15T00:00:00Z', 'Edm.DateTimeOffset')).toBe('2024-01-15T00:00:00Z');
    expect(dateTimeLiteral('2024-01-15T06:30:00.2500001+02:00')).toBe('2024-01-15T06:30:00.2500001+02:00');
    expect(dateTimeLiteral(new Date(Date.UTC(2024, 0, 15, 4, 30)))).toBe('2024-01-15T04:30:00Z');
    expect(() => dateTimeLiteral("2024-01-15' or 1 eq 1")).toThrow();
    // Never without an offset (Microsoft.OData: "The time zone information is missing"): offset-less values Epicor
    // served are wall times in epicor.timeZone.
    expect(dateTimeLiteral('2024-03-29T10:45:26.841')).toBe('2024-03-29T10:45:26.841Z');
    expect(literal('2024-03-29T10:45:26.841', 'Edm.DateTimeOffset', 'America/Chicago')).toBe(
      '2024-03-29T10:45:26.841-05:00',
    );
    expect(
      lexCompare(
        [{ name: 'CreateDate', edmType: 'Edm.DateTimeOffset', timeZone: 'Europe/Berlin' }],
        ['2024-01-15T00:00:00'],
        'gt',
      ),
    ).toBe('CreateDate gt 2024-01-15T00:00:00+01:00');
  });
  it('rejects field names that are not identifiers', () => {
    expect(field('Vendor_c')).toBe('Vendor_c');
    expect(() => field('x eq 1 or y')).toThrow();
  });
});

describe('one literal writer for filters and record links', () => {
  const asIs = (v: unknown) => (typeof v === 'string' ? v : String(v));
  it.each([
    ["O'Brien", 'Edm.String', "'O''Brien'"],
    ['9007199254740993', 'Edm.Int64', '9007199254740993'],
    ['12.50', 'Edm.Decimal', '12.50'],
    [true, 'Edm.Boolean', 'true'],
    ['2024-01-15', 'Edm.Date', '2024-01-15'],
    ['8f0c2f5e-1d2a-4c3b-9e4f-0a1b2c3d4e5f', 'Edm.Guid', '8f0c2f5e-1d2a-4c3b-9e4f-0a1b2c3d4e5f'],
    ['2024-01-15T08:30:00.123', 'Edm.DateTimeOffset', '2024-01-15T08:30:00.123Z'],
    ['2024-01-15T08:30:00+01:00', 'Edm.DateTime', '2024-01-15T08:30:00+01:00'],
  ])('%j as %s is %s in a $filter and in a record link', (value, edm, expected) => {
    expect(literal(value, edm)).toBe(expected);
    expect(recordLiteral(value, literalKind(edm) ?? 'text', asIs)).toBe(expected);
  });
  it('a filter refuses a value not of its type; a record link writes it as it is', () => {
    expect(() => literal('not-a-guid', 'Edm.Guid')).toThrow(/GUID/);
    expect(() => literal('1e5', 'Edm.Decimal')).toThrow(/number/);
    expect(recordLiteral('not-a-guid', 'guid', asIs)).toBe('not-a-guid');
    expect(recordLiteral('N/A', 'decimal', asIs)).toBe("'N/A'");
    expect(recordLiteral('yesterday', 'datetime', asIs)).toBe('yesterday');
  });
  it('knows no literal rule for types it does not write', () => {
    expect(literalKind('Edm.Binary')).toBeUndefined();
    expect(literal('abc', 'Edm.Binary')).toBe("'abc'");
  });
});

describe('queryString', () => {
  it('encodes options in a stable order', () => {
    const qs = queryString({
      select: ['VendorNum', 'Name'],
      filter: "Name eq 'A&B'",
      orderby: [{ field: 'SysRevID' }, { field: 'VendorNum', desc: true }],
      top: 500,
      skip: 0,
      params: { Company: 'EPIC06' },
    });
    expect(qs).toBe(
      '$select=VendorNum%2CName&$filter=Name%20eq%20%27A%26B%27&$orderby=SysRevID%2CVendorNum%20desc&$top=500&Company=EPIC06',
    );
    expect(decodeURIComponent(qs)).toContain("$filter=Name eq 'A&B'");
    // As the WHATWG URL parser (undici) would send it: the length counted against maxQueryBytes is the wire's.
    expect(new URL(`http://h/p?${qs}`).search.slice(1)).toBe(qs);
  });
  it('and() drops empty parts and parenthesises', () => {
    expect(and(undefined, 'a eq 1')).toBe('a eq 1');
    expect(and('a eq 1', 'b eq 2')).toBe('(a eq 1) and (b eq 2)');
    expect(and()).toBeUndefined();
  });
});

describe('lexCompare', () => {
  const cols = [
    { name: 'ChangeDate', edmType: 'Edm.DateTimeOffset' },
    { name: 'Company', edmType: 'Edm.String' },
    { name: 'PONum', edmType: 'Edm.Int32' },
  ];
  it('expands a composite keyset lexicographically', () => {
    expect(lexCompare(cols, ['2024-01-15T00:00:00Z', 'EPIC06', 42], 'gt')).toBe(
      "(ChangeDate gt 2024-01-15T00:00:00Z) or ((ChangeDate eq 2024-01-15T00:00:00Z) and (Company gt 'EPIC06')) or " +
        "((ChangeDate eq 2024-01-15T00:00:00Z) and (Company eq 'EPIC06') and (PONum gt 42))",
    );
  });
  it('keeps equality on the last column for le/ge', () => {
    expect(lexCompare(cols.slice(0, 1), ['2024-01-15T00:00:00Z'], 'le')).toBe('ChangeDate le 2024-01-15T00:00:00Z');
    expect(
      lexCompare([cols[0], { name: 'ChangeTime', edmType: 'Edm.Int32' }], ['2024-01-15T00:00:00Z', 60], 'ge'),
    ).toBe('(ChangeDate gt 2024-01-15T00:00:00Z) or ((ChangeDate eq 2024-01-15T00:00:00Z) and (ChangeTime ge 60))');
  });
});
