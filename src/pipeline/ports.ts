/**
 * What a job (sync, reconcile, replay, …: see job-runner.ts) needs from the source and the destination, as small
 * structural types. Each type the adapters implement or hand back is declared here once: the Epicor source
 * (`source/epicor/epicor-source.ts`) and the Databricks destination (`destination/databricks/destination.ts`)
 * implement them; tests and the dry run can plug in other implementations.
 */
import type { Row, RowValue, TargetSchema } from '../mapping/target-schema.ts';
import type { EntityDef } from '../source/epicor/catalog.ts';
import type { SourceField } from '../source/epicor/source-field.ts';

/** One record as the source sent it (field name → JSON value). */
export type SourceRecord = Record<string, unknown>;

/**
 * Where this run's read of an entity ends, fixed when the run starts:
 * - `empty`: the entity set holds no record, so there is nothing to read;
 * - `revision`: the highest SysRevID now; nothing above it is read this run;
 * - `open`: records exist but there is no SysRevID to end the read by (BAQs without it, offset paging): the reader
 *   fixes its own end on the cursor.
 */
export type UpperBound = { kind: 'empty' } | { kind: 'revision'; rev: string } | { kind: 'open' };

/** How one entity is read this run. */
export interface ReadPlan {
  entity: EntityDef;
  company: string;
  /** Stored watermark; null = read everything (first run or full refresh). */
  watermark: string | null;
  bound: UpperBound;
  lookbackMinutes: number;
  signal?: AbortSignal;
}

export interface SourcePage {
  records: SourceRecord[];
  /** Cursor value after this page (for date cursors: the last cursor value seen). */
  cursorAfter: string | null;
}

/**
 * How a key scan ended. Only `complete` (the scan reached its end) lets a caller conclude that a key it did not see
 * is gone; `cut-short` (an error, an abort, the consumer stopping) allows no conclusion at all.
 */
export type ScanOutcome =
  | { status: 'complete'; pages: number; requests: number }
  | { status: 'cut-short'; reason: unknown; pages: number; requests: number };

/** Records fetched by key, and the requests that took. */
export interface FetchedBatch {
  records: SourceRecord[];
  requests: number;
}

export interface SourcePort {
  /** Fails with one clear sentence when the company does not exist or cannot be seen. */
  validateCompany(company: string, signal?: AbortSignal): Promise<void>;
  /** Where a read of the entity started now would end (one request; see UpperBound). */
  upperBound(entity: EntityDef, company: string, signal?: AbortSignal): Promise<UpperBound>;
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
  /** Whether `scanKeys` can compare this entity (it needs a revision on every record). */
  canScanKeys(fields: readonly SourceField[]): boolean;
  /**
   * Every live record's key fields and revision, in pages handed to `onPage`; never throws for a failed read (the
   * outcome says so).
   */
  scanKeys(
    entity: EntityDef,
    company: string,
    fields: readonly SourceField[],
    onPage: (records: SourceRecord[]) => void | Promise<void>,
    signal?: AbortSignal,
  ): Promise<ScanOutcome>;
  /** The fields a key object for `fetchByKeys` carries: the entity's keys, plus a shorter row handle where it has one. */
  keyFields(entity: EntityDef, fields: readonly SourceField[]): string[];
  /** Full records for these keys, in batches; keys the source no longer has are simply absent. */
  fetchByKeys(
    entity: EntityDef,
    company: string,
    fields: readonly SourceField[],
    keys: readonly SourceRecord[],
    signal?: AbortSignal,
  ): AsyncIterable<FetchedBatch>;
}

export interface Watermark {
  cursorField: string;
  cursorValue: string;
}

export type RunTrigger = 'schedule' | 'manual' | 'replay' | 'reconcile';
export type RunStatus = 'running' | 'succeeded' | 'partial' | 'failed';

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
  /** The first bad records (key and reason), kept in the ledger so a run's page can list them. */
  bad_records?: { key: string; reason: string }[];
}

/** Bad records an entity keeps in the ledger (all are counted in `bad`). */
export const LEDGER_BAD_RECORDS = 20;

/** One run of the ledger (`_ml_connector_runs`) as the job that runs it keeps it. */
export interface RunRecord {
  syncId: string;
  trigger: RunTrigger;
  startedAt: Date;
  finishedAt?: Date;
  status: RunStatus;
  entities: Record<string, EntityCounts>;
  error?: string;
}

/**
 * A run as read back from the ledger: rows written by older versions or cut off by a crash may lack what a live
 * run always has (an entity's status, the start time), and trigger/status are whatever text the row holds.
 */
