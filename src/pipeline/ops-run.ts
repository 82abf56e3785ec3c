/**
 * What `reconcile` and `replay` share: a ledger run over the planned (company, entity) pairs with their target
 * schemas prepared, and reloading records fetched by key through the normal staged MERGE (so lineage and
 * idempotence are exactly those of a sync run).
 */
import type { Clock } from '../clock.ts';
import { columnRulesOf } from '../config/columns-config.ts';
import type { Config } from '../config/schema.ts';
import type { DestinationClient } from '../destination/databricks/client-port.ts';
import type { DatabricksDestination } from '../destination/databricks/destination.ts';
import type { SchemaRef } from '../destination/databricks/sql/identifier.ts';
import type { TargetScope } from '../destination/databricks/target-keys.ts';
import { messageOf } from '../errors.ts';
import type { Logger } from '../log/create-logger.ts';
import { buildTargetSchema } from '../mapping/build-target-schema.ts';
import { createRecordMapper } from '../mapping/record-mapper.ts';
import { normaliseInstance } from '../mapping/surrogate-key.ts';
import { type TargetSchema, unionByTable } from '../mapping/target-schema.ts';
import type { EntityDef } from '../source/epicor/catalog.ts';
import type { EpicorClient, EpicorRecord } from '../source/epicor/epicor-client.ts';
import { fetchByKeys } from '../source/epicor/key-scan.ts';
import type { SourceField } from '../source/epicor/source-field.ts';
import { planEntities } from './entity-plan.ts';
import { forEachLimited } from './limit.ts';
import type { EntityCounts, RunRecord } from './ports.ts';
import { emptyCounts, runStatusOf } from './run-status.ts';
import { newSyncId } from './sync-id.ts';

export interface OpsDeps {
  config: Config;
  epicor: EpicorClient;
  destination: DatabricksDestination;
  /** Statement access for the reconcile/replay reads and deletion marks. */
  sql: DestinationClient;
  clock: Clock;
  logger: Logger;
}

/** Per-entity counts of a reconcile or replay run (written to the ledger's `entities` JSON). */
export interface OpsCounts extends EntityCounts {
  /** Records fetched in full by key (reconcile: the changed ones; replay: all the run wrote). */
  refetched: number;
  /** Rows marked `_is_deleted` (reconcile). */
  deleted: number;
  /** Keys asked for that Epicor no longer has (replay). */
  missing: number;
}

export interface OpsResult {
  run: RunRecord & { entities: Record<string, OpsCounts> };
  /** Epicor HTTP requests of this run. */
  requests: number;
}

/** One (company, entity) of the run, with its schema as the source describes it now. */
export interface OpsTask {
  company: string;
  def: EntityDef;
  fields: SourceField[];
  schema: TargetSchema;
  counts: OpsCounts;
  scope: TargetScope;
  key: string;
}

export interface OpsOptions {
  only?: string[];
  signal?: AbortSignal;
}

