/**
 * `CREATE OR REPLACE VIEW` text of an analytics view: the column list carries each column's comment and the view
 * its description, so Unity Catalog documents the view in the same statement that defines it.
 */
import { quoteIdentifier } from '../destination/databricks/sql/identifier.ts';
import type { AnalyticsView } from './analytics-view.ts';
import { sqlString, type ViewContext, view } from './view-context.ts';

export function createViewSql(def: AnalyticsView, ctx: ViewContext): string {
  const columns = def.columns.map(
    ([name, comment]) => `${quoteIdentifier(name, 'column')} COMMENT ${sqlString(comment)}`,
  );
  const names = def.columns.map(([name]) => quoteIdentifier(name, 'column')).join(', ');
  const comment = `${def.description} Grain: one row per ${def.grain}.`;
  // The SELECT's own expressions stay unnamed; the derived-table alias names them, so the names hold on every
  // engine whether or not it applies a view's column list by position.
  return (
    `CREATE OR REPLACE VIEW ${view(ctx, def.name)} (\n  ${columns.join(',\n  ')}\n)\n` +
    `COMMENT ${sqlString(comment)}\nAS SELECT * FROM (\n${def.select(ctx)}\n) AS view_rows(${names})`
  );
}
