import { type Clock, systemClock } from '../../../clock.ts';
import { ConnectorError, isConnectorError } from '../../../errors.ts';
import type { HttpClient } from '../../../http/http-client.ts';
import type { StatementResult } from '../destination-client.ts';
import { abortedError, sleepUnlessAborted, untilAborted } from './abortable.ts';
import { statementError } from './statement-error.ts';
import { isTerminal, type ResultChunk, type StatementResponse } from './statement-wire.ts';

/** A named `:marker` parameter; a null value is SQL NULL, `type` defaults to STRING on the server. */
export interface StatementParameter {
  name: string;
  value: string | number | bigint | boolean | null;
  type?: string;
}

export interface ExecuteOptions {
  parameters?: StatementParameter[];
  signal?: AbortSignal;
  catalog?: string;
  schema?: string;
}

export type StatementColumn = StatementResult['columns'][number];

export interface StatementClientOptions {
  http: HttpClient;
  host: string;
  warehouseId: string;
  clock?: Clock;
  /** How long the submit call waits for a result before answering PENDING/RUNNING: `0s` or `5s`..`50s`. */
  waitTimeout?: string;
  /**
   * Longest a statement may stay PENDING/RUNNING before it is canceled (default 6 h, config
   * `databricks.statementTimeoutSeconds`); a stop (the signal) is the only other reason to cancel.
   */
  maxWaitMs?: number;
  /** Poll delays: start, growth factor, cap. */
  poll?: { initialMs?: number; factor?: number; maxMs?: number };
  /** Attempts for a statement that ends FAILED with a transient error (1 = no retry). */
  maxAttempts?: number;
  /** Delay before the first re-run of a transiently failed statement; doubles per attempt, capped at 30 s. */
  retryDelayMs?: number;
  /** Told when each statement ends (for `--verbose` traces): text, id, final state, time. */
  onStatement?(trace: StatementTrace): void;
  /** Told about every 10 s while a statement is still PENDING/RUNNING (a starting warehouse says so in the log). */
  onWaiting?(wait: { statementId: string; state: string; waitedMs: number; warehouseId: string }): void;
}

export interface StatementTrace {
  sql: string;
  statementId: string | null;
  state: string;
  ms: number;
  error?: string;
}

const STATEMENTS_PATH = '/api/2.0/sql/statements';
/** How often a long wait is reported through `onWaiting`. */
const WAITING_NOTICE_MS = 10_000;

/** Runs SQL on a warehouse through the Statement Execution API: submit, poll, read every chunk, cancel on abort. */
export class StatementClient {
  private readonly http: HttpClient;
  private readonly base: string;
  private readonly clock: Clock;
  private readonly waitTimeout: string;
  private readonly waitSeconds: number;
  private readonly maxWaitMs: number;
  private readonly poll: { initialMs: number; factor: number; maxMs: number };
  private readonly maxAttempts: number;
  private readonly retryDelayMs: number;

  constructor(private readonly opts: StatementClientOptions) {
    this.http = opts.http;
    this.base = opts.host.replace(/\/+$/, '');
    this.clock = opts.clock ?? systemClock;
    this.waitTimeout = opts.waitTimeout ?? '30s';
    this.waitSeconds = parseWaitTimeout(this.waitTimeout);
    this.maxWaitMs = opts.maxWaitMs ?? 21_600_000;
    this.poll = { initialMs: 100, factor: 1.5, maxMs: 5_000, ...opts.poll };
    this.maxAttempts = Math.max(1, opts.maxAttempts ?? 4);
    this.retryDelayMs = opts.retryDelayMs ?? 1_000;
  }

