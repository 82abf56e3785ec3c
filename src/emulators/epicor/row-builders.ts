/**
 * Builders of one row per entity set from plain inputs. The base generator (pure functions of a row index) and
 * the activity simulator (current rows) both go through these, so generated and written rows look alike.
 */
import { invoiceTermsFields } from './analytics-row-builders.ts';
import { schemaFor } from './entity-schemas.ts';
import type { Row } from './entity-store.ts';
import type { Prng } from './prng.ts';
import * as R from './reference-data.ts';
import { shapeRow } from './row-shape.ts';
import { DAY_MS, dateOnly, dateTime, pad, secondsOfDay, TICKS, toCents, toMoney } from './values.ts';

export interface PoLineCore {
  poNum: number;
  line: number;
  vendorNum: number;
  partNum: string;
  partDescription: string;
  uom: string;
  classId: string;
  qty: number;
  /** Unit cost in the document currency, ticks. */
  docUnit: number;
  /** Unit cost in base currency, ticks. */
  unit: number;
  dueMs: number;
  open: boolean;
  void: boolean;
}

export interface PoCore {
  poNum: number;
  vendorNum: number;
  vendorId: string;
  vendorName: string;
  terms: string;
  currency: string;
  rate: number;
  orderMs: number;
  open: boolean;
  void: boolean;
  lines: PoLineCore[];
}

/** A PO header core for a vendor row (no lines yet); one shape for generated and activity-created orders. */
export function poCoreOf(
  vendor: Row,
  poNum: number,
  orderMs: number,
  status: { open: boolean; void: boolean },
): PoCore {
  const currency = vendor.CurrencyCode as string;
  return {
    poNum,
    vendorNum: vendor.VendorNum as number,
    vendorId: vendor.VendorID as string,
    vendorName: vendor.Name as string,
    terms: vendor.TermsCode as string,
    currency,
    rate: R.RATE_TICKS[currency],
    orderMs,
    open: status.open,
    void: status.void,
    lines: [],
  };
}

export interface InvoiceCore {
  vendorNum: number;
  invoiceNum: string;
  poNum: number;
  currency: string;
  rate: number;
  terms: string;
  invoiceMs: number;
  lines: PoLineCore[];
  /** Amounts in ticks. */
  docSubtotal: number;
  subtotal: number;
  docTax: number;
  tax: number;
  docPaid: number;
  paid: number;
  posted: boolean;
}

export interface PaymentCore {
  headNum: number;
  invoice: InvoiceCore;
  vendorName: string;
  checkMs: number;
  docAmount: number;
  amount: number;
}

export interface JournalCore {
  journalNum: number;
  code: string;
  jeMs: number;
  posted: boolean;
  createMs: number;
  /** Per debit/credit pair: amount ticks and the two accounts' (COACode, GLAccount1, seg1, seg2). */
  pairs: { amount: number; debit: GlRef; credit: GlRef }[];
}

export interface GlRef {
  coa: string;
  account: string;
  seg1: string;
  seg2: string;
}

export const COA_CODE = 'CORP';
export const BOOK_ID = 'MAIN';

/** Base-currency ticks of a document amount. */
export const toBase = (docTicks: number, rate: number): number => Math.round((docTicks * rate) / TICKS);

const lineExt = (l: PoLineCore) => l.qty * l.unit;
const lineDocExt = (l: PoLineCore) => l.qty * l.docUnit;
const fiscal = (ms: number) => {
  const d = new Date(ms);
  return { year: d.getUTCFullYear(), period: d.getUTCMonth() + 1 };
};

export function buildCompany(company: string, prng: Prng): Row {
  const p = R.COMPANY_PROFILES[company];
  return shapeRow(
    schemaFor(company, 'Companies'),
    {
      Company1: company,
      Name: p.name,
      Address1: p.address1,
      City: p.city,
      State: p.state,
      Zip: p.zip,
      Country: p.country,
      CurrentFiscalYear: 2026,
      FiscalCalendarID: 'MAIN',
      LegalName: p.legalName,
      BaseCurrCode: 'USD',
    },
    prng,
  );
}

