/**
 * The generated history of one company as pure functions of row indices. Only small index structures
 * (which PO owns which line, which invoices were paid…) are built up front; rows are made on demand, so
 * scale 50 (~1M records) builds in well under a second and takes little memory.
 */
import * as A from './analytics-row-builders.ts';
import { COMPANIES, ENTITY_SETS } from './entity-schemas.ts';
import type { Row } from './entity-store.ts';
import { rowPrng } from './prng.ts';
import { type ReceiptLayout, receiptLayout } from './receipt-layout.ts';
import { PLANTS, USERS } from './reference-data.ts';
import * as B from './row-builders.ts';
import { DATA_END, DATA_START, DAY_MS, toCents } from './values.ts';

/** Base record counts of EPIC06 at scale 1 (≈ 20,000 records); EPIC07 gets 20% of these. */
const BASE_COUNTS = {
  vendors: 300,
  customers: 500,
  parts: 1200,
  glAccounts: 150,
  pos: 1200,
  invoices: 1100,
  journals: 1050,
};
export type CompanyCounts = typeof BASE_COUNTS;

const COMPANY_FACTOR: Record<string, number> = { EPIC06: 1, EPIC07: 0.2 };
const SPAN = DATA_END - DATA_START;
const HOUR = 3_600_000;

export function countsFor(company: string, scale: number): CompanyCounts {
  const f = scale * (COMPANY_FACTOR[company] ?? 0.2);
  const out = { ...BASE_COUNTS };
  for (const k of Object.keys(out) as (keyof CompanyCounts)[]) out[k] = Math.max(2, Math.round(BASE_COUNTS[k] * f));
  return out;
}

const E = Object.fromEntries(ENTITY_SETS.map((name, i) => [name, i])) as Record<string, number>;
/** Salts of the per-record "core" streams, separate from the row streams so cores can be recomputed alone. */
const CORE = 100;
const SHAPE = 200;

/** Paid state of an invoice in the base data. */
const OPEN = 0;
const PARTIAL = 1;
const PAID = 2;

export class CompanyModel {
  readonly ci: number;
  readonly poLineStart: Int32Array;
  readonly lineOwner: Int32Array;
  readonly relStart: Int32Array;
  readonly relOwner: Int32Array;
  readonly invLineStart: Int32Array;
  readonly invLineOwner: Int32Array;
  readonly paidState: Uint8Array;
  readonly paidList: Int32Array;
  readonly jrnLineStart: Int32Array;
  readonly jrnLineOwner: Int32Array;
  /** Receipts of the base data: one per (PO, release number) with something received (see receipt-layout.ts). */
  readonly receipts: ReceiptLayout;
  // Sized up front: filled in random order, a growing array would turn into a slow sparse (dictionary) array.
  private readonly vendorCache: (Row | undefined)[];
  private readonly partCache: (Row | undefined)[];
  // Rows of one parent are read one after another (lines of a PO, lines of an invoice), so small memos of the
  // recomputed parent cores save most of the work.
  private readonly poMemo = new Memo<B.PoCore>();
  private readonly invoiceMemo = new Memo<B.InvoiceCore>();
  private readonly journalMemo = new Memo<B.JournalCore>();

  constructor(
    readonly company: string,
    readonly seed: number,
    readonly counts: CompanyCounts,
  ) {
    this.ci = COMPANIES.indexOf(company as (typeof COMPANIES)[number]) + 1;
    this.vendorCache = new Array(counts.vendors).fill(undefined);
    this.partCache = new Array(counts.parts).fill(undefined);
    const shape = (salt: number, i: number) => rowPrng(seed, this.ci, SHAPE + salt, i);
    [this.poLineStart, this.lineOwner] = layout(counts.pos, (p) => shape(E.POes, p).int(1, 4));
    [this.relStart, this.relOwner] = layout(this.lineOwner.length, (j) => (shape(E.PODetails, j).chance(0.3) ? 2 : 1));
    // An invoice bills 1–3 lines of its PO, never more than the PO has.
    [this.invLineStart, this.invLineOwner] = layout(counts.invoices, (k) =>
      Math.min(this.poLineCount(this.invoicePo(k)), shape(E.APInvDtls, k).int(1, 3)),
    );
    this.paidState = new Uint8Array(counts.invoices);
    const paid: number[] = [];
    for (let k = 0; k < counts.invoices; k++) {
      const r = shape(E.APInvoices, k);
      const old = k < counts.invoices * 0.9;
      const u = r.next();
      const state = old ? (u < 0.85 ? PAID : u < 0.95 ? PARTIAL : OPEN) : u < 0.2 ? PAID : u < 0.4 ? PARTIAL : OPEN;
      this.paidState[k] = state;
      if (state !== OPEN) paid.push(k);
    }
    this.paidList = Int32Array.from(paid);
    [this.jrnLineStart, this.jrnLineOwner] = layout(counts.journals, (j) => 2 * shape(E.GLJrnDtls, j).int(1, 3));
    this.receipts = receiptLayout(
      this,
      (p) => this.poHead(p),
      (x) => rowPrng(seed, this.ci, E.PORels, x),
    );
  }

