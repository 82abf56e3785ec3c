/**
 * The AI/BI (Lakeview) dashboard shipped in `dashboards/ml-connector.lvdash.json`: its dataset queries name the
 * views unqualified (`FROM mart_dpo`); they are qualified with `analytics.schema` here, then the dashboard is
 * created, or updated in place (matched by name and folder, guarded by its etag), and optionally published.
 */
import { readFile } from 'node:fs/promises';
// Imported, not read from disk: the bundled CLI carries the dashboard wherever it is installed.
import shippedDashboard from '../../dashboards/ml-connector.lvdash.json' with { type: 'json' };
import { quoteIdentifier } from '../destination/databricks/sql/identifier.ts';
import { ANALYTICS_VIEWS } from './analytics-views.ts';
import type { ViewContext } from './view-context.ts';

export const DASHBOARD_NAME = 'ml-connector: Epicor AP and procurement';
/** A folder every workspace has. */
export const DASHBOARD_PARENT = '/Shared';

export interface LakeviewDashboard {
  dashboard_id: string;
  display_name: string;
  parent_path?: string;
  etag?: string;
  lifecycle_state?: string;
  /** The dashboard JSON (returned by get, not by list). */
  serialized_dashboard?: string;
}

/** The Lakeview REST calls the command needs (HTTP implementation in the CLI). */
export interface LakeviewPort {
  list(): Promise<LakeviewDashboard[]>;
  get(id: string): Promise<LakeviewDashboard>;
  create(body: Record<string, unknown>): Promise<LakeviewDashboard>;
  update(id: string, body: Record<string, unknown>): Promise<LakeviewDashboard>;
  publish(id: string, body: Record<string, unknown>): Promise<unknown>;
}

interface DashboardDoc {
  datasets: { name: string; queryLines: string[] }[];
  pages: unknown[];
}

const VIEW_NAMES = new Set(ANALYTICS_VIEWS.map((v) => v.name));

/** The dashboard JSON with every `mart_*` view name qualified as catalog.schema.view. */
export function qualifyDashboard(doc: DashboardDoc, ctx: ViewContext): DashboardDoc {
  const prefix = `${quoteIdentifier(ctx.views.catalog, 'catalog')}.${quoteIdentifier(ctx.views.schema, 'schema')}.`;
  const datasets = doc.datasets.map((ds) => ({
    ...ds,
    queryLines: ds.queryLines.map((line) =>
      line.replace(/(?<![.`\w])(mart_[a-z_]+)\b/g, (name) => (VIEW_NAMES.has(name) ? `${prefix}${name}` : name)),
    ),
  }));
  return { ...doc, datasets };
}

/** The shipped dashboard (`dashboards/ml-connector.lvdash.json`), or another `.lvdash.json` file. */
export async function loadDashboard(file?: string): Promise<DashboardDoc> {
  if (file === undefined) return structuredClone(shippedDashboard) as DashboardDoc;
  return JSON.parse(await readFile(file, 'utf8')) as DashboardDoc;
}

export interface DashboardResult {
  dashboardId: string;
  action: 'created' | 'updated';
  published: boolean;
}

/** Creates the dashboard or updates the one of the same name in the same folder; publishes it when asked. */
export async function deployDashboard(
  api: LakeviewPort,
  doc: DashboardDoc,
  opts: { warehouseId: string; publish: boolean; displayName?: string; parentPath?: string },
): Promise<DashboardResult> {
  const displayName = opts.displayName ?? DASHBOARD_NAME;
  const parentPath = opts.parentPath ?? DASHBOARD_PARENT;
  const serialized = JSON.stringify(doc);
  const existing = (await api.list()).find(
    (d) =>
      d.display_name === displayName &&
      (d.parent_path === undefined || d.parent_path === parentPath) &&
      (d.lifecycle_state ?? 'ACTIVE') === 'ACTIVE',
  );
  // The list does not promise an etag; the dashboard itself does. Sending it makes a concurrent edit fail, not vanish.
  const etag = existing ? (await api.get(existing.dashboard_id)).etag : undefined;
  const saved = existing
    ? await api.update(existing.dashboard_id, {
        display_name: displayName,
        serialized_dashboard: serialized,
        warehouse_id: opts.warehouseId,
        ...(etag ? { etag } : {}),
      })
    : await api.create({
        display_name: displayName,
        parent_path: parentPath,
        serialized_dashboard: serialized,
        warehouse_id: opts.warehouseId,
      });
  if (opts.publish) await api.publish(saved.dashboard_id, { embed_credentials: false, warehouse_id: opts.warehouseId });
  return { dashboardId: saved.dashboard_id, action: existing ? 'updated' : 'created', published: opts.publish };
}
