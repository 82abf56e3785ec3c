/**
 * OData v4 query text for Epicor: literals escaped by type (strings `'O''Brien'`, integers bare, datetimes unquoted
 * ISO), field names checked, query options encoded. Every `$filter` we send is built here.
 */

import { isoWithOffset } from '../../date-time.ts';
import { ConnectorError } from '../../errors.ts';

const FIELD = /^[A-Za-z_][A-Za-z0-9_]*$/;
const INTEGER = /^-?\d+$/;
const DECIMAL = /^-?\d+(\.\d+)?$/;
const GUID = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;

/** True for a name `field()` accepts (letters, digits, `_`). */
export function isFieldName(name: string): boolean {
  return FIELD.test(name);
}

/** A field name, rejected unless it is a plain identifier (no injection through config). */
export function field(name: string): string {
  if (!FIELD.test(name)) throw new ConnectorError('INTERNAL', `"${name}" is not a valid OData field name.`);
  return name;
}

/** A string literal: single quotes, embedded quotes doubled. */
export function stringLiteral(value: string): string {
  return `'${value.replace(/'/g, "''")}'`;
}

/** An integer literal kept exact (number, bigint or digit string). */
export function integerLiteral(value: number | bigint | string): string {
  const text = typeof value === 'string' ? value.trim() : typeof value === 'bigint' ? value.toString() : String(value);
  if (!INTEGER.test(text)) throw new ConnectorError('INTERNAL', `"${text}" is not an integer.`);
  return text;
}

/**
 * A datetime literal, unquoted ISO 8601, always with an offset: OData v4 requires one and Microsoft.OData answers 400
 * "The time zone information is missing" without it (reference sheet, date literals). ISO text with an offset is sent
 * as Epicor gave it (all its fractional digits, so `eq` on a keyset value matches exactly); offset-less text is a
 * server wall time and gets `timeZone`'s offset at that time (`epicor.timeZone`, default UTC → `Z`); anything else is
 * parsed and written in UTC (`2024-01-15T00:00:00Z`).
 */
export function dateTimeLiteral(value: string | Date, timeZone?: string): string {
  if (typeof value === 'string') {
    const withOffset = isoWithOffset(value, timeZone);
    if (withOffset !== undefined) return withOffset;
  }
  const d = value instanceof Date ? value : new Date(value);
  if (Number.isNaN(d.getTime())) throw new ConnectorError('INTERNAL', `"${String(value)}" is not a date/time.`);
  return d.toISOString().replace(/\.000Z$/, 'Z');
}

/** How a value is written as an OData v4 literal; decided by its field's Edm type, never by the JSON value's type. */
export type LiteralKind = 'text' | 'integer' | 'decimal' | 'boolean' | 'datetime' | 'date' | 'guid';

const KIND_OF_EDM: Readonly<Record<string, LiteralKind>> = {
  'Edm.String': 'text',
  'Edm.Int16': 'integer',
  'Edm.Int32': 'integer',
  'Edm.Int64': 'integer',
  'Edm.Byte': 'integer',
  'Edm.SByte': 'integer',
  'Edm.Decimal': 'decimal',
  'Edm.Double': 'decimal',
  'Edm.Single': 'decimal',
  'Edm.Boolean': 'boolean',
  'Edm.DateTimeOffset': 'datetime',
  'Edm.DateTime': 'datetime',
  'Edm.Date': 'date',
  'Edm.Guid': 'guid',
};

/** The literal kind of an Edm type; undefined for types with no literal rule here (written as text by `literal`). */
export function literalKind(edmType: string): LiteralKind | undefined {
  return Object.hasOwn(KIND_OF_EDM, edmType) ? KIND_OF_EDM[edmType] : undefined;
}

/**
 * The literal of `value` written as `kind`, or undefined when the value is not one of that kind. Strings are quoted
 * with `''` escaping (Epicor's swagger: "String parameters should be specified in single quotes"); numbers, booleans,
 * GUIDs and dates are bare; date-times are bare with an offset (see dateTimeLiteral).
 */
function literalOfKind(value: unknown, kind: LiteralKind, timeZone?: string): string | undefined {
  switch (kind) {
    case 'integer': {
      const text = typeof value === 'string' ? value.trim() : String(value);
      return INTEGER.test(text) ? text : undefined;
    }
    case 'decimal': {
      const text = String(value);
      return DECIMAL.test(text) ? text : undefined;
    }
    case 'boolean':
      return value === true || value === 'true' ? 'true' : 'false';
    case 'datetime':
      return typeof value === 'string' ? isoWithOffset(value, timeZone) : undefined;
    case 'date':
      return String(value).slice(0, 10);
    case 'guid': {
      const text = String(value);
      return GUID.test(text) ? text : undefined;
    }
    default:
      return stringLiteral(String(value));
  }
}