/** A vendor name; some carry apostrophes or accents on purpose (quoting and encoding tests). */
export function vendorName(prng: Prng): string {
  return `${prng.pick(R.VENDOR_FIRST)} ${prng.pick(R.VENDOR_SECOND)} ${prng.pick(R.COMPANY_SUFFIX)}`;
}

export function buildVendor(company: string, vendorNum: number, prng: Prng): Row {
  const name = vendorName(prng);
  const [city, state, zip, country] = prng.pick(R.CITIES);
  const letters = name
    .replace(/[^A-Za-z]/g, '')
    .toUpperCase()
    .slice(0, 5);
  return shapeRow(
    schemaFor(company, 'Vendors'),
    {
      Company: company,
      VendorNum: vendorNum,
      VendorID: `${letters}${pad(vendorNum, 4)}`,
      Name: name,
      Address1: `${prng.int(1, 9999)} ${prng.pick(R.STREETS)}`,
      Address2: prng.chance(0.2) ? `Suite ${prng.int(100, 900)}` : '',
      Address3: '',
      City: city,
      State: state,
      ZIP: zip,
      Country: country,
      CurrencyCode: prng.weighted(R.CURRENCIES, R.CURRENCY_WEIGHTS),
      TermsCode: prng.pick(R.TERMS),
      GroupCode: prng.pick(R.VENDOR_GROUPS),
      Inactive: prng.chance(0.04),
      PayHold: prng.chance(0.02),
      EMailAddress: `ap@${letters.toLowerCase()}${vendorNum}.example.com`,
      PhoneNum: `(${prng.int(200, 989)}) 555-${pad(prng.int(0, 9999), 4)}`,
      TaxPayerID: `${pad(prng.int(10, 99), 2)}-${pad(prng.int(0, 9_999_999), 7)}`,
      PurPoint: '',
    },
    prng,
  );
}

export function buildCustomer(company: string, custNum: number, changeMs: number, prng: Prng): Row {
  const name = `${prng.pick(R.VENDOR_FIRST)} ${prng.pick(['Manufacturing', 'Industries', 'Distribution', 'Motors', 'Systems'])} ${prng.pick(R.COMPANY_SUFFIX)}`;
  const [city, state, zip, country] = prng.pick(R.CITIES);
  return shapeRow(
    schemaFor(company, 'Customers'),
    {
      Company: company,
      CustNum: custNum,
      CustID: `C${pad(custNum, 5)}`,
      Name: name,
      Address1: `${prng.int(1, 9999)} ${prng.pick(R.STREETS)}`,
      City: city,
      State: state,
      Zip: zip,
      Country: country,
      CurrencyCode: prng.weighted(R.CURRENCIES, R.CURRENCY_WEIGHTS),
      TermsCode: prng.pick(R.TERMS),
      GroupCode: prng.pick(R.CUSTOMER_GROUPS),
      CustomerType: prng.pick(R.CUSTOMER_TYPES),
      CreditHold: prng.chance(0.05),
      CreditLimit: toMoney(prng.int(1, 500) * 1_000 * TICKS),
      TerritoryID: prng.pick(R.TERRITORIES),
      SalesRepCode: prng.pick(R.SALES_REPS),
      EMailAddress: `orders${custNum}@customer.example.com`,
      PhoneNum: `(${prng.int(200, 989)}) 555-${pad(prng.int(0, 9999), 4)}`,
      EstDate: dateOnly(changeMs - prng.int(30, 3000) * DAY_MS),
      Inactive: prng.chance(0.05),
      ...customerChange(changeMs, prng.pick(R.USERS)),
    },
    prng,
  );
}

/** Customer's split change stamp: date-only ChangeDate plus seconds-since-midnight ChangeTime. */
export function customerChange(ms: number, user: string): Row {
  return { ChangedBy: user, ChangeDate: dateOnly(ms), ChangeTime: secondsOfDay(ms) };
}

