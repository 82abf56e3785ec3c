/**
 * Business events a "day of work" is made of. Each checks that its writes fit the remaining budget before
 * writing anything, and returns whether it ran.
 */
import type { ActivityContext } from './activity-context.ts';
import { invoiceFrom, invoiceNumber } from './company-model.ts';
import type { Row } from './entity-store.ts';
import { RATE_TICKS, USERS } from './reference-data.ts';
import * as B from './row-builders.ts';
import { DAY_MS, dateTime, TICKS, toCents, toMoney } from './values.ts';

export type Operation = (ctx: ActivityContext) => boolean;

const ticks = (v: unknown): number => Math.round((v as number) * TICKS);
const user = (ctx: ActivityContext) => ctx.prng.pick(USERS);
const changeStamp = (ctx: ActivityContext): Row => ({ ChangedBy: user(ctx), ChangeDate: dateTime(ctx.now()) });

/** A new PO with 1–4 lines and 1–2 releases per line, for an active vendor and existing parts. */
export const newPurchaseOrder: Operation = (ctx) => {
  const { prng, budget, company } = ctx;
  if (budget.inserts < 3) return false;
  const vIdx = ctx.pick('Vendors', (v) => !v.Inactive);
  if (vIdx === undefined) return false;
  const vendor = ctx.store('Vendors').get(vIdx);
  const releasesPerLine: number[] = [];
  let size = 1;
  const wanted = prng.int(1, 4);
  for (let m = 0; m < wanted; m++) {
    const rels = prng.chance(0.3) ? 2 : 1;
    if (size + 1 + rels > budget.inserts) break;
    releasesPerLine.push(rels);
    size += 1 + rels;
  }
  const poIndex = ctx.store('POes').length;
  const po = B.poCoreOf(vendor, poIndex + 1, ctx.now(), { open: true, void: false });
  const model = ctx.db.model(company);
  releasesPerLine.forEach((rels, m) => {
    const partIdx = ctx.pick('Parts', (p) => !p.InActive) ?? 0;
    const line = model.lineCore(po, m + 1, 0, prng, rels);
    const part = ctx.store('Parts').get(partIdx);
    po.lines.push({
      ...line,
      partNum: part.PartNum as string,
      partDescription: part.PartDescription as string,
      uom: part.IUM as string,
      classId: part.ClassID as string,
    });
  });
  const who = user(ctx);
  ctx.insert('POes', B.buildPoHeader(company, po, who, ctx.now(), prng));
  po.lines.forEach((line, m) => {
    const lineIdx = ctx.insert('PODetails', B.buildPoLine(company, line, who, ctx.now(), prng));
    ctx.db.addChild('L', company, poIndex, lineIdx);
    for (let r = 1; r <= releasesPerLine[m]; r++) {
      const qty = B.releaseQty(line.qty, releasesPerLine[m], r);
      const relIdx = ctx.insert(
        'PORels',
        B.buildPoRel(company, line, r, qty, 0, prng.pick(['MfgSys', 'MfgSys', 'Plant2']), prng),
      );
      ctx.db.addChild('R', company, lineIdx, relIdx);
    }
  });
  return true;
};

/** A stored PO line (PODetail row) as the core the invoice and receipt builders take. */
export function poLineCoreOf(l: Row): B.PoLineCore {
  return {
    poNum: l.PONUM as number,
    line: l.POLine as number,
    vendorNum: l.VendorNum as number,
    partNum: l.PartNum as string,
    partDescription: l.LineDesc as string,
    uom: l.IUM as string,
    classId: l.ClassID as string,
    qty: l.OrderQty as number,
    docUnit: ticks(l.DocUnitCost),
    unit: ticks(l.UnitCost),
    dueMs: Date.parse(`${l.DueDate}Z`),
    open: l.OpenLine as boolean,
    void: l.VoidLine as boolean,
  };
}

/** Current PO lines of a PO as cores (what an invoice bills). */
function poLineCores(ctx: ActivityContext, poIndex: number): B.PoLineCore[] {
  const lines = ctx.store('PODetails');
  return ctx.db
    .poLineIndices(ctx.company, poIndex)
    .filter((i) => lines.isLive(i))
    .map((i) => poLineCoreOf(lines.get(i)));
}