export interface LedgerRun
  extends Omit<RunRecord, 'trigger' | 'startedAt' | 'finishedAt' | 'status' | 'entities' | 'error'> {
  trigger: string;
  startedAt: Date | null;
  finishedAt: Date | null;
  status: string;
  entities: Record<string, Omit<EntityCounts, 'status'> & Partial<Pick<EntityCounts, 'status'>>>;
  error: string | null;
}

export interface EntityLoad {
  write(row: Row): Promise<void> | undefined;
  /** Values in schema column order; a returned promise must be awaited before the next write. */
  writeValues(values: readonly RowValue[]): Promise<void> | undefined;
  /** Finishes staging, runs the one MERGE, removes the staged files; with no rows it does nothing. */
  commit(): Promise<{ inserted: number; updated: number }>;
  abort(): Promise<void>;
  /** Parts encoded by the map-and-encode worker (pipeline/worker/), with `partFormat`; absent = rows only. */
  stagePart?(part: { index: number; rows: number; bytes: Uint8Array }): Promise<void>;
  readonly partFormat?: { codec: 'GZIP' | 'UNCOMPRESSED'; partRows?: number; partBytes?: number };
}

export interface StatePort {
  /** Every stored watermark of an instance + company, by entity (one statement). */
  readWatermarks(instance: string, company: string): Promise<Map<string, Watermark>>;
  /** Upserts one entity's watermark; call only after that entity's MERGE committed. */
  writeWatermark(instance: string, company: string, entity: string, mark: Watermark, syncId: string): Promise<void>;
  /** Records a run as running (idempotent per sync id). */
  startRun(run: RunRecord): Promise<void>;
  /** Records how a run ended. */
  finishRun(run: RunRecord): Promise<void>;
  /** The newest `n` runs, newest first. */
  lastRuns(n: number): Promise<LedgerRun[]>;
  /** The run's ledger row, or undefined when no run has that id. */
  findRun(syncId: string): Promise<Pick<LedgerRun, 'syncId' | 'trigger' | 'status'> | undefined>;
}

/** The one lock per destination a job holds while it runs (see lock-guard.ts). */
export interface RunLock {
  /** Takes the lock or throws LOCKED naming the current holder. */
  acquire(): Promise<void>;
  /** Refreshes the heartbeat; throws LOCKED when the lock was lost. */
  heartbeat(): Promise<void>;
  /** Gives the lock back (no-op when not held). */
  release(): Promise<void>;
}

/** Where one Epicor instance + company's rows are in the target. */
export interface CompanyScope {
  /** The Epicor base URL as configured. */
  instance: string;
  company: string;
  signal?: AbortSignal;
}

/** The latest version of one record in the target. */
export interface TargetVersion {
  /** Highest `_source_rev` (null when the rows carry none). */
  rev: bigint | null;
  /** Whether that latest version is marked `_is_deleted`. */
  deleted: boolean;
}

/** The latest version of a record gone from the source, to be marked deleted. */
export interface DeletionMark {
  /** `_target_key`. */
  key: string;
  /** Its latest `_source_rev` (the row that is flagged). */
  rev: string;
}

export interface DestinationPort {
  /** Creates or evolves what these tables need (as few statements as possible); `[]` = the connector tables. */
  prepare(schemas: readonly TargetSchema[], signal?: AbortSignal): Promise<unknown>;
  openEntityLoad(
    schema: TargetSchema,
    syncId: string,
    entityName: string,
    options?: { signal?: AbortSignal },
  ): EntityLoad;
  /** Removes staging folders left by runs that died. */
  cleanupOrphans(currentSyncId: string): Promise<unknown>;
  state: StatePort;
  lock: RunLock;
  /** The target's latest version per surrogate key of one company (reconcile). */
  targetState(scope: CompanyScope, schema: TargetSchema): Promise<Map<string, TargetVersion>>;
  /**
   * Marks these latest versions `_is_deleted` (and closes their open history rows where the table keeps history);
   * returns the rows marked.
   */
  markDeleted(
    scope: CompanyScope,
    schema: TargetSchema,
    marks: readonly DeletionMark[],
    run: Pick<RunRecord, 'syncId' | 'startedAt'>,
  ): Promise<number>;
  /** Distinct values of these data columns on the rows run `syncId` wrote (as text), for replay. */
  runKeys(
    scope: CompanyScope,
    schema: TargetSchema,
    columns: readonly string[],
    syncId: string,
  ): Promise<Record<string, string | null>[]>;
}
