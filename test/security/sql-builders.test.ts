/**
 * Every generated statement validates and quotes its identifiers: each SQL builder, given a hostile name in each
 * identifier slot (catalog, schema, table, column, key column, volume) or a hostile column type / deletion mark /
 * staging folder, throws instead of returning SQL — and with safe names, every identifier it emits is backtick-quoted
 * or a fixed keyword, and no value ever appears in the text.
 */
import { describe, expect, it } from 'vitest';
import * as ddl from '../../src/destination/databricks/sql/ddl-sql.ts';
import type { SchemaRef } from '../../src/destination/databricks/sql/identifier.ts';
import { mergeSql } from '../../src/destination/databricks/sql/merge-sql.ts';
import * as reconcile from '../../src/destination/databricks/sql/reconcile-sql.ts';
import * as state from '../../src/destination/databricks/sql/state-sql.ts';
import { entityFolder, volumeRoot } from '../../src/destination/databricks/sql/volume-path.ts';
import type { TargetSchema } from '../../src/mapping/target-schema.ts';
import { HOSTILE_NAMES, HOSTILE_VALUES } from './hostile-inputs.ts';

interface Slots {
  catalog: string;
  schema: string;
  table: string;
  column: string;
  key: string;
  volume: string;
}
const SAFE: Slots = {
  catalog: 'main',
  schema: 'epicor',
  table: 'dim_vendor',
  column: 'name',
  key: 'vendor_key',
  volume: 'staging',
};

function schemaOf(s: Slots, kind: 'dimension' | 'fact'): TargetSchema {
  return {
    table: s.table,
    kind,
    keyColumn: s.key,
    columns: [
      { name: s.key, type: 'STRING', role: 'key' },
      { name: s.column, type: 'STRING', role: 'data' },
      { name: '_source_rev', type: 'BIGINT', role: 'lineage' },
      { name: '_sync_date', type: 'DATE', role: 'lineage' },
      { name: '_is_deleted', type: 'BOOLEAN', role: 'lineage' },
    ],
  };
}

/** Every builder, as (name, build) pairs over one set of slot values. */
function statements(s: Slots): [string, () => string][] {
  const ref: SchemaRef = { catalog: s.catalog, schema: s.schema };
  const out: [string, () => string][] = [];
  for (const kind of ['dimension', 'fact'] as const) {
    const t = schemaOf(s, kind);
    out.push(
      [`createTableSql ${kind} cluster`, () => ddl.createTableSql(ref, t, 'cluster')],
      [`createTableSql ${kind} partition`, () => ddl.createTableSql(ref, t, 'partition')],
      [`addColumnsSql ${kind}`, () => ddl.addColumnsSql(ref, s.table, t.columns.slice(1, 2))],
      [`createCurrentViewSql ${kind}`, () => ddl.createCurrentViewSql(ref, t)],
      [
        `mergeSql ${kind}`,
        () => mergeSql(ref, t, entityFolder(volumeRoot(ref, s.volume), '20260101T000000Z-ab12', 'vendors')),
      ],
      [`targetStateSql ${kind}`, () => reconcile.targetStateSql(ref, t, { after: true, limit: 1000 })],
      [
        `markDeletedSql ${kind}`,
        () => reconcile.markDeletedSql(ref, t, [{ key: '0123456789abcdef0123456789abcdef', rev: '42' }]),
      ],
      [`runKeysSql ${kind}`, () => reconcile.runKeysSql(ref, t, [s.key, s.column], { after: true, limit: 1000 })],
    );
  }
  out.push(
    ['createCatalogSql', () => ddl.createCatalogSql(s.catalog)],
    ['createSchemaSql', () => ddl.createSchemaSql(ref)],
    ['createVolumeSql', () => ddl.createVolumeSql(ref, s.volume)],
    ['findRunSql', () => reconcile.findRunSql(ref)],
    ...[state.STATE_TABLE, state.RUNS_TABLE, state.LOCK_TABLE].map((n): [string, () => string] => [
      n,
      () => state.createStateTablesSql(ref)[n],
    ]),
  );
  for (const [name, fn] of Object.entries(state)) {
    if (typeof fn === 'function' && name.endsWith('Sql') && name !== 'createStateTablesSql') {
      out.push([name, () => (fn as (r: SchemaRef) => string)(ref)]);
    }
  }
  return out;
}

