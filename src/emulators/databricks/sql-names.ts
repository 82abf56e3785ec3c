import { DatabricksSqlError, syntaxError } from './sql-error.ts';
import { isOp, type Token } from './sql-tokens.ts';

/** A resolved three-part name. */
export interface QualifiedName {
  catalog: string;
  schema: string;
  name: string;
}

/** Statement defaults for unqualified names. */
export interface NameDefaults {
  catalog: string;
  schema: string;
}

/** Reads `a[.b[.c]]` starting at `i`; returns the parts and the index after them. */
export function readName(tokens: Token[], i: number): { parts: string[]; next: number } {
  const parts: string[] = [];
  for (;;) {
    const t = tokens[i];
    if (!t || (t.kind !== 'word' && t.kind !== 'quoted')) throw syntaxError(t?.value ?? 'end of input');
    parts.push(t.value);
    i++;
    if (!isOp(tokens[i], '.')) return { parts, next: i };
    i++;
  }
}

/** Resolves 1–3 name parts against the defaults (Unity Catalog names are case-insensitive, stored lower-case). */
export function qualify(parts: string[], d: NameDefaults): QualifiedName {
  if (parts.length > 3)
    throw new DatabricksSqlError('REQUIRES_SINGLE_PART_NAMESPACE', `Too many name parts: ${parts.join('.')}.`, '42K05');
  const full = [d.catalog, d.schema].slice(0, 3 - parts.length).concat(parts);
  return { catalog: full[0].toLowerCase(), schema: full[1].toLowerCase(), name: full[2].toLowerCase() };
}

/** `catalog.schema.name` for history keys and messages. */
export function nameKey(q: QualifiedName): string {
  return `${q.catalog}.${q.schema}.${q.name}`;
}
