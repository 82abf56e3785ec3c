/**
 * Receiving during a day of activity: a shipment arrives against an open PO release (Receipt Entry writes one
 * RcvHead and one RcvDtl, and updates the release's received quantity), sometimes short, sometimes over.
 */
import type { ActivityContext } from './activity-context.ts';
import { poLineCoreOf } from './activity-operations.ts';
import * as A from './analytics-row-builders.ts';
import { USERS } from './reference-data.ts';

/** Receives an open release: 1 receipt + 1 receipt line inserted, the release updated. */
export function receiveShipment(ctx: ActivityContext): boolean {
  const { prng, budget, company } = ctx;
  if (budget.inserts < 2 || budget.updates < 1) return false;
  const relIdx = ctx.pick('PORels', (r) => r.OpenRelease === true && r.VoidRelease !== true);
  if (relIdx === undefined) return false;
  const rel = ctx.store('PORels').get(relIdx);
  const lines = ctx.store('PODetails');
  const lineIdx = lines.findByKey([company, rel.PONum, rel.POLine]);
  const poIdx = ctx.store('POes').findByKey([company, rel.PONum]);
  if (lineIdx === undefined || poIdx === undefined) return false;
  const l = lines.get(lineIdx);
  const po = ctx.store('POes').get(poIdx);
  const relQty = rel.RelQty as number;
  const already = (rel.ReceivedQty as number) ?? 0;
  const qty = Math.max(1, A.receivedQuantity(relQty, prng.next()) - already);
  const now = ctx.now();
  const receipt: A.ReceiptCore = {
    vendorNum: po.VendorNum as number,
    poNum: rel.PONum as number,
    packSlip: `PS${rel.PONum}-${rel.POLine}-${rel.PORelNum}-${ctx.store('Receipts').length + 1}`,
    currency: po.CurrencyCode as string,
    arrivedMs: now,
    receiptMs: now,
    plant: (rel.Plant as string) || 'MfgSys',
  };
  const line: A.ReceiptLineCore = {
    // The receipt is against the release's PO line as it stands, received while the line is open.
    line: {
      ...poLineCoreOf(l),
      poNum: rel.PONum as number,
      line: rel.POLine as number,
      vendorNum: po.VendorNum as number,
      open: true,
      void: false,
    },
    relNum: rel.PORelNum as number,
    packLine: 1,
    qty,
    dueMs: Date.parse(`${rel.DueDate}Z`),
  };
  const who = prng.pick(USERS);
  ctx.insert('Receipts', A.buildReceipt(company, receipt, who, ctx.now(), prng));
  ctx.insert('RcvDtls', A.buildReceiptLine(company, receipt, line, who, ctx.now(), prng));
  const received = already + qty;
  ctx.update('PORels', relIdx, { ReceivedQty: received, ArrivedQty: received, OpenRelease: received < relQty });
  return true;
}
