/**
 * `resync <entity>` as a plan (issue 19 item 4): rebuild one table from a full read without touching any other.
 *
 * Order, and why nothing is lost at any kill:
 *  1. fix each company's upper bound, drop a dead resync's side table, create a fresh one;
 *  2. read everything up to the bound into the side table (the normal staged MERGE: same lineage, same
 *     de-duplication) — the live table and its watermark are untouched, readers keep the old rows;
 *  3. swap: one `CREATE OR REPLACE TABLE … AS SELECT` from the side table (sql/swap-sql.ts), atomic in Delta;
 *  4. only then write each company's watermark (the bound), and drop the side table.
 * A kill before 3 leaves the old table and watermark; a kill between 3 and 4 leaves the new table with the old
 * watermark, so the next sync re-reads a range whose rows are all there already (the MERGE changes nothing).
 * `<dim>_history` is never written: the history keeps what was observed, and a rebuild observes nothing new.
 */
import type { Clock } from '../clock.ts';
import type { Config } from '../config/schema.ts';
import type { DestinationClient } from '../destination/databricks/client-port.ts';
import type { DatabricksDestination } from '../destination/databricks/destination.ts';
import { asOfFunctionSql } from '../destination/databricks/sql/as-of-function.ts';
import type { SchemaRef } from '../destination/databricks/sql/identifier.ts';
import {
  createResyncTableSql,
  dropResyncTableSql,
  resyncSchemaOf,
  swapInResyncTableSql,
} from '../destination/databricks/sql/swap-sql.ts';
import { ConnectorError, messageOf } from '../errors.ts';
import type { Logger } from '../log/create-logger.ts';
import { buildTargetSchema } from '../mapping/build-target-schema.ts';
import { createRecordMapper } from '../mapping/record-mapper.ts';
import { type TargetSchema, unionByTable } from '../mapping/target-schema.ts';
import { cursorFieldName, planEntities } from './entity-plan.ts';
import type { EntityCounts, RunRecord, SourcePort } from './ports.ts';
import { revisionOf } from './revision.ts';
import { emptyCounts, runStatusOf } from './run-status.ts';
import { newSyncId } from './sync-id.ts';
import { nextWatermark } from './sync-run.ts';

export interface ResyncDeps {
  config: Config;
  source: SourcePort;
  destination: Pick<DatabricksDestination, 'prepare' | 'openEntityLoad' | 'state'>;
  sql: Pick<DestinationClient, 'statements'>;
  clock: Clock;
  logger: Logger;
}

export interface ResyncResult {
  run: RunRecord;
  /** The rebuilt table. */
  table: string;
  /** Rows in the table after the swap (what the full read loaded). */
  rows: number;
  /** Records that could not be mapped (reported by `bad record` log lines; the run is partial). */
  bad: number;
}

interface CompanyRead {
  company: string;
  bound: string | null;
  counts: EntityCounts;
}

