/**
 * The `childFilterOnParent` switch (schema-profile.ts): on a child entity set served through its BO's GetRows, a
 * `$filter` is applied to the parent table — practitioners report it (reference sheet, child sets; unconfirmed).
 * Modelled as: every field the parent row also has is read from the parent (Company, SysRevID, SysRowID,
 * ChangeDate, VendorNum, Voided …), every other field from the child. So `SysRevID gt N` returns the children of
 * parents changed after N, while a filter on the parent key (which child and parent share) is unaffected.
 */

import type { RowPredicate } from './compile-filter.ts';
import type { Row } from './entity-store.ts';
import type { EpicorDatabase } from './epicor-database.ts';

/** Child set → parent set and how a child names the parent's key fields ([child field, parent field]). */
export const CHILD_PARENTS: Readonly<Record<string, { parent: string; link: readonly [string, string][] }>> = {
  PODetails: { parent: 'POes', link: [['PONUM', 'PONum']] },
  PORels: { parent: 'POes', link: [['PONum', 'PONum']] },
  APInvDtls: {
    parent: 'APInvoices',
    link: [
      ['VendorNum', 'VendorNum'],
      ['InvoiceNum', 'InvoiceNum'],
    ],
  },
  APTrans: { parent: 'PaymentEntries', link: [['HeadNum', 'HeadNum']] },
};

/** Live child rows (index order) whose filter, evaluated with the parent's fields, holds. */
export function childRowsMatchingOnParent(
  db: EpicorDatabase,
  company: string,
  childSet: string,
  matches: RowPredicate,
): Row[] {
  const rel = CHILD_PARENTS[childSet];
  const child = db.requireStore(company, childSet);
  const parent = db.requireStore(company, rel.parent);
  const parentKey = (r: Row, side: 0 | 1) => JSON.stringify(rel.link.map((l) => r[l[side]]));
  const parents = new Map<string, Row>();
  for (const i of parent.liveIndices()) {
    const p = parent.get(i);
    parents.set(parentKey(p, 1), p);
  }
  const shared = child.schema.fields.map((f) => f.name).filter((n) => parent.schema.fieldMap.has(n));
  const out: Row[] = [];
  for (const i of child.liveIndices()) {
    const c = child.get(i);
    const p = parents.get(parentKey(c, 0));
    let seen = c;
    if (p) {
      seen = { ...c };
      for (const n of shared) seen[n] = p[n];
    }
    if (matches(seen)) out.push(c);
  }
  return out;
}
