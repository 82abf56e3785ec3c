import { describe, expect, it } from 'vitest';
import { compileFilter } from './compile-filter.ts';
import type { EdmType, FieldDef } from './entity-schemas.ts';
import { tokenize } from './filter-tokens.ts';
import { ODataError } from './odata-error.ts';
import { parseFilter } from './parse-filter.ts';
import { revisionBounds } from './revision-bounds.ts';

const field = (name: string, type: EdmType): [string, FieldDef] => [name, { name, type, nullable: true }];
const fields = new Map([
  field('Name', 'Edm.String'),
  field('SysRevID', 'Edm.Int64'),
  field('Changed', 'Edm.DateTimeOffset'),
  field('Active', 'Edm.Boolean'),
  field('RowId', 'Edm.Guid'),
]);
const matches = (filter: string, row: Record<string, unknown>) =>
  compileFilter(parseFilter(filter, fields), fields)(row);

describe('emulator $filter: tokens → expression → predicate', () => {
  it('tokenizes quoted strings with doubled quotes, numbers, datetimes and GUIDs', () => {
    const tokens = tokenize("Name eq 'O''Brien' and SysRevID gt 12 and Changed ge 2024-01-15T00:00:00Z");
    expect(tokens.filter((t) => t.t === 'lit').map((t) => (t as { v: unknown }).v)).toEqual([
      { kind: 'string', value: "O'Brien" },
      { kind: 'number', value: 12 },
      { kind: 'datetime', value: Date.UTC(2024, 0, 15) },
    ]);
    expect(() => tokenize("Name eq 'open")).toThrow(ODataError);
  });

  it('refuses offset-less datetimes when strict, unknown fields and mistyped literals', () => {
    expect(() => parseFilter('Changed ge 2024-01-15T00:00:00', fields, { strictDateLiterals: true })).toThrow(
      ODataError,
    );
    expect(() => parseFilter("Nope eq 'x'", fields)).toThrow(/Could not find a property named 'Nope'/);
    expect(() => parseFilter("SysRevID eq 'x'", fields)).toThrow(/incompatible types/);
  });

  it('evaluates and/or/not, instants across offsets, GUIDs case-insensitively and null', () => {
    const row = { Name: "O'Brien", SysRevID: 20, Changed: '2024-01-15T01:00:00+01:00', Active: true, RowId: null };
    expect(matches("Name eq 'O''Brien' and SysRevID gt 12", row)).toBe(true);
    expect(matches('Changed eq 2024-01-15T00:00:00Z', row)).toBe(true);
    expect(matches('not Active or SysRevID lt 5', row)).toBe(false);
    expect(matches('RowId eq null', row)).toBe(true);
    expect(
      matches('RowId eq 8F0C2F5E-1D2A-4C3B-9E4F-0A1B2C3D4E5F', { RowId: '8f0c2f5e-1d2a-4c3b-9e4f-0a1b2c3d4e5f' }),
    ).toBe(true);
  });

  it('reads a SysRevID range off the top-level and terms', () => {
    expect(revisionBounds(parseFilter('SysRevID gt 10 and SysRevID le 20', fields))).toEqual({
      lo: 11,
      hi: 20,
      exact: true,
    });
    expect(revisionBounds(parseFilter("SysRevID gt 10 and Name eq 'a'", fields)).exact).toBe(false);
  });
});
