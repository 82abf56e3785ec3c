/**
 * A hand-built Epicor company for the analytics views: every date is placed relative to `M`, the last day of the
 * month two months before today, so the views (which use today's date) always see the same story, and the
 * expected KPIs in the tests are worked out by hand from the numbers below.
 *
 * Vendors: 1 ACME (USD, N30) and 2 EURO (EUR, 2/10N30, rate 1.1; invoice IM1 at 1.2).
 * Invoices of ACME: A 1000 (paid 400 at M−20, 600 at M+5), B 500 (a check of 100 voided), C −200 debit memo,
 * D 300 (after M), E 999 unposted, H 700. Invoices of EURO: F 1000 EUR (paid in the discount window), G 2000 EUR
 * (500 EUR paid), K 500 EUR (paid after the discount date), IM1 210 EUR (after M, price variance).
 * PO 100 (ACME): five releases due at R = M−45 received early, late, partially + later, over, and never.
 * PO 200 (EURO): one release received on time. PO 300 (ACME): one open release due in 10 days.
 * GL: COGS account 5000|100 active two periods before M's and in M's, none in between; 6000|200 a cost centre.
 */
import type { FixtureRows } from '../../src/emulators/epicor/fixture-data.ts';

export const DAY = 86_400_000;

/** `YYYY-MM-DD` of a UTC instant. */
export const isoDay = (ms: number): string => new Date(ms).toISOString().slice(0, 10);
/** A date-only Epicor value. */
const d = (ms: number): string => `${isoDay(ms)}T00:00:00`;

export interface FixtureDates {
  /** Today, UTC midnight. */
  today: number;
  /** The last day of the month two months before today's month. */
  M: number;
  /** Due date of the PO 100/200 releases (M − 45). */
  R: number;
  /** Month index (UTC year × 12 + month) of today. */
  monthIndex: number;
}

export function fixtureDates(now = new Date()): FixtureDates {
  const today = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
  const M = Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 1, 0);
  return { today, M, R: M - 45 * DAY, monthIndex: now.getUTCFullYear() * 12 + now.getUTCMonth() };
}

/** Fiscal year and period (calendar months) of a date. */
export const fiscalOf = (ms: number): { year: number; period: number } => {
  const t = new Date(ms);
  return { year: t.getUTCFullYear(), period: t.getUTCMonth() + 1 };
};

export interface FixtureInvoice {
  num: string;
  vendor: 1 | 2;
  currency: 'USD' | 'EUR';
  rate: number;
  doc: number;
  base: number;
  /** Balance today, document and base currency. */
  docBal: number;
  bal: number;
  invoiceMs: number;
  dueMs: number;
  discountMs: number | null;
  terms: string;
  posted: boolean;
  debitMemo: boolean;
}

export interface FixturePayment {
  head: number;
  invoice: string;
  vendor: 1 | 2;
  ms: number;
  amt: number;
  docAmt: number;
  disc: number;
  docDisc: number;
  voided: boolean;
}

export interface AnalyticsFixture {
  dates: FixtureDates;
  invoices: FixtureInvoice[];
  payments: FixturePayment[];
  rows: FixtureRows;
}

