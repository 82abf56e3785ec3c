/** Per-entity "last committed" times for /healthz freshness and the last-success gauge. */
import type { Config } from '../config/schema.ts';
import { type ConnectorMetrics, entitySucceeded } from '../metrics/connector-metrics.ts';
import { planEntities } from '../pipeline/entity-plan.ts';
import type { StatePort } from '../pipeline/ports.ts';

/** Runs read this far back in the ledger when seeding freshness at start-up. */
const LEDGER_RUNS = 100;

/** Entity keys as runs report them: `vendors`, or `EPIC06/vendors` when several companies are configured. */
export function configuredEntityKeys(config: Config): string[] {
  let names: string[];
  try {
    names = planEntities(config).map((p) => p.def.name);
  } catch {
    return [];
  }
  const companies = config.epicor.companies;
  return companies.flatMap((c) => names.map((n) => (companies.length > 1 ? `${c}/${n}` : n)));
}

/**
 * Fills `success` (entity → ms) from the newest finished runs in the ledger, never moving a time backwards, so
 * freshness survives a restart and covers runs made by other machines.
 */
export async function seedEntitySuccess(
  state: Pick<StatePort, 'lastRuns'>,
  success: Map<string, number | null>,
  metrics: Pick<ConnectorMetrics, 'lastSuccess'>,
): Promise<void> {
  const runs = await state.lastRuns(LEDGER_RUNS);
  for (const run of runs) {
    if (!run.finishedAt || (run.status !== 'succeeded' && run.status !== 'partial')) continue;
    const at = run.finishedAt.getTime();
    for (const [entity, counts] of Object.entries(run.entities)) {
      if (!success.has(entity) || !entitySucceeded({ status: 'succeeded', error: counts.error })) continue;
      const known = success.get(entity) ?? null;
      if (known !== null && known >= at) continue;
      success.set(entity, at);
      metrics.lastSuccess.set({ entity }, at / 1000);
    }
  }
}
