/** The Epicor side of a sync run (the pipeline's SourcePort): company check, bound, fields, pages. */
import type { EpicorConfig } from '../../config/schema.ts';
import { Semaphore } from '../../http/semaphore.ts';
import type { ReadPlan, SourcePage, SourcePort } from '../../pipeline/ports.ts';
import type { EntityDef } from './catalog.ts';
import { countRecords } from './count-records.ts';
import { createEpicorConnection, type EpicorConnectionOptions } from './create-epicor-client.ts';
import type { EpicorClient } from './epicor-client.ts';
import { extractEntity } from './extract-entity.ts';
import { fixUpperBound, REVISION_FIELD } from './fix-upper-bound.ts';
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
  const bounds = new Map<string, Promise<string | null>>();
  const boundKey = (entity: EntityDef, company: string) => `${company}\u0000${entity.name}`;
  const take = <T>(map: Map<string, Promise<T>>, key: string): Promise<T> | undefined => {
    const p = map.get(key);
    map.delete(key);
    return p;
  };
  async function readUpperBound(entity: EntityDef, company: string, signal?: AbortSignal) {
    const fields = await client.fields(company, entity, signal);
    if (fields.some((f) => f.name === REVISION_FIELD)) return fixUpperBound(client, entity, company, signal);
    // BAQs without SysRevID: extraction fixes its own bound on the cursor; here only "empty or not" matters.
    const rows = await client.query(company, entity, { top: 1 }, signal);
    return rows.length ? 'unbounded' : null;
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
        upperBound: plan.bound,
        pageSize: config.pageSize,
        lookbackMinutes: plan.lookbackMinutes,
        parallelRanges: config.concurrency,
        pageBudget,
        signal: plan.signal,
      });
    },
    countRecords: (plan) => countRecords(client, plan),
    requestCount: () => client.requests,
  };
}
