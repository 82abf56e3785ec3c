/** `resync <entity>` against the configured systems: connect, hold the destination lock as a sync does, run, close. */
import { type Clock, systemClock } from '../clock.ts';
import type { Config } from '../config/schema.ts';
import { createTableRebuild } from '../destination/databricks/table-rebuild.ts';
import type { Logger } from '../log/create-logger.ts';
import { type ResyncResult, runResync } from '../pipeline/resync.ts';
import { type ConnectOptions, connect, withRunLock } from './connect.ts';

export interface ResyncOnceOptions extends ConnectOptions {
  logger: Logger;
  clock?: Clock;
  signal?: AbortSignal;
}

/** Rebuilds one entity's table under the same destination lock `sync` takes. */
export async function resyncOnce(config: Config, entity: string, opts: ResyncOnceOptions): Promise<ResyncResult> {
  const conn = connect(config, opts);
  const ref = { catalog: config.databricks.catalog, schema: config.databricks.schema };
  const rebuild = createTableRebuild(conn.databricks, ref, config.databricks.layout);
  try {
    return await withRunLock(conn, opts, (signal) =>
      runResync(
        {
          config,
          source: conn.source,
          destination: { ...conn.destination, ...rebuild },
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
