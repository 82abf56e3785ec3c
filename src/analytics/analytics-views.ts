/** The fourteen analytics views of SPEC §8, in creation order (a view comes after the views it reads). */
import type { AnalyticsView } from './analytics-view.ts';
import { apAgingAsOf, apAgingByVendor, apOpenItems } from './views/ap-aging-views.ts';
import { cashOutflowForecast, dpo, paymentPerformance, supplierSpend } from './views/ap-performance-views.ts';
import { glCostAllocation, glPeriodBalances } from './views/gl-views.ts';
import { invoicePriceVariance, threeWayMatchExceptions } from './views/invoice-match-views.ts';
import { poCycleTime, poReleaseFulfillment, supplierDelivery } from './views/procurement-views.ts';

export const ANALYTICS_VIEWS: readonly AnalyticsView[] = [
  apOpenItems,
  apAgingAsOf,
  apAgingByVendor,
  supplierSpend,
  paymentPerformance,
  dpo,
  cashOutflowForecast,
  poReleaseFulfillment,
  supplierDelivery,
  poCycleTime,
  invoicePriceVariance,
  threeWayMatchExceptions,
  glPeriodBalances,
  glCostAllocation,
];
