/** What the runs page shows, read the way `ml-connector status` reads it: the run ledger and the watermarks. */
import type { Config } from '../config/schema.ts';
import { describeSchedule, nextFireTime } from '../daemon/scheduler.ts';
import { createDatabricksClient } from '../destination/databricks/client/databricks-client.ts';
import { createDatabricksDestination } from '../destination/databricks/destination.ts';
import { messageOf } from '../errors.ts';
import { redactSecrets } from '../log/redact-secrets.ts';
import { planEntities } from '../pipeline/entity-plan.ts';
import type { LedgerRun as RunRecord } from '../pipeline/ports.ts';

export interface EntityFreshness {
  entity: string;
  table: string;
  watermark: string | null;
  lastSuccess: Date | null;
  /** Seconds since the last success. */
  ageSeconds: number | null;
  /** The last success is older than two schedule intervals (null when the schedule is manual). */
  stale: boolean | null;
  /** Rows the last successful run of this entity fetched (null before the first). */
  lastFetched: number | null;
  lastError: string | null;
}

export interface LedgerView {
  runs: RunRecord[];
  entities: EntityFreshness[];
  schedule: string;
  /** The next fire times of `schedule` (when `ml-connector run` is up), soonest first; empty when manual. */
  nextSyncs: Date[];
  reconcileSchedule: string;
  nextReconcile: Date | null;
  /** Interval between two scheduled syncs (ms), the yardstick of freshness; null when manual. */
  intervalMs: number | null;
  /** Why the ledger could not be read (e.g. Databricks unreachable, or no sync has run yet). */
  problem: string | null;
}

/** The next `n` fire times of a schedule after `now`. */
function fireTimes(schedule: Config['schedule'], now: number, n: number): Date[] {
  const out: Date[] = [];
  let at = now;
  while (out.length < n) {
    const next = nextFireTime(schedule, at);
    if (next === null) break;
    out.push(new Date(next));
    at = next;
  }
  return out;
}

export async function readLedger(config: Config, secrets: readonly string[], now = Date.now()): Promise<LedgerView> {
  const client = createDatabricksClient(config.databricks, { retry: { maxRetries: 0 } });
  const view: LedgerView = {
    runs: [],
    entities: [],
    schedule: describeSchedule(config.schedule),
    nextSyncs: fireTimes(config.schedule, now, 3),
    reconcileSchedule: describeSchedule(config.reconcile),
    nextReconcile: fireTimes(config.reconcile, now, 1)[0] ?? null,
    intervalMs: null,
    problem: null,
  };
  // A cron's interval is the gap between its next two fire times (for hourly/daily, an hour or a day).
  const [a, b] = view.nextSyncs;
  view.intervalMs = a && b ? b.getTime() - a.getTime() : null;
  try {
    const dest = createDatabricksDestination({ client, config: config.databricks });
    try {
      view.runs = await dest.state.lastRuns(20);
    } catch (e) {
      // Before the first sync there is no ledger table yet: that is "no runs", not a problem.
      const why = messageOf(e);
      if (!/TABLE_OR_VIEW_NOT_FOUND|SCHEMA_NOT_FOUND/.test(why)) view.problem = redactSecrets(why, secrets);
    }
    const interval = view.intervalMs;
    for (const company of config.epicor.companies) {
      const marks = view.problem
        ? new Map()
        : await dest.state.readWatermarks(config.epicor.baseUrl, company).catch(() => new Map());
      for (const p of planEntities(config)) {
        const key = config.epicor.companies.length > 1 ? `${company}/${p.def.name}` : p.def.name;
        const ok = view.runs.find((r) => r.entities[key] && !r.entities[key].error && r.status !== 'running');
        const bad = view.runs.find((r) => r.entities[key]?.error);
        const age = ok?.finishedAt ? Math.round((now - ok.finishedAt.getTime()) / 1000) : null;
        view.entities.push({
          entity: key,
          table: p.def.table,
          watermark: marks.get(p.def.name)?.cursorValue ?? null,
          lastSuccess: ok?.finishedAt ?? null,
          ageSeconds: age,
          stale: interval === null ? null : age === null || age * 1000 > 2 * interval,
          lastFetched: ok ? ok.entities[key].fetched : null,
          lastError:
            bad && (!ok || ((bad.startedAt?.getTime() ?? 0) > (ok.startedAt?.getTime() ?? 0) && bad !== ok))
              ? redactSecrets(bad.entities[key].error ?? '', secrets)
              : null,
        });
      }
    }
  } finally {
    await client.close();
  }
  return view;
}
