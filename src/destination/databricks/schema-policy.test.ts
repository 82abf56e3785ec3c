import { describe, expect, it } from 'vitest';
import type { TargetColumn, TargetSchema } from '../../mapping/target-schema.ts';
import { decideTable, holds, newTypeColumn, withRenames } from './schema-policy.ts';

const ref = { catalog: 'main', schema: 'epicor' };
const data = (name: string, type: TargetColumn['type'], field = name): TargetColumn => ({
  name,
  type,
  role: 'data',
  sourceField: field,
});
const schema = (columns: TargetColumn[], extra: Partial<TargetSchema> = {}): TargetSchema => ({
  table: 'dim_vendor',
  kind: 'dimension',
  keyColumn: 'vendor_key',
  columns: [{ name: 'vendor_key', type: 'STRING', role: 'key' }, ...columns],
  ...extra,
});
const table = (cols: Record<string, string>) => new Map(Object.entries({ vendor_key: 'string', ...cols }));
const policy = (p: 'allow' | 'columns-only' | 'block') => ({ policy: p, entity: 'vendors', key: 'schemaChanges' });

describe('decideTable', () => {
  it('keeps a column whose type holds the narrower new type, under allow and columns-only; block refuses it', () => {
    const wanted = schema([data('amt', 'DECIMAL(18,2)', 'Amt')]);
    for (const p of ['allow', 'columns-only'] as const) {
      const d = decideTable(ref, wanted, table({ amt: 'decimal(20,4)' }), policy(p));
      expect(d.blocked).toBeUndefined();
      expect(d.retyped).toEqual([
        { column: 'amt', field: 'Amt', from: 'DECIMAL(20,4)', to: 'DECIMAL(18,2)', action: 'kept' },
      ]);
      expect(d.statements).toEqual([]);
    }
    expect(decideTable(ref, wanted, table({ amt: 'decimal(20,4)' }), policy('block')).blocked).toMatch(
      /retyped fields Amt \(DECIMAL\(20,4\) → DECIMAL\(18,2\)\)/,
    );
  });

  it('loads into an existing new-type column without deciding again; renames apply to each load schema', () => {
    const wanted = schema([data('flag', 'STRING', 'Flag_c')]);
    const d = decideTable(ref, wanted, table({ flag: 'boolean', flag__string: 'string' }), policy('block'));
    expect(d.blocked).toBeUndefined();
    expect(d.retyped).toEqual([]);
    expect(withRenames(wanted, d).columns.map((c) => c.name)).toEqual(['vendor_key', 'flag__string']);
  });

  it('tells once that an excluded column still holds earlier values; it is no "removed field" under block', () => {
    const wanted = schema([data('name', 'STRING')], { excludedColumns: ['phone_num'] });
    const d = decideTable(ref, wanted, table({ name: 'string', phone_num: 'string' }), policy('block'));
    expect(d.blocked).toBeUndefined();
    expect(d.notices.join(' ')).toMatch(/phone_num is excluded .* `ml-connector resync vendors`/);
  });

  it('takes an unreported column type as unchanged', () => {
    const d = decideTable(ref, schema([data('n', 'INT')]), table({ n: '' }), policy('block'));
    expect(d.blocked).toBeUndefined();
  });
});

describe('holds / newTypeColumn', () => {
  it('follows the Delta widening table for the types the connector writes', () => {
    expect(holds('INT', 'BIGINT')).toBe(true);
    expect(holds('INT', 'DECIMAL(10,0)')).toBe(true);
    expect(holds('BIGINT', 'DECIMAL(19,0)')).toBe(false);
    expect(holds('DECIMAL(10,1)', 'DECIMAL(12,3)')).toBe(true);
    expect(holds('DECIMAL(10,1)', 'DECIMAL(11,3)')).toBe(false);
    expect(holds('STRING', 'INT')).toBe(false);
    expect(newTypeColumn('qty', 'DECIMAL(28,6)')).toBe('qty__decimal_28_6');
  });
});
