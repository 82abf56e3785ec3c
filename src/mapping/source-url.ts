/**
 * `_source_url` (SPEC §5): the OData URL that returns exactly one record, so a reader can click from a warehouse
 * row back to Epicor. Entity sets use a key segment with the key values in key order (`Vendors('EPIC06',123)`);
 * BAQs have no key segment, so they get `/Data?$filter=<key> eq <value> and …` plus the BAQ's parameters.
 */

import type { EntityDef } from '../source/epicor/catalog.ts';
import { type LiteralKind, literalKind, recordLiteral } from '../source/epicor/odata-query.ts';
import { keyText } from './key-values.ts';
import { normaliseInstance } from './surrogate-key.ts';
import type { ColumnType } from './target-schema.ts';

/** How a key value is written: its Edm type's literal kind, or `auto` (by the JS value) when nothing is known. */
export type KeyLiteralKind = LiteralKind | 'auto';

/** The literal kind for a key field of the given Edm type (falls back on the target column type when unknown). */
export function keyLiteralKind(edmType: string | undefined, type?: ColumnType): KeyLiteralKind {
  const kind = edmType === undefined ? undefined : literalKind(edmType);
  if (kind !== undefined) return kind;
  if (type === undefined) return 'auto';
  if (type === 'STRING') return 'text';
  if (type === 'TIMESTAMP') return 'datetime';
  if (type === 'DATE') return 'date';
  if (type === 'BOOLEAN') return 'boolean';
  return 'decimal';
}

const canonical = (v: unknown) => keyText(v, true);

/** A key value's OData literal (not yet URL-encoded); see `recordLiteral`. */
export function odataLiteral(value: unknown, kind: KeyLiteralKind = 'auto', timeZone?: string): string {
  return recordLiteral(value, kind, canonical, timeZone);
}

const NOTHING_TO_ENCODE = /^[A-Za-z0-9_.~'-]*$/;

/**
 * Encodes an OData literal for a URL: everything but unreserved characters and the `'` quote is percent-encoded, so
 * `/ # % ? & + ,`, spaces and non-ASCII in a key cannot end the segment, start a query or fragment, or be read as
 * another character (reference sheet, key segments). `( ) * !` are encoded too: a `)` inside a value must not close
 * the key segment for a server that looks for it before decoding.
 */
function encodeLiteral(literal: string): string {
  return NOTHING_TO_ENCODE.test(literal)
    ? literal
    : encodeURIComponent(literal).replace(/[()*!]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
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
  timeZone?: string,
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
        filter += `${names[i]} eq ${odataLiteral(values[i], kinds[i], timeZone)}`;
      }
      return base + encodeLiteral(filter) + params;
    };
  }
  const base = `${root}/${entity.service}/${entity.entitySet}(`;
  return (values) => {
    let s = base;
    for (let i = 0; i < values.length; i++) {
      if (i > 0) s += ',';
      s += encodeLiteral(odataLiteral(values[i], kinds[i], timeZone));
    }
    return `${s})`;
  };
}
