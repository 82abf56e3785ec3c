/**
 * How a cursor's value is read from a record, written as a watermark string, and turned back into filter values
 * (with the lookback applied). Watermarks: revision → decimal digits; datetime → ISO instant; date+seconds → the
 * combined ISO instant; column → the value's text.
 */
import { ConnectorError } from '../../errors.ts';
import type { CursorDef } from './catalog.ts';
import type { SourceField } from './source-field.ts';

export interface SortColumn {
  name: string;
  edmType: string;
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

/** ISO instant of a date value; Epicor's offset-less values are read as UTC (server zone unconfirmed). */
const isoOf = (v: unknown): string => {
  const text = String(v);
  return new Date(/(Z|[+-]\d{2}:\d{2})$/i.test(text) || !text.includes('T') ? text : `${text}Z`).toISOString();
};
const minus = (iso: string, minutes: number): string => new Date(Date.parse(iso) - minutes * 60_000).toISOString();
const present = (v: unknown) => v !== null && v !== undefined;

/** The codec for an entity's cursor, typed by `$metadata`. */
export function cursorCodec(cursor: CursorDef, fields: readonly SourceField[]): CursorCodec {
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
        columns: [{ name: cursor.field, edmType }],
        unique: false,
        tuple: (r) => (present(r[cursor.field]) ? [r[cursor.field]] : undefined),
        toWatermark: ([v]) => (isDate ? isoOf(v) : String(v)),
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
          { name: cursor.dateField, edmType: dateType },
          { name: cursor.secondsField, edmType: secondsType },
        ],
        unique: false,
        tuple: (r) => {
          const d = r[cursor.dateField];
          if (!present(d)) return undefined;
          return [d, Number(r[cursor.secondsField] ?? 0)];
        },
        toWatermark: ([d, s]) => {
          const midnight = Date.parse(`${isoOf(d).slice(0, 10)}T00:00:00Z`);
          return new Date(midnight + Number(s) * 1000).toISOString();
        },
        fromWatermark: (w, lookback) => {
          const at = Date.parse(w) - lookback * 60_000;
          const midnight = at - (((at % 86_400_000) + 86_400_000) % 86_400_000);
          return [new Date(midnight).toISOString(), Math.floor((at - midnight) / 1000)];
        },
      };
    }
    case 'offset':
      throw new ConnectorError('INTERNAL', 'offset paging has no cursor codec.');
  }
}
