/**
 * The connector's state in the destination schema (SPEC §6): per-entity watermarks and the run ledger, so any
 * machine with the same config resumes where the last run stopped. Writes to these tables from one process are
 * serialised, so parallel entities never race each other into Delta write conflicts.
 */
import { type Clock, systemClock } from '../../clock.ts';
import type { EntityCounts } from '../../pipeline/ports.ts';
import { type DestinationClient, rowObjects, type SqlParameter } from './client-port.ts';
import type { SchemaRef } from './sql/identifier.ts';
import { finishRunSql, lastRunsSql, readWatermarksSql, startRunSql, writeWatermarkSql } from './sql/state-sql.ts';

export type RunTrigger = 'schedule' | 'manual' | 'replay' | 'reconcile';
export type RunStatus = 'running' | 'succeeded' | 'partial' | 'failed';

/**
 * Per-entity counts recorded in `_ml_connector_runs.entities` (JSON): the pipeline's counts, whose entity status
 * the ledger may or may not carry (rows written by older runs lack it).
 */
export type EntityRunCounts = Omit<EntityCounts, 'status'> & Partial<Pick<EntityCounts, 'status'>>;

export interface Watermark {
  cursorField: string;
  cursorValue: string | null;
}

export interface RunRecord {
  syncId: string;
  trigger: string;
  startedAt: Date | null;
  finishedAt: Date | null;
  status: string;
  entities: Record<string, EntityRunCounts>;
  error: string | null;
}

export interface WriteWatermarkInput {
  instance: string;
  company: string;
  entity: string;
  cursorField: string;
  cursorValue: string | null;
  syncId: string;
}

export interface StateStore {
  /** Every stored watermark of an instance + company, by entity (one statement). */
  readWatermarks(instance: string, company: string): Promise<Map<string, Watermark>>;
  /** Upserts one entity's watermark; call only after that entity's MERGE committed. */
  writeWatermark(input: WriteWatermarkInput): Promise<void>;
  /** Records a run as running (idempotent per sync id). */
  startRun(run: {
    syncId: string;
    trigger: RunTrigger;
    startedAt: Date;
    entities?: Record<string, EntityRunCounts>;
  }): Promise<void>;
  /** Records how a run ended. */
  finishRun(run: {
    syncId: string;
    status: RunStatus;
    finishedAt?: Date;
    entities: Record<string, EntityRunCounts>;
    error?: string | null;
  }): Promise<void>;
  /** The newest `n` runs, newest first. */
  lastRuns(n: number): Promise<RunRecord[]>;
}

const ts = (d: Date): SqlParameter['value'] => d.toISOString();

/** Parses a TIMESTAMP as Databricks renders it (ISO with or without zone; no zone means UTC). */
export function parseTimestamp(text: string | null | undefined): Date | null {
  if (!text) return null;
  let s = text.trim().replace(' ', 'T');
  if (!/(Z|[+-]\d{2}:?\d{2})$/.test(s)) s += 'Z';
  const d = new Date(s);
  return Number.isNaN(d.getTime()) ? null : d;
}

function parseEntities(text: string | null | undefined): Record<string, EntityRunCounts> {
  if (!text) return {};
  try {
    const v = JSON.parse(text);
    return v && typeof v === 'object' && !Array.isArray(v) ? v : {};
  } catch {
    return {};
  }
}

/** A StateStore over the destination's `_ml_connector_state` / `_ml_connector_runs` tables. */
export function createStateStore(client: DestinationClient, ref: SchemaRef, clock: Clock = systemClock): StateStore {
  let writes: Promise<unknown> = Promise.resolve();
  /** Runs state-table writes one after another. */
  const serial = <T>(fn: () => Promise<T>): Promise<T> => {
    const next = writes.then(fn, fn);
    writes = next.catch(() => {});
    return next;
  };
  const exec = (sql: string, parameters: SqlParameter[]) => client.statements.execute(sql, { parameters });

  return {
    async readWatermarks(instance, company) {
      const result = await exec(readWatermarksSql(ref), [
        { name: 'source_instance', value: instance },
        { name: 'company', value: company },
      ]);
      const map = new Map<string, Watermark>();
      for (const row of rowObjects(result)) {
        if (row.entity) map.set(row.entity, { cursorField: row.cursor_field ?? '', cursorValue: row.cursor_value });
      }
      return map;
    },

    writeWatermark(input) {
      return serial(async () => {
        await exec(writeWatermarkSql(ref), [
          { name: 'source_instance', value: input.instance },
          { name: 'company', value: input.company },
          { name: 'entity', value: input.entity },
          { name: 'cursor_field', value: input.cursorField },
          { name: 'cursor_value', value: input.cursorValue },
          { name: 'sync_id', value: input.syncId },
          { name: 'updated_at', value: ts(new Date(clock.now())), type: 'TIMESTAMP' },
        ]);
      });
    },

    startRun(run) {
      return serial(async () => {
        await exec(startRunSql(ref), [
          { name: 'sync_id', value: run.syncId },
          { name: 'trigger', value: run.trigger },
          { name: 'started_at', value: ts(run.startedAt), type: 'TIMESTAMP' },
          { name: 'status', value: 'running' },
          { name: 'entities', value: JSON.stringify(run.entities ?? {}) },
        ]);
      });
    },

    finishRun(run) {
      return serial(async () => {
        await exec(finishRunSql(ref), [
          { name: 'sync_id', value: run.syncId },
          { name: 'finished_at', value: ts(run.finishedAt ?? new Date(clock.now())), type: 'TIMESTAMP' },
          { name: 'status', value: run.status },
          { name: 'entities', value: JSON.stringify(run.entities) },
          { name: 'error', value: run.error ?? null },
        ]);
      });
    },

    async lastRuns(n) {
      if (!Number.isInteger(n) || n < 1) throw new RangeError(`lastRuns needs a positive integer, got ${n}`);
      const result = await exec(lastRunsSql(ref), [{ name: 'limit', value: String(n), type: 'INT' }]);
      return rowObjects(result).map((r) => ({
        syncId: r.sync_id ?? '',
        trigger: r.trigger ?? '',
        startedAt: parseTimestamp(r.started_at),
        finishedAt: parseTimestamp(r.finished_at),
        status: r.status ?? '',
        entities: parseEntities(r.entities),
        error: r.error,
      }));
    },
  };
}
