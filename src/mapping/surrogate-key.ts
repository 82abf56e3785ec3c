/**
 * Deterministic surrogate keys (`<name>_key`, SPEC §4): facts join dimensions without lookups because a reference
 * column is computed exactly like the referenced table's own key.
 *
 * Key = first 32 hex characters (128 bits) of SHA-256 over `mlc-key-v1`, the instance (normalised base URL), the
 * company, the TARGET entity's name and the key values in the target's key order, each part written as
 * `<length>:<text>` so no choice of values can make two different key tuples encode alike. Values are canonical
 * (see `keyText`): numbers as plain decimal text, booleans `true`/`false`, strings unchanged.
 */
import { hash } from 'node:crypto';
import { keyText } from './key-values.ts';

const VERSION_TAG = 'mlc-key-v1';

/** The base URL as used in keys and lineage: trimmed, scheme and host lower-cased, no trailing slash. */
export function normaliseInstance(baseUrl: string): string {
  const trimmed = baseUrl.trim();
  try {
    const u = new URL(trimmed);
    return `${u.protocol}//${u.host}${u.pathname}`.replace(/\/+$/, '');
  } catch {
    return trimmed.replace(/\/+$/, '');
  }
}

function part(text: string): string {
  return `${text.length}:${text}`;
}

/**
 * A hasher for one (instance, company, target entity): takes the canonical key texts in key order and returns the
 * surrogate key. The constant prefix is encoded once, so per-record cost is one SHA-256 of a short string.
 * With `cacheSize`, recent results are remembered: reference columns repeat the same few vendors, parts and POs
 * line after line, and a map lookup is far cheaper than a hash (the cache is simply emptied when full).
 */
export function createKeyHasher(
  instance: string,
  company: string,
  targetEntity: string,
  cacheSize = 0,
): (texts: readonly string[]) => string {
  const prefix = part(VERSION_TAG) + part(normaliseInstance(instance)) + part(company) + part(targetEntity);
  const encode = (texts: readonly string[]) => {
    let s = '';
    for (let i = 0; i < texts.length; i++) s += `${texts[i].length}:${texts[i]}`;
    return s;
  };
  if (cacheSize <= 0) return (texts) => hash('sha256', prefix + encode(texts), 'hex').slice(0, 32);
  // Cached by the varying part only: short map keys hash and compare fast.
  const cache = new Map<string, string>();
  return (texts) => {
    const s = encode(texts);
    let key = cache.get(s);
    if (key === undefined) {
      key = hash('sha256', prefix + s, 'hex').slice(0, 32);
      if (cache.size >= cacheSize) cache.clear();
      cache.set(s, key);
    }
    return key;
  };
}

/**
 * The surrogate key of one record of `targetEntity` from its key values (in the target's key order). `numeric`
 * flags which values are numeric fields (so `"123"` and `123` agree); null/undefined values are not allowed.
 */
export function surrogateKey(
  instance: string,
  company: string,
  targetEntity: string,
  values: readonly unknown[],
  numeric: readonly boolean[] = [],
): string {
  const texts = values.map((v, i) => {
    const t = keyText(v, numeric[i] ?? false);
    if (t === undefined) throw new TypeError(`key value ${i + 1} of ${targetEntity} is missing`);
    return t;
  });
  return createKeyHasher(instance, company, targetEntity)(texts);
}
