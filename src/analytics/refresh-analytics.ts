/**
 * The views after a successful sync: created or replaced (SPEC §8), so a new column or setting reaches them. A view
 * that cannot be created is logged with the reason and does not turn a good sync into a failed one.
 */
import type { Config } from '../config/schema.ts';
import type { DestinationClient } from '../destination/databricks/destination-client.ts';
import { messageOf } from '../errors.ts';
import type { Logger } from '../log/create-logger.ts';
import { type AnalyticsApplyResult, applyAnalytics, viewContext } from './apply-analytics.ts';

export async function refreshAnalytics(
  execute: DestinationClient['statements']['execute'],
  config: Config,
  logger: Logger,
): Promise<AnalyticsApplyResult | undefined> {
  if (!config.analytics.enabled) return undefined;
  try {
    const result = await applyAnalytics(execute, viewContext(config));
    for (const s of result.skipped) {
      logger.info(`analytics view ${s.view} skipped: ${s.missing.join(', ')} not in the destination yet`);
    }
    for (const f of result.failed) logger.warn(`analytics view ${f.view} could not be created: ${f.error}`);
    logger.info(
      `analytics views created or replaced: ${result.created.length} of ${result.created.length + result.skipped.length + result.failed.length}`,
    );
    return result;
  } catch (e) {
    logger.warn(`analytics views were not refreshed: ${messageOf(e)}`);
    return undefined;
  }
}

/** The `afterSuccess` step of a sync that refreshes the views (nothing when analytics is disabled). */
export function analyticsAfterSync(
  config: Config,
  logger: Logger,
): ((execute: DestinationClient['statements']['execute']) => Promise<unknown>) | undefined {
  return config.analytics.enabled ? (execute) => refreshAnalytics(execute, config, logger) : undefined;
}
