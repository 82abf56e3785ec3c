/**
 * The Databricks destination: prepares the schema (one introspection, DDL only for what is missing), loads each
 * entity through staged Parquet and one MERGE, cleans staging, and exposes the state store and run lock.
 */
import { type Clock, systemClock } from '../../clock.ts';
import type { DatabricksConfig } from '../../config/schema.ts';
import { ConnectorError } from '../../errors.ts';
import { normaliseInstance } from '../../mapping/surrogate-key.ts';
import type { TargetSchema } from '../../mapping/target-schema.ts';
import type { CompanyScope, DestinationPort, StatePort } from '../../pipeline/ports.ts';
import { deferredLoad } from './deferred-load.ts';
import type { DestinationClient } from './destination-client.ts';
import { createEntityLoad, type StagedLoad } from './entity-load.ts';
import { keepTimestamps, withKeptTimestamps } from './kept-timestamps.ts';
import { createDestinationLock, type DestinationLock, type DestinationLockOptions } from './lock.ts';
import { decideTable, type TableDecision, type TablePolicy, withRenames } from './schema-policy.ts';
import {
  applyPlan,
  type CatalogSnapshot,
  introspect,
  keptTimestampColumns,
  type PlannedStatement,
  planSchemaChanges,
  recordApplied,
} from './schema-sync.ts';
import { asOfFunctionSql } from './sql/as-of-function.ts';
import { createCurrentViewSql, currentViewName } from './sql/ddl-sql.ts';
import { historySchemaOf, historyTableOf, seedHistorySql } from './sql/history-sql.ts';
import type { SchemaRef } from './sql/identifier.ts';
import { StagingArea } from './staging.ts';
import { createStateStore } from './state-store.ts';
import { closeDeletedHistory, markDeleted, readRunKeys, readTargetState, type TargetScope } from './target-keys.ts';

export interface DatabricksDestinationOptions {
  client: DestinationClient;
  config: Pick<DatabricksConfig, 'catalog' | 'schema' | 'volume' | 'layout'> &
    Partial<Pick<DatabricksConfig, 'stagingCompression'>>;
  clock?: Clock;
  /** Rows per Parquet part (default 5,000: memory stays flat whatever the table size). */
  partRows?: number;
  /** Approximate bytes per Parquet part (default 4 MiB). */
  partBytes?: number;
  /** Uploads in flight per entity (default 2). */
  uploadsPerEntity?: number;
  lock?: Omit<DestinationLockOptions, 'clock'>;
  /** Dimension tables that also keep an SCD2 `<table>_history` (config `history`, as table names). */
  historyTables?: readonly string[];
  /**
   * The schema-change policy of the entity loading a table (config `schemaChanges`); default `allow`, the entity
   * named by its table.
   */
  schemaChangePolicy?: (table: string) => TablePolicy;
  /** Told once per table about what an existing table keeps from an earlier version (e.g. TIMESTAMP date columns). */
  onNotice?: (message: string, details: Record<string, unknown>) => void;
}

export interface OpenEntityLoadOptions {
  signal?: AbortSignal;
}

/** The pipeline's DestinationPort over Databricks, plus what the entry points use directly. */
export interface DatabricksDestination extends DestinationPort {
  /** Creates/alters what the schemas need; one statement when nothing is missing. Returns the DDL it ran. */
  prepare(schemas: readonly TargetSchema[], signal?: AbortSignal): Promise<PlannedStatement[]>;
  /** Starts loading one entity of a run into `schema.table`. */
  openEntityLoad(schema: TargetSchema, syncId: string, entityName: string, options?: OpenEntityLoadOptions): StagedLoad;
  /** Removes staging folders of dead runs (any but `currentSyncId`); returns their sync ids. */
  cleanupOrphans(currentSyncId: string): Promise<string[]>;
  /** What exists in the target (one read-only statement): for a dry run's preview. */
  snapshot(signal?: AbortSignal): Promise<CatalogSnapshot>;
  /** Removes the run's own staging folder once every entity committed. */
  cleanupRun(syncId: string): Promise<void>;
  state: StatePort;
  lock: DestinationLock;
}

