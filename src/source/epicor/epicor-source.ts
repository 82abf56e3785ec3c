/**
 * The Epicor side of a job (the pipeline's SourcePort): company check, bound, fields, pages, and for reconcile and
 * replay the key scan and the fetch by key.
 */
import type { EpicorConfig } from '../../config/schema.ts';
import type { ReadPlan, SourcePage, SourcePort, UpperBound } from '../../pipeline/ports.ts';
import { Semaphore } from '../../semaphore.ts';
import type { EntityDef } from './catalog.ts';
import { countRecords } from './count-records.ts';
import { createEpicorConnection, type EpicorConnectionOptions } from './create-epicor-client.ts';
import type { EpicorClient } from './epicor-client.ts';
import { extractEntity } from './extract-entity.ts';
import { fixUpperBound, REVISION_FIELD } from './fix-upper-bound.ts';
import { fetchByKeys, hasRevision, ROW_ID_FIELD, scanKeys } from './key-scan.ts';
import type { SourceField } from './source-field.ts';

export interface EpicorSource extends SourcePort {
  client: EpicorClient;
  close(): Promise<void>;
}

/** Builds the source from config; large first loads are split into `epicor.concurrency` parallel ranges. */
export function createEpicorSource(config: EpicorConfig, opts: EpicorConnectionOptions = {}): EpicorSource {
  const conn = createEpicorConnection(config, opts);
  const client = conn.client;
  // Pages of parallel ranges requested or waiting, across all entities: enough to keep every request slot busy
  // while the consumers work, without holding dozens of parsed pages when mapping is the slower side.
  const pageBudget = new Semaphore(Math.max(2, config.concurrency * 2));
  // Prefetched answers, each used once (see SourcePort.prefetch).
  const validated = new Map<string, Promise<void>>();
  const bounds = new Map<string, Promise<UpperBound>>();
  const boundKey = (entity: EntityDef, company: string) => `${company}\u0000${entity.name}`;
  const take = <T>(map: Map<string, Promise<T>>, key: string): Promise<T> | undefined => {
    const p = map.get(key);
    map.delete(key);
    return p;
  };
  async function readUpperBound(entity: EntityDef, company: string, signal?: AbortSignal): Promise<UpperBound> {
    const fields = await client.fields(company, entity, signal);
    if (fields.some((f) => f.name === REVISION_FIELD)) {
      const rev = await fixUpperBound(client, entity, company, signal);
      return rev === null ? { kind: 'empty' } : { kind: 'revision', rev };
    }
    // BAQs without SysRevID: extraction fixes its own bound on the cursor; here only "empty or not" matters.
    const rows = await client.query(company, entity, { top: 1 }, signal);
    return rows.length ? { kind: 'open' } : { kind: 'empty' };
  }
  return {
    client,
    close: () => conn.close(),
    validateCompany: (company, signal) => take(validated, company) ?? client.validateCompany(company, signal),
    upperBound: (entity: EntityDef, company: string, signal?: AbortSignal) =>
      take(bounds, boundKey(entity, company)) ?? readUpperBound(entity, company, signal),
    prefetch(entities, companies, signal) {
      for (const company of companies) {
        const check = client.validateCompany(company, signal);
        check.catch(() => {}); // the run's own call gets the failure
        validated.set(company, check);
        for (const entity of entities) {
          if (entity.cursor.type === 'offset') continue;
          // After the company check, so an unknown company costs one request, as without prefetching.
          const bound = check.then(() => readUpperBound(entity, company, signal));
          bound.catch(() => {});
          bounds.set(boundKey(entity, company), bound);
        }
      }
    },
    fields: (entity: EntityDef, company: string, signal?: AbortSignal): Promise<SourceField[]> =>
      client.fields(company, entity, signal),
    async *pages(plan: ReadPlan): AsyncIterable<SourcePage> {
      const fields = await client.fields(plan.company, plan.entity, plan.signal);
      yield* extractEntity({
        client,
        entity: plan.entity,
        company: plan.company,
        fields,
        watermark: plan.watermark,
        // A revision bound is fixed; an open one lets extraction fix its own (empty bounds are not read).
        upperBound: plan.bound.kind === 'revision' ? plan.bound.rev : undefined,
        pageSize: config.pageSize,
        lookbackMinutes: plan.lookbackMinutes,
        parallelRanges: config.concurrency,
        pageBudget,
        signal: plan.signal,
      });
    },
    countRecords: (plan) => countRecords(client, plan),
    requestCount: () => client.requests,
    canScanKeys: (fields) => hasRevision(fields),
    scanKeys: (entity, company, fields, onPage, signal) =>
      scanKeys({ client, entity, company, fields, pageSize: config.pageSize, signal }, onPage),
    keyFields: (entity, fields) =>
      // SysRowID too where the entity has it: one GUID per record keeps the by-key requests short.
      entity.keys.includes(ROW_ID_FIELD) || !fields.some((f) => f.name === ROW_ID_FIELD)
        ? [...entity.keys]
        : [...entity.keys, ROW_ID_FIELD],
    fetchByKeys: (entity, company, fields, keys, signal) =>
      fetchByKeys({ client, entity, company, fields, keys, signal }),
  };
}