/**
 * Part numbers of the first parts of every company carry characters real part numbers have (`AB/12`, `#`, `%`,
 * `?`, `&`, `+`, `'`, spaces, CJK), so single-record URLs (`_source_url`) and key filters are exercised with them.
 */
const AWKWARD_PART_NUMS = ['AB/12', 'A#B-7', '50%OFF', 'Q?1&2=3', '1+1 KIT', "O'RING 3/4", '螺丝-M6', 'ネジ 10#'];

export function partNumber(index: number, prng: Prng): { partNum: string; cls: (typeof R.PART_CLASSES)[number] } {
  const cls = prng.pick(R.PART_CLASSES);
  if (index < AWKWARD_PART_NUMS.length) return { partNum: AWKWARD_PART_NUMS[index], cls };
  return { partNum: `${cls[0]}-${pad(index + 1, 5)}`, cls };
}

export function buildPart(company: string, index: number, createdMs: number, changedMs: number, prng: Prng): Row {
  const { partNum, cls } = partNumber(index, prng);
  const description = `${prng.pick(R.PART_ADJECTIVES)} ${cls[1]} ${prng.int(1, 99)}`;
  const uom = prng.pick(R.UOMS);
  return shapeRow(
    schemaFor(company, 'Parts'),
    {
      Company: company,
      PartNum: partNum,
      PartDescription: description,
      SearchWord: description.toUpperCase().slice(0, 8),
      TypeCode: cls[0] === 'ASM' ? 'M' : prng.weighted(['P', 'M', 'K', 'B'], [80, 10, 5, 5]),
      ClassID: cls[2],
      ProdCode: cls[0],
      IUM: uom,
      PUM: uom,
      SalesUM: uom,
      UOMClassID: uom === 'EA' ? 'COUNT' : uom === 'LB' ? 'WEIGHT' : 'LENGTH',
      UnitPrice: toMoney(prng.int(50, 500_000) * 100),
      CostMethod: prng.pick(R.COST_METHODS),
      NonStock: prng.chance(0.1),
      InActive: prng.chance(0.03),
      OnHold: prng.chance(0.02),
      TrackLots: prng.chance(0.15),
      TrackSerialNum: prng.chance(0.05),
      CreatedBy: prng.pick(R.USERS),
      CreatedOn: dateTime(createdMs),
      ChangedOn: dateTime(changedMs),
    },
    prng,
  );
}

/** The GL account at position `g` of the chart: natural account × department, joined with `|` as Epicor stores it. */
export function glRef(g: number): GlRef & { description: string } {
  const [seg1, natural] = R.NATURAL_ACCOUNTS[g % R.NATURAL_ACCOUNTS.length];
  const d = Math.floor(g / R.NATURAL_ACCOUNTS.length);
  const seg2 = d < R.DEPARTMENTS.length ? R.DEPARTMENTS[d][0] : pad(d, 3);
  const dept = d < R.DEPARTMENTS.length ? R.DEPARTMENTS[d][1] : `Cost Center ${d}`;
  return { coa: COA_CODE, account: `${seg1}|${seg2}`, seg1, seg2, description: `${natural} - ${dept}` };
}

export function buildGLAccount(company: string, g: number, prng: Prng): Row {
  const ref = glRef(g);
  // Segments 3–20 are unused; written out (not built in a loop) so the bag stays a fast literal.
  return shapeRow(
    schemaFor(company, 'GLAccounts'),
    {
      Company: company,
      COACode: ref.coa,
      GLAccount1: ref.account,
      AccountDesc: ref.description,
      SegValue1: ref.seg1,
      SegValue2: ref.seg2,
      SegValue3: '',
      SegValue4: '',
      SegValue5: '',
      SegValue6: '',
      SegValue7: '',
      SegValue8: '',
      SegValue9: '',
      SegValue10: '',
      SegValue11: '',
      SegValue12: '',
      SegValue13: '',
      SegValue14: '',
      SegValue15: '',
      SegValue16: '',
      SegValue17: '',
      SegValue18: '',
      SegValue19: '',
      SegValue20: '',
      Active: prng.chance(0.95),
      EffFrom: dateOnly(Date.UTC(2020, 0, 1)),
      EffTo: null,
      MultiCompany: false,
      ParentGLAccount: '',
      GlobalCOA: false,
    },
    prng,
  );
}

