/**
 * The two seeded BAQs (`BaqSvc/{BAQID}/Data`). Their rows are computed from the current data on each request;
 * columns follow Epicor's `Table_Field` / `Calculated_X` naming plus `RowIdent`.
 */
import { type FieldDef, parseFields } from './entity-schemas.ts';
import type { Row } from './entity-store.ts';
import type { EpicorDatabase } from './epicor-database.ts';
import { ODataError } from './odata-error.ts';
import { TICKS } from './values.ts';

export interface BaqDefinition {
  id: string;
  description: string;
  fields: FieldDef[];
  fieldMap: ReadonlyMap<string, FieldDef>;
  keys: string[];
  /** Query-option parameters: name → required. */
  parameters: Record<string, boolean>;
  rows(db: EpicorDatabase, company: string, params: ReadonlyMap<string, string>): Row[];
}

function define(d: Omit<BaqDefinition, 'fields' | 'fieldMap'> & { spec: string }): BaqDefinition {
  const fields = parseFields(d.spec);
  for (const f of fields) if (f.name === 'RowIdent') f.nullable = false;
  return { ...d, fields, fieldMap: new Map(fields.map((f) => [f.name, f])) };
}

function* liveRows(db: EpicorDatabase, company: string, entitySet: string): Generator<Row> {
  const store = db.requireStore(company, entitySet);
  for (const i of store.liveIndices()) yield store.get(i);
}

/** Spend per vendor: invoiced amount (base currency) and invoice count, optionally for one currency. */
const supplierSpend = define({
  id: 'zSupplierSpend',
  description: 'Supplier spend',
  spec: 'Vendor_VendorNum:i Vendor_VendorID:s Vendor_Name:s Calculated_TotalSpend:m Calculated_InvoiceCount:i RowIdent:s',
  keys: ['RowIdent'],
  parameters: { CurrencyCode: false },
  rows(db, company, params) {
    const currency = params.get('CurrencyCode');
    const spend = new Map<number, { ticks: number; count: number }>();
    for (const inv of liveRows(db, company, 'APInvoices')) {
      if (currency !== undefined && inv.CurrencyCode !== currency) continue;
      const s = spend.get(inv.VendorNum as number) ?? { ticks: 0, count: 0 };
      s.ticks += Math.round((inv.InvoiceAmt as number) * TICKS);
      s.count++;
      spend.set(inv.VendorNum as number, s);
    }
    const out: Row[] = [];
    for (const v of liveRows(db, company, 'Vendors')) {
      const s = spend.get(v.VendorNum as number);
      if (!s) continue;
      out.push({
        Vendor_VendorNum: v.VendorNum,
        Vendor_VendorID: v.VendorID,
        Vendor_Name: v.Name,
        Calculated_TotalSpend: s.ticks / TICKS,
        Calculated_InvoiceCount: s.count,
        RowIdent: v.SysRowID,
      });
    }
    return out;
  },
});

/** Open PO lines with at least one open release at the requested plant. */
const openPoLines = define({
  id: 'zOpenPOLines',
  description: 'Open PO lines by plant',
  spec: 'POHeader_PONum:i PODetail_POLine:i PODetail_PartNum:s PODetail_OrderQty:m PODetail_SysRevID:l RowIdent:s',
  keys: ['RowIdent'],
  parameters: { Plant: true },
  rows(db, company, params) {
    const plant = params.get('Plant')!;
    const linesAtPlant = new Set<string>();
    for (const r of liveRows(db, company, 'PORels')) {
      if (r.Plant === plant && r.OpenRelease === true) linesAtPlant.add(`${r.PONum}/${r.POLine}`);
    }
    const out: Row[] = [];
    for (const l of liveRows(db, company, 'PODetails')) {
      if (l.OpenLine !== true || !linesAtPlant.has(`${l.PONUM}/${l.POLine}`)) continue;
      out.push({
        POHeader_PONum: l.PONUM,
        PODetail_POLine: l.POLine,
        PODetail_PartNum: l.PartNum,
        PODetail_OrderQty: l.OrderQty,
        PODetail_SysRevID: l.SysRevID,
        RowIdent: l.SysRowID,
      });
    }
    return out;
  },
});

/** AP invoices by last change: a BAQ read with a date cursor (`APInvHed_ChangeDate`, served without an offset). */
const recentApInvoices = define({
  id: 'zRecentAPInvoices',
  description: 'AP invoices by change date',
  spec: 'APInvHed_VendorNum:i APInvHed_InvoiceNum:s APInvHed_InvoiceAmt:m APInvHed_ChangeDate:t RowIdent:s',
  keys: ['RowIdent'],
  parameters: {},
  rows(db, company) {
    const out: Row[] = [];
    for (const inv of liveRows(db, company, 'APInvoices')) {
      out.push({
        APInvHed_VendorNum: inv.VendorNum,
        APInvHed_InvoiceNum: inv.InvoiceNum,
        APInvHed_InvoiceAmt: inv.InvoiceAmt,
        APInvHed_ChangeDate: inv.ChangeDate,
        RowIdent: inv.SysRowID,
      });
    }
    return out;
  },
});

export const BAQS: ReadonlyMap<string, BaqDefinition> = new Map(
  [supplierSpend, openPoLines, recentApInvoices].map((b) => [b.id, b]),
);

/** Checks required parameters (400 when missing). */
export function checkBaqParameters(baq: BaqDefinition, params: ReadonlyMap<string, string>): void {
  for (const [name, required] of Object.entries(baq.parameters)) {
    if (required && !params.get(name)) {
      throw new ODataError(`BAQ ${baq.id} requires parameter '${name}'. Pass it as a query option, e.g. ?${name}=...`);
    }
  }
}