/** Rebuilds `entity`'s table from a full read; the caller holds the destination lock. */
export async function runResync(deps: ResyncDeps, entity: string, signal?: AbortSignal): Promise<ResyncResult> {
  const { config, source, destination, clock, logger } = deps;
  const [planned] = planEntities(config, [entity]);
  const def = planned.def;
  const ref: SchemaRef = { catalog: config.databricks.catalog, schema: config.databricks.schema };
  const exec = (sql: string) => deps.sql.statements.execute(sql, { signal });
  const startedAt = new Date(clock.now());
  const run: RunRecord = {
    syncId: newSyncId(startedAt),
    trigger: 'manual',
    startedAt,
    status: 'running',
    entities: {},
  };
  const companies = config.epicor.companies;
  const keyOf = (company: string) => (companies.length > 1 ? `${company}/${def.name}` : def.name);
  const reads: CompanyRead[] = companies.map((company) => {
    const counts = emptyCounts(null);
    run.entities[keyOf(company)] = counts;
    return { company, bound: null, counts };
  });

  logger.info({ syncId: run.syncId, entity: def.name, table: def.table }, `resync of ${def.table} started`);
  await destination.state.startRun(run);
  let rows = 0;
  let bad = 0;
  try {
    // 1. Bounds and schemas first (reads only), then a fresh side table.
    const schemas: TargetSchema[] = [];
    for (const r of reads) {
      await source.validateCompany(r.company, signal);
      if (def.cursor.type !== 'offset') {
        r.bound = await source.upperBound(def, r.company, signal);
        r.counts.requests++;
      }
      schemas.push(buildTargetSchema(def, await source.fields(def, r.company, signal)).schema);
    }
    const schema = unionByTable(schemas)[0];
    const side = resyncSchemaOf(schema);
    await exec(dropResyncTableSql(ref, def.table));
    await exec(createResyncTableSql(ref, schema, config.databricks.layout));

    // 2. The full read into the side table, company by company.
    for (const r of reads) {
      const load = destination.openEntityLoad(side, run.syncId, `${r.company}_${def.name.replace(/\W/g, '_')}`);
      const mapper = createRecordMapper(def, schema, {
        instance: config.epicor.baseUrl,
        company: r.company,
        syncId: run.syncId,
        syncedAt: run.startedAt,
        timeZone: config.epicor.timeZone,
      });
      let minBadRev: bigint | null = null;
      let lastCursor: string | null = null;
      let loaded = 0;
      try {
        const pages = source.pages({
          entity: def,
          company: r.company,
          watermark: null,
          bound: r.bound ?? '',
          lookbackMinutes: planned.lookbackMinutes,
          signal,
        });
        for await (const page of pages) {
          r.counts.pages++;
          r.counts.requests++;
          r.counts.fetched += page.records.length;
          if (page.cursorAfter !== null) lastCursor = page.cursorAfter;
          for (const raw of page.records) {
            const m = mapper(raw);
            if (m.ok) {
              loaded++;
              const wait = load.writeValues(m.values);
              if (wait) await wait;
              continue;
            }
            r.counts.bad++;
            const rev = revisionOf(raw.SysRevID) ?? 0n;
            if (minBadRev === null || rev < minBadRev) minBadRev = rev;
            logger.warn({ entity: keyOf(r.company), key: m.key, reason: m.reason }, 'bad record');
          }
        }
        const merged = loaded > 0 ? await load.commit() : { inserted: 0, updated: 0 };
        if (loaded === 0) await load.abort();
        r.counts.inserted = merged.inserted;
        r.counts.updated = merged.updated;
      } catch (e) {
        await load.abort().catch(() => {});
        throw e;
      }
      bad += r.counts.bad;
      if (r.counts.bad > 0) r.counts.status = 'partial';
      r.counts.watermark_to = nextWatermark(def.cursor.type, null, r.bound, lastCursor, minBadRev, r.counts.bad);
    }

    // 3. The swap, one statement; nothing above touched the live table.
    if (signal?.aborted) throw signal.reason;
    await exec(swapInResyncTableSql(ref, schema, config.databricks.layout));
    logger.info({ table: def.table }, `${def.table} swapped in`);
    // What a table needs besides its rows (the fact's `_current` view when the table is new) — one introspection.
    await destination.prepare([schema], signal);
    // A fact's `<table>_as_of` declares the table's columns, which the rebuild may have changed.
    const asOf = asOfFunctionSql(ref, schema, false);
    if (asOf) await exec(asOf);

    // 4. Watermarks only now, then the side table goes.
    for (const r of reads) {
      if (r.counts.watermark_to === null) continue;
      await destination.state.writeWatermark({
        instance: config.epicor.baseUrl,
        company: r.company,
        entity: def.name,
        cursorField: cursorFieldName(def.cursor),
        cursorValue: r.counts.watermark_to,
        syncId: run.syncId,
      });
    }
    await exec(dropResyncTableSql(ref, def.table)).catch((e) =>
      logger.warn({ err: messageOf(e) }, 'the resync side table could not be dropped; the next resync drops it'),
    );
    rows = reads.reduce((n, r) => n + r.counts.inserted + r.counts.updated, 0);
    run.status = runStatusOf(run.entities);
  } catch (e) {
    const stopped = signal?.aborted === true;
    const text = stopped ? `stopped: ${messageOf(signal?.reason)}` : messageOf(e);
    for (const r of reads) {
      r.counts.status = 'failed';
      r.counts.error = text;
    }
    run.status = 'failed';
    run.error = `resync of ${def.table} did not finish (${text}); the table and its watermark are as they were`;
    logger.error({ err: text }, `resync of ${def.table} failed`);
  }
  run.finishedAt = new Date(clock.now());
  try {
    await destination.state.finishRun(run);
  } catch (e) {
    logger.error({ err: messageOf(e) }, 'could not record the run in the ledger');
  }
  return { run, table: def.table, rows, bad };
}

/** Refuses what `resync` cannot rebuild, with the fix (one named entity, known to the catalog or configured). */
export function resyncEntityName(config: Config, entity: string | undefined): string {
  if (!entity || entity.includes(',')) {
    throw new ConnectorError('USAGE', 'resync takes exactly one entity name, e.g. `ml-connector resync vendors`');
  }
  planEntities(config, [entity]);
  return entity;
}
