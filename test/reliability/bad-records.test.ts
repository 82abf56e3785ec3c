/**
 * Records Epicor serves with wrong types, odd spellings, missing keys, duplicates, huge or exotic strings and
 * drifting fields. Each is either loaded as the value it means, or reported as a bad record (entity, key, reason)
 * while the other records load, the run ends `partial` and the watermark waits below it until Epicor is fixed.
 */
import { writeFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatOpsSummary } from '../../src/cli/commands/ops-summary.ts';
import { replayOnce } from '../../src/jobs/ops-once.ts';
import { emulatorYaml, runCli, writeConfig } from '../support/cli-harness.ts';
import { eachRow, type Row } from './hostile-proxy.ts';
import { RETRY, type ReliabilityEnv, startReliabilityEnv } from './reliability-env.ts';

let r: ReliabilityEnv;
beforeAll(async () => {
  r = await startReliabilityEnv();
});
afterAll(async () => {
  await r?.close();
});

/** A double next to `v` whose shortest JSON text has 16–17 digits: more places than DECIMAL(20,4) holds. */
const noisy = (v: number): number => (v === 0 ? 0 : v * (1 + 2 ** -48));

describe('records with values in unexpected shapes', () => {
  it('SysRevID as text and other ISO date spellings load as the values they mean', async () => {
    let i = 0;
    const stop = [
      r.proxy.rewritePage(
        'Customers',
        eachRow((row) => {
          const est = String(row.EstDate); // e.g. 2020-10-26T00:00:00 (UTC midnight)
          const day = est.slice(0, 10);
          const shapes = [`${day}`, `${day}T00:00:00Z`, `${day}T02:00:00+02:00`, `${day}T00:00:00.000000Z`];
          return {
            ...row,
            SysRevID: String(row.SysRevID),
            EstDate: row.EstDate === null ? null : shapes[i++ % shapes.length],
          };
        }),
      ),
      r.proxy.rewritePage(
        'Parts',
        eachRow((row) => ({ ...row, SysRevID: ` ${row.SysRevID}` })),
      ),
    ];
    let result: Awaited<ReturnType<ReliabilityEnv['sync']>>;
    try {
      result = await r.sync('shapes', ['customers', 'parts']);
    } finally {
      for (const s of stop) s();
    }
    expect(result.run.status, result.run.error).toBe('succeeded');
    expect(result.badRecords).toEqual([]);
    const report = await r.check('shapes', ['customers', 'parts']);
    expect(report.ok, report.text).toBe(true);
    // The stored watermark is the numeric SysRevID, not the text.
    const marks = await r.watermarks('shapes');
    expect(marks.customers).toMatch(/^\d+$/);
    expect(report.tables.reduce((a, t) => a + t.actual, 0)).toBe(
      r.env.epicor.records('EPIC06', 'Customers').length + r.env.epicor.records('EPIC06', 'Parts').length,
    );
  });

  it('a decimal with more places than its DECIMAL(20,4) column is a bad record naming field and value, never rounded', async () => {
    const parts = r.env.epicor.records('EPIC06', 'Parts');
    const [precise, binary] = [parts[4], parts[11]];
    const stop = r.proxy.rewritePage(
      'Parts',
      eachRow((row) =>
        row.PartNum === precise.PartNum
          ? { ...row, UnitPrice: 1.2345678901 }
          : row.PartNum === binary.PartNum
            ? { ...row, UnitPrice: noisy(4808.35) }
            : row,
      ),
    );
    let result: Awaited<ReturnType<ReliabilityEnv['sync']>>;
    try {
      result = await r.sync('places', ['parts']);
    } finally {
      stop();
    }
    expect(JSON.stringify(noisy(4808.35)).length, 'the double really carries more places').toBeGreaterThan(16);
    expect(result.run.status).toBe('partial');
    const reasons = Object.fromEntries(result.badRecords.map((b) => [b.key, b.reason]));
    expect(reasons[`Company=EPIC06, PartNum=${precise.PartNum}`]).toBe(
      'field UnitPrice: "1.2345678901" has more than 4 decimal places, which DECIMAL(20,4) cannot hold without rounding',
    );
    expect(reasons[`Company=EPIC06, PartNum=${binary.PartNum}`]).toMatch(
      /^field UnitPrice: "4808\.35\d+" has more than 4 decimal places/,
    );
    const rows = await r.env.query(
      `SELECT part_num FROM c_main.places.dim_part WHERE part_num IN ('${precise.PartNum}', '${binary.PartNum}')`,
    );
    expect(rows).toEqual([]);
    const report = await r.check('places', ['parts']);
    const t = report.tables[0];
    expect([t.missing, t.extra, t.differing], report.text).toEqual([2, 0, 0]);
  });

  it('unparseable dates and null or missing keys are bad records; the rest loads; fixed later, they load too', async () => {
    const customers = r.env.epicor.records('EPIC06', 'Customers');
    const nums = customers.map((c) => Number(c.CustNum)).sort((a, b) => a - b);
    const [wcf, european, nullKey, missingKey, nullRev] = [nums[3], nums[9], nums[17], nums[25], nums[31]];
    const rewrite = (row: Row): Row => {
      switch (row.CustNum) {
        case wcf:
          return { ...row, EstDate: '/Date(1700000000000)/' };
        case european:
          return { ...row, EstDate: '14/03/2026', ChangeDate: '2026-02-30T00:00:00' };
        case nullKey:
          return { ...row, Company: null };
        case missingKey: {
          const { CustNum: _, ...rest } = row;
          return { ...rest, Name: `missing-key ${String(row.Name)}` };
        }
        case nullRev:
          return { ...row, SysRevID: null };
        default:
          return row;
      }
    };
    const stop = r.proxy.rewritePage('Customers', eachRow(rewrite));
    let first: Awaited<ReturnType<ReliabilityEnv['sync']>>;
    try {
      first = await r.sync('bad_keys', ['customers', 'vendors']);
    } finally {
      stop();
    }
    expect(first.run.status).toBe('partial');
    expect(first.run.entities.customers.status).toBe('partial');
    expect(first.run.entities.customers.bad).toBe(5);
    expect(first.run.entities.vendors.status).toBe('succeeded');
    const reasons = Object.fromEntries(first.badRecords.map((b) => [b.key, b.reason]));
    expect(first.badRecords.every((b) => b.entity === 'customers' && b.company === 'EPIC06')).toBe(true);
    expect(reasons[`Company=EPIC06, CustNum=${wcf}`]).toBe(
      'field EstDate: "/Date(1700000000000)/" is not an ISO 8601 date',
    );
    expect(reasons[`Company=EPIC06, CustNum=${european}`]).toBe(
      'field EstDate: "14/03/2026" is not an ISO 8601 date; ' +
        'field ChangeDate: "2026-02-30T00:00:00" is not an ISO 8601 date',
    );
    expect(reasons[`Company=null, CustNum=${nullKey}`]).toBe('missing key field Company');
    expect(reasons['Company=EPIC06, CustNum=null']).toBe('missing key field CustNum');
    expect(reasons[`Company=EPIC06, CustNum=${nullRev}`]).toBe('missing SysRevID');

    // Everything else loaded exactly; the five are missing, nothing else differs.
    const partial = await r.check('bad_keys', ['customers', 'vendors']);
    const byEntity = Object.fromEntries(partial.tables.map((t) => [t.entity, t]));
    expect(byEntity.vendors.missing + byEntity.vendors.differing).toBe(0);
    const c = byEntity.customers;
    expect([c.missing, c.extra, c.differing, c.duplicates, c.lineage], partial.text).toEqual([5, 0, 0, 0, 0]);
    // One bad record came without a SysRevID, so nothing tells how far it is safe to go: the watermark is held
    // where it was (unset on this first run) and the next run reads the entity again, bad records included.
    const marks = await r.watermarks('bad_keys');
    expect(marks.customers ?? null).toBeNull();
    expect(first.run.entities.customers.watermark_to).toBeNull();

    // Epicor fixed (the proxy stops corrupting): the next run loads them all.
    r.env.epicor.advance({ inserts: 5, updates: 5, deletes: 0 });
    const second = await r.sync('bad_keys', ['customers', 'vendors']);
    expect(second.run.status, second.run.error).toBe('succeeded');
    const fixed = await r.check('bad_keys', ['customers', 'vendors']);
    expect(fixed.ok, fixed.text).toBe(true);
  });

  it('via the CLI a record without its key makes sync exit 4 and names entity, key and reason', async () => {
    const target = r.env.epicor.records('EPIC06', 'Vendors')[5];
    const stop = r.proxy.rewritePage(
      'Vendors',
      eachRow((row) => (row.VendorNum === target.VendorNum ? { ...row, Company: null } : row)),
    );
    const file = writeConfig({ epicorUrl: r.env.epicorUrl, host: r.env.host, schema: 'cli_bad', pageSize: 10 });
    writeFileSync(
      file,
      emulatorYaml({ epicorUrl: r.env.epicorUrl, host: r.env.host, schema: 'cli_bad', pageSize: 10 }).replace(
        'entities: all',
        'entities: [vendors, gl_accounts]',
      ),
    );
    let out: Awaited<ReturnType<typeof runCli>>;
    try {
      out = await runCli(['--config', file, 'sync']);
    } finally {
      stop();
    }
    const text = out.stdout + out.stderr;
    expect(out.code, text).toBe(4);
    expect(text).toContain(`Company=null, VendorNum=${target.VendorNum}`);
    expect(text).toContain('missing key field Company');
    const report = await r.check('cli_bad', ['gl_accounts']);
    expect(report.ok, report.text).toBe(true);
  });
});

