import type { Row } from './entity-store.ts';

/** Builds the `$select`ed object of a row: the selected fields, once each, in `$select` order. */
export type Projector = (row: Row) => Row;

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;
const MAX_CACHED = 512;
const CACHE = new Map<string, Projector>();

/**
 * The projector of a `$select` list, compiled once per distinct list (the connector repeats the same list on every
 * page). It returns an object literal, so projected rows share one fast V8 shape and JSON.stringify takes its fast
 * path; names were already checked against the entity's fields, and are checked again to be plain identifiers.
 */
export function projector(select: readonly string[]): Projector {
  const key = select.join(',');
  let p = CACHE.get(key);
  if (!p) {
    p = compile([...new Set(select)]);
    if (CACHE.size >= MAX_CACHED) CACHE.clear();
    CACHE.set(key, p);
  }
  return p;
}

function compile(names: string[]): Projector {
  if (names.some((n) => !IDENTIFIER.test(n) || n === '__proto__')) return (row) => copy(row, names);
  return new Function('row', `return { ${names.map((n) => `${n}: row.${n}`).join(', ')} };`) as Projector;
}

function copy(row: Row, names: readonly string[]): Row {
  const out: Row = {};
  for (const n of names) out[n] = row[n];
  return out;
}
