/**
 * `$filter` for the emulator: `eq ne gt ge lt le`, `and or not`, parentheses, bare boolean fields, and literals
 * (single-quoted strings with '' escapes, integers, decimals, true/false, null, unquoted ISO datetimes with or
 * without Z/offset, GUIDs). Field names are checked against the entity's fields and literal types against the
 * field types, as OData does; datetimes compare as instants with offset-less values read as UTC.
 */
import type { EdmType, FieldDef } from './entity-schemas.ts';
import { type FilterOptions, type Literal, tokenize } from './filter-tokens.ts';
import { ODataError } from './odata-error.ts';

export type CompareOp = 'eq' | 'ne' | 'gt' | 'ge' | 'lt' | 'le';
export type Operand = { kind: 'field'; name: string } | { kind: 'literal'; literal: Literal };
export type FilterExpr =
  | { kind: 'and' | 'or'; left: FilterExpr; right: FilterExpr }
  | { kind: 'not'; expr: FilterExpr }
  | { kind: 'compare'; op: CompareOp; left: Operand; right: Operand }
  | { kind: 'field'; name: string };

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