  /** Number of base rows per entity set. */
  baseCount(entitySet: string): number {
    switch (entitySet) {
      case 'Companies':
        return 1;
      case 'Vendors':
        return this.counts.vendors;
      case 'Customers':
        return this.counts.customers;
      case 'Parts':
        return this.counts.parts;
      case 'GLAccounts':
        return this.counts.glAccounts;
      case 'POes':
        return this.counts.pos;
      case 'PODetails':
        return this.lineOwner.length;
      case 'PORels':
        return this.relOwner.length;
      case 'APInvoices':
        return this.counts.invoices;
      case 'APInvDtls':
        return this.invLineOwner.length;
      case 'PaymentEntries':
      case 'APTrans':
        return this.paidList.length;
      case 'GLJrnDtls':
        return this.jrnLineOwner.length;
      case 'Receipts':
        return this.receipts.headPo.length;
      case 'RcvDtls':
        return this.receipts.lineRel.length;
      case 'PurTerms':
        return A.PURCHASE_TERMS.length;
      case 'FiscalPers':
        return A.FISCAL_YEARS * 12;
      default:
        throw new Error(`unknown entity set ${entitySet}`);
    }
  }

  /** The pure generator of base row `i` of an entity set. */
  generator(entitySet: string): (i: number) => Row {
    const c = this.company;
    const rp = (i: number) => rowPrng(this.seed, this.ci, E[entitySet], i);
    switch (entitySet) {
      case 'Companies':
        return (i) => B.buildCompany(c, rp(i));
      case 'Vendors':
        return (i) => ({ ...this.vendor(i) });
      case 'Customers':
        return (i) => B.buildCustomer(c, i + 1, this.spread(i, this.counts.customers, rp(i).next()), rp(i));
      case 'Parts':
        return (i) => ({ ...this.part(i) });
      case 'GLAccounts':
        return (i) => B.buildGLAccount(c, i, rp(i));
      case 'POes':
        return (i) => {
          const po = this.poCore(i);
          const r = rp(i);
          return B.buildPoHeader(c, po, r.pick(USERS), this.changeAfter(po.orderMs, r.int(0, 5 * 24)), r);
        };
      case 'PODetails':
        return (j) => {
          const p = this.lineOwner[j];
          const po = this.poCore(p);
          const r = rp(j);
          const line = po.lines[j - this.poLineStart[p]];
          return B.buildPoLine(c, line, r.pick(USERS), this.changeAfter(po.orderMs, r.int(0, 5 * 24)), r);
        };
      case 'PORels':
        return (x) => {
          const j = this.relOwner[x];
          const p = this.lineOwner[j];
          const line = this.poCore(p).lines[j - this.poLineStart[p]];
          const releases = this.relStart[j + 1] - this.relStart[j];
          const relNum = x - this.relStart[j] + 1;
          const qty = B.releaseQty(line.qty, releases, relNum);
          const r = rp(x);
          const received = line.void ? 0 : !line.open ? qty : r.chance(0.3) ? qty : 0;
          const got = received > 0 ? A.receivedQuantity(qty, this.receiptQtyDraw(x)) : 0;
          return B.buildPoRel(c, line, relNum, qty, got, r.pick(PLANTS), r);
        };
      case 'APInvoices':
        return (k) => {
          const inv = this.invoiceCore(k);
          const r = rp(k);
          return B.buildInvoice(c, inv, r.pick(USERS), this.changeAfter(inv.invoiceMs, r.int(0, 72)), r);
        };
      case 'APInvDtls':
        return (x) => {
          const k = this.invLineOwner[x];
          const inv = this.invoiceCore(k);
          const r = rp(x);
          const changeMs = this.changeAfter(inv.invoiceMs, r.int(0, 72));
          return B.buildInvoiceLine(c, inv, x - this.invLineStart[k] + 1, r.pick(USERS), changeMs, r);
        };
      case 'PaymentEntries':
      case 'APTrans':
        return (h) => {
          const pay = this.paymentCore(h);
          const r = rp(h);
          const build = entitySet === 'APTrans' ? B.buildAPTran : B.buildPayment;
          return build(c, pay, 'apclerk', this.changeAfter(pay.checkMs, r.int(0, 48)), r);
        };
      case 'GLJrnDtls':
        return (x) => {
          const j = this.jrnLineOwner[x];
          return B.buildJournalLine(c, this.journalCore(j), x - this.jrnLineStart[j] + 1, rp(x));
        };
      case 'Receipts':
        return (h) => {
          const r = rp(h);
          const rc = this.receiptCore(h);
          return A.buildReceipt(c, rc, r.pick(USERS), this.changeAfter(rc.receiptMs, r.int(0, 8)), r);
        };
      case 'RcvDtls':
        return (y) => {
          const r = rp(y);
          const h = this.receipts.lineHead[y];
          const rc = this.receiptCore(h);
          const line = this.receiptLine(y);
          return A.buildReceiptLine(c, rc, line, r.pick(USERS), this.changeAfter(rc.receiptMs, r.int(0, 8)), r);
        };
      case 'PurTerms':
        return (i) => A.buildPurTerms(c, A.PURCHASE_TERMS[i], rp(i));
      case 'FiscalPers':
        return (i) => A.buildFiscalPeriod(c, i, rp(i));
      default:
        throw new Error(`unknown entity set ${entitySet}`);
    }
  }

