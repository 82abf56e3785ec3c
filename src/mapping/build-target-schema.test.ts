import { describe, expect, it } from 'vitest';
import { baqEntity, entityByName } from '../source/epicor/catalog.ts';
import type { SourceField } from '../source/epicor/source-field.ts';
import { buildTargetSchema } from './build-target-schema.ts';

const LINEAGE = [
  ['_source_system', 'STRING'],
  ['_source_instance', 'STRING'],
  ['_source_company', 'STRING'],
  ['_source_entity', 'STRING'],
  ['_source_record_id', 'STRING'],
  ['_source_rev', 'BIGINT'],
  ['_source_url', 'STRING'],
  ['_sync_id', 'STRING'],
  ['_synced_at', 'TIMESTAMP'],
  ['_sync_date', 'DATE'],
  ['_is_deleted', 'BOOLEAN'],
];

const fields = (spec: string): SourceField[] =>
  spec.split(/\s+/).map((s) => {
    const [name, edmType, p, sc] = s.split(':');
    return {
      name,
      edmType: `Edm.${edmType}`,
      nullable: true,
      ...(p ? { precision: Number(p) } : {}),
      ...(sc ? { scale: Number(sc) } : {}),
    };
  });

describe('buildTargetSchema', () => {
  it('orders key, references, lineage, then data in metadata order (so `_sync_date` is among the first 32)', () => {
    const lines = entityByName('purchase_order_lines')!;
    const { schema, skipped } = buildTargetSchema(
      lines,
      fields(
        'Company:String PONUM:Int32 POLine:Int32 PartNum:String VendorNum:Int32 OrderQty:Decimal:18:2 ' +
          'DueDate:DateTimeOffset OpenLine:Boolean SysRevID:Int64 SysRowID:Guid RowMod:String BitFlag:Int32 ' +
          "Character01_c:String Bad'Name_c:String",
      ),
    );
    expect(schema.table).toBe('fact_purchase_order_line');
    expect(schema.kind).toBe('fact');
    expect(schema.keyColumn).toBe('purchase_order_line_key');
    expect(schema.columns.map((c) => [c.name, c.type, c.role, c.sourceField])).toEqual([
      ['purchase_order_line_key', 'STRING', 'key', undefined],
      ['purchase_order_key', 'STRING', 'ref', undefined],
      ['vendor_key', 'STRING', 'ref', undefined],
      ['part_key', 'STRING', 'ref', undefined],
      ...LINEAGE.map(([n, t]) => [n, t, 'lineage', undefined]),
      ['company', 'STRING', 'data', 'Company'],
      ['po_num', 'INT', 'data', 'PONUM'],
      ['po_line', 'INT', 'data', 'POLine'],
      ['part_num', 'STRING', 'data', 'PartNum'],
      ['vendor_num', 'INT', 'data', 'VendorNum'],
      ['order_qty', 'DECIMAL(18,2)', 'data', 'OrderQty'],
      ['due_date', 'DATE', 'data', 'DueDate'],
      ['open_line', 'BOOLEAN', 'data', 'OpenLine'],
      ['sys_rev_id', 'BIGINT', 'data', 'SysRevID'],
      ['sys_row_id', 'STRING', 'data', 'SysRowID'],
      ['character01_c', 'STRING', 'data', 'Character01_c'],
    ]);
    expect(skipped.map((s) => s.field)).toEqual(['RowMod', 'BitFlag', "Bad'Name_c"]);
  });

  it('names the company dimension columns readably', () => {
    const { schema } = buildTargetSchema(entityByName('companies')!, fields('Company1:String Name:String Zip:String'));
    const notLineage = schema.columns.filter((c) => c.role !== 'lineage');
    expect(notLineage.slice(0, 4).map((c) => c.name)).toEqual(['company_key', 'company', 'name', 'zip']);
  });

  it('builds BAQ tables and rejects table names that are not identifiers', () => {
    const { schema } = buildTargetSchema(
      baqEntity({ id: 'OpenPOs', keys: ['POHeader_PONum'] }),
      fields('POHeader_PONum:Int32 Calculated_Open:Decimal RowIdent:String'),
    );
    expect(schema.table).toBe('baq_openpos');
    expect(
      schema.columns
        .filter((c) => c.role !== 'lineage')
        .slice(0, 4)
        .map((c) => `${c.name}:${c.type}`),
    ).toEqual(['openpos_key:STRING', 'po_header_po_num:INT', 'calculated_open:DECIMAL(20,4)', 'row_ident:STRING']);
    const hostile = { ...baqEntity({ id: 'x', keys: ['A'] }), table: 'baq_x; DROP TABLE t' };
    expect(() => buildTargetSchema(hostile, [])).toThrow(/not a valid/);
  });
});
