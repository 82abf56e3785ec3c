/**
 * `$filter` for the emulator: `eq ne gt ge lt le`, `and or not`, parentheses, bare boolean fields, and literals
 * (single-quoted strings with '' escapes, integers, decimals, true/false, null, unquoted ISO datetimes with or
 * without Z/offset, GUIDs). Field names are checked against the entity's fields and literal types against the
 * field types, as OData does; datetimes compare as instants with offset-less values read as UTC.
 */
import type { EdmType, FieldDef } from './entity-schemas.ts';
import type { Row } from './entity-store.ts';

export type CompareOp = 'eq' | 'ne' | 'gt' | 'ge' | 'lt' | 'le';
export type Literal =
  | { kind: 'string'; value: string }
  | { kind: 'number'; value: number }
  | { kind: 'boolean'; value: boolean }
  | { kind: 'null' }
  | { kind: 'datetime'; value: number }
  | { kind: 'guid'; value: string };
export type Operand = { kind: 'field'; name: string } | { kind: 'literal'; literal: Literal };
export type FilterExpr =
  | { kind: 'and' | 'or'; left: FilterExpr; right: FilterExpr }
  | { kind: 'not'; expr: FilterExpr }
  | { kind: 'compare'; op: CompareOp; left: Operand; right: Operand }
  | { kind: 'field'; name: string };

/** A malformed query option; the server answers 400 with an ODataException body. */
export class ODataError extends Error {}

type Token =
  | { t: 'ident'; v: string; at: number }
  | { t: 'lit'; v: Literal; at: number }
  | { t: '(' | ')'; at: number }
  | { t: 'end'; at: number };

const DATETIME = /^(\d{4}-\d{2}-\d{2})(?:T(\d{2}:\d{2}(?::\d{2}(?:\.\d{1,7})?)?)(Z|[+\- ]\d{2}:\d{2})?)?/;
const GUID = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}/;
const NUMBER = /^-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?[mMdDlLfF]?/;
const IDENT = /^[A-Za-z_][A-Za-z0-9_]*/;

/** Parses an ISO datetime literal (or field value) to epoch ms; no offset means UTC. */
export function parseInstant(text: string): number {
  const m = DATETIME.exec(text);
  if (!m || m[0].length !== text.length) return Number.NaN;
  const time = m[2] ?? '00:00:00';
  let offset = m[3] ?? 'Z';
  if (offset.startsWith(' ')) offset = `+${offset.slice(1)}`; // an unencoded '+' arrives as a space
  const full = `${m[1]}T${time.length === 5 ? `${time}:00` : time}${offset}`;
  return Date.parse(full.replace(/(\.\d{3})\d+/, '$1'));
}

export interface FilterOptions {
  /**
   * Refuse date-time literals without `Z` or an offset, with the message of Microsoft.OData's URI parser
   * (OData/odata.net issue #534; the reference sheet: OData v4 requires the offset).
   */
  strictDateLiterals?: boolean;
}

function tokenize(src: string, opts: FilterOptions = {}): Token[] {
  const out: Token[] = [];
  let i = 0;
  while (i < src.length) {
    const ch = src[i];
    if (ch === ' ' || ch === '\t') {
      i++;
      continue;
    }
    if (ch === '(' || ch === ')') {
      out.push({ t: ch, at: i++ });
      continue;
    }
    if (ch === "'") {
      let value = '';
      let j = i + 1;
      for (;;) {
        if (j >= src.length) throw new ODataError(`Unterminated string literal at position ${i} in '${src}'.`);
        if (src[j] === "'") {
          if (src[j + 1] === "'") {
            value += "'";
            j += 2;
            continue;
          }
          break;
        }
        value += src[j++];
      }
      out.push({ t: 'lit', v: { kind: 'string', value }, at: i });
      i = j + 1;
      continue;
    }
    const rest = src.slice(i);
    const guid = GUID.exec(rest);
    if (guid) {
      out.push({ t: 'lit', v: { kind: 'guid', value: guid[0].toLowerCase() }, at: i });
      i += guid[0].length;
      continue;
    }
    const dt = DATETIME.exec(rest);
    if (dt) {
      if (opts.strictDateLiterals && dt[2] !== undefined && dt[3] === undefined) {
        throw new ODataError(
          `The time zone information is missing on the DateTimeOffset value '${dt[0]}'. ` +
            'A DateTimeOffset value must contain the time zone information.',
        );
      }
      const value = parseInstant(dt[0]);
      if (Number.isNaN(value)) throw new ODataError(`Invalid datetime literal '${dt[0]}' at position ${i}.`);
      out.push({ t: 'lit', v: { kind: 'datetime', value }, at: i });
      i += dt[0].length;
      continue;
    }
    const num = NUMBER.exec(rest);
    if (num) {
      out.push({ t: 'lit', v: { kind: 'number', value: Number(num[0].replace(/[mMdDlLfF]$/, '')) }, at: i });
      i += num[0].length;
      continue;
    }
    const id = IDENT.exec(rest);
    if (id) {
      const v = id[0];
      if (v === 'true' || v === 'false') out.push({ t: 'lit', v: { kind: 'boolean', value: v === 'true' }, at: i });
      else if (v === 'null') out.push({ t: 'lit', v: { kind: 'null' }, at: i });
      else out.push({ t: 'ident', v, at: i });
      i += v.length;
      continue;
    }
    throw new ODataError(`Syntax error at position ${i} in '${src}'.`);
  }
  out.push({ t: 'end', at: src.length });
  return out;
}

