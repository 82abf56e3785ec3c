import type { ViewContext } from './view-context.ts';

/** A column of an analytics view: its name and its documentation (what, from which Epicor field, unit/currency). */
export type ViewColumn = readonly [name: string, comment: string];

/** One analytics view (SPEC §8): name, grain, what it reads, documented columns and its SELECT. */
export interface AnalyticsView {
  name: string;
  /** One row per … */
  grain: string;
  /** The view's comment in Unity Catalog. */
  description: string;
  /** Connector tables/views it reads; when one is missing (entity not synced) the view is skipped. */
  reads: readonly string[];
  /** Analytics views it reads (created before it). */
  after?: readonly string[];
  /** Output columns in SELECT order. */
  columns: readonly ViewColumn[];
  /** The SELECT, producing exactly `columns` in order. */
  select(ctx: ViewContext): string;
}

/** Columns most views start with. */
export const COMPANY_COLUMNS: readonly ViewColumn[] = [
  ['_source_company', 'Epicor company the row comes from (lineage)'],
  ['company', 'Epicor company (Company)'],
];

export const VENDOR_COLUMNS: readonly ViewColumn[] = [
  ['vendor_key', 'Surrogate key of the vendor (dim_vendor.vendor_key)'],
  ['vendor_num', 'Epicor vendor number (VendorNum)'],
  ['vendor_id', 'Vendor ID (Vendor.VendorID)'],
  ['vendor_name', 'Vendor name (Vendor.Name)'],
];

export const BASE_CURRENCY: ViewColumn = [
  'base_currency_code',
  'Base currency of the company (Company.BaseCurrCode); every *_base amount is in it',
];
export const DOC_CURRENCY: ViewColumn = [
  'currency_code',
  'Document currency (CurrencyCode); every amount without _base is in it',
];
