/**
 * The destination lock: one row in `_ml_connector_lock`, so two runs never load one destination at once (a second
 * machine with the same config waits for the next schedule). Acquiring is one conditional UPDATE of that row — two
 * concurrent UPDATEs of one Delta row conflict and only one commits — and the row is re-read only when the answer
 * was ambiguous. A holder that stops heart-beating for `staleAfterMs` loses the lock to the next run.
 */
import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import { type Clock, systemClock } from '../../clock.ts';
import { ConnectorError } from '../../errors.ts';
import { type DestinationClient, rowObjects, type StatementResult } from './destination-client.ts';
import type { SchemaRef } from './sql/identifier.ts';
import {
  acquireLockSql,
  heartbeatLockSql,
  LOCK_ID,
  readLockSql,
  releaseLockSql,
  takeOverLockSql,
} from './sql/state-sql.ts';
import { parseTimestamp } from './state-store.ts';

export interface DestinationLockOptions {
  /** Who holds the lock (default `<host>:<pid>:<random>`). */
  holder?: string;
  /** A lock whose heartbeat is older than this is free (default 15 minutes). */
  staleAfterMs?: number;
  clock?: Clock;
}

export interface LockState {
  holder: string | null;
  acquiredAt: Date | null;
  heartbeatAt: Date | null;
}

export interface DestinationLock {
  readonly holder: string;
  /** Takes the lock or throws LOCKED naming the current holder. */
  acquire(): Promise<void>;
  /** Refreshes the heartbeat; throws LOCKED when the lock was lost. */
  heartbeat(): Promise<void>;
  /** Gives the lock back (no-op when not held). */
  release(): Promise<void>;
  /** The lock row as it stands. */
  read(): Promise<LockState>;
}

function affectedRows(result: StatementResult): number | undefined {
  const i = result.columns.findIndex((c) => c.name === 'num_affected_rows');
  if (i < 0 || result.rows.length === 0) return undefined;
  return Number(result.rows[0][i] ?? 0);
}

/** A lock over the `_ml_connector_lock` table (created by `prepare`). */
export function createDestinationLock(
  client: DestinationClient,
  ref: SchemaRef,
  options: DestinationLockOptions = {},
): DestinationLock {
  const clock = options.clock ?? systemClock;
  const holder = options.holder ?? `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
  const staleAfterMs = options.staleAfterMs ?? 15 * 60_000;
  const iso = (ms: number) => new Date(ms).toISOString();

  const read = async (): Promise<LockState> => {
    const result = await client.statements.execute(readLockSql(ref), {
      parameters: [{ name: 'lock_id', value: LOCK_ID }],
    });
    const row = rowObjects(result)[0];
    return {
      holder: row?.holder ?? null,
      acquiredAt: parseTimestamp(row?.acquired_at),
      heartbeatAt: parseTimestamp(row?.heartbeat_at),
    };
  };

  const lockedError = (state: LockState) =>
    new ConnectorError(
      'LOCKED',
      `Another run (${state.holder ?? 'unknown'}, last heartbeat ${state.heartbeatAt?.toISOString() ?? 'unknown'}) ` +
        `is loading this destination; try again after it finishes or after ${Math.round(staleAfterMs / 60_000)} minutes without a heartbeat.`,
      { details: { holder: state.holder } },
    );

  /** Runs a conditional UPDATE; true when it changed our row (re-reading the row when the answer is unclear). */
  const conditionalUpdate = async (sql: string, now: number, deadHolder?: string): Promise<boolean> => {
    const parameters = [
      { name: 'lock_id', value: LOCK_ID },
      { name: 'holder', value: holder },
      { name: 'dead_holder', value: deadHolder ?? null },
      { name: 'now', value: iso(now), type: 'TIMESTAMP' },
      { name: 'stale_before', value: iso(now - staleAfterMs), type: 'TIMESTAMP' },
    ].filter((p) => sql.includes(`:${p.name}`));
    let affected: number | undefined;
    try {
      affected = affectedRows(await client.statements.execute(sql, { parameters }));
    } catch (e) {
      // Committed-but-errored is possible: the row tells the truth.
      if ((await read().catch(() => null))?.holder !== holder) throw e;
      return true;
    }
    if (affected !== undefined) return affected > 0;
    return (await read()).holder === holder;
  };

  return {
    holder,
    read,
    async acquire() {
      if (await conditionalUpdate(acquireLockSql(ref), clock.now())) return;
      const state = await read();
      // A holder on this machine whose process is gone (killed, crashed) cannot come back: take over at once
      // instead of waiting for its heartbeat to go stale.
      if (state.holder && isDeadLocalHolder(state.holder)) {
        if (await conditionalUpdate(takeOverLockSql(ref), clock.now(), state.holder)) return;
      }
      throw lockedError(await read());
    },
    async heartbeat() {
      if (await conditionalUpdate(heartbeatLockSql(ref), clock.now())) return;
      throw lockedError(await read());
    },
    async release() {
      await client.statements.execute(releaseLockSql(ref), {
        parameters: [
          { name: 'lock_id', value: LOCK_ID },
          { name: 'holder', value: holder },
        ],
      });
    },
  };
}

/** True when `holder` (`<host>:<pid>:<random>`) names a process on this host that no longer exists. */
export function isDeadLocalHolder(holderText: string): boolean {
  const [host, pidText] = holderText.split(':');
  const pid = Number(pidText);
  if (host !== hostname() || !Number.isInteger(pid) || pid <= 0 || pid === process.pid) return false;
  try {
    process.kill(pid, 0);
    return false;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'ESRCH';
  }
}
