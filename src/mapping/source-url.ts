/**
 * `_source_url` (SPEC §5): the OData URL that returns exactly one record, so a reader can click from a warehouse
 * row back to Epicor. Entity sets use a key segment with the key values in key order (`Vendors('EPIC06',123)`);
 * BAQs have no key segment, so they get `/Data?$filter=<key> eq <value> and …` plus the BAQ's parameters.
 */
import type { EntityDef } from '../source/epicor/catalog.ts';
import { keyText } from './key-values.ts';
import { normaliseInstance } from './surrogate-key.ts';
import type { ColumnType } from './target-schema.ts';

/** How a key value is written as an OData literal: quoted text, a bare number, or bare text (dates, booleans). */
export type KeyLiteralKind = 'text' | 'numeric' | 'bare';

/** The literal kind for a key column of the given target type (unknown → decided by the JS value). */
export function keyLiteralKind(type: ColumnType | undefined): KeyLiteralKind {
  if (type === undefined || type === 'STRING') return 'text';
  if (type === 'TIMESTAMP' || type === 'DATE' || type === 'BOOLEAN') return 'bare';
  return 'numeric';
}

/** An OData literal (not yet URL-encoded): strings single-quoted with `''` escaping, numbers and booleans bare. */
export function odataLiteral(value: unknown, kind: KeyLiteralKind = 'text'): string {
  if (typeof value === 'number' || typeof value === 'bigint' || typeof value === 'boolean') {
    return keyText(value, true) ?? 'null';
  }
  if (value === null || value === undefined) return 'null';
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  if (kind === 'numeric') {
    const n = keyText(text, true);
    if (n !== undefined && /^-?\d/.test(n)) return n;
  }
  if (kind === 'bare') return text;
  return `'${text.replaceAll("'", "''")}'`;
}

const NOTHING_TO_ENCODE = /^[A-Za-z0-9_.~'-]*$/;

/** Encodes an OData literal for a URL: everything but unreserved characters and the `'` quote is percent-encoded. */
function encodeLiteral(literal: string): string {
  return NOTHING_TO_ENCODE.test(literal) ? literal : encodeURIComponent(literal);
}

/**
 * A builder of `_source_url` for one entity/instance/company: pass the key values in the entity's key order.
 * `kinds[i]` says how key i is written (see `keyLiteralKind`).
 */
export function createSourceUrlBuilder(
  entity: EntityDef,
  instance: string,
  company: string,
  kinds: readonly KeyLiteralKind[],
): (values: readonly unknown[]) => string {
  const root = `${normaliseInstance(instance)}/api/v2/odata/${encodeURIComponent(company)}`;
  if (entity.service === 'BaqSvc') {
    const id = entity.entitySet.replace(/\/Data$/, '');
    const base = `${root}/BaqSvc/${encodeURIComponent(id)}/Data?$filter=`;
    const params = Object.entries(entity.parameters ?? {})
      .map(([k, v]) => `&${encodeURIComponent(k)}=${encodeURIComponent(v)}`)
      .join('');
    const names = entity.keys;
    return (values) => {
      let filter = '';
      for (let i = 0; i < names.length; i++) {
        if (i > 0) filter += ' and ';
        filter += `${names[i]} eq ${odataLiteral(values[i], kinds[i])}`;
      }
      return base + encodeLiteral(filter) + params;
    };
  }
  const base = `${root}/${entity.service}/${entity.entitySet}(`;
  return (values) => {
    let s = base;
    for (let i = 0; i < values.length; i++) {
      if (i > 0) s += ',';
      s += encodeLiteral(odataLiteral(values[i], kinds[i]));
    }
    return `${s})`;
  };
}
