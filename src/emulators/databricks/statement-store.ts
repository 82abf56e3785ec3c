import { randomUUID } from 'node:crypto';
import type { DuckDBConnection } from '@duckdb/node-api';
import { type ColumnInfo, databricksType, renderValue } from './databricks-types.ts';
import type { StatementParameter } from './duck-translate.ts';
import type { SqlEngine } from './sql-engine.ts';
import { DatabricksSqlError, fromDuckDbError } from './sql-error.ts';
import { prepareStatement, runStatement } from './statement-runner.ts';

export type StatementState = 'PENDING' | 'RUNNING' | 'SUCCEEDED' | 'FAILED' | 'CANCELED' | 'CLOSED';

/** One submitted statement and, once done, its rendered result. */
export interface StatementRecord {
  id: string;
  statement: string;
  parameters?: StatementParameter[];
  catalog?: string;
  schema?: string;
  rowLimit?: number;
  byteLimit?: number;
  state: StatementState;
  error?: { error_code: string; message: string };
  sqlState?: string;
  columns?: ColumnInfo[];
  rows?: (string | null)[][];
  truncated?: boolean;
  at: number;
  done: Promise<void>;
  finish: () => void;
  abort: AbortController;
  conn?: DuckDBConnection;
}

export interface StatementStoreOptions {
  warehouseStartupMs: number;
  statementLatencyMs: number;
  maxConcurrentStatements: number;
  /** Extra run time added by the slow-statement fault, read when a statement starts. */
  slowMs: () => number;
  now: () => number;
  /** Waits `ms` on the emulator's latency clock. */
  sleep: (ms: number) => Promise<void>;
  /** Largest INLINE result in bytes (Databricks: 25 MiB = 26214400); larger fails the statement. Read per statement. */
  inlineLimitBytes?: () => number | undefined;
  /** The warehouse's TIMEZONE (default UTC): every statement's session starts in it. */
  timeZone?: string;
  /** A planned Delta write conflict for a write statement starting with this keyword (fault plan). */
  writeConflict?: (keyword: string, statement: string) => DatabricksSqlError | undefined;
  /** A test's hold on this statement (fault plan `pauses`), awaited before it runs. */
  pause?: (statement: string) => Promise<unknown> | undefined;
}

/** Databricks' cap on INLINE results (Statement Execution API reference: "larger than 25 MiB … is aborted"). */
export const INLINE_LIMIT_BYTES = 25 * 1048576;

/**
 * The warehouse: a queue of statements run asynchronously (so PENDING and RUNNING are observable), at most
 * `maxConcurrentStatements` at once, after the warehouse has started.
 */
export class StatementStore {
  private readonly records = new Map<string, StatementRecord>();
  private readonly queue: StatementRecord[] = [];
  private running = 0;
  private warehouse: 'STOPPED' | 'STARTING' | 'RUNNING' = 'STOPPED';

  constructor(
    private readonly engine: SqlEngine,
    private readonly opts: StatementStoreOptions,
  ) {}

  get warehouseState(): string {
    return this.warehouse;
  }

  /** Starts the warehouse if stopped (statements queue as PENDING until it is up). */
  startWarehouse(): void {
    if (this.warehouse !== 'STOPPED') return;
    this.warehouse = 'STARTING';
    void this.opts.sleep(this.opts.warehouseStartupMs).then(() => {
      this.warehouse = 'RUNNING';
      this.pump();
    });
  }

  /** Queues a statement and returns its record immediately. */
  submit(
    req: Pick<StatementRecord, 'statement' | 'parameters' | 'catalog' | 'schema' | 'rowLimit' | 'byteLimit'>,
  ): StatementRecord {
    let finish!: () => void;
    const done = new Promise<void>((r) => {
      finish = r;
    });
    const rec: StatementRecord = {
      ...req,
      id: randomUUID(),
      state: 'PENDING',
      at: this.opts.now(),
      done,
      finish,
      abort: new AbortController(),
    };
    this.records.set(rec.id, rec);
    this.queue.push(rec);
    this.startWarehouse();
    this.pump();
    return rec;
  }

  get(id: string): StatementRecord | undefined {
    return this.records.get(id);
  }

  all(): StatementRecord[] {
    return [...this.records.values()];
  }

