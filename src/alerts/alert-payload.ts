/**
 * The JSON body of one alert: what happened, the run summary with per-entity errors, and a Slack-compatible `text`
 * (Slack incoming webhooks read `text` and ignore the other fields, so the same body works for both).
 */
import type { AlertEventName } from '../config/alerts-config.ts';
import type { RunRecord } from '../pipeline/ports.ts';

export interface AlertEntity {
  entity: string;
  status: string;
  error: string | null;
  fetched: number;
  inserted: number;
  updated: number;
  bad: number;
}

export interface StaleEntity {
  entity: string;
  /** Last successful run's end (ISO), or null when it never succeeded. */
  last_success: string | null;
  hours_since_success: number | null;
}

export interface AlertPayload {
  /** Fixed, so receivers can tell these apart from other webhooks. */
  source: 'ml-connector';
  event: AlertEventName;
  /** ISO time the alert was made. */
  sent_at: string;
  /** Config `epicor.baseUrl` + companies and `databricks` target (no credentials). */
  connector: { epicor: string; companies: string[]; target: string };
  /** Slack-compatible one-paragraph summary. */
  text: string;
  run: {
    sync_id: string;
    trigger: string;
    status: string;
    started_at: string;
    finished_at: string | null;
    error: string | null;
  } | null;
  entities: AlertEntity[];
  /** `stale`: the entities past `freshnessSlaHours`; `recovered` after staleness: the ones fresh again. */
  stale: StaleEntity[];
  freshness_sla_hours: number;
  /** True for `ml-connector alerts test`. */
  test?: boolean;
}

export interface PayloadContext {
  epicor: string;
  companies: string[];
  target: string;
  freshnessSlaHours: number;
  now: number;
}

/** The body for a run's event (`failed`, `partial`, `recovered`): the entities that explain it come first. */
export function runPayload(
  event: AlertEventName,
  run: RunRecord,
  ctx: PayloadContext,
  recovered: readonly string[] = [],
): AlertPayload {
  const entities = Object.entries(run.entities).map(([entity, c]) => ({
    entity,
    status: c.status,
    error: c.error ?? null,
    fetched: c.fetched,
    inserted: c.inserted,
    updated: c.updated,
    bad: c.bad,
  }));
  const failing = entities.filter((e) => e.status !== 'succeeded');
  const head =
    event === 'recovered'
      ? `recovered: ${recovered.join(', ')} succeeded again`
      : entities.length === 0
        ? `sync ${run.status} before it could start`
        : `sync ${run.status}: ${failing.length} of ${entities.length} entities ${event === 'failed' ? 'failed' : 'failed or had bad records'}`;
  const lines = [`[ml-connector] ${head} (${run.syncId ? `run ${run.syncId}, ` : ''}${ctx.target})`];
  if (event !== 'recovered') {
    for (const e of failing.slice(0, 10)) lines.push(`• ${e.entity}: ${e.error ?? `${e.bad} bad records`}`);
    if (failing.length > 10) lines.push(`• … and ${failing.length - 10} more`);
    if (run.error && failing.length === 0) lines.push(`• ${run.error}`);
  }
  return {
    ...base(event, ctx, lines.join('\n')),
    run: {
      sync_id: run.syncId,
      trigger: run.trigger,
      status: run.status,
      started_at: run.startedAt.toISOString(),
      finished_at: run.finishedAt?.toISOString() ?? null,
      error: run.error ?? null,
    },
    entities,
    stale: recovered.map((entity) => ({
      entity,
      last_success: run.finishedAt?.toISOString() ?? null,
      hours_since_success: 0,
    })),
  };
}

/** The body for `stale` (entities past the SLA) or `recovered` (stale entities fresh again, outside a run). */
export function stalePayload(event: 'stale' | 'recovered', stale: StaleEntity[], ctx: PayloadContext): AlertPayload {
  const what = stale
    .map((s) => `${s.entity} (${s.last_success ? `last success ${s.last_success}` : 'never succeeded'})`)
    .join(', ');
  const text =
    event === 'stale'
      ? `[ml-connector] stale: no successful sync for over ${ctx.freshnessSlaHours} h: ${what} (${ctx.target})`
      : `[ml-connector] recovered: ${stale.map((s) => s.entity).join(', ')} fresh again (${ctx.target})`;
  return { ...base(event, ctx, text), run: null, entities: [], stale };
}

function base(event: AlertEventName, ctx: PayloadContext, text: string) {
  return {
    source: 'ml-connector' as const,
    event,
    sent_at: new Date(ctx.now).toISOString(),
    connector: { epicor: ctx.epicor, companies: ctx.companies, target: ctx.target },
    text,
    freshness_sla_hours: ctx.freshnessSlaHours,
  };
}
