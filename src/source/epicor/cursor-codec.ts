/**
 * How a cursor's value is read from a record, written as a watermark string, and turned back into filter values
 * (with the lookback applied). Watermarks: revision → decimal digits; datetime → ISO instant; date+seconds → the
 * combined ISO instant; column → the value's text.
 */

import { offsetMinutesAt, parseIsoMillis, wallToUtcMillis } from '../../date-time.ts';
import { ConnectorError } from '../../errors.ts';
import type { CursorDef } from './catalog.ts';
import { dateTimeLiteral } from './odata-query.ts';
import type { SourceField } from './source-field.ts';

export interface SortColumn {
  name: string;
  edmType: string;
  /** Date columns: IANA zone of values served without an offset, so their literals get the right offset. */
  timeZone?: string;
}

export interface CursorCodec {
  /** Cursor columns in sort order (one, or date then seconds). */
  columns: SortColumn[];
  /** True when the cursor alone identifies a row (SysRevID): no key tie-breakers, strict `gt` lower bound. */
  unique: boolean;
  /** The cursor tuple of a record (undefined when any part is null). */
  tuple(record: Record<string, unknown>): unknown[] | undefined;
  /** Watermark text of a tuple. */
  toWatermark(tuple: unknown[]): string;
  /** Filter values for a stored watermark, moved back by the lookback where the type allows it. */
  fromWatermark(watermark: string, lookbackMinutes: number): unknown[];
}

const DATE_TYPES = new Set(['Edm.DateTimeOffset', 'Edm.DateTime', 'Edm.Date']);
const INT_TYPES = new Set(['Edm.Int16', 'Edm.Int32', 'Edm.Int64', 'Edm.Byte', 'Edm.SByte']);

function typeOf(fields: readonly SourceField[], name: string): string {
  const f = fields.find((x) => x.name === name);
  if (!f) throw new ConnectorError('NOT_FOUND', `Epicor's $metadata has no cursor field ${name}.`);
  return f.edmType;
}

/** Exact decimal text of a revision number given as number, bigint or string. */
export function revisionText(value: unknown): string {
  const text = typeof value === 'string' ? value.trim() : String(value);
  if (!/^\d+$/.test(text)) throw new ConnectorError('INTERNAL', `SysRevID "${text}" is not a whole number.`);
  return BigInt(text).toString();
}

/** ISO instant of a date value; Epicor's offset-less values are wall times in `timeZone` (server zone unconfirmed). */
function isoOf(v: unknown, timeZone: string | undefined): string {
  const text = String(v).trim();
  const ms = parseIsoMillis(text, timeZone);
  if (ms === undefined) throw new ConnectorError('BAD_RECORD', `Cursor value ${JSON.stringify(text)} is not a date.`);
  return new Date(ms).toISOString();
}

/** Midnight (as a wall time read as UTC) of the server calendar date a date value stands for. */
function wallMidnight(v: unknown, timeZone: string | undefined): number {
  const text = String(v).trim();
  if (/^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?)?$/.test(text))
    return Date.parse(`${text.slice(0, 10)}T00:00:00Z`);
  const at = Date.parse(isoOf(text, timeZone));
  const wall = at + offsetMinutesAt(timeZone ?? 'UTC', at) * 60_000;
  return wall - (((wall % 86_400_000) + 86_400_000) % 86_400_000);
}
const minus = (iso: string, minutes: number): string => new Date(Date.parse(iso) - minutes * 60_000).toISOString();
const present = (v: unknown) => v !== null && v !== undefined;

/** The codec for an entity's cursor, typed by `$metadata`. */
export function cursorCodec(cursor: CursorDef, fields: readonly SourceField[], timeZone?: string): CursorCodec {
  const zone = timeZone ?? 'UTC';
  switch (cursor.type) {
    case 'revision':
      return {
        columns: [{ name: cursor.field, edmType: typeOf(fields, cursor.field) }],
        unique: true,
        tuple: (r) => (present(r[cursor.field]) ? [revisionText(r[cursor.field])] : undefined),
        toWatermark: ([v]) => revisionText(v),
        fromWatermark: (w) => [revisionText(w)],
      };
    case 'datetime':
    case 'column': {
      const edmType = typeOf(fields, cursor.field);
      const isDate = DATE_TYPES.has(edmType);
      return {
        columns: [{ name: cursor.field, edmType, timeZone: zone }],
        unique: false,
        tuple: (r) => (present(r[cursor.field]) ? [r[cursor.field]] : undefined),
        toWatermark: ([v]) => (isDate ? isoOf(v, zone) : String(v)),
        fromWatermark: (w, lookback) => [
          isDate ? minus(w, lookback) : INT_TYPES.has(edmType) ? BigInt(w).toString() : w,
        ],
      };
    }
    case 'date+seconds': {
      const dateType = typeOf(fields, cursor.dateField);
      const secondsType = typeOf(fields, cursor.secondsField);
      return {
        columns: [
          { name: cursor.dateField, edmType: dateType, timeZone: zone },
          { name: cursor.secondsField, edmType: secondsType },
        ],
        unique: false,
        tuple: (r) => {
          const d = r[cursor.dateField];
          if (!present(d)) return undefined;
          return [d, Number(r[cursor.secondsField] ?? 0)];
        },
        // The date is the server's calendar date and the seconds its wall clock (Customer ChangeDate + ChangeTime):
        // the watermark is the UTC instant of that wall time in `timeZone`, and back again for the filter.
        toWatermark: ([d, s]) => {
          const wall = wallMidnight(d, zone) + Number(s) * 1000;
          return new Date(wallToUtcMillis(zone, wall)).toISOString();
        },
        fromWatermark: (w, lookback) => {
          const at = Date.parse(w) - lookback * 60_000;
          const wall = at + offsetMinutesAt(zone, at) * 60_000;
          const midnight = wall - (((wall % 86_400_000) + 86_400_000) % 86_400_000);
          const date = `${new Date(midnight).toISOString().slice(0, 10)}T00:00:00`;
          return [dateTimeLiteral(date, zone), Math.floor((wall - midnight) / 1000)];
        },
      };
    }
    case 'offset':
      throw new ConnectorError('INTERNAL', 'offset paging has no cursor codec.');
  }
}
