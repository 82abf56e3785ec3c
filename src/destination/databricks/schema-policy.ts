/**
 * The schema-change policy (config `schemaChanges`, issue 19 item 3): compares what a load wants to write (the
 * TargetSchema from the source's `$metadata`) with the existing table, and decides per table what happens.
 *
 * - new field → ADD COLUMNS (allow, columns-only); refused under block.
 * - removed field (a data column no source field maps to any more) → the column stays, new rows hold NULL there and
 *   an updated dimension row keeps its last value (allow, columns-only); refused under block.
 * - retyped field, never applied as a narrowing:
 *   - the new type fits in the column (e.g. Int64 → Int32, DECIMAL(20,4) → DECIMAL(18,2)): the column keeps its type
 *     and the load writes into it (the MERGE casts up); reported. Refused under block.
 *   - the column can be widened in place under Delta type widening (INT → BIGINT/DECIMAL/DOUBLE, BIGINT → DECIMAL,
 *     DECIMAL(p,s) → DECIMAL(p+k1,s+k2) with k1 ≥ k2 ≥ 0 — Databricks "Type widening",
 *     https://docs.databricks.com/aws/en/tables/features/type-widening): `SET TBLPROPERTIES
 *     ('delta.enableTypeWidening' = 'true')` and `ALTER COLUMN … TYPE` (allow only).
 *   - anything else (e.g. INT → STRING, BOOLEAN → INT): a new column `<column>__<type>` (e.g. `qty__string`) takes the
 *     values from now on, the old column keeps the old ones (allow only).
 *   columns-only and block refuse widening and new-type columns.
 * A refused table is left untouched and its load fails with SCHEMA_CHANGE_BLOCKED naming the fields and the key.
 */
import type { TargetColumn, TargetSchema } from '../../mapping/target-schema.ts';
import type { PlannedStatement } from './schema-sync.ts';
import { columnTypeSql } from './sql/ddl-sql.ts';
import { historyTableOf } from './sql/history-sql.ts';
import { quoteIdentifier, type SchemaRef, tableName } from './sql/identifier.ts';

export type SchemaChangePolicy = 'allow' | 'columns-only' | 'block';

/** The policy of the entity that loads a table, with the names a message needs. */
export interface TablePolicy {
  policy: SchemaChangePolicy;
  /** Entity name (`vendors`). */
  entity: string;
  /** The config key that sets it (`schemaChanges` or `schemaChanges.vendors`). */
  key: string;
}

export interface RetypedColumn {
  column: string;
  field: string;
  from: string;
  to: string;
  action: 'kept' | 'widened' | 'new-column';
  /** The column that takes the values under `new-column`. */
  into?: string;
}

export interface TableDecision {
  table: string;
  /** The schema the load writes (retyped columns renamed to their new-type column). */
  effective: TargetSchema;
  /** Column → the new-type column its values load into (what `effective` renamed). */
  renames: Map<string, string>;
  newFields: string[];
  removedColumns: string[];
  retyped: RetypedColumn[];
  /** DDL beyond ADD COLUMNS (type widening), in phase order per table. */
  statements: PlannedStatement[];
  /** Set when the policy refuses the change: the message the load fails with. */
  blocked?: string;
  /** What to tell the user once (changes applied or kept). */
  notices: string[];
}

/** Column name → type as the metastore reports it (any case). */
export type ExistingColumns = ReadonlyMap<string, string>;

/**
 * Decides one table. `existing` is undefined when the table does not exist yet (created as wanted). `history` holds
 * the columns of `<table>_history` when it exists (widened along with the table).
 */