  /** Base vendor `v` (VendorNum v+1), cached: POs and payments denormalize its name. */
  vendor(v: number): Row {
    let row = this.vendorCache[v];
    if (!row) {
      row = B.buildVendor(this.company, v + 1, rowPrng(this.seed, this.ci, E.Vendors, v));
      this.vendorCache[v] = row;
    }
    return row;
  }

  /** Base part `i`, cached: PO lines and invoice lines copy its number and description. */
  part(i: number): Row {
    let row = this.partCache[i];
    if (!row) {
      const r = rowPrng(this.seed, this.ci, E.Parts, i);
      const created = DATA_START - 400 * DAY_MS + Math.floor(r.next() * (SPAN + 300 * DAY_MS));
      const changed = Math.min(DATA_END - HOUR, created + r.int(0, 400) * DAY_MS);
      row = B.buildPart(this.company, i, created, changed, r);
      this.partCache[i] = row;
    }
    return row;
  }

  poLineCount(p: number): number {
    return this.poLineStart[p + 1] - this.poLineStart[p];
  }

  /** The PO an invoice bills: invoices follow POs in time. */
  invoicePo(k: number): number {
    const r = rowPrng(this.seed, this.ci, CORE + E.APInvDtls, k);
    return Math.min(this.counts.pos - 1, Math.floor(((k + r.next()) / this.counts.invoices) * this.counts.pos));
  }

  poCore(p: number): B.PoCore {
    return this.poMemo.get(p, () => this.makePoCore(p));
  }

  /** The first draws of a PO's core stream: order date, vendor, void and open flags (cheap, no lines). */
  poHead(p: number): {
    r: ReturnType<typeof rowPrng>;
    orderMs: number;
    vendorIndex: number;
    isVoid: boolean;
    open: boolean;
  } {
    const r = rowPrng(this.seed, this.ci, CORE + E.POes, p);
    const orderMs = this.spread(p, this.counts.pos, r.next());
    const vendorIndex = r.int(0, this.counts.vendors - 1);
    const isVoid = r.chance(0.03);
    const recent = DATA_END - orderMs < 100 * DAY_MS;
    const open = !isVoid && r.chance(recent ? 0.85 : 0.04);
    return { r, orderMs, vendorIndex, isVoid, open };
  }

  private makePoCore(p: number): B.PoCore {
    const { orderMs, vendorIndex, isVoid, open } = this.poHead(p);
    const vendor = this.vendor(vendorIndex);
    const po = B.poCoreOf(vendor, p + 1, orderMs, { open, void: isVoid });
    const start = this.poLineStart[p];
    for (let m = 0; m < this.poLineCount(p); m++) {
      const j = start + m;
      const lr = rowPrng(this.seed, this.ci, CORE + E.PODetails, j);
      const twoReleases = this.relStart[j + 1] - this.relStart[j] === 2;
      po.lines.push(this.lineCore(po, m + 1, lr.int(0, this.counts.parts - 1), lr, twoReleases ? 2 : 1));
    }
    return po;
  }

