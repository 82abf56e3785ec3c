/**
 * Which alerts a finished run causes, and sending them: `failed` / `partial` from the run's status, `recovered` for
 * entities that succeed now after failing (or ending partial) in their previous run in the ledger.
 */
import type { Clock } from '../clock.ts';
import type { Config } from '../config/schema.ts';
import { messageOf } from '../errors.ts';
import type { LedgerRun as PortLedgerRun, RunRecord } from '../pipeline/ports.ts';
import { type AlertPayload, type PayloadContext, runPayload } from './alert-payload.ts';
import { type DeliveryOutcome, deliver, type SenderOptions } from './webhook-sender.ts';

/** What the alerts read of a ledger run (newest first): enough to tell what each entity did last time. */
export type LedgerRun = Pick<PortLedgerRun, 'syncId' | 'status' | 'entities'>;

/** The payload context of this config at `now` (no credentials: base URL, companies, catalog.schema). */
export function payloadContext(config: Config, now: number): PayloadContext {
  return {
    epicor: config.epicor.baseUrl,
    companies: config.epicor.companies,
    target: `${config.databricks.catalog}.${config.databricks.schema}`,
    freshnessSlaHours: config.freshnessSlaHours,
    now,
  };
}

/** The ledger-less record of a run that failed before it started (e.g. the warehouse did not answer). */
export function failedBeforeStart(e: unknown, now = Date.now()): RunRecord {
  const at = new Date(now);
  return {
    syncId: '',
    trigger: 'manual',
    startedAt: at,
    finishedAt: at,
    status: 'failed',
    entities: {},
    error: messageOf(e),
  };
}

/** Entities that succeeded in `run` and whose previous ledger entry (before it) failed or was partial. */
export function recoveredEntities(run: RunRecord, previous: readonly LedgerRun[]): string[] {
  const out: string[] = [];
  for (const [entity, counts] of Object.entries(run.entities)) {
    if (counts.status !== 'succeeded') continue;
    const last = previous.find((r) => r.syncId !== run.syncId && r.status !== 'running' && r.entities[entity]);
    const before = last?.entities[entity];
    if (before && (before.status === 'failed' || before.status === 'partial' || (!before.status && before.error)))
      out.push(entity);
  }
  return out;
}

/** The payloads a finished run causes (at most one of failed/partial, plus recovered). */
export function runAlertPayloads(
  run: RunRecord,
  previous: readonly LedgerRun[],
  ctx: PayloadContext,
  alsoRecovered: readonly string[] = [],
): AlertPayload[] {
  const out: AlertPayload[] = [];
  if (run.status === 'failed' || run.status === 'partial') out.push(runPayload(run.status, run, ctx));
  const recovered = [...new Set([...recoveredEntities(run, previous), ...alsoRecovered])];
  if (recovered.length > 0) out.push(runPayload('recovered', run, ctx, recovered));
  return out;
}

export interface RunAlertOptions extends SenderOptions {
  clock: Clock;
  /** The ledger's last runs (newest first); a failure to read it only loses `recovered`. */
  previousRuns?: () => Promise<LedgerRun[]>;
}

/** Sends what `run` causes to the configured webhooks; resolves within the sender's deadline and never throws. */
export async function alertRun(config: Config, run: RunRecord, opts: RunAlertOptions): Promise<DeliveryOutcome[]> {
  if (config.alerts.length === 0 || run.status === 'running') return [];
  const wantsRecovered = config.alerts.some((a) => a.events.includes('recovered'));
  let previous: LedgerRun[] = [];
  if (wantsRecovered && opts.previousRuns) {
    try {
      previous = await opts.previousRuns();
    } catch (e) {
      opts.logger.debug({ err: messageOf(e) }, 'alerts: the run ledger could not be read; no recovered alert');
    }
  }
  const payloads = runAlertPayloads(run, previous, payloadContext(config, opts.clock.now()));
  const outcomes: DeliveryOutcome[] = [];
  for (const p of payloads) outcomes.push(...(await deliver(config.alerts, p, opts)));
  return outcomes;
}