export function decideTable(
  ref: SchemaRef,
  wanted: TargetSchema,
  existing: ExistingColumns | undefined,
  policy: TablePolicy,
  history?: ExistingColumns,
): TableDecision {
  const decision: TableDecision = {
    table: wanted.table,
    effective: wanted,
    renames: new Map(),
    newFields: [],
    removedColumns: [],
    retyped: [],
    statements: [],
    notices: [],
  };
  if (!existing) return decision;
  const types = new Map([...existing].map(([k, v]) => [k.toLowerCase(), normaliseType(v)]));
  const wantedNames = new Set(wanted.columns.map((c) => c.name.toLowerCase()));
  const columns: TargetColumn[] = [];
  for (const c of wanted.columns) {
    const have = types.get(c.name.toLowerCase());
    if (have === undefined) {
      if (c.role === 'data') decision.newFields.push(c.sourceField ?? c.name);
      columns.push(c);
      continue;
    }
    const want = normaliseType(c.type);
    // A type the metastore did not report (an older snapshot shape) is taken as unchanged rather than guessed at.
    if (have === '') {
      columns.push(c);
      continue;
    }
    // TIMESTAMP kept for a DATE field is the earlier version's layout (kept-timestamps.ts), not a source change.
    if (c.role !== 'data' || have === want || (have === 'TIMESTAMP' && want === 'DATE')) {
      columns.push(c);
      continue;
    }
    const field = c.sourceField ?? c.name;
    if (holds(want, have)) {
      decision.retyped.push({ column: c.name, field, from: have, to: want, action: 'kept' });
      columns.push(c);
    } else if (holds(have, want)) {
      decision.retyped.push({ column: c.name, field, from: have, to: want, action: 'widened' });
      columns.push(c);
    } else {
      const into = newTypeColumn(c.name, c.type);
      const intoType = types.get(into.toLowerCase());
      if (intoType !== undefined && intoType !== want) {
        decision.blocked =
          `${policy.entity} (${wanted.table}): field ${field} changed type ${have} → ${want}, and column ${into} that ` +
          `would take the new values exists with type ${intoType}. Rename or drop ${into}, or rebuild the table with \`ml-connector resync ${policy.entity}\`.`;
      }
      // Accepted in an earlier run (the new-type column is there): loads into it with no change to decide.
      if (intoType === undefined)
        decision.retyped.push({ column: c.name, field, from: have, to: want, action: 'new-column', into });
      columns.push({ ...c, name: into });
      decision.renames.set(c.name, into);
    }
  }
  const excluded = new Set((wanted.excludedColumns ?? []).map((n) => n.toLowerCase()));
  for (const name of existing.keys()) {
    const lower = name.toLowerCase();
    if (wantedNames.has(lower) || excluded.has(lower) || lower.startsWith('_') || lower.includes('__')) continue;
    decision.removedColumns.push(lower);
  }
  decision.effective = { ...wanted, columns };
  if (decision.blocked) return decision;

  const refused = refusal(decision, policy);
  if (refused) {
    decision.blocked = refused;
    decision.effective = wanted;
    decision.renames.clear();
    return decision;
  }
  planWidening(ref, decision, history);
  describe(decision, policy);
  return decision;
}

/** The message of a change the policy refuses, or undefined. */
function refusal(d: TableDecision, p: TablePolicy): string | undefined {
  const typeChanges = d.retyped.filter((r) => r.action !== 'kept');
  const refused =
    p.policy === 'block'
      ? d.newFields.length > 0 || d.removedColumns.length > 0 || d.retyped.length > 0
      : p.policy === 'columns-only'
        ? typeChanges.length > 0
        : false;
  if (!refused) return undefined;
  const listed = p.policy === 'block' ? d.retyped : typeChanges;
  const parts: string[] = [];
  if (p.policy === 'block' && d.newFields.length > 0) parts.push(`new fields ${d.newFields.join(', ')}`);
  if (p.policy === 'block' && d.removedColumns.length > 0) {
    parts.push(`removed fields (columns no source field maps to) ${d.removedColumns.join(', ')}`);
  }
  if (listed.length > 0)
    parts.push(`retyped fields ${listed.map((r) => `${r.field} (${r.from} → ${r.to})`).join(', ')}`);
  const accept = p.policy === 'block' ? 'columns-only or allow' : 'allow';
  return (
    `${p.entity} (${d.table}): the source's schema changed and ${p.key} is ${p.policy}: ${parts.join('; ')}. ` +
    `Nothing was loaded and the table was not changed. To accept, set ${p.key}: ${accept} ` +
    `(or \`schemaChanges: { default: ${p.policy}, ${p.entity}: allow }\`) and sync again; \`ml-connector resync ${p.entity}\` rebuilds the table instead.`
  );
}

/** Type-widening DDL for the `widened` columns, on the table and its history table. */
function planWidening(ref: SchemaRef, d: TableDecision, history: ExistingColumns | undefined): void {
  const widened = d.retyped.filter((r) => r.action === 'widened');
  if (widened.length === 0) return;
  const historyTypes = history && new Map([...history].map(([k, v]) => [k.toLowerCase(), normaliseType(v)]));
  const targets: { table: string; columns: RetypedColumn[] }[] = [{ table: d.table, columns: widened }];
  if (historyTypes) {
    const cols = widened.filter((r) => {
      const t = historyTypes.get(r.column.toLowerCase());
      return t !== undefined && t !== r.to && holds(t, r.to);
    });
    if (cols.length > 0) targets.push({ table: historyTableOf(d.table), columns: cols });
  }
  for (const { table, columns } of targets) {
    // One table's metadata changes run one after another (concurrent ALTERs of one Delta table conflict).
    let phase = 2.1;
    d.statements.push({
      phase,
      kind: 'table-property',
      target: table,
      sql: `ALTER TABLE ${tableName(ref, table)} SET TBLPROPERTIES ('delta.enableTypeWidening' = 'true')`,
    });
    for (const r of columns) {
      phase = Math.round((phase + 0.01) * 100) / 100;
      d.statements.push({
        phase,
        kind: 'alter-type',
        target: table,
        sql: `ALTER TABLE ${tableName(ref, table)} ALTER COLUMN ${quoteIdentifier(r.column, 'column')} TYPE ${columnTypeSql(r.to)}`,
      });
    }
  }
}