  /** One PO line for a part, priced in the PO's currency. Also used by activity for new POs. */
  lineCore(po: B.PoCore, line: number, partIndex: number, r: ReturnType<typeof rowPrng>, minQty = 1): B.PoLineCore {
    const part = this.part(partIndex);
    const qty = Math.max(minQty, r.chance(0.7) ? r.int(1, 50) : r.int(51, 1000));
    let docUnit = r.int(5_000, 20_000_000);
    if (r.chance(0.7)) docUnit = toCents(docUnit);
    return {
      poNum: po.poNum,
      line,
      vendorNum: po.vendorNum,
      partNum: part.PartNum as string,
      partDescription: part.PartDescription as string,
      uom: part.IUM as string,
      classId: part.ClassID as string,
      qty,
      docUnit,
      unit: B.toBase(docUnit, po.rate),
      dueMs: po.orderMs + r.int(7, 60) * DAY_MS,
      open: po.open,
      void: po.void,
    };
  }

  invoiceCore(k: number): B.InvoiceCore {
    return this.invoiceMemo.get(k, () => this.makeInvoiceCore(k));
  }

  private makeInvoiceCore(k: number): B.InvoiceCore {
    const r = rowPrng(this.seed, this.ci, CORE + E.APInvoices, k);
    const po = this.poCore(this.invoicePo(k));
    const lines = po.lines.slice(0, this.invLineStart[k + 1] - this.invLineStart[k]);
    const invoiceMs = Math.min(po.orderMs + r.int(10, 40) * DAY_MS, DATA_END - DAY_MS);
    const vendor = this.vendor(po.vendorNum - 1);
    const state = this.paidState[k];
    return invoiceFrom(
      po,
      lines,
      invoiceNumber(vendor.VendorID as string, k, r.int(0, 2)),
      invoiceMs,
      state,
      r.chance(0.3),
      r.chance(0.95),
    );
  }

  paymentCore(h: number): B.PaymentCore {
    const invoice = this.invoiceCore(this.paidList[h]);
    const r = rowPrng(this.seed, this.ci, CORE + E.PaymentEntries, h);
    return {
      headNum: h + 1,
      invoice,
      vendorName: this.vendor(invoice.vendorNum - 1).Name as string,
      checkMs: Math.min(invoice.invoiceMs + r.int(15, 45) * DAY_MS, DATA_END - HOUR),
      docAmount: invoice.docPaid,
      amount: invoice.paid,
    };
  }

  journalCore(j: number): B.JournalCore {
    return this.journalMemo.get(j, () => this.makeJournalCore(j));
  }

  private makeJournalCore(j: number): B.JournalCore {
    const r = rowPrng(this.seed, this.ci, CORE + E.GLJrnDtls, j);
    const jeMs = this.spread(j, this.counts.journals, r.next());
    const pairs = (this.jrnLineStart[j + 1] - this.jrnLineStart[j]) / 2;
    const g = this.counts.glAccounts;
    return {
      journalNum: j + 1,
      code: r.pick(['GJ', 'AP', 'PJ', 'CD', 'RJ']),
      jeMs,
      posted: DATA_END - jeMs > 10 * DAY_MS || r.chance(0.5),
      createMs: Math.min(jeMs + r.int(0, 20 * HOUR), DATA_END - 1),
      pairs: Array.from({ length: pairs }, () => ({
        amount: r.int(1, 5_000_000) * 100,
        debit: B.glRef(r.int(0, g - 1)),
        credit: B.glRef(r.int(0, g - 1)),
      })),
    };
  }

  /** The uniform draw that decides how much of release `x` was received (partial, in full, over). */
  private receiptQtyDraw(x: number): number {
    return rowPrng(this.seed, this.ci, CORE + E.RcvDtls, x).next();
  }