export function poTotals(lines: readonly PoLineCore[]): { total: number; docTotal: number } {
  let total = 0;
  let docTotal = 0;
  for (const l of lines) {
    total += lineExt(l);
    docTotal += lineDocExt(l);
  }
  return { total, docTotal };
}

export function buildPoHeader(company: string, po: PoCore, changedBy: string, changeMs: number, prng: Prng): Row {
  const { total, docTotal } = poTotals(po.lines);
  const due = po.lines.reduce((m, l) => Math.max(m, l.dueMs), po.orderMs);
  const approved = prng.chance(0.9);
  return shapeRow(
    schemaFor(company, 'POes'),
    {
      Company: company,
      PONum: po.poNum,
      OrderDate: dateOnly(po.orderMs),
      VendorNum: po.vendorNum,
      BuyerID: prng.pick(R.BUYERS),
      TermsCode: po.terms,
      ShipViaCode: prng.pick(R.SHIP_VIA),
      FOB: prng.pick(R.FOB),
      CurrencyCode: po.currency,
      ExchangeRate: toMoney(po.rate),
      OpenOrder: po.open,
      VoidOrder: po.void,
      OrderHeld: prng.chance(0.02),
      Approve: approved,
      ApprovalStatus: approved ? 'A' : 'P',
      POType: 'STD',
      DueDate: dateOnly(due),
      PromiseDate: prng.chance(0.6) ? dateOnly(due + prng.int(-3, 10) * DAY_MS) : null,
      TotalOrder: toMoney(total),
      DocTotalOrder: toMoney(docTotal),
      VendorVendorID: po.vendorId,
      VendorName: po.vendorName,
      ChangedBy: changedBy,
      ChangeDate: dateTime(changeMs),
    },
    prng,
  );
}

export function buildPoLine(company: string, l: PoLineCore, changedBy: string, changeMs: number, prng: Prng): Row {
  return shapeRow(
    schemaFor(company, 'PODetails'),
    {
      Company: company,
      PONUM: l.poNum,
      POLine: l.line,
      PartNum: l.partNum,
      VenPartNum: `V${l.partNum.replace('-', '')}`,
      LineDesc: l.partDescription,
      IUM: l.uom,
      PUM: l.uom,
      OrderQty: l.qty,
      XOrderQty: l.qty,
      UnitCost: toMoney(l.unit),
      DocUnitCost: toMoney(l.docUnit),
      ExtCost: toMoney(lineExt(l)),
      DocExtCost: toMoney(lineDocExt(l)),
      CostPerCode: 'E',
      OpenLine: l.open,
      VoidLine: l.void,
      DueDate: dateOnly(l.dueMs),
      VendorNum: l.vendorNum,
      ClassID: l.classId,
      ChangedBy: changedBy,
      ChangeDate: dateTime(changeMs),
    },
    prng,
  );
}

/** Splits a line quantity over its releases (1 or 2). */
export function releaseQty(qty: number, releases: number, relNum: number): number {
  if (releases === 1) return qty;
  const first = Math.floor(qty / 2);
  return relNum === 1 ? first : qty - first;
}

