/**
 * The Databricks destination: prepares the schema (one introspection, DDL only for what is missing), loads each
 * entity through staged Parquet and one MERGE, cleans staging, and exposes the state store and run lock.
 */
import { type Clock, systemClock } from '../../clock.ts';
import type { DatabricksConfig } from '../../config/schema.ts';
import { normaliseInstance } from '../../mapping/surrogate-key.ts';
import type { TargetSchema } from '../../mapping/target-schema.ts';
import type { CompanyScope, DestinationPort, StatePort } from '../../pipeline/ports.ts';
import type { DestinationClient } from './destination-client.ts';
import { createEntityLoad, type StagedLoad } from './entity-load.ts';
import { keepTimestamps, withKeptTimestamps } from './kept-timestamps.ts';
import { createDestinationLock, type DestinationLock, type DestinationLockOptions } from './lock.ts';
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

  const targetScope = (s: CompanyScope): TargetScope => ({
    client,
    ref,
    instance: normaliseInstance(s.instance),
    company: s.company,
    signal: s.signal,
  });

  return {
    snapshot: (signal) => introspect(client, ref, config.volume, signal),
    async prepare(schemas, signal) {
      // Introspect once per destination object (one run); later calls plan against what the first saw plus what
      // was created since, so a run's second prepare costs no statement when nothing is missing.
      known ??= await introspect(client, ref, config.volume, signal);
      const histories = schemas.filter((s) => historyTables.has(s.table) && s.kind === 'dimension');
      const all = [...schemas, ...histories.map(historySchemaOf)];
      const plan = planSchemaChanges(known, { ref, volume: config.volume, layout: config.layout, schemas: all });
      await applyPlan(client, plan, signal);
      const created = new Set(plan.filter((p) => p.kind === 'create-table').map((p) => p.target));
      for (const dim of histories) {
        // History switched on for a dimension that already has rows: its live rows become the first versions.
        if (created.has(historyTableOf(dim.table)) && !created.has(dim.table)) {
          await client.statements.execute(seedHistorySql(ref, dim), { signal });
        }
      }
      // The `<table>_as_of` table functions follow their table's columns (created with it, replaced when it grows).
      const changed = new Set(
        plan.filter((p) => p.kind === 'create-table' || p.kind === 'add-columns').map((p) => p.target),
      );
      for (const schema of schemas) {
        const sql = asOfFunctionSql(ref, schema, historyTables.has(schema.table));
        const base = schema.kind === 'fact' ? schema.table : historyTableOf(schema.table);
        if (sql && changed.has(base)) await client.statements.execute(sql, { signal });
      }
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
      recordApplied(known, plan, all);
      return plan;
    },

    openEntityLoad(wanted, syncId, entityName, loadOptions = {}) {
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
}
