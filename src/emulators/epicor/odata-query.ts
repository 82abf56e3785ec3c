/** System query options of a collection read (`$filter $select $orderby $top $skip $count`) and their execution. */

import { comparable, compareValues, compileFilter } from './compile-filter.ts';
import type { FieldDef } from './entity-schemas.ts';
import type { EntityStore, Row } from './entity-store.ts';
import { ODataError } from './odata-error.ts';
import { type FilterExpr, parseFilter } from './parse-filter.ts';
import { revisionBounds } from './revision-bounds.ts';
import { projector } from './row-projector.ts';

export interface ODataQuery {
  filter?: FilterExpr;
  select?: string[];
  orderby: { field: string; desc: boolean }[];
  top: number;
  skip: number;
  count: boolean;
}

export interface QueryLimits {
  maxTop: number;
  defaultTop: number;
  countEnabled: boolean;
  /** Rows per response at most, below `$top` (server profile `rowCap`). */
  rowCap?: number;
  /** Refuse date-time literals without an offset (schema-profile.ts). */
  strictDateLiterals?: boolean;
}

const KNOWN = new Set(['$filter', '$select', '$orderby', '$top', '$skip', '$count', '$format']);

/** Parses the `$` options (case-sensitive; unknown `$` options are rejected). Other parameters are ignored. */
export function parseQuery(
  params: ReadonlyMap<string, string>,
  fields: ReadonlyMap<string, FieldDef>,
  limits: QueryLimits,
): ODataQuery {
  for (const name of params.keys()) {
    if (name.startsWith('$') && !KNOWN.has(name)) {
      throw new ODataError(`The query parameter '${name}' is not supported.`);
    }
  }
  const int = (name: string): number | undefined => {
    const raw = params.get(name);
    if (raw === undefined) return undefined;
    if (!/^\d+$/.test(raw.trim()))
      throw new ODataError(`Invalid value '${raw}' for ${name}: a non-negative integer is required.`);
    return Number(raw.trim());
  };
  const top = int('$top') ?? limits.defaultTop;
  if (top > limits.maxTop) {
    throw new ODataError(
      `The limit of '${limits.maxTop}' for Top query has been exceeded. The value from the incoming request is '${top}'.`,
    );
  }
  const served = limits.rowCap !== undefined ? Math.min(top, limits.rowCap) : top;
  const countRaw = params.get('$count');
  if (countRaw !== undefined && countRaw !== 'true' && countRaw !== 'false') {
    throw new ODataError(`Invalid value '${countRaw}' for $count.`);
  }
  const filterRaw = params.get('$filter');
  const checkField = (name: string) => {
    if (!fields.has(name)) throw new ODataError(`Could not find a property named '${name}' on type.`);
    return name;
  };
  const select = params.has('$select')
    ? params
        .get('$select')!
        .split(',')
        .map((s) => checkField(s.trim()))
    : undefined;
  const orderby = params.has('$orderby')
    ? params
        .get('$orderby')!
        .split(',')
        .map((part) => {
          const m = /^\s*([A-Za-z_][A-Za-z0-9_]*)(?:\s+(asc|desc))?\s*$/.exec(part);
          if (!m) throw new ODataError(`Syntax error in $orderby '${part}'.`);
          return { field: checkField(m[1]), desc: m[2] === 'desc' };
        })
    : [];
  return {
    filter:
      filterRaw === undefined
        ? undefined
        : parseFilter(filterRaw, fields, { strictDateLiterals: limits.strictDateLiterals }),
    select,
    orderby,
    top: served,
    skip: int('$skip') ?? 0,
    count: limits.countEnabled && countRaw === 'true',
  };
}

/** Where rows come from: an entity store (with a revision index) or a computed BAQ result. */
export type RowSource = { kind: 'store'; store: EntityStore } | { kind: 'rows'; rows: Row[] };

export interface QueryResult {
  rows: Row[];
  count?: number;
}

/**
 * Runs a query. A SysRevID range in the filter is answered from the store's revision index; ordered by SysRevID
 * (or unordered) reads stop as soon as the page is full, so keyset paging never scans the whole entity set. A
 * filter made only of SysRevID bounds is answered by the range alone.
 */
export function runQuery(source: RowSource, q: ODataQuery, fields: ReadonlyMap<string, FieldDef>): QueryResult {
  const byRevision = q.orderby.length === 1 && q.orderby[0].field === 'SysRevID';
  // Only a store's revision index delivers rows in SysRevID order; computed rows are sorted below.
  const ordered = q.orderby.length === 0 || (byRevision && source.kind === 'store');
  let filter = q.filter;
  let candidates: Candidates;
  if (source.kind === 'store') {
    const store = source.store;
    const { lo, hi, exact } = revisionBounds(filter);
    const ranged = lo !== Number.NEGATIVE_INFINITY || hi !== Number.POSITIVE_INFINITY;
    if (byRevision || ranged) {
      if (exact) filter = undefined;
      const { indices, from, to } = store.revisionRange(lo, hi);
      let positions = indices.subarray(from, Math.max(from, to));
      if (!byRevision) positions = Int32Array.from(positions).sort(); // unordered: primary-key (index) order
      const desc = byRevision && q.orderby[0].desc;
      const n = positions.length;
      candidates = { length: n, at: (p) => store.get(positions[desc ? n - 1 - p : p]) };
    } else {
      candidates = { length: store.length, at: (i) => (store.isLive(i) ? store.get(i) : undefined) };
    }
  } else {
    const rows = source.rows;
    candidates = { length: rows.length, at: (p) => rows[p] };
  }
  const matches = filter ? compileFilter(filter, fields) : undefined;
  // Store rows carry exactly the schema's fields in order: a `$select` of all of them (the connector's) is the row.
  const whole = source.kind === 'store' && q.select !== undefined && sameNames(q.select, source.store.fieldNames);
  const project = q.select && !whole ? projector(q.select) : undefined;

  if (ordered) {
    const page: Row[] = [];
    let seen = 0;
    for (let p = 0; p < candidates.length; p++) {
      if (matches === undefined && seen >= q.skip + q.top && !q.count) break;
      const row = candidates.at(p);
      if (row === undefined || (matches !== undefined && !matches(row))) continue;
      seen++;
      if (seen > q.skip && page.length < q.top) page.push(project ? project(row) : row);
      else if (page.length >= q.top && !q.count) break;
    }
    return { rows: page, count: q.count ? seen : undefined };
  }
  const all: Row[] = [];
  for (let p = 0; p < candidates.length; p++) {
    const row = candidates.at(p);
    if (row !== undefined && (matches === undefined || matches(row))) all.push(row);
  }
  const keys = q.orderby.map((o) => ({ ...o, type: fields.get(o.field)?.type }));
  all.sort((a, b) => {
    for (const k of keys) {
      const c = compareValues(comparable(a[k.field], k.type), comparable(b[k.field], k.type));
      if (c !== 0) return k.desc ? -c : c;
    }
    return 0;
  });
  const page = all.slice(q.skip, q.skip + q.top);
  return { rows: project ? page.map(project) : page, count: q.count ? all.length : undefined };
}

function sameNames(a: readonly string[], b: readonly string[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** Rows in read order, made on demand (generated rows are built only when reached); undefined skips a position. */
interface Candidates {
  length: number;
  at(position: number): Row | undefined;
}