export function buildPoRel(
  company: string,
  l: PoLineCore,
  relNum: number,
  qty: number,
  received: number,
  plant: string,
  prng: Prng,
): Row {
  const open = l.open && received < qty;
  return shapeRow(
    schemaFor(company, 'PORels'),
    {
      Company: company,
      PONum: l.poNum,
      POLine: l.line,
      PORelNum: relNum,
      DueDate: dateOnly(l.dueMs + (relNum - 1) * 14 * DAY_MS),
      PromiseDt: prng.chance(0.5) ? dateOnly(l.dueMs + prng.int(-2, 7) * DAY_MS) : null,
      RelQty: qty,
      XRelQty: qty,
      ReceivedQty: received,
      ArrivedQty: received,
      InvoicedQty: l.open ? 0 : received,
      OpenRelease: open,
      VoidRelease: l.void,
      WarehouseCode: prng.pick(R.WAREHOUSES),
      Plant: plant,
      JobNum: prng.chance(0.1) ? `J${pad(prng.int(1, 99999), 6)}` : '',
    },
    prng,
  );
}

export function invoiceAmounts(inv: InvoiceCore): { amt: number; docAmt: number } {
  return { amt: inv.subtotal + inv.tax, docAmt: inv.docSubtotal + inv.docTax };
}

export function buildInvoice(company: string, inv: InvoiceCore, changedBy: string, changeMs: number, prng: Prng): Row {
  const { amt, docAmt } = invoiceAmounts(inv);
  const f = fiscal(inv.invoiceMs);
  return shapeRow(
    schemaFor(company, 'APInvoices'),
    {
      Company: company,
      VendorNum: inv.vendorNum,
      InvoiceNum: inv.invoiceNum,
      InvoiceDate: dateOnly(inv.invoiceMs),
      // DueDate, DiscountDate, DiscountAmt, DocDiscountAmt from the purchasing terms (analytics-row-builders.ts).
      ...invoiceTermsFields(inv.terms, inv.invoiceMs, amt - inv.paid, docAmt - inv.docPaid),
      ApplyDate: dateOnly(inv.invoiceMs),
      FiscalYear: f.year,
      FiscalPeriod: f.period,
      InvoiceAmt: toMoney(amt),
      DocInvoiceAmt: toMoney(docAmt),
      InvoiceBal: toMoney(amt - inv.paid),
      DocInvoiceBal: toMoney(docAmt - inv.docPaid),
      TaxAmt: toMoney(inv.tax),
      OpenPayable: amt - inv.paid > 0,
      Posted: inv.posted,
      DebitMemo: false,
      CurrencyCode: inv.currency,
      ExchangeRate: toMoney(inv.rate),
      TermsCode: inv.terms,
      GroupID: `AP${dateOnly(inv.invoiceMs).slice(2, 10).replaceAll('-', '')}`,
      REFPONum: inv.poNum,
      Description: `PO ${inv.poNum} receipt`,
      InvoiceRef: '',
      ChangedBy: changedBy,
      ChangeDate: dateTime(changeMs),
    },
    prng,
  );
}

export function buildInvoiceLine(
  company: string,
  inv: InvoiceCore,
  lineNo: number,
  changedBy: string,
  changeMs: number,
  prng: Prng,
): Row {
  const l = inv.lines[lineNo - 1];
  return shapeRow(
    schemaFor(company, 'APInvDtls'),
    {
      Company: company,
      VendorNum: inv.vendorNum,
      InvoiceNum: inv.invoiceNum,
      InvoiceLine: lineNo,
      LineType: 'PUR',
      PartNum: l.partNum,
      Description: l.partDescription,
      PONum: l.poNum,
      POLine: l.line,
      PORelNum: 1,
      PackSlip: `PS${pad(l.poNum, 6)}`,
      PackLine: l.line,
      VendorQty: l.qty,
      OurQty: l.qty,
      PUM: l.uom,
      IUM: l.uom,
      UnitCost: toMoney(l.unit),
      DocUnitCost: toMoney(l.docUnit),
      ExtCost: toMoney(lineExt(l)),
      DocExtCost: toMoney(lineDocExt(l)),
      ChangedBy: changedBy,
      ChangeDate: dateTime(changeMs),
    },
    prng,
  );
}