/** Which slots each builder reads (a builder that ignores a slot cannot be fooled by it). */
function uses(builder: string, slot: keyof Slots): boolean {
  if (slot === 'catalog') return true;
  if (builder === 'createCatalogSql') return false;
  if (slot === 'schema') return true;
  if (slot === 'volume') return builder === 'createVolumeSql' || builder.startsWith('mergeSql');
  if (/^(createSchemaSql|createVolumeSql|findRunSql|_ml_)/.test(builder) || !/ (dimension|fact)/.test(builder)) {
    return false;
  }
  if (slot === 'table') return true;
  if (slot === 'key') return !builder.startsWith('addColumnsSql');
  // column
  return /^(createTableSql|addColumnsSql|mergeSql|runKeysSql)/.test(builder);
}

describe('SQL builders with hostile identifiers', () => {
  const safe = statements(SAFE);

  it('with safe names, every builder quotes each identifier and emits no value', () => {
    expect(safe.length).toBeGreaterThanOrEqual(28);
    for (const [name, build] of safe) {
      // The staging path literal is checked by pathLiteral (volume-path tests); names in it are not identifiers.
      const sql = build().replace(/'\/Volumes\/[^']*'/g, "'<path>'");
      expect(sql, name).not.toMatch(/;/);
      expect(sql, name).not.toMatch(/--|\/\*/);
      for (const v of HOSTILE_VALUES) expect(sql.includes(v), `${name}: ${v}`).toBe(false);
      // Names the caller chose appear only inside backticks.
      for (const n of [SAFE.table, SAFE.column, SAFE.key, SAFE.schema, SAFE.catalog]) {
        const bare = new RegExp(`(^|[^\`\\w])${n}([^\`\\w]|$)`);
        expect(sql, `${name}: ${n} unquoted`).not.toMatch(bare);
      }
    }
  });

  const slots = Object.keys(SAFE) as (keyof Slots)[];
  const cases = slots.flatMap((slot) => HOSTILE_NAMES.map((bad) => [slot, bad] as const));
  it.each(cases)('%s = %j is refused by every builder that uses it', (slot, bad) => {
    let refused = 0;
    for (const [name, build] of statements({ ...SAFE, [slot]: bad })) {
      if (!uses(name, slot)) continue;
      let sql: string | undefined;
      try {
        sql = build();
      } catch (e) {
        refused++;
        expect((e as Error).message, name).toMatch(/not allowed|not a|invalid|unsupported|must/i);
        continue;
      }
      expect.fail(`${name} returned SQL with ${slot}=${JSON.stringify(bad)}: ${sql}`);
    }
    expect(refused).toBeGreaterThan(0);
  });

  it.each([['STRING; DROP TABLE x'], ['DECIMAL(10,2)) --'], ['DECIMAL(99,2)'], ['string']])(
    'column type %j is refused',
    (type) => {
      const t = schemaOf(SAFE, 'dimension');
      t.columns[1] = { ...t.columns[1], type: type as 'STRING' };
      expect(() => ddl.createTableSql(SAFE, t, 'cluster')).toThrow();
      expect(() => ddl.addColumnsSql(SAFE, t.table, [t.columns[1]])).toThrow();
    },
  );

  it.each([
    [{ key: "0123456789abcdef0123456789abcde'", rev: '1' }],
    [{ key: "' OR 1=1 --", rev: '1' }],
    [{ key: '0123456789abcdef0123456789abcdef', rev: '1 OR 1=1' }],
    [{ key: '0123456789abcdef0123456789abcdef', rev: "1'; DROP TABLE x; --" }],
  ])('deletion mark %j is refused (the only inlined values)', (mark) => {
    expect(() => reconcile.markDeletedSql(SAFE, schemaOf(SAFE, 'fact'), [mark])).toThrow();
  });

  it.each([["s'1"], ['../x'], ['a;b'], ['x`y']])('staging sync id %j is refused before it reaches a MERGE', (id) => {
    expect(() => mergeSql(SAFE, schemaOf(SAFE, 'fact'), entityFolder(volumeRoot(SAFE, 'staging'), id, 'v'))).toThrow();
  });
});
