/**
 * Per configured entity (on the first company): the service answers under this API key's access scope, its
 * `$metadata` parses and describes the set, SysRevID is there, and one row reads and maps with the real mapper.
 * Two requests per entity at most (`$metadata` is read once per service).
 */

import type { ProbeLog } from '../../check-probe.ts';
import type { EpicorConfig } from '../../config/schema.ts';
import { ConnectorError, messageOf } from '../../errors.ts';
import type { HttpResponse } from '../../http/http-client.ts';
import type { EntityDef } from './catalog.ts';
import { answerOf } from './check-epicor-answer.ts';
import type { CheckConnection } from './check-epicor-http.ts';
import { classifyEpicor } from './epicor-error-mapper.ts';
import { mayLosePrecision, parseJsonLossless } from './lossless-json.ts';
import { queryString } from './odata-query.ts';
import type { SourceField } from './source-field.ts';

/**
 * Maps one sample row the way a sync would (the real target schema and record mapper, supplied by the pipeline:
 * mapping sits above the source in the import layers).
 */
export type SampleMapper = (
  entity: EntityDef,
  fields: readonly SourceField[],
  row: Record<string, unknown>,
  company: string,
) => SampleMapping;

export interface SampleMapping {
  /** Target columns of the entity's table. */
  columns: number;
  /** Source fields that will not be loaded (Epicor's plumbing fields left out), with the reason. */
  skipped: { field: string; reason: string }[];
  /** Why the row does not map, when it does not (with its readable key). */
  bad?: { key: string; reason: string };
}

export interface ProbeContext {
  config: EpicorConfig;
  /** Without it the sample row is read but not mapped. */
  mapSample?: SampleMapper;
  conn: CheckConnection;
  log: ProbeLog;
  /** The company the entity and behaviour probes read. */
  company: string;
}

/** An entity that answered: its fields and the row read (if the set has any). */
export interface ReadableEntity {
  def: EntityDef;
  fields: SourceField[];
  row?: Record<string, unknown>;
}

type Outcome =
  | { status: 'ok' | 'adapted'; message: string; readable: ReadableEntity }
  | { status: 'failed'; message: string; fix: string | null };

const REVISION = 'SysRevID';

/** Probes every entity (a few at a time), logs one line each in config order, returns those that answered. */
export async function probeEntities(ctx: ProbeContext, entities: readonly EntityDef[]): Promise<ReadableEntity[]> {
  if (entities.length === 0) return [];
  ctx.log.waiting(`${entities.length} entities of ${ctx.company} ($metadata and one row each)`);
  const outcomes: Outcome[] = new Array(entities.length);
  let next = 0;
  const lane = async () => {
    while (next < entities.length) {
      const i = next++;
      outcomes[i] = await probeEntity(ctx, entities[i]);
    }
  };
  await Promise.all(Array.from({ length: Math.min(4, ctx.config.concurrency, entities.length) }, lane));
  const readable: ReadableEntity[] = [];
  entities.forEach((def, i) => {
    const o = outcomes[i];
    const id = `epicor.entity.${def.name}`;
    const title = `Entity ${def.name}`;
    if (o.status === 'failed') ctx.log.failed(id, title, o.message, o.fix);
    else {
      ctx.log.add(id, title, o.status, o.message);
      readable.push(o.readable);
    }
  });
  return readable;
}

function where(def: EntityDef): string {
  return `${def.service}/${def.entitySet}`;
}

function scopeFix(def: EntityDef): string {
  return `extend the API key's access scope to ${def.service} (Epicor: API Key Maintenance, access scope), or drop ${def.name} from entities:`;
}

