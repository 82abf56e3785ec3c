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

/** The literal for a value of the given Edm type (`timeZone`: see dateTimeLiteral). */
export function literal(value: unknown, edmType: string, timeZone?: string): string {
  if (value === null || value === undefined) return 'null';
  switch (edmType) {
    case 'Edm.Int16':
    case 'Edm.Int32':
    case 'Edm.Int64':
    case 'Edm.Byte':
    case 'Edm.SByte':
      return integerLiteral(value as string | number | bigint);
    case 'Edm.Decimal':
    case 'Edm.Double':
    case 'Edm.Single': {
      const text = String(value);
      if (!DECIMAL.test(text)) throw new ConnectorError('INTERNAL', `"${text}" is not a number.`);
      return text;
    }
    case 'Edm.Boolean':
      return value === true || value === 'true' ? 'true' : 'false';
    case 'Edm.DateTimeOffset':
    case 'Edm.DateTime':
      return dateTimeLiteral(value as string, timeZone);
    case 'Edm.Date':
      return String(value).slice(0, 10);
    case 'Edm.Guid': {
      const text = String(value);
      if (!GUID.test(text)) throw new ConnectorError('INTERNAL', `"${text}" is not a GUID.`);
      return text;
    }
    default:
      return stringLiteral(String(value));
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
