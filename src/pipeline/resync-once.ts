/** `resync <entity>` against the configured systems: connect, hold the destination lock as a sync does, run, close. */
import { type Clock, systemClock } from '../clock.ts';
import type { Config } from '../config/schema.ts';
import type { Logger } from '../log/create-logger.ts';
import { type ConnectOptions, connect, withRunLock } from './connect.ts';
import { type ResyncResult, runResync } from './resync.ts';

export interface ResyncOnceOptions extends ConnectOptions {
  logger: Logger;
  clock?: Clock;
  signal?: AbortSignal;
}

/** Rebuilds one entity's table under the same destination lock `sync` takes. */
export async function resyncOnce(config: Config, entity: string, opts: ResyncOnceOptions): Promise<ResyncResult> {
  const conn = connect(config, opts);
  try {
    return await withRunLock(conn, opts, (signal) =>
      runResync(
        {
          config,
          source: conn.source,
          destination: conn.destination,
          sql: conn.databricks,
          clock: opts.clock ?? systemClock,
          logger: opts.logger,
        },
        entity,
        signal,
      ),
    );
  } finally {
    await conn.close();
  }
}
