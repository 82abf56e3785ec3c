/**
 * The one action the console runs at a time (sync, replay or fit check), its live state, and the listeners the
 * Server-Sent Events streams attach to. Syncs and replays go through the CLI's own paths (`syncOnce`, `replayOnce`),
 * which hold the destination lock: a second action from another tab is refused here, one from the CLI or `run`
 * elsewhere is refused by the lock.
 */
import { EventEmitter } from 'node:events';
import { analyticsAfterSync } from '../analytics/refresh-analytics.ts';
import type { Probe } from '../check-probe.ts';
import type { Config } from '../config/schema.ts';
import { checkDatabricks } from '../destination/databricks/client/check-databricks.ts';
import { isConnectorError, messageOf } from '../errors.ts';
import { reconcileOnce, replayOnce } from '../jobs/ops-once.ts';
import { syncOnce } from '../jobs/sync-once.ts';
import type { Logger } from '../log/create-logger.ts';
import { redactSecrets } from '../log/redact-secrets.ts';
import { sampleMapper } from '../pipeline/check-sample-mapper.ts';
import { planEntities } from '../pipeline/entity-plan.ts';
import type { EntityCounts } from '../pipeline/ports.ts';
import { checkEpicor } from '../source/epicor/check-epicor.ts';

export const JOB_KINDS = ['sync', 'replay', 'reconcile', 'check'] as const;
export type JobKind = (typeof JOB_KINDS)[number];

export interface EntityProgress {
  entity: string;
  fetched: number;
  state: 'loading' | 'done';
  counts?: Pick<EntityCounts, 'fetched' | 'inserted' | 'updated' | 'bad' | 'status'>;
}

export interface Job {
  id: number;
  kind: JobKind;
  /** What the job works on, in words (e.g. `replay of 3f1c…`). */
  label: string;
  startedAt: Date;
  finishedAt?: Date;
  state: 'running' | 'succeeded' | 'partial' | 'failed';
  probes: Probe[];
  entities: Map<string, EntityProgress>;
  /** One sentence when the job ended (or why it could not start). */
  outcome?: string;
  /** The ledger's id of the run this job recorded (sync, replay, reconcile), once known. */
  syncId?: string;
}

export type JobEvent =
  | { type: 'probe'; job: number; probe: Probe }
  | { type: 'progress'; job: number; entity: EntityProgress }
  | { type: 'job'; job: number; kind: JobKind; state: Job['state']; outcome?: string };

/** What a job works on: the run to replay, or the entities to sync or reconcile (none: all configured). */
export interface JobArg {
  run?: string;
  entities?: string[];
}

export interface ConsoleJobs {
  readonly current: Job | null;
  /** The newest job of any of these kinds (finished or running). */
  last(...kinds: JobKind[]): Job | null;
  /** Starts a job, or returns a sentence saying why not (one is running already). */
  start(kind: JobKind, config: Config, secrets: readonly string[], arg?: JobArg): Job | string;
  on(listener: (e: JobEvent) => void): () => void;
}