export function buildPayment(company: string, pay: PaymentCore, changedBy: string, changeMs: number, prng: Prng): Row {
  const f = fiscal(pay.checkMs);
  return shapeRow(
    schemaFor(company, 'PaymentEntries'),
    {
      Company: company,
      HeadNum: pay.headNum,
      GroupID: `PAY${dateOnly(pay.checkMs).slice(2, 10).replaceAll('-', '')}`,
      CheckNum: 10_000 + pay.headNum,
      CheckDate: dateOnly(pay.checkMs),
      VendorNum: pay.invoice.vendorNum,
      Name: pay.vendorName,
      CheckAmt: toMoney(pay.amount),
      DocCheckAmt: toMoney(pay.docAmount),
      CurrencyCode: pay.invoice.currency,
      BankAcctID: prng.pick(R.BANKS),
      PMUID: prng.int(1, 3),
      Posted: true,
      Voided: false,
      ClearedCheck: changeMs - pay.checkMs > 20 * DAY_MS,
      CheckSrc: 'AP',
      FiscalYear: f.year,
      FiscalPeriod: f.period,
      ChangedBy: changedBy,
      ChangeDate: dateTime(changeMs),
    },
    prng,
  );
}

export function buildAPTran(company: string, pay: PaymentCore, changedBy: string, changeMs: number, prng: Prng): Row {
  const f = fiscal(pay.checkMs);
  return shapeRow(
    schemaFor(company, 'APTrans'),
    {
      Company: company,
      HeadNum: pay.headNum,
      APTranNo: 1,
      InvoiceNum: pay.invoice.invoiceNum,
      Voided: false,
      TranType: 'PAY',
      TranDate: dateOnly(pay.checkMs),
      TranAmt: toMoney(pay.amount),
      DocTranAmt: toMoney(pay.docAmount),
      DiscAmt: 0,
      DocDiscAmt: 0,
      CheckNum: 10_000 + pay.headNum,
      VendorNum: pay.invoice.vendorNum,
      Posted: true,
      FiscalYear: f.year,
      FiscalPeriod: f.period,
      ChangedBy: changedBy,
      ChangeDate: dateTime(changeMs),
    },
    prng,
  );
}

/** Journal line `lineNo` (1-based): odd lines debit, even lines credit the same pair amount. */
export function buildJournalLine(company: string, j: JournalCore, lineNo: number, prng: Prng): Row {
  const pair = j.pairs[(lineNo - 1) >> 1];
  const debit = (lineNo - 1) % 2 === 0;
  const acct = debit ? pair.debit : pair.credit;
  const f = fiscal(j.jeMs);
  const amount = toMoney(pair.amount);
  return shapeRow(
    schemaFor(company, 'GLJrnDtls'),
    {
      Company: company,
      BookID: BOOK_ID,
      FiscalYear: f.year,
      FiscalYearSuffix: '',
      JournalCode: j.code,
      JournalNum: j.journalNum,
      JournalLine: lineNo,
      FiscalPeriod: f.period,
      JEDate: dateOnly(j.jeMs),
      PostedDate: j.posted ? dateOnly(j.jeMs + DAY_MS) : null,
      Posted: j.posted,
      GLAccount: acct.account,
      COACode: acct.coa,
      SegValue1: acct.seg1,
      SegValue2: acct.seg2,
      Description: prng.pick(R.JOURNAL_TEXT),
      DebitAmount: debit ? amount : 0,
      CreditAmount: debit ? 0 : amount,
      BookDebitAmount: debit ? amount : 0,
      BookCreditAmount: debit ? 0 : amount,
      SourceModule: R.SOURCE_MODULE[j.code],
      CurrencyCode: 'USD',
      CreateDate: dateTime(j.createMs),
    },
    prng,
  );
}

/** A partial payment of half the open document amount, in whole cents. */
export function halfOf(ticks: number): number {
  return toCents(ticks / 2);
}
