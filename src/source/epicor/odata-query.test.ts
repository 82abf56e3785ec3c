import { describe, expect, it } from 'vitest';
import { lexCompare } from './keyset-filter.ts';
import { and, dateTimeLiteral, field, literal, queryString, stringLiteral } from './odata-query.ts';

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
