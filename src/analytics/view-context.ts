/**
 * What every analytics view's SQL is generated from: where the tables and views live, and the analytics settings.
 * Names pass through the destination's identifier quoting; the only values spliced into view text are settings
 * validated by the config schema (numbers, closed enums, GL patterns of a closed character set), rendered here.
 */
import type { AnalyticsConfig } from '../config/analytics-config.ts';
import { GL_PATTERN } from '../config/analytics-config.ts';
import { type SchemaRef, tableName } from '../destination/databricks/sql/identifier.ts';

export interface ViewContext {
  /** Schema of the connector's tables and `_current` views. */
  tables: SchemaRef;
  /** Schema the analytics views are created in. */
  views: SchemaRef;
  settings: AnalyticsConfig;
}

/** Qualified name of a connector table or `_current` view. */
export const table = (ctx: ViewContext, name: string): string => tableName(ctx.tables, name);

/** Qualified name of an analytics view. */
export const view = (ctx: ViewContext, name: string): string => tableName(ctx.views, name);

/** A string literal for Databricks SQL (quotes doubled; backslashes, which Databricks treats as escapes, refused). */
export function sqlString(value: string): string {
  if (value.includes('\\')) throw new TypeError('a backslash cannot be written into a view literal');
  return `'${value.replaceAll("'", "''")}'`;
}

/**
 * SQL condition: does the GL line `alias` match one of the account patterns. `5000|100` matches the account,
 * `seg1:5*` the first segment value; `*` is a wildcard. Empty list → undefined (the caller says "not configured").
 */
export function glAccountMatch(alias: string, patterns: readonly string[]): string | undefined {
  if (patterns.length === 0) return undefined;
  const parts = patterns.map((p) => {
    if (!GL_PATTERN.test(p)) throw new TypeError(`bad GL account pattern ${JSON.stringify(p)}`);
    const seg = /^seg(\d+):(.*)$/.exec(p);
    const column = seg ? `${alias}.seg_value${seg[1]}` : `${alias}.gl_account`;
    const value = seg ? seg[2] : p;
    if (!value.includes('*')) return `${column} = ${sqlString(value)}`;
    // `!` escapes LIKE's own wildcards: the pattern alphabet has no `!`, and a backslash escape reads differently
    // across SQL engines.
    const like = value.replaceAll('_', '!_').replaceAll('*', '%');
    return `${column} LIKE ${sqlString(like)} ESCAPE '!'`;
  });
  return `(${parts.join(' OR ')})`;
}

/** The five aging buckets of SPEC §8 from a number of days past the basis date. */
export function agingBucket(days: string): string {
  return (
    `CASE WHEN ${days} <= 0 THEN 'current' WHEN ${days} <= 30 THEN '1-30' WHEN ${days} <= 60 THEN '31-60' ` +
    `WHEN ${days} <= 90 THEN '61-90' ELSE '90+' END`
  );
}

/** The invoice date aging days count from (analytics.agingBasis). */
export function agingBasisColumn(ctx: ViewContext, alias: string): string {
  switch (ctx.settings.agingBasis) {
    case 'invoice':
      return `${alias}.invoice_date`;
    case 'apply':
      return `${alias}.apply_date`;
    default:
      return `${alias}.due_date`;
  }
}

/** A percentage of two numbers, 2 decimals, NULL when the denominator is 0. */
export function pct(numerator: string, denominator: string): string {
  return `CAST(round(100 * (${numerator}) / nullif(${denominator}, 0), 2) AS DECIMAL(9,2))`;
}
