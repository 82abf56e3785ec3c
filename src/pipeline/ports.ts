/**
 * What a sync run needs from the source and the destination, as small structural types. The Epicor source and the
 * Databricks destination implement them; tests and the dry run can plug in other implementations.
 */
import type { Row, RowValue, TargetSchema } from '../mapping/target-schema.ts';
import type { EntityDef } from '../source/epicor/catalog.ts';
import type { SourceField } from '../source/epicor/source-field.ts';

/** How one entity is read this run. */
export interface ReadPlan {
  entity: EntityDef;
  company: string;
  /** Stored watermark; null = read everything (first run or full refresh). */
  watermark: string | null;
  /** Highest SysRevID when the run started: nothing above it is read this run. */
  bound: string;
  lookbackMinutes: number;
  signal?: AbortSignal;
}

export interface SourcePage {
  records: Record<string, unknown>[];
  /** Cursor value after this page (for date cursors: the last cursor value seen). */
  cursorAfter: string | null;
}

export interface SourcePort {
  /** Fails with one clear sentence when the company does not exist or cannot be seen. */
  validateCompany(company: string, signal?: AbortSignal): Promise<void>;
  /** Highest SysRevID of the entity right now; null when the entity set is empty. */
  upperBound(entity: EntityDef, company: string, signal?: AbortSignal): Promise<string | null>;
  /** Fields of the entity from `$metadata` (cached per service). */
  fields(entity: EntityDef, company: string, signal?: AbortSignal): Promise<SourceField[]>;
  /** Changed records in pages, bounded memory. */
  pages(plan: ReadPlan): AsyncIterable<SourcePage>;
  /** How many records `pages(plan)` should yield (for progress bars), or null when the server cannot say. */
  countRecords?(plan: ReadPlan): Promise<number | null>;
  /** HTTP requests sent so far (for the run summary). */
  requestCount(): number;
  /**
   * Starts the company checks and upper bounds of a coming run early (reads only), so they overlap work on the
   * Databricks side; the next `validateCompany`/`upperBound` call for each is answered from it, once.
   */
  prefetch?(entities: readonly EntityDef[], companies: readonly string[], signal?: AbortSignal): void;
}

export interface Watermark {
  cursorField: string;
  cursorValue: string;
}

export interface EntityCounts {
  fetched: number;
  inserted: number;
  updated: number;
  unchanged: number;
  bad: number;
  pages: number;
  requests: number;
  watermark_from: string | null;
  watermark_to: string | null;
  status: 'succeeded' | 'partial' | 'failed' | 'skipped';
  error?: string;
}

export interface RunRecord {
  syncId: string;
  trigger: 'schedule' | 'manual' | 'replay' | 'reconcile';
  startedAt: Date;
  finishedAt?: Date;
  status: 'running' | 'succeeded' | 'partial' | 'failed';
  entities: Record<string, EntityCounts>;
  error?: string;
}

export interface EntityLoad {
  write(row: Row): Promise<void> | undefined;
  /** Values in schema column order; a returned promise must be awaited before the next write. */
  writeValues(values: readonly RowValue[]): Promise<void> | undefined;
  /** Finishes staging, runs the one MERGE, removes the staged files. */
  commit(): Promise<{ inserted: number; updated: number }>;
  abort(): Promise<void>;
  /** Parts encoded by the map-and-encode worker (pipeline/worker/), with `partFormat`; absent = rows only. */
  stagePart?(part: { index: number; rows: number; bytes: Uint8Array }): Promise<void>;
  readonly partFormat?: { codec: 'GZIP' | 'UNCOMPRESSED'; partRows?: number; partBytes?: number };
}

export interface StatePort {
  readWatermarks(instance: string, company: string): Promise<Map<string, Watermark>>;
  writeWatermark(instance: string, company: string, entity: string, mark: Watermark, syncId: string): Promise<void>;
  startRun(run: RunRecord): Promise<void>;
  finishRun(run: RunRecord): Promise<void>;
}

export interface DestinationPort {
  /** Creates or evolves what these tables need (as few statements as possible). */
  prepare(schemas: TargetSchema[]): Promise<void>;
  openEntityLoad(schema: TargetSchema, syncId: string, entityName: string): EntityLoad;
  /** Removes staging folders left by runs that died. */
  cleanupOrphans(currentSyncId: string): Promise<void>;
  state: StatePort;
}
