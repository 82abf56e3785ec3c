/**
 * Rows of the analytics entity sets (receipts, receipt lines, purchasing terms, fiscal periods), shaped like the
 * other builders' rows, plus the terms table invoices take their due and discount dates from.
 */
import { schemaFor } from './entity-schemas.ts';
import type { Row } from './entity-store.ts';
import type { Prng } from './prng.ts';
import * as R from './reference-data.ts';
import type { PoLineCore } from './row-builders.ts';
import { shapeRow } from './row-shape.ts';
import { DAY_MS, dateOnly, dateTime, pad, toMoney } from './values.ts';

/** One purchasing terms code: net days and the prompt-payment discount. */
export interface TermsDef {
  code: string;
  description: string;
  dueDays: number;
  discountDays: number;
  /** Percent, e.g. 2 for 2 %. */
  discountPercent: number;
}

/** The terms every emulated company has (vendors draw their TermsCode from these codes). */
export const PURCHASE_TERMS: readonly TermsDef[] = [
  { code: 'N30', description: 'Net 30 days', dueDays: 30, discountDays: 0, discountPercent: 0 },
  { code: 'N45', description: 'Net 45 days', dueDays: 45, discountDays: 0, discountPercent: 0 },
  { code: 'N60', description: 'Net 60 days', dueDays: 60, discountDays: 0, discountPercent: 0 },
  { code: '2/10N30', description: '2% 10 days, net 30', dueDays: 30, discountDays: 10, discountPercent: 2 },
  { code: 'COD', description: 'Cash on delivery', dueDays: 0, discountDays: 0, discountPercent: 0 },
];

const TERMS_BY_CODE = new Map(PURCHASE_TERMS.map((t) => [t.code, t]));

/** The terms of a code (unknown codes count as net 30, Epicor's usual default). */
export function termsOf(code: string): TermsDef {
  return TERMS_BY_CODE.get(code) ?? PURCHASE_TERMS[0];
}

/**
 * Due date, discount date and discount amounts of an invoice as Epicor's APInvHed write trigger sets them
 * (swagger: DiscountDate = InvoiceDate + PurTerms.DiscountDays, DiscountAmt = DiscountPercent/100 × InvoiceBal;
 * null/zero for a debit memo or a terms code without discount).
 */
export function invoiceTermsFields(
  terms: string,
  invoiceMs: number,
  balTicks: number,
  docBalTicks: number,
  debitMemo = false,
): Row {
  const t = termsOf(terms);
  const discount = !debitMemo && t.discountDays > 0;
  const cents = (ticks: number) => toMoney(Math.round((ticks * t.discountPercent) / 100 / 100) * 100);
  return {
    DueDate: dateOnly(invoiceMs + t.dueDays * DAY_MS),
    DiscountDate: discount ? dateOnly(invoiceMs + t.discountDays * DAY_MS) : null,
    DiscountAmt: discount ? cents(balTicks) : 0,
    DocDiscountAmt: discount ? cents(docBalTicks) : 0,
  };
}

export function buildPurTerms(company: string, t: TermsDef, prng: Prng): Row {
  return shapeRow(
    schemaFor(company, 'PurTerms'),
    {
      Company: company,
      TermsCode: t.code,
      SysDefault: t.code === 'N30',
      TermsType: 'N',
      Description: t.description,
      DueDays: t.dueDays,
      DiscountDays: t.discountDays,
      DiscountPercent: t.discountPercent,
      NumberOfPayments: 1,
      Monthly: false,
      NumberOfDays: t.dueDays,
      MinimumDays: 0,
      DueOnDay: 0,
      NumberOfMonths: 0,
      DiscountType: t.discountPercent > 0 ? 'P' : '',
      PartPayment: false,
      GlobalPurTerms: false,
      GlobalLock: false,
    },
    prng,
  );
}

/** Fiscal years the emulated calendar holds (monthly periods, calendar-year fiscal years). */
export const FISCAL_FIRST_YEAR = 2023;
export const FISCAL_YEARS = 5;
export const FISCAL_CALENDAR_ID = 'MAIN';

/** Fiscal period `i` (0-based from January of the first year): a calendar month. */
export function buildFiscalPeriod(company: string, i: number, prng: Prng): Row {
  const year = FISCAL_FIRST_YEAR + Math.floor(i / 12);
  const month = i % 12;
  return shapeRow(
    schemaFor(company, 'FiscalPers'),
    {
      Company: company,
      FiscalCalendarID: FISCAL_CALENDAR_ID,
      FiscalYear: year,
      FiscalYearSuffix: '',
      FiscalPeriod: month + 1,
      StartDate: dateOnly(Date.UTC(year, month, 1)),
      EndDate: dateOnly(Date.UTC(year, month + 1, 0)),
      FAClosedPeriod: false,
    },
    prng,
  );
}