/** A new, unpaid AP invoice billing 1–3 lines of an existing, non-void PO. */
export const newInvoice: Operation = (ctx) => {
  const { prng, budget, company } = ctx;
  if (budget.inserts < 2) return false;
  const poIdx = ctx.pick('POes', (p) => !p.VoidOrder);
  if (poIdx === undefined) return false;
  const poRow = ctx.store('POes').get(poIdx);
  const lines = poLineCores(ctx, poIdx).slice(0, Math.min(prng.int(1, 3), budget.inserts - 1));
  if (lines.length === 0) return false;
  const vendorIdx = (poRow.VendorNum as number) - 1;
  const vendor = ctx.store('Vendors').get(vendorIdx);
  const currency = poRow.CurrencyCode as string;
  const po = {
    poNum: poRow.PONum,
    vendorNum: poRow.VendorNum,
    currency,
    rate: RATE_TICKS[currency],
    terms: poRow.TermsCode,
  } as B.PoCore;
  const k = ctx.store('APInvoices').length;
  const inv = invoiceFrom(
    po,
    lines,
    invoiceNumber(vendor.VendorID as string, k, prng.int(0, 2)),
    ctx.now(),
    0,
    prng.chance(0.3),
    prng.chance(0.5),
  );
  const who = user(ctx);
  ctx.insert('APInvoices', B.buildInvoice(company, inv, who, ctx.now(), prng));
  for (let m = 1; m <= inv.lines.length; m++) {
    ctx.insert('APInvDtls', B.buildInvoiceLine(company, inv, m, who, ctx.now(), prng));
  }
  return true;
};

/** Pays down an open invoice (in full or half): InvoiceBal decreases, plus a new PaymentEntries/APTrans pair. */
export const payInvoice: Operation = (ctx) => {
  const { prng, budget, company } = ctx;
  if (budget.inserts < 2 || budget.updates < 1) return false;
  const invIdx = ctx.pick('APInvoices', (r) => (r.InvoiceBal as number) > 0);
  if (invIdx === undefined) return false;
  const inv = ctx.store('APInvoices').get(invIdx);
  const bal = ticks(inv.InvoiceBal);
  const docBal = ticks(inv.DocInvoiceBal);
  const full = prng.chance(0.6) || bal < 200;
  const docPay = full ? docBal : B.halfOf(docBal);
  const pay = full ? bal : Math.min(bal, toCents(B.toBase(docPay, ticks(inv.ExchangeRate))));
  const now = ctx.now();
  ctx.update('APInvoices', invIdx, {
    InvoiceBal: toMoney(bal - pay),
    DocInvoiceBal: toMoney(docBal - docPay),
    OpenPayable: bal - pay > 0,
    ...changeStamp(ctx),
  });
  const vendor = ctx.store('Vendors').get((inv.VendorNum as number) - 1);
  const payment: B.PaymentCore = {
    headNum: ctx.store('PaymentEntries').length + 1,
    invoice: { vendorNum: inv.VendorNum, invoiceNum: inv.InvoiceNum, currency: inv.CurrencyCode } as B.InvoiceCore,
    vendorName: vendor.Name as string,
    checkMs: now,
    docAmount: docPay,
    amount: pay,
  };
  const who = 'apclerk';
  ctx.insert('PaymentEntries', B.buildPayment(company, payment, who, ctx.now(), prng));
  ctx.insert('APTrans', B.buildAPTran(company, payment, who, ctx.now(), prng));
  return true;
};

/** A balanced journal (2, 4 or 6 lines) on existing GL accounts. */
export const newJournal: Operation = (ctx) => {
  const { prng, budget, company } = ctx;
  if (budget.inserts < 2) return false;
  const pairs = Math.min(prng.int(1, 3), Math.floor(budget.inserts / 2));
  const accounts = ctx.store('GLAccounts');
  const ref = (): B.GlRef => {
    const a = accounts.get(ctx.pick('GLAccounts') ?? 0);
    return {
      coa: a.COACode as string,
      account: a.GLAccount1 as string,
      seg1: a.SegValue1 as string,
      seg2: a.SegValue2 as string,
    };
  };
  const now = ctx.now();
  const journal: B.JournalCore = {
    journalNum: ctx.db.nextJournalNum(company),
    code: prng.pick(['GJ', 'AP', 'PJ', 'CD']),
    jeMs: now,
    posted: prng.chance(0.5),
    createMs: now,
    pairs: Array.from({ length: pairs }, () => ({ amount: prng.int(1, 2_000_000) * 100, debit: ref(), credit: ref() })),
  };
  for (let line = 1; line <= pairs * 2; line++)
    ctx.insert('GLJrnDtls', B.buildJournalLine(company, journal, line, prng));
  return true;
};

/** A new vendor, customer or part (master data grows slowly). */
export const newMaster: Operation = (ctx) => {
  const { prng, budget, company } = ctx;
  if (budget.inserts < 1) return false;
  const kind = prng.int(0, 2);
  if (kind === 0) ctx.insert('Vendors', B.buildVendor(company, ctx.store('Vendors').length + 1, prng));
  else if (kind === 1)
    ctx.insert('Customers', B.buildCustomer(company, ctx.store('Customers').length + 1, ctx.now(), prng));
  else {
    const now = ctx.now();
    ctx.insert('Parts', B.buildPart(company, ctx.store('Parts').length, now, now, prng));
  }
  return true;
};

/** Renames a vendor (Vendors.Name). */
export const renameVendor: Operation = (ctx) => {
  if (ctx.budget.updates < 1) return false;
  const idx = ctx.pick('Vendors');
  if (idx === undefined) return false;
  const old = ctx.store('Vendors').get(idx).Name as string;
  let name = B.vendorName(ctx.prng);
  if (name === old) name = `${name} (new)`;
  ctx.update('Vendors', idx, { Name: name });
  return true;
};

