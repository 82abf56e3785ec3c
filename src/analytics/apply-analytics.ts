/**
 * Creates or replaces the analytics views (after a successful sync, or `ml-connector analytics apply`). A view
 * whose tables are missing (its entities are not synced) is skipped and reported, never left half-defined; a view
 * that fails stops nothing else but is reported as failed.
 */
import type { Config } from '../config/schema.ts';
import type { DestinationClient } from '../destination/databricks/destination-client.ts';
import { quoteIdentifier } from '../destination/databricks/sql/identifier.ts';
import { messageOf } from '../errors.ts';
import type { AnalyticsView } from './analytics-view.ts';
import { ANALYTICS_VIEWS } from './analytics-views.ts';
import { documentTables } from './document-tables.ts';
import type { ViewContext } from './view-context.ts';
import { createViewSql } from './view-ddl.ts';

export interface AnalyticsApplyResult {
  /** Table and column comments written (only the ones that changed). */
  commented: number;
  created: string[];
  /** View → the tables it needs that do not exist. */
  skipped: { view: string; missing: string[] }[];
  failed: { view: string; error: string }[];
}

/** The view context of a configuration. */
export function viewContext(config: Config): ViewContext {
  const tables = { catalog: config.databricks.catalog, schema: config.databricks.schema };
  return { tables, views: { ...tables, schema: config.analytics.schema ?? tables.schema }, settings: config.analytics };
}

type Execute = DestinationClient['statements']['execute'];

/** Tables and views that exist in one schema (lower-case names). */
async function existingTables(execute: Execute, catalog: string, schema: string): Promise<Set<string>> {
  const result = await execute(
    `SHOW TABLES IN ${quoteIdentifier(catalog, 'catalog')}.${quoteIdentifier(schema, 'schema')}`,
  );
  const at = result.columns.findIndex((c) => c.name === 'tableName');
  return new Set(result.rows.map((r) => String(r[at >= 0 ? at : 1]).toLowerCase()));
}

export async function applyAnalytics(
  execute: Execute,
  ctx: ViewContext,
  views: readonly AnalyticsView[] = ANALYTICS_VIEWS,
): Promise<AnalyticsApplyResult> {
  if (ctx.views.schema !== ctx.tables.schema) {
    await execute(
      `CREATE SCHEMA IF NOT EXISTS ${quoteIdentifier(ctx.views.catalog, 'catalog')}.${quoteIdentifier(ctx.views.schema, 'schema')}`,
    );
  }
  const existing = await existingTables(execute, ctx.tables.catalog, ctx.tables.schema);
  const result: AnalyticsApplyResult = { commented: 0, created: [], skipped: [], failed: [] };
  try {
    result.commented = await documentTables(execute, ctx);
  } catch (e) {
    result.failed.push({ view: 'table comments', error: messageOf(e) });
  }
  const unavailable = new Set<string>();
  for (const def of views) {
    const missing = def.reads.filter((t) => !existing.has(t));
    const missingViews = (def.after ?? []).filter((v) => unavailable.has(v));
    if (missing.length > 0 || missingViews.length > 0) {
      result.skipped.push({ view: def.name, missing: [...missing, ...missingViews] });
      unavailable.add(def.name);
      continue;
    }
    try {
      await execute(createViewSql(def, ctx));
      result.created.push(def.name);
    } catch (e) {
      result.failed.push({ view: def.name, error: messageOf(e) });
      unavailable.add(def.name);
    }
  }
  return result;
}
