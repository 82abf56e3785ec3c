/** Evaluation of a parsed `$filter` on emulator rows; datetimes compare as instants, GUIDs case-insensitively. */
import type { EdmType, FieldDef } from './entity-schemas.ts';
import type { Row } from './entity-store.ts';
import { type Literal, parseInstant } from './filter-tokens.ts';
import type { CompareOp, FilterExpr, Operand } from './parse-filter.ts';

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
