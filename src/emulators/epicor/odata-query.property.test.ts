import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEpicorEmulator, type EpicorEmulator } from './emulator.ts';

// Random filters/orderby/top/skip are evaluated by the server over HTTP and by a plain evaluation written here,
// directly over the AST, on the same records.

type Kind = 'string' | 'number' | 'boolean' | 'datetime';
type Ast =
  | { op: 'and'; l: Ast; r: Ast }
  | { op: 'or'; l: Ast; r: Ast }
  | { op: 'not'; e: Ast }
  | { op: 'cmp'; cmp: string; field: string; kind: Kind; value: unknown; literal: string };

const H = { 'x-api-key': 'demo-api-key', authorization: `Basic ${Buffer.from('manager:manager').toString('base64')}` };

let emu: EpicorEmulator;
let base: string;
beforeAll(async () => {
  emu = createEpicorEmulator({ seed: 7, scale: 0.1 });
  base = await emu.listen();
  emu.advance({ inserts: 60, updates: 40, deletes: 5 });
});
afterAll(() => emu.close());

const instant = (v: unknown) => Date.parse(`${v}Z`);

function toText(a: Ast): string {
  if (a.op === 'and') return `(${toText(a.l)} and ${toText(a.r)})`;
  if (a.op === 'or') return `(${toText(a.l)} or ${toText(a.r)})`;
  if (a.op === 'not') return `not (${toText(a.e)})`;
  return `${a.field} ${a.cmp} ${a.literal}`;
}

function cmpValues(x: unknown, y: unknown): number {
  if (x === null) return y === null ? 0 : -1;
  if (y === null) return 1;
  if (typeof x === 'boolean') return Number(x) - Number(y as boolean);
  return (x as number) < (y as number) ? -1 : (x as number) > (y as number) ? 1 : 0;
}

function norm(v: unknown, kind: Kind): unknown {
  return v === null || v === undefined ? null : kind === 'datetime' ? instant(v) : v;
}

function holds(a: Ast, row: Record<string, unknown>): boolean {
  if (a.op === 'and') return holds(a.l, row) && holds(a.r, row);
  if (a.op === 'or') return holds(a.l, row) || holds(a.r, row);
  if (a.op === 'not') return !holds(a.e, row);
  const x = norm(row[a.field], a.kind);
  const y = a.value;
  if (a.cmp === 'eq') return x === null || y === null ? x === y : cmpValues(x, y) === 0;
  if (a.cmp === 'ne') return x === null || y === null ? x !== y : cmpValues(x, y) !== 0;
  if (x === null || y === null) return false;
  const c = cmpValues(x, y);
  return { gt: c > 0, ge: c >= 0, lt: c < 0, le: c <= 0 }[a.cmp as 'gt'] as boolean;
}

function literalArb(kind: Kind, samples: unknown[]): fc.Arbitrary<{ value: unknown; literal: string }> {
  const fromSample = fc.constantFrom(...samples.filter((s) => s !== null));
  switch (kind) {
    case 'string':
      return fc
        .oneof(fromSample, fc.constantFrom("O'Brien", 'M', '', 'Zz'))
        .map((s) => ({ value: s, literal: `'${String(s).replaceAll("'", "''")}'` }));
    case 'number':
      return fc
        .oneof(fromSample, fc.integer({ min: -5, max: 3_000_100_000 }))
        .map((n) => ({ value: n, literal: String(n) }));
    case 'boolean':
      return fc.boolean().map((b) => ({ value: b, literal: String(b) }));
    case 'datetime':
      return fc
        .tuple(
          fromSample.map(instant),
          fc.integer({ min: -3_000_000, max: 3_000_000 }),
          fc.constantFrom('Z', '', '+02:00'),
        )
        .map(([ms, delta, zone]) => {
          const t = ms + delta;
          const shifted = zone === '+02:00' ? t + 7_200_000 : t;
          const text = new Date(shifted).toISOString().slice(0, 23) + zone;
          return { value: t, literal: text };
        });
  }
}