  /** Receipt `h` of the base data: its PO, packing slip and arrival (release due date ± early/late days). */
  receiptCore(h: number): A.ReceiptCore {
    const rl = this.receipts;
    const po = this.poCore(rl.headPo[h]);
    const relNum = rl.headRel[h];
    const first = this.receiptLine(rl.headStart[h]);
    const r = rowPrng(this.seed, this.ci, CORE + E.Receipts, h);
    const planned = first.dueMs + A.arrivalOffsetDays(r) * DAY_MS;
    const arrivedMs = Math.max(po.orderMs + DAY_MS, Math.min(planned, DATA_END - 2 * DAY_MS));
    return {
      vendorNum: po.vendorNum,
      poNum: po.poNum,
      packSlip: A.packSlipOf(po.poNum, relNum),
      currency: po.currency,
      arrivedMs,
      receiptMs: arrivedMs + r.int(0, 1) * DAY_MS,
      plant: r.pick(PLANTS),
    };
  }

  /** Receipt line `y`: the release it received and how much. */
  receiptLine(y: number): A.ReceiptLineCore {
    const x = this.receipts.lineRel[y];
    const j = this.relOwner[x];
    const p = this.lineOwner[j];
    const line = this.poCore(p).lines[j - this.poLineStart[p]];
    const releases = this.relStart[j + 1] - this.relStart[j];
    const relNum = x - this.relStart[j] + 1;
    const qty = B.releaseQty(line.qty, releases, relNum);
    return {
      line,
      relNum,
      packLine: line.line,
      qty: A.receivedQuantity(qty, this.receiptQtyDraw(x)),
      dueMs: line.dueMs + (relNum - 1) * 14 * DAY_MS,
    };
  }

  /** Instant of record `i` of `n` spread over the base period (later records are newer). */
  private spread(i: number, n: number, u: number): number {
    return DATA_START + Math.floor(((i + u) / n) * (SPAN - DAY_MS));
  }

  private changeAfter(ms: number, hours: number): number {
    return Math.min(ms + hours * HOUR + 1234, DATA_END - 1);
  }
}

/** Vendor-style invoice numbers; each contains `k`, so they are unique per vendor. */
export function invoiceNumber(vendorId: string, k: number, style: number): string {
  if (style === 0) return `INV-${String(k + 1).padStart(7, '0')}`;
  if (style === 1) return String(500_000 + k);
  return `${vendorId.slice(0, 3)}-${k + 1}`;
}

/** An invoice billing `lines` of `po` in full, with tax and a paid state (0 open, 1 half paid, 2 paid). */
export function invoiceFrom(
  po: B.PoCore,
  lines: B.PoLineCore[],
  invoiceNum: string,
  invoiceMs: number,
  state: number,
  taxed: boolean,
  posted: boolean,
): B.InvoiceCore {
  let docSubtotal = 0;
  let subtotal = 0;
  for (const l of lines) {
    docSubtotal += l.qty * l.docUnit;
    subtotal += l.qty * l.unit;
  }
  const docTax = taxed ? toCents(docSubtotal * 0.08) : 0;
  const tax = toCents(B.toBase(docTax, po.rate));
  const docPaid = state === PAID ? docSubtotal + docTax : state === PARTIAL ? B.halfOf(docSubtotal + docTax) : 0;
  const paid =
    state === PAID
      ? subtotal + tax
      : state === PARTIAL
        ? Math.min(subtotal + tax, toCents(B.toBase(docPaid, po.rate)))
        : 0;
  return {
    vendorNum: po.vendorNum,
    invoiceNum,
    poNum: po.poNum,
    currency: po.currency,
    rate: po.rate,
    terms: po.terms,
    invoiceMs,
    lines,
    docSubtotal,
    subtotal,
    docTax,
    tax,
    docPaid,
    paid,
    posted,
  };
}

/** A bounded memo of recently computed values (oldest evicted first). */
class Memo<T> {
  private readonly map = new Map<number, T>();

  constructor(private readonly limit = 256) {}

  get(key: number, make: () => T): T {
    let value = this.map.get(key);
    if (value === undefined) {
      value = make();
      if (this.map.size >= this.limit) this.map.delete(this.map.keys().next().value as number);
      this.map.set(key, value);
    }
    return value;
  }
}

/** Prefix-sum layout of children per parent: [start offsets (n+1), owner of each child]. */
function layout(parents: number, childCount: (i: number) => number): [Int32Array, Int32Array] {
  const start = new Int32Array(parents + 1);
  for (let i = 0; i < parents; i++) start[i + 1] = start[i] + childCount(i);
  const owner = new Int32Array(start[parents]);
  for (let i = 0; i < parents; i++) owner.fill(i, start[i], start[i + 1]);
  return [start, owner];
}
