import { describe, expect, it } from 'vitest';
import { ManualClock } from '../../clock.ts';
import { createEpicorEmulator } from './emulator.ts';

describe('advance()', () => {
  it('a default day renames a vendor, cancels a PO, pays invoices down and adds POs, invoices and journals', () => {
    const clock = new ManualClock(Date.UTC(2026, 2, 14, 9, 0, 0));
    const emu = createEpicorEmulator({ seed: 11, scale: 0.5, clock });
    const vendorsBefore = new Map(emu.records('EPIC06', 'Vendors').map((v) => [v.VendorNum, v.Name]));
    const invBefore = new Map(emu.records('EPIC06', 'APInvoices').map((r) => [`${r.VendorNum}|${r.InvoiceNum}`, r]));
    const report = emu.advance();
    const day = report.companies.EPIC06;
    expect(report.toRevision).toBeGreaterThan(report.fromRevision);

    const renamed = day.Vendors.updated.filter((k) => {
      const now = emu.records('EPIC06', 'Vendors').find((v) => v.VendorNum === k.VendorNum)!;
      return now.Name !== vendorsBefore.get(k.VendorNum);
    });
    expect(renamed.length).toBeGreaterThan(0);

    const pos = emu.records('EPIC06', 'POes');
    const cancelled = day.POes.updated.map((k) => pos.find((p) => p.PONum === k.PONum)!);
    expect(cancelled.some((p) => p.VoidOrder === true && p.OpenOrder === false)).toBe(true);

    const paidDown = day.APInvoices.updated
      .map((k) => ({
        before: invBefore.get(`${k.VendorNum}|${k.InvoiceNum}`)!,
        now: emu
          .records('EPIC06', 'APInvoices')
          .find((r) => r.VendorNum === k.VendorNum && r.InvoiceNum === k.InvoiceNum)!,
      }))
      .filter(({ before, now }) => (now.InvoiceBal as number) < (before.InvoiceBal as number));
    expect(paidDown.length).toBeGreaterThan(0);
    const payments = emu.records('EPIC06', 'APTrans');
    for (const { now } of paidDown)
      expect(payments.some((t) => t.InvoiceNum === now.InvoiceNum && t.VendorNum === now.VendorNum)).toBe(true);
    expect(day.PaymentEntries.inserted.length).toBe(day.APTrans.inserted.length);

    for (const e of ['POes', 'PODetails', 'PORels', 'APInvoices', 'APInvDtls', 'GLJrnDtls', 'Receipts', 'RcvDtls']) {
      expect(day[e].inserted.length, e).toBeGreaterThan(0);
    }
    expect(day.PORels.deleted.length + day.Customers.deleted.length).toBeGreaterThan(0);
    expect(emu.deleted('EPIC06', 'Customers').length).toBe(day.Customers.deleted.length);
    expect(emu.deleted('EPIC06', 'Customers')[0]).toHaveProperty('SysRowID');

    // Writes carry the server clock, without offset.
    const newPo = pos.find((p) => p.PONum === day.POes.inserted[0].PONum)!;
    expect(newPo.ChangeDate).toMatch(/^2026-03-14T09:00:00\.\d{3}$/);
    // Generated and activity-created POs come from one builder: both carry their vendor's terms and currency.
    const vendorOf = (p: Record<string, unknown>) =>
      emu.records('EPIC06', 'Vendors').find((v) => v.VendorNum === p.VendorNum)!;
    for (const p of [pos[0], newPo]) {
      expect([p.TermsCode, p.CurrencyCode]).toEqual([vendorOf(p).TermsCode, vendorOf(p).CurrencyCode]);
    }
    // Size of a day: 2–5% of all records.
    const all = report.totals.inserted + report.totals.updated + report.totals.deleted;
    const records = [
      'Vendors',
      'Customers',
      'Parts',
      'GLAccounts',
      'POes',
      'PODetails',
      'PORels',
      'APInvoices',
      'APInvDtls',
      'PaymentEntries',
      'APTrans',
      'GLJrnDtls',
    ].reduce((n, e) => n + emu.records('EPIC06', e).length + emu.records('EPIC07', e).length, 0);
    expect(all / records).toBeGreaterThan(0.02);
    expect(all / records).toBeLessThan(0.05);
  });

  it('explicit counts are exact and late commits take revisions below those already handed out', () => {
    const emu = createEpicorEmulator({ seed: 5, scale: 0.2 });
    const first = emu.advance({ inserts: 10, updates: 6, deletes: 1, company: 'EPIC06' });
    expect(first.totals).toMatchObject({ inserted: 10, updated: 6, deleted: 1, lateCommits: 0 });
    const servedMax = emu.maxRevision();
    const second = emu.advance({ inserts: 0, updates: 0, deletes: 0, lateCommits: 4 });
    expect(second.totals.lateCommits).toBe(4);
    const late = Object.entries(second.companies).flatMap(([company, m]) =>
      Object.entries(m).flatMap(([entitySet, a]) => a.lateCommits.map((l) => ({ company, entitySet, ...l }))),
    );
    for (const l of late) {
      expect(l.revision).toBeLessThan(servedMax);
      const keys = Object.entries(l.key);
      const row = emu.records(l.company, l.entitySet).find((r) => keys.every(([k, v]) => r[k] === v))!;
      expect(row.SysRevID).toBe(l.revision);
    }
    expect(emu.maxRevision()).toBe(servedMax);
  });
});