function astArb(fields: [string, Kind][], rows: Record<string, unknown>[]): fc.Arbitrary<Ast> {
  const leaf = fc.constantFrom(...fields).chain(([field, kind]) =>
    fc
      .tuple(
        fc.constantFrom('eq', 'ne', 'gt', 'ge', 'lt', 'le'),
        fc.oneof(
          {
            weight: 9,
            arbitrary: literalArb(
              kind,
              rows.map((r) => r[field]),
            ),
          },
          { weight: 1, arbitrary: fc.constant({ value: null, literal: 'null' }) },
        ),
      )
      .map(([cmp, lit]): Ast => ({ op: 'cmp', cmp, field, kind, value: lit.value, literal: lit.literal })),
  );
  const { tree } = fc.letrec<{ tree: Ast }>((tie) => ({
    tree: fc.oneof(
      { depthSize: 'small', withCrossShrink: true },
      leaf,
      fc.record({ op: fc.constant('and' as const), l: tie('tree'), r: tie('tree') }),
      fc.record({ op: fc.constant('or' as const), l: tie('tree'), r: tie('tree') }),
      fc.record({ op: fc.constant('not' as const), e: tie('tree') }),
    ),
  }));
  return tree;
}

const CASES: { company: string; path: string; entitySet: string; fields: [string, Kind][] }[] = [
  {
    company: 'EPIC06',
    path: 'Erp.BO.VendorSvc/Vendors',
    entitySet: 'Vendors',
    fields: [
      ['VendorNum', 'number'],
      ['Name', 'string'],
      ['CurrencyCode', 'string'],
      ['Inactive', 'boolean'],
      ['Number01_c', 'number'],
      ['SysRevID', 'number'],
    ],
  },
  {
    company: 'EPIC06',
    path: 'Erp.BO.POSvc/PODetails',
    entitySet: 'PODetails',
    fields: [
      ['PONUM', 'number'],
      ['POLine', 'number'],
      ['OrderQty', 'number'],
      ['ChangeDate', 'datetime'],
      ['DueDate', 'datetime'],
      ['OpenLine', 'boolean'],
      ['SysRevID', 'number'],
    ],
  },
];

describe('OData query semantics match a plain in-memory evaluation', () => {
  for (const c of CASES) {
    it(`${c.entitySet}: $filter/$orderby/$top/$skip/$count`, async () => {
      const rows = emu.records(c.company, c.entitySet);
      const kinds = new Map(c.fields);
      await fc.assert(
        fc.asyncProperty(
          fc.option(astArb(c.fields, rows), { nil: undefined }),
          fc.array(fc.tuple(fc.constantFrom(...c.fields.map(([f]) => f)), fc.boolean()), { maxLength: 2 }),
          fc.integer({ min: 0, max: 40 }),
          fc.integer({ min: 0, max: 30 }),
          async (ast, orderby, top, skip) => {
            // A unique last sort key keeps the expected order fully determined.
            const order = [...orderby, ['SysRevID', false] as [string, boolean]];
            const qs = new URLSearchParams({ $top: String(top), $skip: String(skip), $count: 'true' });
            qs.set('$orderby', order.map(([f, d]) => `${f}${d ? ' desc' : ''}`).join(','));
            if (ast) qs.set('$filter', toText(ast));
            const res = await fetch(`${base}/api/v2/odata/${c.company}/${c.path}?${qs}`, { headers: H });
            const body = (await res.json()) as { value: Record<string, unknown>[]; '@odata.count': number };
            expect(res.status).toBe(200);
            const expected = rows.filter((r) => !ast || holds(ast, r));
            expected.sort((a, b) => {
              for (const [f, desc] of order) {
                const k = kinds.get(f)!;
                const v = cmpValues(norm(a[f], k), norm(b[f], k));
                if (v !== 0) return desc ? -v : v;
              }
              return 0;
            });
            expect(body['@odata.count']).toBe(expected.length);
            expect(body.value).toEqual(expected.slice(skip, skip + top));
          },
        ),
        { numRuns: 120, seed: 42 },
      );
    });
  }

  it('answers unordered SysRevID ranges in key order and $select projects the fields', async () => {
    const rows = emu.records('EPIC06', 'Parts');
    const revs = rows.map((r) => r.SysRevID as number).sort((a, b) => a - b);
    const lo = revs[10];
    const hi = revs[revs.length - 10];
    const q = `$filter=SysRevID ge ${lo} and SysRevID lt ${hi}&$select=PartNum,SysRevID&$top=10000`;
    const res = await fetch(`${base}/api/v2/odata/EPIC06/Erp.BO.PartSvc/Parts?${q}`, { headers: H });
    const body = (await res.json()) as { value: Record<string, unknown>[] };
    const expected = rows
      .filter((r) => (r.SysRevID as number) >= lo && (r.SysRevID as number) < hi)
      .map((r) => ({ PartNum: r.PartNum, SysRevID: r.SysRevID }));
    expect(body.value).toEqual(expected);
  });
});
