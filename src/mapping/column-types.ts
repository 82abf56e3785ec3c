/**
 * Edm (OData) types → Databricks column types (SPEC §4: decimals stay exact, flags BOOLEAN, SysRevID BIGINT).
 * Floating point is used only where Epicor itself declares Double/Single.
 *
 * Dates: Epicor declares every date and date-time as Edm.DateTimeOffset, so `$metadata` cannot say which is which.
 * A field Epicor stores as a calendar date (invoice, due, order, promise, apply, check, transaction, journal dates;
 * listed per entity in the catalog's `dateFields`) becomes DATE; `Edm.Date`
 * also becomes DATE; every other date/time (ChangeDate on most tables, ChangedOn, CreatedOn, CreateDate) is an
 * instant and becomes TIMESTAMP. A calendar date kept as a midnight-UTC TIMESTAMP would show — and cast to
 * DATE as — the previous day in any session west of UTC.
 */
import type { SourceField } from '../source/epicor/source-field.ts';
import type { ColumnType } from './target-schema.ts';

/** Epicor bookkeeping on every row that carries no business data (update markers, internal flags). */
export const PLUMBING_FIELDS: ReadonlySet<string> = new Set(['RowMod', 'BitFlag', 'SpecifiedProperties']);

/** Precision and scale used when `$metadata` leaves them out (Epicor money has up to 4 places). */
export const DEFAULT_DECIMAL_PRECISION = 20;
export const DEFAULT_DECIMAL_SCALE = 4;
/** Largest precision Databricks DECIMAL allows. */
export const MAX_DECIMAL_PRECISION = 38;

export type ColumnTypeResult = { ok: true; type: ColumnType } | { ok: false; reason: string };

/**
 * Whether a date/time source field holds a calendar date: listed in the entity's `dateFields`. Tenant `_c` fields
 * follow `$metadata` only (Edm.Date → DATE): a user field's kind cannot be known from its name, and a date-time
 * typed DATE would lose its time of day, while a date typed TIMESTAMP loses nothing.
 */
export function isCalendarDateField(name: string, dateFields: readonly string[] = []): boolean {
  return dateFields.includes(name);
}

/**
 * The target type of one source field, or why it has none (plumbing or an unsupported Edm type). `dateFields`
 * are the entity's calendar-date fields (catalog), typed DATE whatever date/time Edm type they are declared with.
 */
export function columnTypeFor(field: SourceField, dateFields: readonly string[] = []): ColumnTypeResult {
  if (PLUMBING_FIELDS.has(field.name)) return { ok: false, reason: 'Epicor plumbing field, not business data' };
  // A 64-bit rowversion whatever the metadata says (it has been seen declared and sent as a string).
  if (field.name === 'SysRevID') return { ok: true, type: 'BIGINT' };
  switch (field.edmType) {
    case 'Edm.String':
    case 'Edm.Guid':
    // Carried as text in OData JSON: base64, ISO time of day, ISO duration.
    case 'Edm.Binary':
    case 'Edm.TimeOfDay':
    case 'Edm.Duration':
      return { ok: true, type: 'STRING' };
    case 'Edm.Int32':
    case 'Edm.Int16':
    case 'Edm.Byte':
    case 'Edm.SByte':
      return { ok: true, type: 'INT' };
    case 'Edm.Int64':
      return { ok: true, type: 'BIGINT' };
    case 'Edm.Decimal':
      return { ok: true, type: decimalType(field.precision, field.scale) };
    case 'Edm.DateTimeOffset':
    case 'Edm.DateTime':
      return { ok: true, type: isCalendarDateField(field.name, dateFields) ? 'DATE' : 'TIMESTAMP' };
    case 'Edm.Date':
      return { ok: true, type: 'DATE' };
    case 'Edm.Boolean':
      return { ok: true, type: 'BOOLEAN' };
    case 'Edm.Double':
    case 'Edm.Single':
      return { ok: true, type: 'DOUBLE' };
    default:
      return { ok: false, reason: `unsupported type ${field.edmType}` };
  }
}

/**
 * DECIMAL(p,s) from metadata facets. Missing precision → 20 (widened to keep 16 integer digits when a large scale is
 * declared), missing scale → 4; precision capped at 38 and scale at precision.
 */
export function decimalType(precision?: number, scale?: number): ColumnType {
  const s0 = validFacet(scale) ? scale : DEFAULT_DECIMAL_SCALE;
  let p = validFacet(precision) && precision > 0 ? precision : Math.max(DEFAULT_DECIMAL_PRECISION, s0 + 16);
  p = Math.min(p, MAX_DECIMAL_PRECISION);
  const s = Math.min(s0, p);
  return `DECIMAL(${p},${s})`;
}

function validFacet(n: number | undefined): n is number {
  return n !== undefined && Number.isInteger(n) && n >= 0;
}

/** Precision and scale of a `DECIMAL(p,s)` type text, undefined for other types. */
export function parseDecimalType(type: ColumnType): { precision: number; scale: number } | undefined {
  const m = /^DECIMAL\((\d+),(\d+)\)$/.exec(type);
  return m ? { precision: Number(m[1]), scale: Number(m[2]) } : undefined;
}