async function probeEntity(ctx: ProbeContext, def: EntityDef): Promise<Outcome> {
  const { conn, company } = ctx;
  let fields: SourceField[];
  try {
    fields = await conn.within(`$metadata of ${def.service}`, (signal) => conn.client.fields(company, def, signal));
  } catch (e) {
    if (e instanceof ConnectorError && e.code === 'FORBIDDEN') {
      return {
        status: 'failed',
        message: `${def.service} refused this API key (HTTP 403, access scope): ${messageOf(e)}`,
        fix: scopeFix(def),
      };
    }
    if (e instanceof ConnectorError && e.code === 'NOT_FOUND') {
      return {
        status: 'failed',
        message: `${where(def)} was not found: ${messageOf(e)}`,
        fix:
          def.service === 'BaqSvc'
            ? 'check the BAQ id in entities:'
            : `check that ${def.service} is available on this tenant`,
      };
    }
    return { status: 'failed', message: `$metadata of ${def.service} could not be read: ${messageOf(e)}`, fix: null };
  }

  const notes: string[] = [];
  const hasRevision = fields.some((f) => f.name === REVISION);
  if (!hasRevision && def.cursor.type === 'revision') {
    return {
      status: 'failed',
      message: `$metadata of ${where(def)} has no ${REVISION} field, which its incremental reads use.`,
      fix: def.service === 'BaqSvc' ? 'add SysRevID to the BAQ or configure a cursor column for it' : null,
    };
  }
  const url = `${conn.client.entityUrl(company, def)}?${queryString({ top: 1, params: def.parameters })}`;
  let res: HttpResponse;
  try {
    res = await conn.get(url, `one row of ${where(def)}`);
  } catch (e) {
    return { status: 'failed', message: `reading one row of ${where(def)}: ${messageOf(e)}`, fix: null };
  }
  if (res.status === 403) {
    const err = classifyEpicor(res, undefined);
    return {
      status: 'failed',
      message: `${def.service} refused this API key (HTTP 403, access scope)${err ? `: ${err.message}` : ''}`,
      fix: scopeFix(def),
    };
  }
  if (res.status !== 200 || answerOf(res).kind !== 'odata') {
    const err = classifyEpicor(res, undefined);
    return {
      status: 'failed',
      message: `reading one row of ${where(def)}: ${err ? err.message : `HTTP ${res.status} without an OData answer`}`,
      fix: null,
    };
  }
  const text = res.text();
  const body = mayLosePrecision(text)
    ? parseJsonLossless<{ value: unknown[] }>(text)
    : res.json<{ value: unknown[] }>();
  const row = body.value[0] as Record<string, unknown> | undefined;

  const head = `${where(def)} answers; $metadata: ${fields.length} fields${hasRevision ? `, ${REVISION} present` : ` (no ${REVISION}; cursor ${cursorName(def)})`}`;
  let skipped: SampleMapping['skipped'] = [];
  if (!row) notes.push('no rows yet, so no row was mapped');
  else if (!ctx.mapSample) notes.push('a row read');
  else {
    const mapped = ctx.mapSample(def, fields, row, company);
    skipped = mapped.skipped;
    if (mapped.bad) {
      return {
        status: 'failed',
        message: `${head}; the row read (${mapped.bad.key}) does not map: ${mapped.bad.reason}`,
        fix: null,
      };
    }
    notes.push(`a row read and mapped to ${mapped.columns} columns`);
  }
  if (row) {
    const known = new Set(fields.map((f) => f.name));
    const unlisted = Object.keys(row).filter((k) => !k.includes('@') && !known.has(k));
    if (unlisted.length > 0) {
      notes.push(`the row carries ${unlisted.length} field(s) $metadata does not list, not loaded: ${list(unlisted)}`);
    }
  }
  if (skipped.length > 0) {
    notes.push(`${skipped.length} field(s) not loaded: ${list(skipped.map((s) => `${s.field} (${s.reason})`))}`);
  }
  const adapted = skipped.length > 0 || notes.some((n) => n.includes('does not list'));
  return {
    status: adapted ? 'adapted' : 'ok',
    message: `${head}; ${notes.join('; ')}.`,
    readable: { def, fields, row },
  };
}

function cursorName(def: EntityDef): string {
  const c = def.cursor;
  if (c.type === 'offset') return '$skip';
  return c.type === 'date+seconds' ? `${c.dateField}+${c.secondsField}` : c.field;
}

function list(items: string[]): string {
  return items.length <= 4 ? items.join(', ') : `${items.slice(0, 4).join(', ')} and ${items.length - 4} more`;
}