describe('duplicates, huge and exotic strings, drifting fields', () => {
  it('a record served twice (on two pages) is one dimension row and one fact version', async () => {
    let vendorCopy: Row | undefined;
    let poCopy: Row | undefined;
    // Each page also carries the first row of the page before it: the same key, the same revision, twice.
    const stop = [
      r.proxy.rewritePage('Vendors', (rows) => {
        if (rows[0]?.Name === undefined) return rows; // a bound lookup ($select=SysRevID), not a page
        const out = vendorCopy ? [vendorCopy, ...rows] : rows;
        vendorCopy = rows[0];
        return out;
      }),
      r.proxy.rewritePage('POes', (rows) => {
        if (rows[0]?.OrderDate === undefined) return rows;
        const out = poCopy ? [poCopy, ...rows] : rows;
        poCopy = rows[0];
        return out;
      }),
    ];
    let result: Awaited<ReturnType<ReliabilityEnv['sync']>>;
    try {
      result = await r.sync('dups', ['vendors', 'purchase_orders']);
    } finally {
      for (const s of stop) s();
    }
    expect(result.run.status, result.run.error).toBe('succeeded');
    const vendors = r.env.epicor.records('EPIC06', 'Vendors').length;
    const pos = r.env.epicor.records('EPIC06', 'POes').length;
    expect(result.run.entities.vendors.fetched, 'duplicates were served').toBeGreaterThan(vendors);
    expect(result.run.entities.purchase_orders.fetched).toBeGreaterThan(pos);
    const report = await r.check('dups', ['vendors', 'purchase_orders']);
    expect(report.ok, report.text).toBe(true);
    const [counts] = await r.query(
      'dups',
      'SELECT (SELECT COUNT(*)::INT FROM S.dim_vendor) AS v, (SELECT COUNT(*)::INT FROM S.fact_purchase_order) AS p',
    );
    expect(counts).toEqual({ v: vendors, p: pos });
  });

  it('100k-character strings and every Unicode plane, RTL, combining marks, NUL and controls are stored exactly', async () => {
    const exotic = [
      'x'.repeat(100_000),
      `${'€ünïcødé ✓ '.repeat(9000)}end`,
      'astral: 𝄞 𐍈 😀 🏳️‍🌈 👩🏽‍💻 𠀋 (U+2000B) 󠁧 (tag) 􏿽 (plane 16)',
      'RTL: שָׁלוֹם عربي ‏mixed‎ ltr ‮reversed‬',
      'combining: e\u0301 a\u0308\u0304 Z\u0351\u0352\u0353 \u1100\u1161\u11A8',
      'controls: NUL[\u0000] BEL[\u0007] ESC[\u001b] DEL[\u007f] C1[\u0085\u009f] LS[\u2028] PS[\u2029] tab[\t] cr[\r] lf[\n]',
      'bom \ufeff zwj \u200d zwsp \u200b nbsp \u00a0 replacement \ufffd nonchar \uffff',
      '',
      'quotes \' " \\ backslash `tick` $' + '{x} %s --',
    ];
    const vendors = r.env.epicor.records('EPIC06', 'Vendors').sort((a, b) => Number(a.VendorNum) - Number(b.VendorNum));
    const expected = new Map<number, string>();
    for (const [k, v] of vendors.slice(0, exotic.length).entries()) expected.set(Number(v.VendorNum), exotic[k]);
    const stop = r.proxy.rewritePage(
      'Vendors',
      eachRow((row) => {
        const s = expected.get(Number(row.VendorNum));
        return s === undefined ? row : { ...row, Name: s, Address1: s.slice(0, 5000) };
      }),
    );
    let result: Awaited<ReturnType<ReliabilityEnv['sync']>>;
    try {
      result = await r.sync('unicode', ['vendors']);
    } finally {
      stop();
    }
    expect(result.run.status, result.run.error).toBe('succeeded');
    const rows = await r.query(
      'unicode',
      `SELECT vendor_num, name, address1 FROM S.dim_vendor WHERE vendor_num IN (${[...expected.keys()].join(',')})`,
    );
    expect(rows).toHaveLength(exotic.length);
    let chars = 0;
    for (const row of rows) {
      const want = expected.get(Number(row.vendor_num))!;
      // Compare code points, so a failure shows where the text changed rather than two huge strings.
      expect([...String(row.name)].length, `length of vendor ${row.vendor_num}`).toBe([...want].length);
      expect(row.name === want, `vendor ${row.vendor_num} name`).toBe(true);
      expect(row.address1).toBe(want.slice(0, 5000));
      chars += want.length;
    }
    expect(chars).toBeGreaterThan(190_000);
  });

  it('a field appearing mid-run and one vanishing load (new column, NULLs), never a failed MERGE', async () => {
    // Mid-run: from the third Parts page on, rows carry a field $metadata does not list yet, and lack SearchWord.
    let pages = 0;
    const stopRows = r.proxy.rewritePage('Parts', (rows) => {
      if (rows[0]?.PartDescription === undefined) return rows; // a bound lookup
      pages++;
      if (pages < 3) return rows;
      return rows.map(({ SearchWord: _, ...row }) => ({ ...row, Character07_c: `grade-${String(row.PartNum)}` }));
    });
    const first = await r.sync('drift', ['parts']);
    expect(first.run.status, first.run.error).toBe('succeeded');
    expect(pages, 'the run read pages before and after the drift').toBeGreaterThan(4);
    const loaded = await r.check('drift', ['parts']);
    expect(loaded.ok, loaded.text).toBe(true);
    const [nulls] = await r.query(
      'drift',
      'SELECT COUNT(*) FILTER (WHERE search_word IS NULL)::INT AS n FROM S.dim_part',
    );
    expect(nulls.n).toBeGreaterThan(0);

    // Next: $metadata lists the new field (and no longer SearchWord): a new column, filled for new writes.
    const stopMeta = r.proxy.rewriteMetadata((xml) =>
      xml
        .replace(/<Property Name="SearchWord"[^>]*\/>\s*/, '')
        .replace(
          /(<EntityType Name="PartRow">[\s\S]*?)(<\/EntityType>)/,
          '$1<Property Name="Character07_c" Type="Edm.String" Nullable="true"/>$2',
        ),
    );
    const stopSelect = r.proxy.unselect('Parts', 'Character07_c');
    const day = r.env.epicor.advance({ inserts: 10, updates: 20, deletes: 0 });
    pages = 10; // every page drifts from now on
    let third: Awaited<ReturnType<ReliabilityEnv['sync']>>;
    try {
      third = await r.sync('drift', ['parts']);
    } finally {
      stopRows();
      stopMeta();
      stopSelect();
    }
    expect(third.run.status, third.run.error).toBe('succeeded');
    const changed = third.run.entities.parts.inserted + third.run.entities.parts.updated;
    expect(changed, JSON.stringify(day.companies.EPIC06.Parts)).toBeGreaterThan(0);
    const failed = r.env.databricks.statementLog().filter((s) => s.state !== 'SUCCEEDED');
    expect(failed.map((s) => s.statement.slice(0, 80))).toEqual([]);
    const cols = await r.query(
      'drift',
      "SELECT column_name FROM information_schema.columns WHERE table_schema = 'drift' AND table_name = 'dim_part' " +
        "AND column_name IN ('character07_c', 'search_word') ORDER BY 1",
    );
    expect(cols.map((c) => c.column_name)).toEqual(['character07_c', 'search_word']);
    const [fill] = await r.query(
      'drift',
      `SELECT COUNT(*) FILTER (WHERE character07_c = 'grade-' || part_num)::INT AS tagged,
              COUNT(*) FILTER (WHERE character07_c IS NOT NULL AND character07_c <> 'grade-' || part_num)::INT AS wrong,
              COUNT(*) FILTER (WHERE _sync_id = '${third.run.syncId}' AND search_word IS NOT NULL)::INT AS stale
         FROM S.dim_part`,
    );
    expect(fill).toEqual({ tagged: changed, wrong: 0, stale: 0 });
  });

  it('a replay reports the bad records it met like a sync does: in the result, the summary and a partial run', async () => {
    const first = await r.sync('replay_bad', ['parts']);
    expect(first.run.status, first.run.error).toBe('succeeded');
    const bad = r.env.epicor.records('EPIC06', 'Parts')[7];
    const stop = r.proxy.rewritePage(
      'Parts',
      eachRow((row) => (row.PartNum === bad.PartNum ? { ...row, UnitPrice: 1.2345678901 } : row)),
    );
    let replay: Awaited<ReturnType<typeof replayOnce>>;
    try {
      replay = await replayOnce(r.configFor('replay_bad'), first.run.syncId, {
        logger: r.env.logger,
        retry: RETRY,
        only: ['parts'],
      });
    } finally {
      stop();
    }
    const key = `Company=EPIC06, PartNum=${bad.PartNum}`;
    const reason =
      'field UnitPrice: "1.2345678901" has more than 4 decimal places, which DECIMAL(20,4) cannot hold without rounding';
    expect(replay.run.status).toBe('partial');
    expect(replay.run.entities.parts).toMatchObject({ status: 'partial', bad: 1 });
    expect(replay.badRecords).toEqual([{ company: 'EPIC06', entity: 'parts', key, reason }]);
    expect(formatOpsSummary(replay, 'replay')).toContain(`bad record: parts [${key}]: ${reason}`);
    // The ledger row says partial too, and the bad record's row kept what the sync wrote.
    const [ledger] = await r.query(
      'replay_bad',
      `SELECT status FROM S._ml_connector_runs WHERE sync_id = '${replay.run.syncId}'`,
    );
    expect(ledger).toEqual({ status: 'partial' });
    const [row] = await r.query('replay_bad', `SELECT _sync_id FROM S.dim_part WHERE part_num = '${bad.PartNum}'`);
    expect(row).toEqual({ _sync_id: first.run.syncId });
  });
});
