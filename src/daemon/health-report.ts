/**
 * What `GET /healthz` answers, from the daemon's state at one instant (a pure function, so every rule is testable).
 *
 * Rules, first match wins:
 * 1. a run is in progress → 200 `running` while it is inside its expected window (the time until its schedule's
 *    next fire after it was due), 503 `stuck` after that;
 * 2. the newest event is a tick skipped because another process holds the destination lock → 200 `standby`
 *    (that process is loading; this one takes over when it stops);
 * 3. a run has finished → 200 `ok` when the latest sync and the latest reconcile (those that ran) succeeded,
 *    503 `failing` when either ended partial or failed;
 * 4. nothing finished yet → 200 `idle` for a manual schedule, 200 `starting` until the first run is due, 503
 *    `overdue` after that.
 */
export type RunKind = 'sync' | 'reconcile';

export interface FinishedRun {
  kind: RunKind;
  syncId: string | null;
  status: string;
  startedAt: number;
  finishedAt: number;
  error?: string;
}

export interface CurrentRun {
  kind: RunKind;
  startedAt: number;
  /** How long this run may take before it counts as stuck. */
  windowMs: number;
}

export interface SkippedTick {
  kind: RunKind;
  reason: 'busy' | 'locked';
  at: number;
  detail?: string;
}

export interface DaemonStatus {
  startedAt: number;
  /** Human form of each schedule (`hourly (0 * * * *)`, `manual`, `not available`). */
  schedules: Record<RunKind, string>;
  next: Record<RunKind, number | null>;
  /** When the first sync was due at start-up (null: manual). */
  firstSyncDueAt: number | null;
  current: CurrentRun | null;
  last: Partial<Record<RunKind, FinishedRun>>;
  lastSkip: SkippedTick | null;
  /** Entity key → when it last finished with its rows committed (ms), null if never seen. */
  entitySuccess: ReadonlyMap<string, number | null>;
}

export type HealthState = 'running' | 'stuck' | 'standby' | 'ok' | 'failing' | 'idle' | 'starting' | 'overdue';

export interface HealthReport {
  httpStatus: 200 | 503;
  body: {
    status: HealthState;
    checkedAt: string;
    startedAt: string;
    schedule: Record<RunKind, string>;
    nextRun: string | null;
    nextReconcile: string | null;
    runInProgress: { kind: RunKind; startedAt: string; runningSeconds: number; windowSeconds: number } | null;
    lastRun: ReturnType<typeof runJson> | null;
    lastReconcile: ReturnType<typeof runJson> | null;
    lastSkipped: { kind: RunKind; reason: string; at: string; detail?: string } | null;
    entities: Record<string, { lastSuccessAt: string | null; freshnessSeconds: number | null }>;
  };
}

const iso = (ms: number | null | undefined) => (ms === null || ms === undefined ? null : new Date(ms).toISOString());
const seconds = (ms: number) => Math.round(ms / 1000);

function runJson(run: FinishedRun) {
  return {
    kind: run.kind,
    syncId: run.syncId,
    status: run.status,
    startedAt: iso(run.startedAt)!,
    finishedAt: iso(run.finishedAt)!,
    durationSeconds: Math.round((run.finishedAt - run.startedAt) / 100) / 10,
    error: run.error ?? null,
  };
}

/** The /healthz status code and JSON body at `now`. */
export function healthReport(s: DaemonStatus, now: number): HealthReport {
  const state = healthState(s, now);
  const entities: HealthReport['body']['entities'] = {};
  for (const [key, at] of s.entitySuccess) {
    entities[key] = { lastSuccessAt: iso(at), freshnessSeconds: at === null ? null : seconds(Math.max(0, now - at)) };
  }
  return {
    httpStatus: state === 'stuck' || state === 'failing' || state === 'overdue' ? 503 : 200,
    body: {
      status: state,
      checkedAt: iso(now)!,
      startedAt: iso(s.startedAt)!,
      schedule: s.schedules,
      nextRun: iso(s.next.sync),
      nextReconcile: iso(s.next.reconcile),
      runInProgress: s.current && {
        kind: s.current.kind,
        startedAt: iso(s.current.startedAt)!,
        runningSeconds: seconds(now - s.current.startedAt),
        windowSeconds: seconds(s.current.windowMs),
      },
      lastRun: s.last.sync ? runJson(s.last.sync) : null,
      lastReconcile: s.last.reconcile ? runJson(s.last.reconcile) : null,
      lastSkipped: s.lastSkip && { ...s.lastSkip, at: iso(s.lastSkip.at)! },
      entities,
    },
  };
}

function healthState(s: DaemonStatus, now: number): HealthState {
  if (s.current) return now - s.current.startedAt <= s.current.windowMs ? 'running' : 'stuck';
  const finished = [s.last.sync, s.last.reconcile].filter((r): r is FinishedRun => r !== undefined);
  const lastFinishedAt = Math.max(Number.NEGATIVE_INFINITY, ...finished.map((r) => r.finishedAt));
  if (s.lastSkip?.reason === 'locked' && s.lastSkip.at >= lastFinishedAt) return 'standby';
  if (finished.length > 0) return finished.every((r) => r.status === 'succeeded') ? 'ok' : 'failing';
  if (s.firstSyncDueAt === null) return 'idle';
  return now < s.firstSyncDueAt ? 'starting' : 'overdue';
}
