/**
 * Key segments of single-record URLs: `Vendors('EPIC06',123)` (values in key-field order) or the named form
 * `Vendors(Company='EPIC06',VendorNum=123)`. Strings are single-quoted with '' escaping; numbers, booleans, GUIDs and
 * date-times (with an offset) bare, as Microsoft.OData reads OData v4 key literals. The request handler splits the
 * path on `/` before percent-decoding each segment (as ASP.NET OData does with the escaped path), so `%2F`, `%23`,
 * `%25`, `%3F`, `%26`, `%2B`, `%2C` and UTF-8 inside a key are part of the value.
 */
import type { EntitySchema } from './entity-schemas.ts';
import { ODataError } from './odata-error.ts';

/** Splits `Name(...)` into the name and the raw key text, or returns undefined for a plain segment. */
export function splitKeySegment(segment: string): { name: string; keyText: string } | undefined {
  const m = /^([A-Za-z_][A-Za-z0-9_]*)\((.*)\)$/s.exec(segment);
  return m ? { name: m[1], keyText: m[2] } : undefined;
}

/** Parses the key text into values in key-field order, typed by the schema. */
export function parseKeyValues(keyText: string, schema: EntitySchema): unknown[] {
  const parts: { name?: string; raw: string }[] = [];
  let i = 0;
  while (i < keyText.length) {
    let name: string | undefined;
    const named = /^\s*([A-Za-z_][A-Za-z0-9_]*)\s*=/.exec(keyText.slice(i));
    if (named) {
      name = named[1];
      i += named[0].length;
    }
    while (keyText[i] === ' ') i++;
    let raw = '';
    if (keyText[i] === "'") {
      let j = i + 1;
      let value = '';
      for (;;) {
        if (j >= keyText.length) throw new ODataError(`Bad key segment '(${keyText})': unterminated string.`);
        if (keyText[j] === "'") {
          if (keyText[j + 1] === "'") {
            value += "'";
            j += 2;
            continue;
          }
          break;
        }
        value += keyText[j++];
      }
      raw = `'${value}`; // marker: a quoted string
      i = j + 1;
    } else {
      const end = keyText.indexOf(',', i);
      raw = (end < 0 ? keyText.slice(i) : keyText.slice(i, end)).trim();
      i = end < 0 ? keyText.length : end;
    }
    parts.push({ name, raw });
    while (keyText[i] === ' ') i++;
    if (i < keyText.length) {
      if (keyText[i] !== ',') throw new ODataError(`Bad key segment '(${keyText})'.`);
      i++;
    }
  }
  const keys = schema.keys;
  if (parts.length !== keys.length) {
    throw new ODataError(
      `The number of keys specified in the URI (${parts.length}) does not match the number of key properties (${keys.length}) of ${schema.rowType}.`,
    );
  }
  const ordered = parts.some((p) => p.name)
    ? keys.map((k) => {
        const p = parts.find((x) => x.name === k);
        if (!p) throw new ODataError(`Key property '${k}' is missing in the URI.`);
        return p;
      })
    : parts;
  return ordered.map((p, n) => typed(p.raw, schema.fieldMap.get(keys[n])!.type));
}

function typed(raw: string, type: string): unknown {
  const quoted = raw.startsWith("'");
  const text = quoted ? raw.slice(1) : raw;
  switch (type) {
    case 'Edm.Int32':
    case 'Edm.Int64':
      if (quoted || !/^-?\d+$/.test(text)) throw new ODataError(`Bad key value '${text}': an integer is required.`);
      return Number(text);
    case 'Edm.Boolean':
      if (text !== 'true' && text !== 'false')
        throw new ODataError(`Bad key value '${text}': true or false is required.`);
      return text === 'true';
    case 'Edm.Guid':
      if (quoted || !/^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/.test(text)) {
        throw new ODataError(`Bad key value '${text}': an unquoted GUID is required.`);
      }
      return text;
    case 'Edm.Decimal':
      if (quoted || !/^-?\d+(\.\d+)?$/.test(text))
        throw new ODataError(`Bad key value '${text}': a number is required.`);
      return text;
    case 'Edm.DateTimeOffset': {
      if (quoted || !/^\d{4}-\d{2}-\d{2}T[\d:.]+(Z|[+-]\d{2}:\d{2})$/.test(text)) {
        throw new ODataError(`Bad key value '${text}': a date-time with an offset is required.`);
      }
      return text;
    }
    default:
      if (!quoted) throw new ODataError(`Bad key value '${text}': a quoted string is required.`);
      return text;
  }
}