export function consoleJobs(logger: Logger): ConsoleJobs {
  const bus = new EventEmitter();
  bus.setMaxListeners(100);
  let current: Job | null = null;
  let nextId = 1;
  const latest = new Map<JobKind, Job>();
  const emit = (e: JobEvent) => bus.emit('event', e);

  async function execute(job: Job, config: Config, arg: JobArg): Promise<void> {
    const progress = {
      start(key: string) {
        const p: EntityProgress = { entity: key, fetched: 0, state: 'loading' };
        job.entities.set(key, p);
        emit({ type: 'progress', job: job.id, entity: p });
      },
      advance(key: string, records: number) {
        const p = job.entities.get(key);
        if (!p) return;
        p.fetched += records;
        emit({ type: 'progress', job: job.id, entity: p });
      },
      finish(key: string, c: EntityCounts) {
        const p = job.entities.get(key) ?? { entity: key, fetched: 0, state: 'done' as const };
        Object.assign(p, { state: 'done', fetched: c.fetched, counts: pickCounts(c) });
        job.entities.set(key, p);
        emit({ type: 'progress', job: job.id, entity: p });
      },
    };
    if (job.kind === 'sync') {
      const r = await syncOnce(config, {
        logger,
        progress,
        only: arg.entities,
        trigger: 'manual',
        afterSuccess: analyticsAfterSync(config, logger),
      });
      job.syncId = r.run.syncId;
      job.state = r.run.status === 'running' ? 'failed' : r.run.status;
      const n = Object.keys(r.run.entities).length;
      const bad = r.badRecords.length;
      job.outcome = `sync ${r.run.syncId} ${r.run.status}: ${n} entities${bad > 0 ? `, ${bad} bad records` : ''}${r.run.error ? ` — ${r.run.error}` : ''}`;
    } else if (job.kind === 'replay' || job.kind === 'reconcile') {
      const r =
        job.kind === 'replay'
          ? await replayOnce(config, arg.run ?? '', { logger, only: arg.entities })
          : await reconcileOnce(config, { logger, only: arg.entities });
      job.syncId = r.run.syncId;
      for (const [key, c] of Object.entries(r.run.entities)) progress.finish(key, c);
      job.state = r.run.status === 'running' ? 'failed' : r.run.status;
      job.outcome = `${job.label} ${r.run.status} (run ${r.run.syncId})${r.run.error ? ` — ${r.run.error}` : ''}`;
    } else {
      const listener = {
        result: (p: Probe) => {
          job.probes.push(p);
          emit({ type: 'probe', job: job.id, probe: p });
        },
      };
      // Both sides at once, as `ml-connector check` runs them.
      const [e, d] = await Promise.all([
        checkEpicor(
          config.epicor,
          planEntities(config).map((p) => p.def),
          { listener, mapSample: sampleMapper(config.epicor.baseUrl, config.columns) },
        ),
        checkDatabricks(config.databricks, { fix: false, listener }),
      ]);
      const all = [...e.probes, ...d.probes];
      const count = (s: Probe['status']) => all.filter((p) => p.status === s).length;
      job.state = count('failed') > 0 ? 'failed' : count('adapted') > 0 ? 'partial' : 'succeeded';
      job.outcome = `${count('ok')} ok, ${count('adapted')} adapted, ${count('failed')} failed (${e.requests} Epicor requests, ${d.statements} Databricks statements)`;
    }
  }

  return {
    get current() {
      return current;
    },
    last: (...kinds) =>
      kinds
        .map((k) => latest.get(k))
        .filter((j): j is Job => j !== undefined)
        .reduce<Job | null>((a, j) => (a === null || j.id > a.id ? j : a), null),
    start(kind, config, secrets, arg = {}) {
      if (current) {
        return `a ${current.kind} started from this console is still running (since ${current.startedAt.toISOString()}); wait for it to finish`;
      }
      const job: Job = {
        id: nextId++,
        kind,
        label: labelOf(kind, arg),
        startedAt: new Date(),
        state: 'running',
        probes: [],
        entities: new Map(),
      };
      current = job;
      latest.set(kind, job);
      emit({ type: 'job', job: job.id, kind, state: 'running' });
      execute(job, config, arg)
        .catch((e) => {
          job.state = 'failed';
          const why = redactSecrets(messageOf(e), secrets);
          job.outcome =
            isConnectorError(e) && e.code === 'LOCKED'
              ? `refused: another run holds the destination lock (${why}); nothing was changed — try again when it has finished`
              : `${job.label} failed: ${why}`;
        })
        .finally(() => {
          job.outcome = redactSecrets(job.outcome ?? '', secrets);
          job.finishedAt = new Date();
          current = null;
          emit({ type: 'job', job: job.id, kind, state: job.state, outcome: job.outcome });
        });
      return job;
    },
    on(listener) {
      bus.on('event', listener);
      return () => bus.off('event', listener);
    },
  };
}

function labelOf(kind: JobKind, arg: JobArg): string {
  if (kind === 'check') return 'fit check';
  const which = arg.entities?.length ? arg.entities.join(', ') : 'all entities';
  if (kind === 'replay') return `replay of ${arg.run}${arg.entities?.length ? ` (${which})` : ''}`;
  return `${kind} of ${which}`;
}

function pickCounts(c: EntityCounts): EntityProgress['counts'] {
  return { fetched: c.fetched, inserted: c.inserted, updated: c.updated, bad: c.bad, status: c.status };
}