/** Runs `perEntity` over every planned (company, entity) inside one ledger run; entity failures make it partial. */
export async function runOps(
  deps: OpsDeps,
  trigger: 'reconcile' | 'replay',
  opts: OpsOptions,
  perEntity: (task: OpsTask, run: RunRecord) => Promise<void>,
): Promise<OpsResult> {
  const { config, destination, clock, logger } = deps;
  const startedAt = new Date(clock.now());
  const entities: Record<string, OpsCounts> = {};
  const run: OpsResult['run'] = { syncId: newSyncId(startedAt), trigger, startedAt, status: 'running', entities };
  const requestsBefore = deps.epicor.requests;
  const companies = config.epicor.companies;
  const ref: SchemaRef = { catalog: config.databricks.catalog, schema: config.databricks.schema };
  const planned = planEntities(config, opts.only);
  const keyOf = (company: string, name: string) => (companies.length > 1 ? `${company}/${name}` : name);
  const fail = (key: string, e: unknown) => {
    entities[key].status = 'failed';
    entities[key].error = messageOf(e);
    logger.error({ entity: key, err: messageOf(e) }, `${trigger} of ${key} failed`);
  };

  logger.info({ syncId: run.syncId, trigger, entities: planned.length, companies }, `${trigger} started`);
  await destination.prepare([]);
  await destination.state.startRun({ syncId: run.syncId, trigger, startedAt, entities });
  try {
    const tasks: OpsTask[] = [];
    for (const company of companies) {
      for (const p of planned) entities[keyOf(company, p.def.name)] = opsCounts();
      try {
        await deps.epicor.validateCompany(company, opts.signal);
      } catch (e) {
        for (const p of planned) fail(keyOf(company, p.def.name), e);
        continue;
      }
      await forEachLimited(planned, parallelism(config), async (p) => {
        const key = keyOf(company, p.def.name);
        try {
          const fields = await deps.epicor.fields(company, p.def, opts.signal);
          const schema = buildTargetSchema(p.def, fields, columnRulesOf(config.columns, p.def.name)).schema;
          const scope = { client: deps.sql, ref, instance: normaliseInstance(config.epicor.baseUrl), company };
          tasks.push({ company, def: p.def, fields, schema, counts: entities[key], scope, key });
        } catch (e) {
          fail(key, e);
        }
      });
    }
    if (tasks.length > 0) await destination.prepare(unionByTable(tasks.map((t) => t.schema)), opts.signal);
    await forEachLimited(tasks, parallelism(config), async (t) => {
      try {
        await perEntity({ ...t, scope: { ...t.scope, signal: opts.signal } }, run);
        if (t.counts.bad > 0) t.counts.status = 'partial';
      } catch (e) {
        fail(t.key, e);
      }
    });
    run.status = runStatusOf(entities);
  } catch (e) {
    run.status = 'failed';
    run.error = messageOf(e);
  }
  run.finishedAt = new Date(clock.now());
  if (!run.error) {
    const failed = Object.entries(entities).filter(([, c]) => c.status === 'failed');
    if (failed.length > 0) run.error = failed.map(([k, c]) => `${k}: ${c.error}`).join('; ');
  }
  await destination.state.finishRun({
    syncId: run.syncId,
    status: run.status,
    finishedAt: run.finishedAt,
    entities,
    error: run.error ?? null,
  });
  logger.info({ syncId: run.syncId, status: run.status }, `${trigger} finished`);
  return { run, requests: deps.epicor.requests - requestsBefore };
}

/**
 * Fetches the records with these keys in full (batched `$filter`s) and loads them with one staged MERGE.
 * Adds to `refetched`, `inserted`, `updated`, `unchanged`, `bad` and `requests`; returns how many records came back.
 */
export async function reloadByKeys(
  deps: OpsDeps,
  run: RunRecord,
  task: OpsTask,
  keys: readonly EpicorRecord[],
): Promise<number> {
  if (keys.length === 0) return 0;
  const { def, schema, counts, company } = task;
  const mapper = createRecordMapper(def, schema, {
    instance: deps.config.epicor.baseUrl,
    company,
    syncId: run.syncId,
    syncedAt: run.startedAt,
    timeZone: deps.config.epicor.timeZone,
    hashSalt: deps.config.columns?.salt,
  });
  const load = deps.destination.openEntityLoad(
    schema,
    run.syncId,
    `${company}_${def.name.replace(/[^A-Za-z0-9_]/g, '_')}`,
    { signal: task.scope.signal },
  );
  let rows = 0;
  let found = 0;
  try {
    for await (const { records, requests } of fetchByKeys({
      client: deps.epicor,
      entity: def,
      company,
      fields: task.fields,
      keys,
      signal: task.scope.signal,
    })) {
      counts.requests += requests;
      found += records.length;
      counts.refetched += records.length;
      for (const raw of records) {
        const r = mapper(raw);
        if (r.ok) {
          rows++;
          const wait = load.writeValues(r.values);
          if (wait) await wait;
        } else {
          counts.bad++;
          deps.logger.warn({ entity: task.key, key: r.key, reason: r.reason }, 'bad record');
        }
      }
    }
    if (rows > 0) {
      const result = await load.commit();
      counts.inserted += result.inserted;
      counts.updated += result.updated;
      counts.unchanged += Math.max(0, rows - result.inserted - result.updated);
    } else {
      await load.abort();
    }
  } catch (e) {
    await load.abort().catch(() => {});
    throw e;
  }
  return found;
}

function opsCounts(): OpsCounts {
  return { ...emptyCounts(null), refetched: 0, deleted: 0, missing: 0 };
}

function parallelism(config: Config): number {
  return Math.max(1, Math.min(config.epicor.concurrency, 4));
}