/** Builds the destination over a Databricks client and the `databricks` config section. */
export function createDatabricksDestination(options: DatabricksDestinationOptions): DatabricksDestination {
  const { client, config } = options;
  const clock = options.clock ?? systemClock;
  const ref: SchemaRef = { catalog: config.catalog, schema: config.schema };
  const staging = new StagingArea(client, ref, config.volume);
  let known: CatalogSnapshot | undefined;
  const historyTables = new Set(options.historyTables ?? []);
  /** table → columns kept TIMESTAMP where the schema now says DATE (tables created by an earlier version). */
  const keptTimestamps = new Map<string, string[]>();
  /** table → the schema-change decision of this run (schema-policy.ts); absent: load as wanted. */
  const decisions = new Map<string, TableDecision>();
  /** Settles once the latest prepare has decided its tables (loads opened meanwhile wait for it). */
  let decided: Promise<void> | undefined;
  const told = new Set<string>();
  const policyOf =
    options.schemaChangePolicy ?? ((table: string) => ({ policy: 'allow', entity: table, key: 'schemaChanges' }));

  const targetScope = (s: CompanyScope): TargetScope => ({
    client,
    ref,
    instance: normaliseInstance(s.instance),
    company: s.company,
    signal: s.signal,
  });

  return {
    snapshot: (signal) => introspect(client, ref, config.volume, signal),
    async prepare(wanted, signal) {
      let settle: (e?: unknown) => void = () => {};
      decided = new Promise<void>((resolve, reject) => {
        settle = (e) => (e === undefined ? resolve() : reject(e));
      });
      decided.catch(() => {}); // loads that wait on it see the failure; the caller gets it from prepare itself
      let schemas: TargetSchema[];
      let policyDdl: PlannedStatement[];
      try {
        // Introspect once per destination object (one run); later calls plan against what the first saw plus what
        // was created since, so a run's second prepare costs no statement when nothing is missing.
        known ??= await introspect(client, ref, config.volume, signal);
        ({ schemas, statements: policyDdl } = decide(known, wanted));
        // Known before any load opens: a load into such a table writes those columns as TIMESTAMP.
        for (const schema of schemas) {
          const kept = keptTimestampColumns(known, schema);
          if (kept.length === 0 || keptTimestamps.has(schema.table)) continue;
          keptTimestamps.set(schema.table, kept);
          options.onNotice?.(
            `${schema.table}: ${kept.join(', ')} stay TIMESTAMP (created so by an earlier version; new tables get DATE). ` +
              `Values are written at midnight UTC as before, so no row changes. \`ml-connector resync\` rebuilds the table with DATE columns.`,
            { table: schema.table, columns: kept },
          );
        }
        settle();
      } catch (e) {
        settle(e);
        throw e;
      }
      const histories = schemas.filter((s) => historyTables.has(s.table) && s.kind === 'dimension');
      const all = [...schemas, ...histories.map(historySchemaOf)];
      const plan = planSchemaChanges(known, { ref, volume: config.volume, layout: config.layout, schemas: all });
      plan.push(...policyDdl);
      for (const p of policyDdl) {
        // A widened fact's `_current` view is recreated over the new column types.
        const schema = schemas.find((x) => x.table === p.target && x.kind === 'fact');
        const view = schema && currentViewName(schema.table);
        if (schema && view && !plan.some((q) => q.kind === 'view' && q.target === view)) {
          plan.push({ phase: 3, kind: 'view', target: view, sql: createCurrentViewSql(ref, schema) });
        }
      }
      await applyPlan(client, plan, signal);
      for (const d of decisions.values()) {
        for (const message of d.notices) {
          if (told.has(message)) continue;
          told.add(message);
          options.onNotice?.(message, { table: d.table });
        }
      }
      const created = new Set(plan.filter((p) => p.kind === 'create-table').map((p) => p.target));
      for (const dim of histories) {
        // History switched on for a dimension that already has rows: its live rows become the first versions.
        if (created.has(historyTableOf(dim.table)) && !created.has(dim.table)) {
          await client.statements.execute(seedHistorySql(ref, dim), { signal });
        }
      }
      // The `<table>_as_of` table functions follow their table's columns (created with it, replaced when it grows).
      const changed = new Set(plan.filter((p) => p.kind !== 'view').map((p) => p.target));
      for (const schema of schemas) {
        const sql = asOfFunctionSql(ref, schema, historyTables.has(schema.table));
        const base = schema.kind === 'fact' ? schema.table : historyTableOf(schema.table);
        if (sql && changed.has(base)) await client.statements.execute(sql, { signal });
      }
      recordApplied(known, plan, all);
      for (const d of decisions.values()) {
        const types = known.columnTypes?.get(d.table.toLowerCase());
        for (const r of d.retyped) if (r.action === 'widened') types?.set(r.column.toLowerCase(), r.to);
      }
      return plan;
    },

    openEntityLoad(wanted, syncId, entityName, loadOptions = {}) {
      const waitFor = decided;
      if (!waitFor) return openLoad(wanted, syncId, entityName, loadOptions);
      return deferredLoad(async () => {
        await waitFor;
        const d = decisions.get(wanted.table);
        if (d?.blocked) throw new ConnectorError('SCHEMA_CHANGE_BLOCKED', d.blocked, { details: { table: d.table } });
        // The load's own schema (one company's may lack a UD field of another) with this run's renames.
        return openLoad(withRenames(wanted, d), syncId, entityName, loadOptions);
      });
    },

    targetState: (scope, schema) => readTargetState(targetScope(scope), schema),
    async markDeleted(scope, schema, marks, run) {
      if (marks.length === 0) return 0;
      const target = targetScope(scope);
      // History first: a kill in between leaves the marks for the next reconcile, which repeats both.
      if (historyTables.has(schema.table) && schema.kind === 'dimension') {
        await closeDeletedHistory(target, schema, marks, run.startedAt);
      }
      return markDeleted(target, schema, marks, run.syncId, run.startedAt);
    },
    runKeys: (scope, schema, columns, syncId) => readRunKeys(targetScope(scope), schema, columns, syncId),
    cleanupOrphans: (currentSyncId) => staging.removeOrphans(currentSyncId),
    cleanupRun: (syncId) => staging.removeRun(syncId),
    state: createStateStore(client, ref, clock),
    lock: createDestinationLock(client, ref, { ...options.lock, clock }),
  };

  /** Decides every wanted table against the snapshot; returns the schemas to plan DDL for (refused ones left out). */
  function decide(snapshot: CatalogSnapshot, wanted: readonly TargetSchema[]) {
    const schemas: TargetSchema[] = [];
    const statements: PlannedStatement[] = [];
    for (const w of wanted) {
      const table = w.table.toLowerCase();
      const existing = snapshot.tables.has(table) ? (snapshot.columnTypes?.get(table) ?? new Map()) : undefined;
      const history = historyTables.has(w.table)
        ? snapshot.columnTypes?.get(historyTableOf(w.table).toLowerCase())
        : undefined;
      const d = decideTable(ref, w, existing, policyOf(w.table), history);
      decisions.set(w.table, d);
      if (d.blocked) continue;
      schemas.push(d.effective);
      statements.push(...d.statements);
    }
    return { schemas, statements };
  }

  function openLoad(wanted: TargetSchema, syncId: string, entityName: string, loadOptions: OpenEntityLoadOptions) {
    const kept = keptTimestamps.get(wanted.table);
    const schema = withKeptTimestamps(wanted, kept);
    const load = createEntityLoad({
      client,
      ref,
      schema,
      staging: staging.entity(syncId, entityName, options.uploadsPerEntity ?? 2, loadOptions.signal),
      partRows: options.partRows,
      partBytes: options.partBytes,
      codec: config.stagingCompression === 'gzip' ? 'GZIP' : 'UNCOMPRESSED',
      signal: loadOptions.signal,
      history: historyTables.has(wanted.table) && wanted.kind === 'dimension',
    });
    return keepTimestamps(load, wanted, kept);
  }
}
