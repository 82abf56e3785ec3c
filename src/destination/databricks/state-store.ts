/**
 * The connector's state in the destination schema (SPEC §6): per-entity watermarks and the run ledger, so any
 * machine with the same config resumes where the last run stopped. Writes to these tables from one process are
 * serialised, so parallel entities never race each other into Delta write conflicts.
 */
import { type Clock, systemClock } from '../../clock.ts';
import type { LedgerRun, StatePort, Watermark } from '../../pipeline/ports.ts';
import { type DestinationClient, rowObjects, type SqlParameter } from './destination-client.ts';
import type { SchemaRef } from './sql/identifier.ts';
import { findRunSql } from './sql/reconcile-sql.ts';
import { finishRunSql, lastRunsSql, readWatermarksSql, startRunSql, writeWatermarkSql } from './sql/state-sql.ts';

const ts = (d: Date): SqlParameter['value'] => d.toISOString();

/** Parses a TIMESTAMP as Databricks renders it (ISO with or without zone; no zone means UTC). */
export function parseTimestamp(text: string | null | undefined): Date | null {
  if (!text) return null;
  let s = text.trim().replace(' ', 'T');
  if (!/(Z|[+-]\d{2}:?\d{2})$/.test(s)) s += 'Z';
  const d = new Date(s);
  return Number.isNaN(d.getTime()) ? null : d;
}

function parseEntities(text: string | null | undefined): LedgerRun['entities'] {
  if (!text) return {};
  try {
    const v = JSON.parse(text);
    return v && typeof v === 'object' && !Array.isArray(v) ? v : {};
  } catch {
    return {};
  }
}

/** A StateStore over the destination's `_ml_connector_state` / `_ml_connector_runs` tables. */
export function createStateStore(client: DestinationClient, ref: SchemaRef, clock: Clock = systemClock): StatePort {
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
        // A row without a value (an offset-paged entity) holds no position to resume from.
        if (row.entity && row.cursor_value !== null) {
          map.set(row.entity, { cursorField: row.cursor_field ?? '', cursorValue: row.cursor_value });
        }
      }
      return map;
    },

    writeWatermark(instance, company, entity, mark, syncId) {
      return serial(async () => {
        await exec(writeWatermarkSql(ref), [
          { name: 'source_instance', value: instance },
          { name: 'company', value: company },
          { name: 'entity', value: entity },
          { name: 'cursor_field', value: mark.cursorField },
          { name: 'cursor_value', value: mark.cursorValue },
          { name: 'sync_id', value: syncId },
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
          { name: 'entities', value: JSON.stringify(run.entities) },
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

    async findRun(syncId) {
      const result = await exec(findRunSql(ref), [{ name: 'sync_id', value: syncId }]);
      const row = rowObjects(result)[0];
      if (!row) return undefined;
      return { syncId: row.sync_id ?? syncId, trigger: row.trigger ?? '', status: row.status ?? '' };
    },
  };
}