export function buildAnalyticsFixture(dates: FixtureDates): AnalyticsFixture {
  const { M, R, today } = dates;
  const inv = (
    num: string,
    vendor: 1 | 2,
    doc: number,
    docBal: number,
    invoiceAt: number,
    dueAt: number,
    extra: Partial<FixtureInvoice> = {},
  ): FixtureInvoice => {
    const rate = extra.rate ?? (vendor === 1 ? 1 : 1.1);
    const round = (x: number) => Math.round(x * 100) / 100;
    return {
      num,
      vendor,
      currency: vendor === 1 ? 'USD' : 'EUR',
      rate,
      doc,
      base: round(doc * rate),
      docBal,
      bal: round(docBal * rate),
      invoiceMs: M + invoiceAt * DAY,
      dueMs: M + dueAt * DAY,
      discountMs: null,
      terms: vendor === 1 ? 'N30' : '2/10N30',
      posted: true,
      debitMemo: false,
      ...extra,
    };
  };
  const invoices: FixtureInvoice[] = [
    inv('A', 1, 1000, 0, -40, -10),
    inv('B', 1, 500, 500, -100, -70),
    inv('C', 1, -200, -200, -5, -5, { debitMemo: true }),
    inv('D', 1, 300, 300, 3, 33),
    inv('E', 1, 999, 999, -3, 27, { posted: false }),
    inv('H', 1, 700, 700, -2, 28),
    inv('F', 2, 1000, 0, -15, 15, { discountMs: M - 5 * DAY }),
    inv('G', 2, 2000, 1500, -95, -65, { discountMs: M - 85 * DAY }),
    inv('K', 2, 500, 0, -25, 5, { discountMs: M - 15 * DAY }),
    inv('IM1', 2, 210, 210, 1, 31, { discountMs: M + 11 * DAY, rate: 1.2 }),
  ];
  const pay = (
    head: number,
    invoice: string,
    vendor: 1 | 2,
    at: number,
    amt: number,
    docAmt: number,
    extra: Partial<FixturePayment> = {},
  ): FixturePayment => ({
    head,
    invoice,
    vendor,
    ms: M + at * DAY,
    amt,
    docAmt,
    disc: 0,
    docDisc: 0,
    voided: false,
    ...extra,
  });
  const payments: FixturePayment[] = [
    pay(1, 'A', 1, -20, 400, 400),
    pay(2, 'A', 1, 5, 600, 600),
    pay(3, 'F', 2, -8, 1078, 980, { disc: 22, docDisc: 20 }),
    pay(4, 'G', 2, -35, 550, 500),
    pay(5, 'K', 2, -1, 550, 500),
    // A check to B, then voided: Epicor writes a duplicate line with the signs flipped and Voided = true.
    pay(6, 'B', 1, -10, 100, 100),
    pay(6, 'B', 1, -9, -100, -100, { voided: true }),
  ];

  const company = 'EPIC06';
  const poLine = (po: number, line: number, part: string, qty: number, unit: number, doc = unit) => ({
    PONUM: po,
    POLine: line,
    PartNum: part,
    OrderQty: qty,
    XOrderQty: qty,
    UnitCost: unit,
    DocUnitCost: doc,
    ExtCost: qty * unit,
    DocExtCost: qty * doc,
    IUM: 'EA',
    PUM: 'EA',
    VendorNum: po === 200 ? 2 : 1,
    OpenLine: po === 300,
  });
  const release = (po: number, line: number, qty: number, received: number, invoiced: number, dueMs: number) => ({
    PONum: po,
    POLine: line,
    PORelNum: 1,
    DueDate: d(dueMs),
    RelQty: qty,
    XRelQty: qty,
    ReceivedQty: received,
    ArrivedQty: received,
    InvoicedQty: invoiced,
    OpenRelease: received < qty,
  });
  const receipt = (vendor: number, slip: string, po: number, arrivedMs: number) => ({
    VendorNum: vendor,
    PurPoint: '',
    PackSlip: slip,
    PONum: po,
    ReceiptDate: d(arrivedMs),
    ArrivedDate: d(arrivedMs),
    Received: true,
    CurrencyCode: vendor === 2 ? 'EUR' : 'USD',
  });
  const rcvLine = (
    vendor: number,
    slip: string,
    po: number,
    line: number,
    qty: number,
    unit: number,
    docUnit: number,
    arrivedMs: number,
  ) => ({
    VendorNum: vendor,
    PurPoint: '',
    PackSlip: slip,
    PackLine: line,
    PONum: po,
    POLine: line,
    PORelNum: 1,
    OurQty: qty,
    VendorQty: qty,
    OurUnitCost: unit,
    DocUnitCost: docUnit,
    IUM: 'EA',
    PUM: 'EA',
    ArrivedDate: d(arrivedMs),
    ReceiptDate: d(arrivedMs),
    DueDate: d(R),
    Received: true,
  });
  const invLine = (
    num: string,
    vendor: number,
    lineNo: number,
    po: number,
    line: number,
    qty: number,
    unit: number,
    doc = unit,
    pum = 'EA',
  ) => ({
    VendorNum: vendor,
    InvoiceNum: num,
    InvoiceLine: lineNo,
    LineType: po > 0 ? 'PUR' : 'MSC',
    PONum: po,
    POLine: line,
    PORelNum: po > 0 ? 1 : 0,
    OurQty: qty,
    VendorQty: qty,
    UnitCost: unit,
    DocUnitCost: doc,
    ExtCost: Math.round(qty * unit * 100) / 100,
    DocExtCost: Math.round(qty * doc * 100) / 100,
    PUM: pum,
    IUM: 'EA',
  });
  const jl = (
    num: number,
    line: number,
    periodMs: number,
    account: string,
    debit: number,
    credit: number,
    posted = true,
  ) => {
    const [seg1, seg2] = account.split('|');
    const f = fiscalOf(periodMs);
    return {
      BookID: 'MAIN',
      FiscalYear: f.year,
      FiscalYearSuffix: '',
      JournalCode: 'GJ',
      JournalNum: num,
      JournalLine: line,
      FiscalPeriod: f.period,
      JEDate: d(periodMs),
      Posted: posted,
      GLAccount: account,
      COACode: 'CORP',
      SegValue1: seg1,
      SegValue2: seg2,
      DebitAmount: debit,
      CreditAmount: credit,
      BookDebitAmount: debit,
      BookCreditAmount: credit,
      CurrencyCode: 'USD',
    };
  };
  const monthStart = (offset: number) =>
    Date.UTC(Math.floor((dates.monthIndex + offset) / 12), (dates.monthIndex + offset) % 12, 1);
  const twoBefore = monthStart(-4) + 14 * DAY;

  const rows: FixtureRows = {
    [company]: {
      Companies: [
        {
          Company1: company,
          Name: 'Fixture Fabrication',
          BaseCurrCode: 'USD',
          FiscalCalendarID: 'MAIN',
          CurrentFiscalYear: fiscalOf(today).year,
        },
      ],
      Vendors: [
        { VendorNum: 1, VendorID: 'ACME01', Name: 'Acme Steel', CurrencyCode: 'USD', TermsCode: 'N30' },
        { VendorNum: 2, VendorID: 'EURO02', Name: 'Euro Fasteners GmbH', CurrencyCode: 'EUR', TermsCode: '2/10N30' },
      ],
      PurTerms: [
        { TermsCode: 'N30', Description: 'Net 30', DueDays: 30, NumberOfPayments: 1 },
        {
          TermsCode: '2/10N30',
          Description: '2% 10, net 30',
          DueDays: 30,
          DiscountDays: 10,
          DiscountPercent: 2,
          NumberOfPayments: 1,
        },
      ],
      FiscalPers: Array.from({ length: 8 }, (_, i) => {
        const start = monthStart(i - 6);
        const f = fiscalOf(start);
        return {
          FiscalCalendarID: 'MAIN',
          FiscalYear: f.year,
          FiscalYearSuffix: '',
          FiscalPeriod: f.period,
          StartDate: d(start),
          EndDate: d(monthStart(i - 5) - DAY),
        };
      }),
      GLAccounts: [
        {
          COACode: 'CORP',
          GLAccount1: '5000|100',
          AccountDesc: 'Cost of goods sold - Plant',
          SegValue1: '5000',
          SegValue2: '100',
          Active: true,
        },
        {
          COACode: 'CORP',
          GLAccount1: '2000|00',
          AccountDesc: 'Accounts payable',
          SegValue1: '2000',
          SegValue2: '00',
          Active: true,
        },
        {
          COACode: 'CORP',
          GLAccount1: '6000|200',
          AccountDesc: 'Freight - Operations',
          SegValue1: '6000',
          SegValue2: '200',
          Active: true,
        },
        {
          COACode: 'CORP',
          GLAccount1: '1200|00',
          AccountDesc: 'Cash',
          SegValue1: '1200',
          SegValue2: '00',
          Active: true,
        },
      ],
      POes: [
        {
          PONum: 100,
          VendorNum: 1,
          OrderDate: d(M - 60 * DAY),
          CurrencyCode: 'USD',
          ExchangeRate: 1,
          TermsCode: 'N30',
          Approve: true,
        },
        {
          PONum: 200,
          VendorNum: 2,
          OrderDate: d(M - 50 * DAY),
          CurrencyCode: 'EUR',
          ExchangeRate: 1.1,
          TermsCode: '2/10N30',
          Approve: true,
        },
        {
          PONum: 300,
          VendorNum: 1,
          OrderDate: d(today - 5 * DAY),
          CurrencyCode: 'USD',
          ExchangeRate: 1,
          TermsCode: 'N30',
          OpenOrder: true,
          Approve: true,
        },
      ],
      PODetails: [
        poLine(100, 1, 'P-1', 10, 10),
        poLine(100, 2, 'P-2', 20, 5),
        poLine(100, 3, 'P-3', 30, 2),
        poLine(100, 4, 'P-4', 5, 100),
        poLine(100, 5, 'P-5', 8, 50),
        poLine(200, 1, 'E-1', 10, 22, 20),
        poLine(300, 1, 'P-6', 4, 25),
      ],
      PORels: [
        release(100, 1, 10, 10, 10, R),
        release(100, 2, 20, 20, 25, R),
        release(100, 3, 30, 30, 30, R),
        release(100, 4, 5, 6, 6, R),
        release(100, 5, 8, 0, 8, R),
        release(200, 1, 10, 10, 10, R),
        release(300, 1, 4, 0, 0, today + 10 * DAY),
      ],
      Receipts: [
        receipt(1, 'RS1', 100, R - 3 * DAY),
        receipt(1, 'RS2', 100, R - DAY),
        receipt(1, 'RS3', 100, R),
        receipt(1, 'RS4', 100, R + 5 * DAY),
        receipt(1, 'RS5', 100, R + 10 * DAY),
        receipt(2, 'RS6', 200, R),
      ],
      RcvDtls: [
        rcvLine(1, 'RS1', 100, 1, 10, 10, 10, R - 3 * DAY),
        rcvLine(1, 'RS2', 100, 4, 6, 100, 100, R - DAY),
        rcvLine(1, 'RS3', 100, 3, 18, 2, 2, R),
        rcvLine(1, 'RS4', 100, 2, 20, 5, 5, R + 5 * DAY),
        rcvLine(1, 'RS5', 100, 3, 12, 2, 2, R + 10 * DAY),
        rcvLine(2, 'RS6', 200, 1, 10, 22, 20, R),
      ],
      APInvoices: invoices.map((i) => {
        const f = fiscalOf(i.invoiceMs);
        return {
          VendorNum: i.vendor,
          InvoiceNum: i.num,
          InvoiceDate: d(i.invoiceMs),
          ApplyDate: d(i.invoiceMs),
          DueDate: d(i.dueMs),
          DiscountDate: i.discountMs === null ? null : d(i.discountMs),
          FiscalYear: f.year,
          FiscalPeriod: f.period,
          InvoiceAmt: i.base,
          DocInvoiceAmt: i.doc,
          InvoiceBal: i.bal,
          DocInvoiceBal: i.docBal,
          OpenPayable: i.bal !== 0,
          Posted: i.posted,
          DebitMemo: i.debitMemo,
          CurrencyCode: i.currency,
          ExchangeRate: i.rate,
          TermsCode: i.terms,
        };
      }),
      APInvDtls: [
        invLine('A', 1, 1, 100, 1, 10, 10),
        invLine('A', 1, 2, 100, 3, 30, 2.02),
        invLine('B', 1, 1, 100, 5, 8, 50),
        invLine('H', 1, 1, 100, 2, 25, 5),
        invLine('H', 1, 2, 100, 4, 5, 110),
        invLine('D', 1, 1, 100, 4, 1, 100, 100, 'BOX'),
        invLine('F', 2, 1, 0, 0, 1, 1100, 1000),
        invLine('IM1', 2, 1, 200, 1, 10, 25.2, 21),
      ],
      PaymentEntries: [1, 2, 3, 4, 5, 6].map((h) => {
        const p = payments.find((x) => x.head === h)!;
        return {
          HeadNum: h,
          VendorNum: p.vendor,
          CheckNum: 1000 + h,
          CheckDate: d(p.ms),
          CheckAmt: p.amt,
          DocCheckAmt: p.docAmt,
          Posted: true,
        };
      }),
      APTrans: payments.map((p) => ({
        HeadNum: p.head,
        APTranNo: 1,
        InvoiceNum: p.invoice,
        Voided: p.voided,
        TranType: 'PAY',
        TranDate: d(p.ms),
        TranAmt: p.amt,
        DocTranAmt: p.docAmt,
        DiscAmt: p.disc,
        DocDiscAmt: p.docDisc,
        VendorNum: p.vendor,
        Posted: true,
      })),
      GLJrnDtls: [
        jl(1, 1, twoBefore, '5000|100', 3000, 0),
        jl(1, 2, twoBefore, '2000|00', 0, 3000),
        jl(2, 1, M - 10 * DAY, '5000|100', 10000, 0),
        jl(2, 2, M - 10 * DAY, '2000|00', 0, 10000),
        jl(3, 1, M - 8 * DAY, '5000|100', 0, 2000),
        jl(3, 2, M - 8 * DAY, '2000|00', 2000, 0),
        jl(4, 1, M - 7 * DAY, '5000|100', 99999, 0, false),
        jl(4, 2, M - 7 * DAY, '2000|00', 0, 99999, false),
        jl(5, 1, M - 6 * DAY, '6000|200', 5000, 0),
        jl(5, 2, M - 6 * DAY, '1200|00', 0, 5000),
      ],
    },
  };
  return { dates, invoices, payments, rows };
}
