/**
 * Brings the destination schema in line with the TargetSchemas using one introspection statement: creates what is
 * missing (catalog, schema, volume, connector tables, target tables), adds columns a table lacks (a column dropped
 * by hand comes back; a column added by hand is left alone), and (re)creates a fact's `_current` view only when its
 * table was created or altered, or the view is missing. A steady-state run issues just the introspection.
 */
import type { TargetColumn, TargetSchema } from '../../mapping/target-schema.ts';
import { type DestinationClient, rowObjects } from './client-port.ts';
import {
  addColumnsSql,
  createCatalogSql,
  createCurrentViewSql,
  createSchemaSql,
  createTableSql,
  createVolumeSql,
  currentViewName,
  type TableLayout,
} from './sql/ddl-sql.ts';
import type { SchemaRef } from './sql/identifier.ts';
import { INTROSPECTION_SQL, introspectionParameters } from './sql/introspection-sql.ts';
import { createStateTablesSql } from './sql/state-sql.ts';

/** What exists in the destination, names in lower case. */
export interface CatalogSnapshot {
  catalogExists: boolean;
  schemaExists: boolean;
  volumeExists: boolean;
  /** table → its columns. */
  tables: Map<string, Set<string>>;
  views: Set<string>;
}

/** A DDL statement with what it does, run in `phase` order (statements of one phase are independent). */
export interface PlannedStatement {
  phase: number;
  kind: 'catalog' | 'schema' | 'volume' | 'state-table' | 'create-table' | 'add-columns' | 'view';
  target: string;
  sql: string;
}

export interface SchemaPlanInput {
  ref: SchemaRef;
  volume: string;
  layout: TableLayout;
  schemas: readonly TargetSchema[];
}

/** Reads the catalog snapshot with one statement. */
export async function introspect(
  client: DestinationClient,
  ref: SchemaRef,
  volume: string,
  signal?: AbortSignal,
): Promise<CatalogSnapshot> {
  const result = await client.statements.execute(INTROSPECTION_SQL, {
    parameters: introspectionParameters(ref, volume),
    signal,
  });
  const snapshot: CatalogSnapshot = {
    catalogExists: false,
    schemaExists: false,
    volumeExists: false,
    tables: new Map(),
    views: new Set(),
  };
  const columns: [string, string][] = [];
  for (const row of rowObjects(result)) {
    const name = (row.object_name ?? '').toLowerCase();
    switch (row.kind) {
      case 'catalog':
        snapshot.catalogExists = true;
        break;
      case 'schema':
        snapshot.schemaExists = true;
        break;
      case 'volume':
        snapshot.volumeExists = true;
        break;
      case 'table':
        if (!snapshot.tables.has(name)) snapshot.tables.set(name, new Set());
        break;
      case 'view':
        snapshot.views.add(name);
        break;
      case 'column':
        if (row.column_name) columns.push([name, row.column_name.toLowerCase()]);
        break;
    }
  }
  // Columns of views are listed too; keep only those of tables.
  for (const [table, column] of columns) snapshot.tables.get(table)?.add(column);
  // A table implies its schema and catalog, whatever the metastore listing lagged on.
  if (snapshot.tables.size > 0 || snapshot.views.size > 0 || snapshot.volumeExists) snapshot.schemaExists = true;
  if (snapshot.schemaExists) snapshot.catalogExists = true;
  return snapshot;
}

/** The DDL needed to go from `snapshot` to the wanted objects, in phases. */
export function planSchemaChanges(snapshot: CatalogSnapshot, input: SchemaPlanInput): PlannedStatement[] {
  const { ref, volume, layout, schemas } = input;
  const plan: PlannedStatement[] = [];
  if (!snapshot.catalogExists) {
    plan.push({ phase: 0, kind: 'catalog', target: ref.catalog, sql: createCatalogSql(ref.catalog) });
  }
  if (!snapshot.schemaExists) {
    plan.push({ phase: 1, kind: 'schema', target: ref.schema, sql: createSchemaSql(ref) });
  }
  if (!snapshot.volumeExists) {
    plan.push({ phase: 2, kind: 'volume', target: volume, sql: createVolumeSql(ref, volume) });
  }
  for (const [table, sql] of Object.entries(createStateTablesSql(ref))) {
    if (!snapshot.tables.has(table)) plan.push({ phase: 2, kind: 'state-table', target: table, sql });
  }
  for (const schema of schemas) {
    const existing = snapshot.tables.get(schema.table.toLowerCase());
    let changed = false;
    if (!existing) {
      plan.push({ phase: 2, kind: 'create-table', target: schema.table, sql: createTableSql(ref, schema, layout) });
      changed = true;
    } else {
      const missing: TargetColumn[] = schema.columns.filter((c) => !existing.has(c.name.toLowerCase()));
      if (missing.length > 0) {
        plan.push({
          phase: 2,
          kind: 'add-columns',
          target: schema.table,
          sql: addColumnsSql(ref, schema.table, missing),
        });
        changed = true;
      }
    }
    const view = currentViewName(schema.table);
    if (schema.kind === 'fact' && (changed || !snapshot.views.has(view.toLowerCase()))) {
      plan.push({ phase: 3, kind: 'view', target: view, sql: createCurrentViewSql(ref, schema) });
    }
  }
  return plan;
}

/** Updates `snapshot` with what an applied plan created, so it can be planned against again without introspecting. */
export function recordApplied(
  snapshot: CatalogSnapshot,
  plan: readonly PlannedStatement[],
  schemas: readonly TargetSchema[],
): void {
  for (const p of plan) {
    if (p.kind === 'catalog') snapshot.catalogExists = true;
    if (p.kind === 'schema') snapshot.schemaExists = true;
    if (p.kind === 'volume') snapshot.volumeExists = true;
    if (p.kind === 'state-table') snapshot.tables.set(p.target.toLowerCase(), new Set());
    if (p.kind === 'view') snapshot.views.add(p.target.toLowerCase());
  }
  for (const schema of schemas) {
    const table = schema.table.toLowerCase();
    const columns = snapshot.tables.get(table) ?? new Set<string>();
    for (const c of schema.columns) columns.add(c.name.toLowerCase());
    snapshot.tables.set(table, columns);
  }
}

/** Runs a plan phase by phase, the statements of one phase in parallel. */
export async function applyPlan(
  client: DestinationClient,
  plan: readonly PlannedStatement[],
  signal?: AbortSignal,
): Promise<void> {
  const phases = [...new Set(plan.map((p) => p.phase))].sort((a, b) => a - b);
  for (const phase of phases) {
    await Promise.all(plan.filter((p) => p.phase === phase).map((p) => client.statements.execute(p.sql, { signal })));
  }
}