/** One shipment received against releases of one PO (one packing slip). */
export interface ReceiptCore {
  vendorNum: number;
  poNum: number;
  packSlip: string;
  currency: string;
  arrivedMs: number;
  receiptMs: number;
  plant: string;
}

/** One received release on a receipt. */
export interface ReceiptLineCore {
  line: PoLineCore;
  relNum: number;
  packLine: number;
  /** Quantity received (our UOM); may be below (partial) or above (over-receipt) the release quantity. */
  qty: number;
  /** Release due date. */
  dueMs: number;
}

/** Packing slip of the base data: the PO number, suffixed with the release number for later shipments. */
export function packSlipOf(poNum: number, relNum: number): string {
  return relNum === 1 ? `PS${pad(poNum, 6)}` : `PS${pad(poNum, 6)}-${relNum}`;
}

export function buildReceipt(company: string, r: ReceiptCore, who: string, changeMs: number, prng: Prng): Row {
  return shapeRow(
    schemaFor(company, 'Receipts'),
    {
      Company: company,
      VendorNum: r.vendorNum,
      PurPoint: '',
      PackSlip: r.packSlip,
      ReceiptDate: dateOnly(r.receiptMs),
      EntryPerson: who,
      SaveForInvoicing: false,
      Invoiced: false,
      ReceiptComment: '',
      ReceivePerson: who,
      ShipViaCode: prng.pick(R.SHIP_VIA),
      EntryDate: dateOnly(r.receiptMs),
      Plant: r.plant,
      PONum: r.poNum,
      LegalNumber: '',
      AutoReceipt: false,
      POType: 'STD',
      Received: true,
      ArrivedDate: dateOnly(r.arrivedMs),
      CurrencyCode: r.currency,
      ChangedBy: who,
      ChangeDate: dateTime(changeMs),
    },
    prng,
  );
}

export function buildReceiptLine(
  company: string,
  r: ReceiptCore,
  l: ReceiptLineCore,
  who: string,
  changeMs: number,
  prng: Prng,
): Row {
  const qty = l.qty;
  const failed = prng.chance(0.03) ? Math.min(qty, 1) : 0;
  return shapeRow(
    schemaFor(company, 'RcvDtls'),
    {
      Company: company,
      VendorNum: r.vendorNum,
      PurPoint: '',
      PackSlip: r.packSlip,
      PackLine: l.packLine,
      Invoiced: false,
      InvoiceNum: '',
      InvoiceLine: 0,
      PartNum: l.line.partNum,
      WareHouseCode: prng.pick(R.WAREHOUSES),
      BinNum: `B${pad(prng.int(1, 99), 2)}`,
      OurQty: qty,
      IUM: l.line.uom,
      OurUnitCost: toMoney(l.line.unit),
      JobNum: '',
      PONum: l.line.poNum,
      POLine: l.line.line,
      PORelNum: l.relNum,
      PartDescription: l.line.partDescription,
      VendorQty: qty,
      VendorUnitCost: toMoney(l.line.unit),
      ReceiptType: 'P',
      ReceivedTo: 'PUR-STK',
      ReceivedComplete: true,
      PUM: l.line.uom,
      VenPartNum: `V${l.line.partNum.replace('-', '')}`,
      CostPerCode: 'E',
      InspectionReq: failed > 0,
      PassedQty: qty - failed,
      FailedQty: failed,
      ReceiptDate: dateOnly(r.receiptMs),
      DocUnitCost: toMoney(l.line.docUnit),
      DocVendorUnitCost: toMoney(l.line.docUnit),
      Received: true,
      ArrivedDate: dateOnly(r.arrivedMs),
      CurrencyCode: r.currency,
      DueDate: dateOnly(l.dueMs),
      PODueDate: dateOnly(l.line.dueMs),
      OrderQty: l.line.qty,
      ChangedBy: who,
      ChangeDate: dateTime(changeMs),
    },
    prng,
  );
}

/**
 * Quantity received against a release of `qty`: mostly in full, some short (partial), some over-received.
 * `u` is a uniform draw from the release's own receipt stream.
 */
export function receivedQuantity(qty: number, u: number): number {
  if (u < 0.12 && qty > 1) return Math.max(1, Math.floor(qty * 0.6));
  if (u > 0.92) return qty + Math.max(1, Math.round(qty * 0.05));
  return qty;
}

/** Days an arrival lands from the release due date: early, on time, or late. */
export function arrivalOffsetDays(prng: Prng): number {
  const u = prng.next();
  if (u < 0.2) return -prng.int(1, 6);
  if (u < 0.65) return 0;
  return prng.int(1, 15);
}