  /** Cancels a pending or running statement; finished statements are left as they are. */
  cancel(rec: StatementRecord): void {
    if (rec.state !== 'PENDING' && rec.state !== 'RUNNING') return;
    rec.abort.abort();
    if (rec.state === 'PENDING') {
      const i = this.queue.indexOf(rec);
      if (i >= 0) this.queue.splice(i, 1);
      this.settle(rec, 'CANCELED');
    } else rec.conn?.interrupt();
  }

  /** Waits for every statement to finish (used on close). */
  async drain(): Promise<void> {
    for (const r of this.records.values()) this.cancel(r);
    await Promise.all([...this.records.values()].map((r) => r.done));
  }

  private pump(): void {
    while (this.warehouse === 'RUNNING' && this.running < this.opts.maxConcurrentStatements && this.queue.length > 0) {
      const rec = this.queue.shift()!;
      this.running++;
      void this.execute(rec).finally(() => {
        this.running--;
        this.pump();
      });
    }
  }

  private async execute(rec: StatementRecord): Promise<void> {
    rec.state = 'RUNNING';
    try {
      const tokens = prepareStatement(rec.statement);
      const delay = this.opts.statementLatencyMs + this.opts.slowMs();
      if (delay > 0) await sleepOrCancel(this.opts.sleep(delay), rec.abort.signal);
      const hold = this.opts.pause?.(rec.statement);
      if (hold) await hold.catch(() => {});
      // A conflict means a concurrent commit won: this statement fails before changing anything.
      const conflict = this.opts.writeConflict?.(tokens[0].value, rec.statement);
      if (conflict) throw conflict;
      const session = { timeZone: this.opts.timeZone ?? 'UTC' };
      const raw = await runStatement(this.engine, tokens, {
        catalog: rec.catalog,
        schema: rec.schema,
        parameters: rec.parameters,
        signal: rec.abort.signal,
        session,
        onConnection: (c) => {
          rec.conn = c;
        },
      });
      let rows = raw.rows.map((r) => r.map((v, i) => renderValue(v, raw.columns[i].type, session.timeZone)));
      rec.truncated = false;
      if (rec.rowLimit !== undefined && rows.length > rec.rowLimit) {
        rows = rows.slice(0, rec.rowLimit);
        rec.truncated = true;
      }
      if (rec.byteLimit !== undefined) {
        let bytes = 0;
        let keep = 0;
        for (; keep < rows.length; keep++) {
          bytes += JSON.stringify(rows[keep]).length;
          if (bytes > rec.byteLimit) break;
        }
        if (keep < rows.length) {
          rows = rows.slice(0, keep);
          rec.truncated = true;
        }
      }
      const limit = this.opts.inlineLimitBytes?.() ?? INLINE_LIMIT_BYTES;
      if (resultBytes(rows, limit) > limit) {
        // The wording real workspaces answer with (no error class, no SQLSTATE), seen in databrickslabs/ucx#3447.
        throw new DatabricksSqlError(
          '',
          `Inline byte limit exceeded. Statements executed with disposition=INLINE can have a result size of at most ${limit} bytes. Please execute the statement with disposition=EXTERNAL_LINKS if you want to download the full result.`,
          '',
          'BAD_REQUEST',
        );
      }
      rec.columns = raw.columns.map((c, position) => ({ name: c.name, position, ...databricksType(c.type) }));
      rec.rows = rows;
      this.settle(rec, 'SUCCEEDED');
    } catch (e) {
      if (rec.abort.signal.aborted) {
        this.settle(rec, 'CANCELED');
        return;
      }
      const err = e instanceof DatabricksSqlError ? e : fromDuckDbError(e, (s) => this.engine.unalias(s));
      rec.error = { error_code: err.errorCode, message: err.message };
      rec.sqlState = err.sqlState || undefined;
      this.settle(rec, 'FAILED');
    }
  }

  private settle(rec: StatementRecord, state: StatementState): void {
    if (rec.state === 'SUCCEEDED' || rec.state === 'FAILED' || rec.state === 'CANCELED') return;
    rec.state = state;
    rec.finish();
  }
}

/** JSON size of the rows, counting stops once past `cap`. */
function resultBytes(rows: (string | null)[][], cap: number): number {
  let bytes = 0;
  for (const row of rows) {
    bytes += JSON.stringify(row).length + 1;
    if (bytes > cap) break;
  }
  return bytes;
}

/** The wait, cut short by a cancel. */
function sleepOrCancel(wait: Promise<void>, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(new Error('canceled'));
    const onAbort = () => reject(new Error('canceled'));
    signal.addEventListener('abort', onAbort, { once: true });
    void wait.then(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    });
  });
}
