import type { FilterExpr } from './parse-filter.ts';

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
