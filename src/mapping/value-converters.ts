/**
 * One converter per column type, from an Epicor JSON value to a `RowValue` (see target-schema.ts). Converters are
 * chosen once per column, so the per-record cost is a switch-free function call. A value that cannot be converted
 * throws ValueError; the record mapper turns that into a bad-record reason naming the field.
 */

import { isUtcZone } from '../date-time.ts';
import { parseDecimalType } from './column-types.ts';
import { DecimalError, toDecimalText } from './decimal-text.ts';
import type { ColumnType, RowValue } from './target-schema.ts';
import { isCalendarDate, parseIsoMillis, utcDateText } from './timestamp-text.ts';

export class ValueError extends Error {}

export type Converter = (value: unknown) => RowValue;

const INT_TEXT = /^[+-]?\d+$/;
const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;

/**
 * The converter for a column type. Null and undefined always become null. `timeZone` (IANA, default UTC) is the zone
 * of TIMESTAMP values Epicor serves without an offset.
 */
export function converterFor(type: ColumnType, timeZone?: string): Converter {
  switch (type) {
    case 'STRING':
      return toStringValue;
    case 'INT':
      return toInt;
    case 'BIGINT':
      return toBigInt;
    case 'DOUBLE':
      return toDouble;
    case 'BOOLEAN':
      return toBoolean;
    case 'TIMESTAMP':
      return isUtcZone(timeZone) ? toTimestamp : (v) => toTimestamp(v, timeZone);
    case 'DATE':
      return toDate;
    default: {
      const d = parseDecimalType(type);
      if (d === undefined) throw new TypeError(`no converter for column type ${type}`);
      return decimalConverter(d.precision, d.scale);
    }
  }
}

/** Any string as is (control characters and all Unicode kept); other scalars as their text, objects as JSON. */
export function toStringValue(v: unknown): RowValue {
  if (typeof v === 'string') return v;
  if (v === null || v === undefined) return null;
  if (typeof v === 'number' || typeof v === 'boolean' || typeof v === 'bigint') return String(v);
  if (v instanceof Date) return v.toISOString();
  return JSON.stringify(v);
}

/** 32-bit integer from a JSON integer or integer text; fractions and out-of-range values are rejected. */
export function toInt(v: unknown): RowValue {
  if (v === null || v === undefined) return null;
  let n: number;
  if (typeof v === 'number') n = v;
  else if (typeof v === 'string' && INT_TEXT.test(v.trim())) n = Number(v.trim());
  else throw new ValueError(`${describe(v)} is not an integer`);
  if (!Number.isInteger(n)) throw new ValueError(`${describe(v)} is not an integer`);
  if (n < -2147483648 || n > 2147483647) throw new ValueError(`${describe(v)} is out of INT range`);
  return n === 0 ? 0 : n; // no -0
}

/** 64-bit integer from a JSON integer (exact only up to 2^53, beyond that it is rejected) or digit text. */
export function toBigInt(v: unknown): RowValue {
  if (v === null || v === undefined) return null;
  if (typeof v === 'number') {
    if (!Number.isInteger(v)) throw new ValueError(`${describe(v)} is not an integer`);
    // A JSON number past 2^53 has already lost digits; loading it would silently change the value.
    if (!Number.isSafeInteger(v)) throw new ValueError(`${describe(v)} is beyond 2^53 and lost precision in JSON`);
    return BigInt(v);
  }
  if (typeof v === 'bigint') return checkInt64(v, v);
  if (typeof v === 'string') {
    const t = v.trim();
    if (INT_TEXT.test(t) && t.length <= 21) return checkInt64(BigInt(t), v);
  }
  throw new ValueError(`${describe(v)} is not an integer`);
}

function checkInt64(n: bigint, original: unknown): bigint {
  if (n < INT64_MIN || n > INT64_MAX) throw new ValueError(`${describe(original)} is out of BIGINT range`);
  return n;
}

