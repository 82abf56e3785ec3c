/** `reconcile` / `replay` against the configured systems: connect, run, record, close. */
import { type Clock, systemClock } from '../clock.ts';
import type { Config } from '../config/schema.ts';
import type { Logger } from '../log/create-logger.ts';
import type { OpsDeps, OpsOptions, OpsResult } from '../pipeline/ops-run.ts';
import { runReconcile } from '../pipeline/reconcile.ts';
import { runReplay } from '../pipeline/replay.ts';
import { type ConnectOptions, connect, withRunLock } from './connect.ts';

export interface OpsOnceOptions extends ConnectOptions, OpsOptions {
  logger: Logger;
  clock?: Clock;
}

async function withConnections<T>(
  config: Config,
  opts: OpsOnceOptions,
  fn: (deps: OpsDeps, signal: AbortSignal | undefined) => Promise<T>,
): Promise<T> {
  const conn = connect(config, opts);
  try {
    return await withRunLock(conn, opts, (signal) =>
      fn(
        {
          config,
          source: conn.source,
          destination: conn.destination,
          clock: opts.clock ?? systemClock,
          logger: opts.logger,
        },
        signal,
      ),
    );
  } finally {
    await conn.close();
  }
}

/** One reconciliation run against the configured Epicor and Databricks. */
export function reconcileOnce(config: Config, opts: OpsOnceOptions): Promise<OpsResult> {
  return withConnections(config, opts, (deps, signal) => runReconcile(deps, { ...opts, signal }));
}

/** Replays run `syncId` against the configured Epicor and Databricks. */
export function replayOnce(config: Config, syncId: string, opts: OpsOnceOptions): Promise<OpsResult> {
  return withConnections(config, opts, (deps, signal) => runReplay(deps, syncId, { ...opts, signal }));
}