const COMPARE = new Set(['eq', 'ne', 'gt', 'ge', 'lt', 'le']);

/** Parses and type-checks a `$filter` against the entity's fields. */
export function parseFilter(src: string, fields: ReadonlyMap<string, FieldDef>, opts: FilterOptions = {}): FilterExpr {
  const tokens = tokenize(src, opts);
  let pos = 0;
  const peek = () => tokens[pos];
  const isWord = (w: string) => {
    const t = peek();
    return t.t === 'ident' && t.v === w;
  };
  const fail = (msg: string): never => {
    throw new ODataError(`${msg} at position ${peek().at} in '${src}'.`);
  };

  const operand = (): Operand => {
    const t = peek();
    if (t.t === 'lit') {
      pos++;
      return { kind: 'literal', literal: t.v };
    }
    if (t.t === 'ident' && !COMPARE.has(t.v) && !['and', 'or', 'not'].includes(t.v)) {
      pos++;
      if (!fields.has(t.v)) throw new ODataError(`Could not find a property named '${t.v}' on type.`);
      return { kind: 'field', name: t.v };
    }
    return fail('Expression expected');
  };

  const primary = (): FilterExpr => {
    if (peek().t === '(') {
      pos++;
      const e = orExpr();
      if (peek().t !== ')') fail("')' expected");
      pos++;
      return e;
    }
    if (isWord('not')) {
      pos++;
      return { kind: 'not', expr: primary() };
    }
    const left = operand();
    const t = peek();
    if (t.t === 'ident' && COMPARE.has(t.v)) {
      pos++;
      const right = operand();
      const cmp: FilterExpr = { kind: 'compare', op: t.v as CompareOp, left, right };
      checkTypes(cmp, fields);
      return cmp;
    }
    if (left.kind === 'field' && fields.get(left.name)?.type === 'Edm.Boolean')
      return { kind: 'field', name: left.name };
    return fail('Comparison operator expected');
  };

  const andExpr = (): FilterExpr => {
    let e = primary();
    while (isWord('and')) {
      pos++;
      e = { kind: 'and', left: e, right: primary() };
    }
    return e;
  };

  const orExpr = (): FilterExpr => {
    let e = andExpr();
    while (isWord('or')) {
      pos++;
      e = { kind: 'or', left: e, right: andExpr() };
    }
    return e;
  };

  if (peek().t === 'end') fail('Empty $filter');
  const expr = orExpr();
  if (peek().t !== 'end') fail('Unexpected token');
  return expr;
}

const ACCEPTS: Record<EdmType, Literal['kind'][]> = {
  'Edm.String': ['string'],
  'Edm.Int32': ['number'],
  'Edm.Int64': ['number'],
  'Edm.Decimal': ['number'],
  'Edm.DateTimeOffset': ['datetime'],
  'Edm.Boolean': ['boolean'],
  'Edm.Guid': ['guid', 'string'],
};

function checkTypes(
  cmp: { left: Operand; right: Operand; op: CompareOp },
  fields: ReadonlyMap<string, FieldDef>,
): void {
  const typeOf = (o: Operand) => (o.kind === 'field' ? fields.get(o.name)!.type : undefined);
  const check = (field: Operand, other: Operand) => {
    const type = typeOf(field);
    if (!type || other.kind !== 'literal' || other.literal.kind === 'null') return;
    if (!ACCEPTS[type].includes(other.literal.kind)) {
      throw new ODataError(
        `A binary operator with incompatible types was detected. Found operand types '${type}' and '${other.literal.kind}' for operator kind '${cmp.op}'.`,
      );
    }
  };
  check(cmp.left, cmp.right);
  check(cmp.right, cmp.left);
}

/** Comparable form of a row value for a field type (datetimes → epoch ms). */
export function comparable(value: unknown, type: EdmType | undefined): unknown {
  if (value === null || value === undefined) return null;
  if (type === 'Edm.DateTimeOffset' && typeof value === 'string') return parseInstant(value);
  if (type === 'Edm.Guid' && typeof value === 'string') return value.toLowerCase();
  return value;
}

/** Total order used by comparisons and `$orderby`: null sorts first. */
export function compareValues(a: unknown, b: unknown): number {
  if (a === null) return b === null ? 0 : -1;
  if (b === null) return 1;
  if (typeof a === 'boolean' && typeof b === 'boolean') return a === b ? 0 : a ? 1 : -1;
  return (a as number) < (b as number) ? -1 : (a as number) > (b as number) ? 1 : 0;
}