/** The literal for a value of the given Edm type (`timeZone`: see dateTimeLiteral); throws on a value not of it. */
export function literal(value: unknown, edmType: string, timeZone?: string): string {
  if (value === null || value === undefined) return 'null';
  const kind = literalKind(edmType) ?? 'text';
  if (kind === 'datetime') return dateTimeLiteral(value as string, timeZone);
  if (kind === 'integer') return integerLiteral(value as string | number | bigint);
  const text = literalOfKind(value, kind, timeZone);
  if (text === undefined) {
    throw new ConnectorError('INTERNAL', `"${String(value)}" is not ${kind === 'guid' ? 'a GUID' : 'a number'}.`);
  }
  return text;
}

/**
 * The literal for a value already read from Epicor, for a link back to its record (lineage `_source_url`). Never
 * throws: a value that is not of its kind is written as it is (a number that is not one is quoted); numbers are
 * written in canonical decimal form (`canonical`, e.g. `1.50` → `1.5`) so the same key always gives the same URL.
 * `auto` (no Edm type known) decides by the JS value.
 */
export function recordLiteral(
  value: unknown,
  kind: LiteralKind | 'auto',
  canonical: (v: unknown) => string | undefined,
  timeZone?: string,
): string {
  if (value === null || value === undefined) return 'null';
  const numeric = kind === 'integer' || kind === 'decimal';
  const text =
    typeof value === 'string' && !numeric
      ? value
      : typeof value === 'object'
        ? JSON.stringify(value)
        : (canonical(value) ?? String(value));
  switch (kind) {
    case 'text':
      return stringLiteral(text);
    case 'integer':
    case 'decimal':
      return /^-?\d/.test(text) ? text : stringLiteral(text);
    case 'auto':
      return typeof value === 'string' ? stringLiteral(text) : text;
    case 'datetime':
      return literalOfKind(text, kind, timeZone) ?? text;
    default:
      return text;
  }
}

export interface ODataQuery {
  select?: readonly string[];
  filter?: string;
  orderby?: readonly { field: string; desc?: boolean }[];
  top?: number;
  skip?: number;
  /** Extra query parameters sent as-is (BAQ parameters). */
  params?: Readonly<Record<string, string>>;
}

/**
 * Percent-encodes a query option value exactly as it goes on the wire: `encodeURIComponent` leaves `'` alone, but
 * the WHATWG URL parser (undici's) encodes it in the query of http(s) URLs, so it is encoded here and the bytes
 * counted against `epicor.maxQueryBytes` are the bytes sent.
 */
export function encodeQueryValue(v: string): string {
  return encodeURIComponent(v).replace(/'/g, '%27');
}

/** Encodes a query as the text after `?` (empty when there is nothing to send). */
export function queryString(q: ODataQuery): string {
  const parts: string[] = [];
  const add = (k: string, v: string) => parts.push(`${k}=${encodeQueryValue(v)}`);
  if (q.select?.length) add('$select', q.select.map(field).join(','));
  if (q.filter) add('$filter', q.filter);
  if (q.orderby?.length) add('$orderby', q.orderby.map((o) => `${field(o.field)}${o.desc ? ' desc' : ''}`).join(','));
  if (q.top !== undefined) add('$top', String(q.top));
  if (q.skip !== undefined && q.skip > 0) add('$skip', String(q.skip));
  for (const [k, v] of Object.entries(q.params ?? {})) parts.push(`${encodeQueryValue(k)}=${encodeQueryValue(v)}`);
  return parts.join('&');
}

/** `a and b and ...` over the non-empty parts, each parenthesised. */
export function and(...parts: (string | undefined)[]): string | undefined {
  const present = parts.filter((p): p is string => !!p);
  if (present.length === 0) return undefined;
  return present.length === 1 ? present[0] : present.map((p) => `(${p})`).join(' and ');
}

/** `a or b or ...`, each parenthesised. */
export function or(...parts: string[]): string {
  return parts.length === 1 ? parts[0] : parts.map((p) => `(${p})`).join(' or ');
}