  /**
   * Runs one statement to completion and returns all its rows. A statement that FAILED with a transient error is
   * run again a bounded number of times: every statement this product sends is idempotent (CREATE … IF NOT EXISTS,
   * MERGE keyed on source revision, COPY INTO that skips loaded files, state upserts), so a re-run — even of one
   * that secretly committed — leaves the same result.
   */
  async execute(sql: string, options: ExecuteOptions = {}): Promise<StatementResult> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.runOnce(sql, options);
      } catch (e) {
        if (!isConnectorError(e) || e.code !== 'STATEMENT_FAILED' || !e.retryable || attempt >= this.maxAttempts) {
          throw e;
        }
        const delay = Math.min(this.retryDelayMs * 2 ** (attempt - 1), 30_000);
        await sleepUnlessAborted(this.clock, delay, options.signal, 'The Databricks statement');
      }
    }
  }

  /** Runs a statement and returns its rows as records keyed by column name (values as Databricks renders them). */
  async query(
    sql: string,
    parameters?: StatementParameter[],
    options: Omit<ExecuteOptions, 'parameters'> = {},
  ): Promise<Record<string, string | null>[]> {
    const { columns, rows } = await this.execute(sql, { ...options, parameters });
    return rows.map((row) => Object.fromEntries(columns.map((c, i) => [c.name, row[i] ?? null])));
  }

  private async runOnce(sql: string, options: ExecuteOptions): Promise<StatementResult> {
    if (!this.opts.onStatement) return this.runOnceUntraced(sql, options);
    const started = this.clock.now();
    try {
      const result = await this.runOnceUntraced(sql, options);
      this.opts.onStatement({
        sql,
        statementId: result.statementId ?? null,
        state: 'SUCCEEDED',
        ms: this.clock.now() - started,
      });
      return result;
    } catch (e) {
      const details = isConnectorError(e) ? e.details : undefined;
      const id = typeof details?.statementId === 'string' ? details.statementId : null;
      const state = isConnectorError(e) && e.code === 'ABORTED' ? 'CANCELED' : 'FAILED';
      const error = e instanceof Error ? e.message : String(e);
      this.opts.onStatement({ sql, statementId: id, state, ms: this.clock.now() - started, error });
      throw e;
    }
  }

  private async runOnceUntraced(sql: string, options: ExecuteOptions): Promise<StatementResult> {
    const { signal } = options;
    if (signal?.aborted) throw abortedError(signal, 'The Databricks statement');
    // Submitted without the signal: if the run stops meanwhile, the answer still names the statement to cancel.
    const submitted = this.submit(sql, options);
    let current: StatementResponse;
    try {
      current = await untilAborted(submitted, signal, 'The Databricks statement');
    } catch (e) {
      if (signal?.aborted) {
        submitted.then((r) => (isTerminal(r.status.state) ? undefined : this.cancel(r.statement_id))).catch(() => {});
      }
      throw e;
    }
    if (!isTerminal(current.status.state)) current = await this.waitUntilDone(current, signal);
    if (current.status.state !== 'SUCCEEDED') throw statementError(current);
    return {
      statementId: current.statement_id,
      columns: (current.manifest?.schema?.columns ?? []).map((c) => ({
        name: c.name,
        typeName: c.type_name ?? c.type_text ?? 'STRING',
      })),
      rows: await this.readRows(current, signal),
    };
  }

  private async submit(sql: string, options: ExecuteOptions): Promise<StatementResponse> {
    const body = {
      statement: sql,
      warehouse_id: this.opts.warehouseId,
      ...(options.catalog ? { catalog: options.catalog } : {}),
      ...(options.schema ? { schema: options.schema } : {}),
      ...(options.parameters?.length ? { parameters: options.parameters.map(wireParameter) } : {}),
      wait_timeout: this.waitTimeout,
      on_wait_timeout: 'CONTINUE',
      disposition: 'INLINE',
      format: 'JSON_ARRAY',
    };
    const res = await this.http.request({
      method: 'POST',
      url: `${this.base}${STATEMENTS_PATH}`,
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
      // The server holds the answer up to wait_timeout; allow that plus ordinary latency.
      timeoutMs: (this.waitSeconds + 60) * 1000,
    });
    return res.json<StatementResponse>();
  }

  /** Polls with growing delays until the statement ends; cancels it when the signal fires or the wait runs out. */
  private async waitUntilDone(first: StatementResponse, signal?: AbortSignal): Promise<StatementResponse> {
    const id = first.statement_id;
    const started = this.clock.now();
    const deadline = started + this.maxWaitMs;
    let lastToldAt = 0;
    let current = first;
    let delay = this.poll.initialMs;
    try {
      while (!isTerminal(current.status.state)) {
        const left = deadline - this.clock.now();
        if (left <= 0) {
          await this.cancel(id).catch(() => {});
          throw new ConnectorError(
            'TIMEOUT',
            `Databricks statement ${id} was still ${current.status.state} after ${Math.round(this.maxWaitMs / 1000)} s; it was canceled (is the warehouse starting or overloaded?).`,
            { details: { statementId: id } },
          );
        }
        await sleepUnlessAborted(this.clock, Math.min(delay, left), signal, 'The Databricks statement');
        delay = Math.min(delay * this.poll.factor, this.poll.maxMs);
        const waited = this.clock.now() - started;
        if (this.opts.onWaiting && waited - lastToldAt >= WAITING_NOTICE_MS) {
          lastToldAt = waited;
          this.opts.onWaiting({
            statementId: id,
            state: current.status.state,
            waitedMs: waited,
            warehouseId: this.opts.warehouseId,
          });
        }
        current = await this.getJson<StatementResponse>(`${STATEMENTS_PATH}/${encodeURIComponent(id)}`, signal);
      }
      return current;
    } catch (e) {
      if (signal?.aborted) {
        // Stop the work on the warehouse too, not just our waiting; the cancel must not carry the fired signal.
        await this.cancel(id).catch(() => {});
        throw abortedError(signal, 'The Databricks statement');
      }
      throw e;
    }
  }

  /** Every row of a finished statement: the inline first chunk, then each next chunk in turn. */
  private async readRows(res: StatementResponse, signal?: AbortSignal): Promise<(string | null)[][]> {
    if (res.manifest?.truncated) {
      throw new ConnectorError(
        'STATEMENT_FAILED',
        `Databricks truncated the result of statement ${res.statement_id}; narrow the query.`,
        { details: { statementId: res.statement_id } },
      );
    }
    const id = encodeURIComponent(res.statement_id);
    let chunk: ResultChunk | undefined = res.result;
    if (!chunk && (res.manifest?.total_chunk_count ?? 0) > 0) {
      chunk = await this.getJson<ResultChunk>(`${STATEMENTS_PATH}/${id}/result/chunks/0`, signal);
    }
    const rows: (string | null)[][] = [];
    while (chunk) {
      for (const row of chunk.data_array ?? []) rows.push(row);
      const next =
        chunk.next_chunk_internal_link ??
        (chunk.next_chunk_index !== undefined
          ? `${STATEMENTS_PATH}/${id}/result/chunks/${chunk.next_chunk_index}`
          : '');
      chunk = next ? await this.getJson<ResultChunk>(next, signal) : undefined;
    }
    return rows;
  }

  /** Asks the warehouse to stop a statement (best effort; the statement may have ended already). */
  async cancel(statementId: string): Promise<void> {
    await this.http.request({
      method: 'POST',
      url: `${this.base}${STATEMENTS_PATH}/${encodeURIComponent(statementId)}/cancel`,
      timeoutMs: 30_000,
    });
  }

  private async getJson<T>(path: string, signal?: AbortSignal): Promise<T> {
    const res = await this.http.request({ method: 'GET', url: `${this.base}${path}`, signal });
    return res.json<T>();
  }
}

function wireParameter(p: StatementParameter): { name: string; value?: string; type?: string } {
  return {
    name: p.name,
    ...(p.value === null ? {} : { value: String(p.value) }),
    ...(p.type ? { type: p.type } : {}),
  };
}

/** Seconds in a `wait_timeout`, which Databricks accepts only as `0s` or `5s`..`50s`. */
function parseWaitTimeout(value: string): number {
  const m = /^(\d+)s$/.exec(value);
  const seconds = m ? Number(m[1]) : Number.NaN;
  if (seconds === 0 || (seconds >= 5 && seconds <= 50)) return seconds;
  throw new ConnectorError('CONFIG_INVALID', `wait_timeout must be 0s or between 5s and 50s, not ${value}.`);
}
