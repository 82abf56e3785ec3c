/**
 * Brings the destination schema in line with the TargetSchemas using one introspection statement: creates what is
 * missing (catalog, schema, volume, connector tables, target tables), adds columns a table lacks (a column dropped
 * by hand comes back; a column added by hand is left alone), and (re)creates a fact's `_current` view only when its
 * table was created or altered, or the view is missing. A steady-state run issues just the introspection.
 */

import { ConnectorError } from '../../errors.ts';
import type { TargetColumn, TargetSchema } from '../../mapping/target-schema.ts';
import { type DestinationClient, rowObjects } from './destination-client.ts';
import {
  addColumnsSql,
  createCatalogSql,
  createCurrentViewSql,
  createSchemaSql,
  createTableSql,
  createVolumeSql,
  currentViewName,
  moveColumnAfterSql,
  STATS_COLUMNS,
  SYNC_DATE_COLUMN,
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
  /** table → its columns in table order (lower case), as far as introspected. */
  columnOrder?: Map<string, string[]>;
  /** table → column → type as the metastore reports it (upper case, e.g. `TIMESTAMP`, `DATE`). */
  columnTypes?: Map<string, Map<string, string>>;
  views: Set<string>;
}

/** A DDL statement with what it does, run in `phase` order (statements of one phase are independent). */
export interface PlannedStatement {
  phase: number;
  kind:
    | 'catalog'
    | 'schema'
    | 'volume'
    | 'state-table'
    | 'create-table'
    | 'add-columns'
    | 'reorder-column'
    | 'view'
    // schema-policy.ts: Delta type widening of a retyped field
    | 'table-property'
    | 'alter-type';
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
    columnOrder: new Map(),
    columnTypes: new Map(),
    views: new Set(),
  };
  const columns: { table: string; column: string; position: number; type: string }[] = [];
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
        if (row.column_name) {
          columns.push({
            table: name,
            column: row.column_name.toLowerCase(),
            position: Number(row.column_position ?? columns.length),
            type: (row.column_type ?? '').toUpperCase(),
          });
        }
        break;
    }
  }
  // Columns of views are listed too; keep only those of tables.
  columns.sort((a, b) => a.position - b.position);
  for (const { table, column, type } of columns) {
    if (!snapshot.tables.has(table)) continue;
    snapshot.tables.get(table)?.add(column);
    const order = snapshot.columnOrder?.get(table) ?? [];
    order.push(column);
    snapshot.columnOrder?.set(table, order);
    const types = snapshot.columnTypes?.get(table) ?? new Map<string, string>();
    types.set(column, type);
    snapshot.columnTypes?.set(table, types);
  }
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
      const reorder = reorderSyncDate(ref, schema, snapshot.columnOrder?.get(schema.table.toLowerCase()));
      if (reorder) plan.push(reorder);
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

/**
 * A table an earlier version created with the data columns first has `_sync_date` past the first 32 columns, where
 * Delta keeps no statistics (its CLUSTER BY would fail today, and data skipping cannot use it): move it right after
 * the surrogate key (`ALTER TABLE … ALTER COLUMN … AFTER`, a metadata-only reorder on Delta — Databricks "Update
 * Delta Lake table schema": reorder existing columns). Once moved, introspection sees it in place: runs once.
 */
function reorderSyncDate(
  ref: SchemaRef,
  schema: TargetSchema,
  order: string[] | undefined,
): PlannedStatement | undefined {
  if (!order) return undefined;
  const at = order.indexOf(SYNC_DATE_COLUMN);
  if (at < STATS_COLUMNS || !order.includes(schema.keyColumn.toLowerCase())) return undefined;
  return {
    phase: 2,
    kind: 'reorder-column',
    target: schema.table,
    sql: moveColumnAfterSql(ref, schema.table, SYNC_DATE_COLUMN, schema.keyColumn),
  };
}

/**
 * Columns an earlier version created as TIMESTAMP that are DATE now (Epicor calendar dates). They stay TIMESTAMP:
 * changing a column's type is a rewrite of the table (Delta allows no TIMESTAMP → DATE change in place), so the
 * load keeps writing midnight UTC there, as before, and nothing is lost. `resync <entity>` rebuilds the table
 * with DATE columns.
 */
export function keptTimestampColumns(snapshot: CatalogSnapshot, schema: TargetSchema): string[] {
  const types = snapshot.columnTypes?.get(schema.table.toLowerCase());
  if (!types) return [];
  return schema.columns
    .filter((c) => c.type === 'DATE' && /^TIMESTAMP(?!_NTZ)/.test(types.get(c.name.toLowerCase()) ?? ''))
    .map((c) => c.name);
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
  for (const p of plan) {
    if (p.kind !== 'reorder-column') continue;
    const order = snapshot.columnOrder?.get(p.target.toLowerCase()) ?? [];
    const schema = schemas.find((x) => x.table === p.target);
    const rest = order.filter((c) => c !== SYNC_DATE_COLUMN);
    const key = rest.indexOf(schema?.keyColumn.toLowerCase() ?? '');
    rest.splice(key + 1, 0, SYNC_DATE_COLUMN);
    snapshot.columnOrder?.set(p.target.toLowerCase(), rest);
  }
  for (const schema of schemas) {
    const table = schema.table.toLowerCase();
    const columns = snapshot.tables.get(table) ?? new Set<string>();
    const order = snapshot.columnOrder?.get(table) ?? [];
    const types = snapshot.columnTypes?.get(table) ?? new Map<string, string>();
    for (const c of schema.columns) {
      const name = c.name.toLowerCase();
      if (!columns.has(name)) order.push(name);
      columns.add(name);
      if (!types.has(name)) types.set(name, c.type);
    }
    snapshot.tables.set(table, columns);
    snapshot.columnOrder?.set(table, order);
    snapshot.columnTypes?.set(table, types);
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
    await Promise.all(
      plan
        .filter((p) => p.phase === phase)
        .map((p) =>
          client.statements.execute(p.sql, { signal }).catch((e: unknown) => {
            throw p.kind === 'catalog' ? catalogCreationError(p.target, e) : e;
          }),
        ),
    );
  }
}

/**
 * Creating a catalog needs CREATE CATALOG on the metastore and, where the metastore has no storage root (workspaces
 * enabled for Unity Catalog automatically), a MANAGED LOCATION: the usual fix is to load into an existing catalog.
 */
function catalogCreationError(catalog: string, e: unknown): unknown {
  if (!(e instanceof ConnectorError) || e.code !== 'STATEMENT_FAILED') return e;
  return new ConnectorError(
    'STATEMENT_FAILED',
    `Catalog ${catalog} does not exist and could not be created (${e.message}). Set databricks.catalog to an existing ` +
      `catalog (SHOW CATALOGS lists them; \`main\` or the workspace catalog usually exists), or have an admin create ` +
      `${catalog} with a MANAGED LOCATION.`,
    { cause: e, details: e.details },
  );
}
