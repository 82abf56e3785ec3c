import { describe, expect, it } from 'vitest';
import type { TargetSchema } from '../../mapping/target-schema.ts';
import { type CatalogSnapshot, keptTimestampColumns, planSchemaChanges } from './schema-sync.ts';

const ref = { catalog: 'main', schema: 'epicor' };
const lineage = [
  { name: '_source_rev', type: 'BIGINT', role: 'lineage' },
  { name: '_sync_date', type: 'DATE', role: 'lineage' },
  { name: '_is_deleted', type: 'BOOLEAN', role: 'lineage' },
] as const;
const dim: TargetSchema = {
  table: 'dim_vendor',
  kind: 'dimension',
  keyColumn: 'vendor_key',
  columns: [
    { name: 'vendor_key', type: 'STRING', role: 'key' },
    { name: 'name', type: 'STRING', role: 'data' },
    ...lineage,
  ],
};
const fact: TargetSchema = {
  table: 'fact_ap_invoice',
  kind: 'fact',
  keyColumn: 'ap_invoice_key',
  columns: [{ name: 'ap_invoice_key', type: 'STRING', role: 'key' }, ...lineage],
};
const stateTables = ['_ml_connector_state', '_ml_connector_runs', '_ml_connector_lock'];

function snapshot(tables: Record<string, string[]>, views: string[] = [], bare = false): CatalogSnapshot {
  return {
    catalogExists: !bare,
    schemaExists: !bare,
    volumeExists: !bare,
    tables: new Map(Object.entries(tables).map(([t, cols]) => [t, new Set(cols)])),
    views: new Set(views),
  };
}
const all = (s: TargetSchema) => s.columns.map((c) => c.name);
const steady = () =>
  snapshot(
    { dim_vendor: all(dim), fact_ap_invoice: all(fact), ...Object.fromEntries(stateTables.map((t) => [t, ['x']])) },
    ['fact_ap_invoice_current'],
  );
const plan = (s: CatalogSnapshot) =>
  planSchemaChanges(s, { ref, volume: 'stg', layout: 'cluster', schemas: [dim, fact] }).map(
    (p) => `${p.phase} ${p.kind} ${p.target}`,
  );

describe('planSchemaChanges', () => {
  it('creates everything in an empty metastore, in phases', () => {
    expect(plan(snapshot({}, [], true))).toEqual([
      '0 catalog main',
      '1 schema epicor',
      '2 volume stg',
      '2 state-table _ml_connector_state',
      '2 state-table _ml_connector_runs',
      '2 state-table _ml_connector_lock',
      '2 create-table dim_vendor',
      '2 create-table fact_ap_invoice',
      '3 view fact_ap_invoice_current',
    ]);
  });

  it('plans nothing in steady state', () => {
    expect(plan(steady())).toEqual([]);
  });

  it('adds back a column dropped by hand, ignores a column added by hand, and recreates the view', () => {
    const s = steady();
    s.tables.set('fact_ap_invoice', new Set(['ap_invoice_key', '_source_rev', '_sync_date', 'added_by_hand']));
    s.tables.get('dim_vendor')?.delete('name');
    const statements = planSchemaChanges(s, { ref, volume: 'stg', layout: 'cluster', schemas: [dim, fact] });
    expect(statements.map((p) => p.sql)).toEqual([
      'ALTER TABLE `main`.`epicor`.`dim_vendor` ADD COLUMNS (`name` STRING)',
      'ALTER TABLE `main`.`epicor`.`fact_ap_invoice` ADD COLUMNS (`_is_deleted` BOOLEAN)',
      expect.stringMatching(/^CREATE OR REPLACE VIEW `main`.`epicor`.`fact_ap_invoice_current` AS/),
    ]);
  });

  it('recreates a view dropped by hand, and compares names case-insensitively', () => {
    const s = steady();
    s.views.clear();
    expect(plan(s)).toEqual(['3 view fact_ap_invoice_current']);
    const upper = { ...dim, columns: dim.columns.map((c) => (c.name === 'name' ? { ...c, name: 'Name' } : c)) };
    expect(planSchemaChanges(steady(), { ref, volume: 'stg', layout: 'cluster', schemas: [upper] })).toEqual([]);
  });
});

describe('tables created by earlier versions', () => {
  const wide = (syncDateAt: number) => {
    const data = Array.from({ length: 40 }, (_, i) => `c${i}`);
    const order = ['vendor_key', ...data];
    order.splice(syncDateAt, 0, '_sync_date');
    return { ...snapshot({ dim_vendor: order }), columnOrder: new Map([['dim_vendor', order]]) };
  };

  it('moves _sync_date after the key once when it sits past the first 32 columns, not otherwise', () => {
    const moved = planSchemaChanges(wide(35), { ref, volume: 'stg', layout: 'cluster', schemas: [dim] });
    expect(moved.filter((p) => p.kind === 'reorder-column').map((p) => p.sql)).toEqual([
      'ALTER TABLE `main`.`epicor`.`dim_vendor` ALTER COLUMN `_sync_date` AFTER `vendor_key`',
    ]);
    const fine = planSchemaChanges(wide(31), { ref, volume: 'stg', layout: 'cluster', schemas: [dim] });
    expect(fine.filter((p) => p.kind === 'reorder-column')).toEqual([]);
  });

  it('names the DATE columns an existing table has as TIMESTAMP', () => {
    const schema: TargetSchema = {
      ...fact,
      columns: [...fact.columns, { name: 'invoice_date', type: 'DATE', role: 'data' }],
    };
    const snap = {
      ...snapshot({ fact_ap_invoice: all(schema) }),
      columnTypes: new Map([
        [
          'fact_ap_invoice',
          new Map([
            ['invoice_date', 'TIMESTAMP'],
            ['_sync_date', 'DATE'],
          ]),
        ],
      ]),
    };
    expect(keptTimestampColumns(snap, schema)).toEqual(['invoice_date']);
    expect(keptTimestampColumns(snapshot({}), schema)).toEqual([]);
  });
});