/** A compiled filter: true when the row matches. */
export type RowPredicate = (row: Row) => boolean;

/**
 * Compiles a parsed filter to one predicate per request: field types and literal values are resolved once here,
 * so evaluating a row allocates nothing (closures made per row were the emulator's hottest cost).
 */
export function compileFilter(expr: FilterExpr, fields: ReadonlyMap<string, FieldDef>): RowPredicate {
  switch (expr.kind) {
    case 'and': {
      const left = compileFilter(expr.left, fields);
      const right = compileFilter(expr.right, fields);
      return (row) => left(row) && right(row);
    }
    case 'or': {
      const left = compileFilter(expr.left, fields);
      const right = compileFilter(expr.right, fields);
      return (row) => left(row) || right(row);
    }
    case 'not': {
      const inner = compileFilter(expr.expr, fields);
      return (row) => !inner(row);
    }
    case 'field': {
      const name = expr.name;
      return (row) => row[name] === true;
    }
    case 'compare':
      return compileCompare(expr, fields);
  }
}

function compileCompare(
  expr: { op: CompareOp; left: Operand; right: Operand },
  fields: ReadonlyMap<string, FieldDef>,
): RowPredicate {
  const fieldType = (o: Operand) => (o.kind === 'field' ? fields.get(o.name)?.type : undefined);
  const type = fieldType(expr.left) ?? fieldType(expr.right);
  const op = expr.op;
  const { left, right } = expr;
  if (left.kind === 'field' && right.kind === 'literal') {
    const name = left.name;
    const b = literalValue(right.literal, type);
    return (row) => decide(op, comparable(row[name], type), b);
  }
  if (left.kind === 'literal' && right.kind === 'field') {
    const a = literalValue(left.literal, type);
    const name = right.name;
    return (row) => decide(op, a, comparable(row[name], type));
  }
  if (left.kind === 'field' && right.kind === 'field') {
    const a = left.name;
    const b = right.name;
    return (row) => decide(op, comparable(row[a], type), comparable(row[b], type));
  }
  const result = decide(
    op,
    literalValue((left as { literal: Literal }).literal, type),
    literalValue((right as { literal: Literal }).literal, type),
  );
  return () => result;
}

/** The outcome of one comparison of comparable values. */
function decide(op: CompareOp, a: unknown, b: unknown): boolean {
  if (op === 'eq') return a === null || b === null ? a === b : compareValues(a, b) === 0;
  if (op === 'ne') return a === null || b === null ? a !== b : compareValues(a, b) !== 0;
  if (a === null || b === null) return false; // ordering against null is never true in OData
  const c = compareValues(a, b);
  return op === 'gt' ? c > 0 : op === 'ge' ? c >= 0 : op === 'lt' ? c < 0 : c <= 0;
}

function literalValue(l: Literal, type: EdmType | undefined): unknown {
  if (l.kind === 'null') return null;
  if (l.kind === 'string' && type === 'Edm.Guid') return l.value.toLowerCase();
  return l.value;
}

/**
 * The SysRevID range implied by the top-level `and` terms of a filter (`SysRevID gt A and SysRevID le B`), so the
 * store can binary-search its revision index instead of scanning. `exact` says every term was such a bound, so
 * the range alone answers the filter (revisions are integers); otherwise the full filter is applied afterwards.
 */
export function revisionBounds(
  expr: FilterExpr | undefined,
  field = 'SysRevID',
): { lo: number; hi: number; exact: boolean } {
  let lo = Number.NEGATIVE_INFINITY;
  let hi = Number.POSITIVE_INFINITY;
  let exact = true;
  const visit = (e: FilterExpr) => {
    if (e.kind === 'and') {
      visit(e.left);
      visit(e.right);
    } else if (!bound(e)) exact = false;
  };
  /** Narrows [lo, hi] by one term; false when the term is no SysRevID bound. */
  const bound = (e: FilterExpr): boolean => {
    if (e.kind !== 'compare') return false;
    let { op } = e;
    let f = e.left;
    let l = e.right;
    if (f.kind !== 'field') {
      [f, l] = [l, f];
      op = ({ gt: 'lt', ge: 'le', lt: 'gt', le: 'ge', eq: 'eq', ne: 'ne' } as const)[op];
    }
    if (f.kind !== 'field' || f.name !== field || l.kind !== 'literal' || l.literal.kind !== 'number') return false;
    const v = l.literal.value;
    if (op === 'gt') lo = Math.max(lo, Math.floor(v) + 1);
    else if (op === 'ge') lo = Math.max(lo, Math.ceil(v));
    else if (op === 'lt') hi = Math.min(hi, Math.ceil(v) - 1);
    else if (op === 'le') hi = Math.min(hi, Math.floor(v));
    else if (op === 'eq') {
      lo = Math.max(lo, v);
      hi = Math.min(hi, v);
    } else return false;
    return true;
  };
  if (expr) visit(expr);
  return { lo, hi, exact };
}