/** Double from a JSON number or numeric text; OData's `NaN`, `INF`, `-INF` texts are accepted. */
export function toDouble(v: unknown): RowValue {
  if (v === null || v === undefined) return null;
  if (typeof v === 'number') return v;
  if (typeof v === 'string') {
    const t = v.trim();
    if (t === 'NaN') return Number.NaN;
    if (t === 'INF') return Number.POSITIVE_INFINITY;
    if (t === '-INF') return Number.NEGATIVE_INFINITY;
    const n = t === '' ? Number.NaN : Number(t);
    if (!Number.isNaN(n) && /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(t)) return n;
  }
  throw new ValueError(`${describe(v)} is not a number`);
}

/** Boolean from true/false, "true"/"false" (any case), 0/1 or "0"/"1". */
export function toBoolean(v: unknown): RowValue {
  if (v === null || v === undefined) return null;
  if (typeof v === 'boolean') return v;
  if (v === 1 || v === 0) return v === 1;
  if (typeof v === 'string') {
    const t = v.trim().toLowerCase();
    if (t === 'true' || t === '1') return true;
    if (t === 'false' || t === '0') return false;
  }
  throw new ValueError(`${describe(v)} is not a boolean`);
}

/**
 * UTC instant from ISO text with or without offset (none = a wall time in `timeZone`, default UTC) or `YYYY-MM-DD`;
 * a Date passes through.
 */
export function toTimestamp(v: unknown, timeZone?: string): RowValue {
  if (v === null || v === undefined) return null;
  if (typeof v === 'string') {
    const ms = parseIsoMillis(v.trim(), timeZone);
    if (ms !== undefined && Number.isFinite(ms)) return new Date(ms);
  } else if (v instanceof Date && Number.isFinite(v.getTime())) {
    return new Date(v.getTime());
  }
  throw new ValueError(`${describe(v)} is not an ISO 8601 date/time`);
}

/** Leading calendar date of an ISO date or date-time text. */
const LEADING_DATE = /^(\d{4})-(\d{2})-(\d{2})(?:$|[T ])/;

/**
 * `YYYY-MM-DD` of a calendar-date field: the date written in the text (`2024-03-05T00:00:00-06:00` → 2024-03-05),
 * never shifted by its offset — Epicor renders a date-only value at midnight in its server zone, and moving it to
 * UTC would give the previous or next day. A Date object (an instant) gives its UTC date.
 */
export function toDate(v: unknown): RowValue {
  if (v === null || v === undefined) return null;
  if (typeof v === 'string') {
    const text = v.trim();
    const m = LEADING_DATE.exec(text);
    if (m) {
      // Validate the whole text (and the day of month) with the date-time reader before keeping its date part.
      let valid = true;
      try {
        toTimestamp(text);
      } catch {
        valid = false;
      }
      if (valid && isCalendarDate(Number(m[1]), Number(m[2]), Number(m[3]))) return `${m[1]}-${m[2]}-${m[3]}`;
    }
    throw new ValueError(`${describe(v)} is not an ISO 8601 date`);
  }
  const t = toTimestamp(v);
  return t === null ? null : utcDateText((t as Date).getTime());
}

function decimalConverter(precision: number, scale: number): Converter {
  return (v) => {
    if (v === null || v === undefined) return null;
    if (typeof v !== 'number' && typeof v !== 'string') throw new ValueError(`${describe(v)} is not a decimal number`);
    try {
      return toDecimalText(v, precision, scale);
    } catch (e) {
      if (e instanceof DecimalError) throw new ValueError(e.message);
      throw e;
    }
  };
}

/** A short, safe rendering of a bad value for reports (bounded, quoted). */
export function describe(v: unknown): string {
  let text: string;
  try {
    text =
      typeof v === 'string'
        ? JSON.stringify(v)
        : typeof v === 'number' || typeof v === 'bigint'
          ? String(v)
          : String(JSON.stringify(v));
  } catch {
    text = String(v);
  }
  return text.length > 60 ? `${text.slice(0, 60)}…` : text;
}
