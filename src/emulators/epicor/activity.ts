/** `advance()`: simulates a stretch of business activity against the emulator's data. */
import { ActivityContext, type Budget, type EntityActivity } from './activity-context.ts';
import * as Op from './activity-operations.ts';
import { receiveShipment } from './activity-receipts.ts';
import type { EpicorDatabase } from './epicor-database.ts';
import type { Prng } from './prng.ts';

export type { EntityActivity } from './activity-context.ts';

export interface ActivityOptions {
  /** Records to insert (all companies together, split by company size). Default ≈ 2% of all records. */
  inserts?: number;
  /** Records to update. Default ≈ 1.2% of all records. */
  updates?: number;
  /** Records to delete. Default ≈ 0.08% (at least 2 per company). */
  deletes?: number;
  /** Updates that take a revision LOWER than revisions already handed out (Epicor late commit). Default 0. */
  lateCommits?: number;
  /** Restrict the activity to one company. */
  company?: string;
}

export interface ActivityReport {
  /** Highest revision before the run. */
  fromRevision: number;
  /** Highest revision after the run. */
  toRevision: number;
  /** Per company, per entity set: keys of what changed. */
  companies: Record<string, Record<string, EntityActivity>>;
  totals: { inserted: number; updated: number; deleted: number; lateCommits: number };
}

const INSERT_OPS: [Op.Operation, number][] = [
  [Op.newPurchaseOrder, 35],
  [Op.newInvoice, 25],
  [Op.payInvoice, 15],
  [Op.newJournal, 20],
  [Op.newMaster, 5],
];
const UPDATE_OPS: [Op.Operation, number][] = [
  [Op.renameVendor, 10],
  [Op.cancelPurchaseOrder, 5],
  [receiveShipment, 30],
  [Op.repricePart, 20],
  [Op.changeCustomerCredit, 15],
  [Op.postInvoice, 20],
];
const DELETE_OPS: [Op.Operation, number][] = [
  [Op.deleteRelease, 70],
  [Op.deleteCustomer, 30],
];
/** Events every default day contains, in this order, when the budget allows. */
const MANDATORY: Op.Operation[] = [
  Op.renameVendor,
  Op.cancelPurchaseOrder,
  Op.payInvoice,
  Op.newPurchaseOrder,
  Op.newInvoice,
  Op.newJournal,
  Op.deleteRelease,
  Op.deleteCustomer,
  receiveShipment,
];

/** Runs one activity stretch with writes stamped at `nowMs`; deterministic for a given prng state. */
export function runActivity(db: EpicorDatabase, options: ActivityOptions, nowMs: number, prng: Prng): ActivityReport {
  const fromRevision = db.counter.max();
  const sizes = db.sizes();
  const companies = options.company ? [options.company] : db.companies();
  for (const c of companies) if (!sizes[c]) throw new Error(`unknown company ${c}`);
  const total = (c: string) => Object.values(sizes[c]).reduce((a, b) => a + b, 0);
  const all = companies.reduce((a, c) => a + total(c), 0);
  const share = (value: number | undefined, fallback: (n: number) => number, c: string, i: number): number => {
    if (value === undefined) return fallback(total(c));
    // Split explicit counts by company size; the first company takes the rounding remainder.
    const others = companies.filter((_, j) => j !== 0).reduce((a, o) => a + Math.floor((value * total(o)) / all), 0);
    return i === 0 ? value - others : Math.floor((value * total(c)) / all);
  };
  const report: ActivityReport = {
    fromRevision,
    toRevision: fromRevision,
    companies: {},
    totals: { inserted: 0, updated: 0, deleted: 0, lateCommits: 0 },
  };
  companies.forEach((company, i) => {
    const budget: Budget = {
      inserts: share(options.inserts, (n) => Math.round(n * 0.02), company, i),
      updates: share(options.updates, (n) => Math.round(n * 0.012), company, i),
      deletes: share(options.deletes, (n) => Math.max(2, Math.round(n * 0.0008)), company, i),
    };
    const late = share(options.lateCommits, () => 0, company, i);
    const ctx = new ActivityContext(db, company, prng, nowMs, budget);
    for (const op of MANDATORY) op(ctx);
    drain(ctx, budget, 'inserts', INSERT_OPS);
    drain(ctx, budget, 'updates', UPDATE_OPS);
    drain(ctx, budget, 'deletes', DELETE_OPS);
    for (let n = 0; n < late; n++) Op.lateCommit(ctx, fromRevision);
    const changes = ctx.report();
    report.companies[company] = changes;
    for (const e of Object.values(changes)) {
      report.totals.inserted += e.inserted.length;
      report.totals.updated += e.updated.length;
      report.totals.deleted += e.deleted.length;
      report.totals.lateCommits += e.lateCommits.length;
    }
  });
  report.toRevision = db.counter.max();
  return report;
}

/** Runs weighted random operations until the budget of `kind` is spent or nothing fits any more. */
function drain(ctx: ActivityContext, budget: Budget, kind: keyof Budget, ops: [Op.Operation, number][]): void {
  let failures = 0;
  while (budget[kind] > 0 && failures < 30) {
    const op = ctx.prng.weighted(
      ops.map(([o]) => o),
      ops.map(([, w]) => w),
    );
    if (op(ctx)) failures = 0;
    else failures++;
  }
}
