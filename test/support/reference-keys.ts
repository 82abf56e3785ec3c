/**
 * Expected surrogate and reference keys of a source record. The key recipe itself (SPEC §4: a deterministic hash of
 * instance, company and the Epicor key fields) is the product's `surrogateKey`; what this adds is computing the
 * referenced entity's key from the referencing record's own fields, which is what makes facts join dimensions.
 */

import { surrogateKey } from '../../src/mapping/surrogate-key.ts';
import type { EntityDef, KeyReference } from '../../src/source/epicor/catalog.ts';

/** `<name>_key` of the record itself. */
export function surrogateKeyOf(
  def: EntityDef,
  record: Record<string, unknown>,
  instance: string,
  company: string,
): string {
  const values = def.keys.map((k) => record[k]);
  return surrogateKey(instance, company, def.name, values, values.map(isNumber));
}

/** The reference column's expected value: null when a field is empty (null, blank, or Epicor's numeric 0). */
export function referenceKeyOf(
  ref: KeyReference,
  record: Record<string, unknown>,
  instance: string,
  company: string,
): string | null {
  const values = ref.fields.map((f) => record[f]);
  if (values.some((v) => v === null || v === undefined || v === 0 || (typeof v === 'string' && v.trim() === ''))) {
    return null;
  }
  return surrogateKey(instance, company, ref.target, values, values.map(isNumber));
}

function isNumber(v: unknown): boolean {
  return typeof v === 'number' || typeof v === 'bigint';
}
