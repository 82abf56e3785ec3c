/** Lexicographic comparisons over sort columns as OData `$filter` text: where the paging token goes. */
import type { SortColumn } from './cursor-codec.ts';
import { and, field, literal, or } from './odata-query.ts';

type Op = 'gt' | 'ge' | 'lt' | 'le';

/**
 * `(c1, c2, …) op (v1, v2, …)` in lexicographic order, expanded for servers without row-value comparison:
 * `(c1 gt v1) or (c1 eq v1 and c2 gt v2) …`; the last column carries `op` itself (so `ge`/`le` include equality).
 */
export function lexCompare(columns: readonly SortColumn[], values: readonly unknown[], op: Op): string {
  const strict: Op = op === 'ge' || op === 'gt' ? 'gt' : 'lt';
  const terms: string[] = [];
  for (let i = 0; i < columns.length; i++) {
    const prefix = columns
      .slice(0, i)
      .map((c, j) => `${field(c.name)} eq ${literal(values[j], c.edmType, c.timeZone)}`);
    const last = i === columns.length - 1 ? op : strict;
    const cmp = `${field(columns[i].name)} ${last} ${literal(values[i], columns[i].edmType, columns[i].timeZone)}`;
    terms.push(and(...prefix, cmp)!);
  }
  return or(...terms);
}