function describe(d: TableDecision, p: TablePolicy): void {
  const where = `${p.entity} (${d.table})`;
  for (const r of d.retyped) {
    if (r.action === 'kept') {
      d.notices.push(
        `${where}: field ${r.field} changed type ${r.from} → ${r.to} in the source; column ${r.column} keeps ${r.from}, which holds every ${r.to} value (no narrowing).`,
      );
    } else if (r.action === 'widened') {
      d.notices.push(
        `${where}: field ${r.field} changed type ${r.from} → ${r.to}; column ${r.column} widened in place (Delta type widening).`,
      );
    } else {
      d.notices.push(
        `${where}: field ${r.field} changed type ${r.from} → ${r.to}, which ${r.from} cannot be widened to; new values load into the new column ${r.into}, column ${r.column} keeps the earlier ones.`,
      );
    }
  }
  if (d.removedColumns.length > 0) {
    d.notices.push(
      `${where}: ${d.removedColumns.join(', ')} no longer come from the source (field removed or renamed); the columns stay, rows loaded from now on hold NULL there.`,
    );
  }
}

/**
 * The schema one load writes: `schema` (one company's, a subset of the table's union) with the decision's renames.
 * Column order stays the schema's, so the mapper's values still line up.
 */
export function withRenames(schema: TargetSchema, decision: TableDecision | undefined): TargetSchema {
  if (!decision || decision.renames.size === 0) return schema;
  const renames = decision.renames;
  return {
    ...schema,
    columns: schema.columns.map((c) => (renames.has(c.name) ? { ...c, name: renames.get(c.name)! } : c)),
  };
}

/** `qty` + STRING → `qty__string`; DECIMAL(28,6) → `qty__decimal_28_6`. */
export function newTypeColumn(column: string, type: string): string {
  return `${column}__${normaliseType(type)
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/_+$/, '')}`;
}

/** A metastore type text in the connector's spelling: upper case, no spaces, INTEGER → INT, LONG → BIGINT. */
export function normaliseType(type: string): string {
  const t = type.toUpperCase().replace(/\s+/g, '');
  if (t === 'INTEGER') return 'INT';
  if (t === 'LONG') return 'BIGINT';
  if (t === 'DECIMAL' || t === 'NUMERIC') return 'DECIMAL(10,0)';
  return t.replace(/^NUMERIC/, 'DECIMAL');
}

function decimalOf(t: string): { p: number; s: number } | undefined {
  const m = /^DECIMAL\((\d+),(\d+)\)$/.exec(t);
  return m ? { p: Number(m[1]), s: Number(m[2]) } : undefined;
}

/** Integer digits each integral type needs in a DECIMAL (Databricks: INT → DECIMAL(10,0), BIGINT → DECIMAL(20,0)). */
const INTEGER_DIGITS: Record<string, number> = { INT: 10, BIGINT: 20 };

/**
 * Whether every value of type `narrow` is held exactly by type `wide` — which is also exactly when Delta can widen a
 * `narrow` column to `wide` in place (the type-widening table of Databricks' docs, for the types the connector
 * writes): INT → BIGINT, DECIMAL(≥10 integer digits), DOUBLE; BIGINT → DECIMAL(≥20 integer digits);
 * DECIMAL(p,s) → DECIMAL(p+k1, s+k2), k1 ≥ k2 ≥ 0.
 */
export function holds(narrow: string, wide: string): boolean {
  const n = normaliseType(narrow);
  const w = normaliseType(wide);
  if (n === w) return true;
  if (n === 'INT' && (w === 'BIGINT' || w === 'DOUBLE')) return true;
  const wd = decimalOf(w);
  if (!wd) return false;
  const digits = INTEGER_DIGITS[n];
  if (digits !== undefined) return wd.p - wd.s >= digits;
  const nd = decimalOf(n);
  return nd !== undefined && wd.s >= nd.s && wd.p - wd.s >= nd.p - nd.s;
}