/** Cancels an open PO: VoidOrder=true, OpenOrder=false on the header, its lines and releases closed too. */
export const cancelPurchaseOrder: Operation = (ctx) => {
  const { company } = ctx;
  const idx = ctx.pick('POes', (p) => p.OpenOrder === true && !p.VoidOrder) ?? ctx.pick('POes', (p) => !p.VoidOrder);
  if (idx === undefined) return false;
  const lines = ctx.db.poLineIndices(company, idx).filter((i) => ctx.store('PODetails').isLive(i));
  const rels = lines.flatMap((l) => ctx.db.releaseIndices(company, l)).filter((i) => ctx.store('PORels').isLive(i));
  if (ctx.budget.updates < 1 + lines.length + rels.length) return false;
  const stamp = changeStamp(ctx);
  ctx.update('POes', idx, { VoidOrder: true, OpenOrder: false, ...stamp });
  for (const l of lines) ctx.update('PODetails', l, { VoidLine: true, OpenLine: false, ...stamp });
  for (const r of rels) ctx.update('PORels', r, { VoidRelease: true, OpenRelease: false });
  return true;
};

/** Changes a part's price (Part.ChangedOn moves). */
export const repricePart: Operation = (ctx) => {
  if (ctx.budget.updates < 1) return false;
  const idx = ctx.pick('Parts');
  if (idx === undefined) return false;
  ctx.update('Parts', idx, { UnitPrice: toMoney(ctx.prng.int(50, 500_000) * 100), ChangedOn: dateTime(ctx.now()) });
  return true;
};

/** Changes a customer's credit limit (ChangeDate date-only + ChangeTime seconds). */
export const changeCustomerCredit: Operation = (ctx) => {
  if (ctx.budget.updates < 1) return false;
  const idx = ctx.pick('Customers');
  if (idx === undefined) return false;
  ctx.update('Customers', idx, {
    CreditLimit: toMoney(ctx.prng.int(1, 500) * 1_000 * TICKS),
    ...B.customerChange(ctx.now(), user(ctx)),
  });
  return true;
};

/** Posts an unposted invoice. */
export const postInvoice: Operation = (ctx) => {
  if (ctx.budget.updates < 1) return false;
  const idx = ctx.pick('APInvoices', (r) => r.Posted === false);
  if (idx === undefined) return false;
  ctx.update('APInvoices', idx, { Posted: true, ...changeStamp(ctx) });
  return true;
};

/** Deletes a second release of a PO line (the first stays: invoice lines point at release 1). */
export const deleteRelease: Operation = (ctx) => {
  if (ctx.budget.deletes < 1) return false;
  const idx = ctx.pick('PORels', (r) => (r.PORelNum as number) >= 2 && r.ReceivedQty === 0);
  if (idx === undefined) return false;
  ctx.remove('PORels', idx);
  return true;
};

/** Deletes a customer (nothing in the extracted data references customers). */
export const deleteCustomer: Operation = (ctx) => {
  if (ctx.budget.deletes < 1) return false;
  const idx = ctx.pick('Customers');
  if (idx === undefined) return false;
  ctx.remove('Customers', idx);
  return true;
};

/** One late commit: a small update that takes a held-back revision below `limit`. */
export function lateCommit(ctx: ActivityContext, limit: number): boolean {
  const choices: [string, (r: Row) => Row][] = [
    ['Vendors', () => ({ PhoneNum: `(612) 555-${String(ctx.prng.int(0, 9999)).padStart(4, '0')}` })],
    ['Parts', () => ({ UnitPrice: toMoney(ctx.prng.int(50, 500_000) * 100), ChangedOn: dateTime(ctx.now() - 90_000) })],
    ['POes', () => ({ ShipViaCode: ctx.prng.pick(['UPSG', 'FDXE', 'LTL']), ...changeStamp(ctx) })],
    ['GLAccounts', (r) => ({ AccountDesc: `${r.AccountDesc}`.replace(/ \(rev\)$/, '') + ' (rev)' })],
    ['PORels', () => ({ PromiseDt: `${dateTime(ctx.now() + 5 * DAY_MS).slice(0, 10)}T00:00:00` })],
  ];
  const [entitySet, change] = ctx.prng.pick(choices);
  const late = ctx.peekLate(limit);
  if (late === undefined) return false;
  // As in Epicor, a late commit still moves a record forward: only a record whose revision is below the held-back
  // number can take it (the record was read before that transaction began).
  const store = ctx.store(entitySet);
  const idx = ctx.pick(entitySet, (_, i) => !ctx.touched(entitySet, i) && store.revisionOf(i) < late);
  if (idx === undefined) return false;
  return ctx.lateUpdate(entitySet, idx, change(store.get(idx)), limit);
}
