/**
 * How one target column is stored in Parquet: its schema element (exact logical types: DECIMAL with the column's
 * precision/scale, TIMESTAMP as UTC-adjusted micros, DATE, UTF-8 strings) and the conversion of a RowValue into
 * the primitive hyparquet-writer encodes. Conversions never round: a value that does not fit is rejected.
 */
import type { SchemaElement } from 'hyparquet-writer';
import { ConnectorError } from '../../../errors.ts';
import type { RowValue, TargetColumn } from '../../../mapping/target-schema.ts';

/** A RowValue converted to what the writer stores (null for missing). */
export type ParquetValue = string | number | bigint | boolean | null;

export interface ParquetColumn {
  name: string;
  element: SchemaElement;
  /** Converts a row value; throws BAD_RECORD when it does not fit the column type. */
  convert(value: RowValue | undefined): ParquetValue;
  /** Rough encoded size of a converted value, for rolling parts by bytes. */
  sizeOf(value: ParquetValue): number;
}

const DAY_MS = 86_400_000;
const DECIMAL_TYPE = /^DECIMAL\((\d+),(\d+)\)$/;
const DECIMAL_TEXT = /^([+-])?(\d*)(?:\.(\d*))?$/;
const DATE_TEXT = /^(\d{4})-(\d{2})-(\d{2})$/;
const INT32_MIN = -2147483648;
const INT32_MAX = 2147483647;
const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;

function bad(column: string, type: string, value: unknown, why: string): ConnectorError {
  const shown = typeof value === 'bigint' ? `${value}` : JSON.stringify(value);
  return new ConnectorError('BAD_RECORD', `column ${column} (${type}): ${String(shown).slice(0, 60)} ${why}`, {
    details: { column, type },
  });
}

/** Bytes a two's-complement integer of `precision` decimal digits needs. */
function decimalByteLength(precision: number): number {
  const max = 10n ** BigInt(precision) - 1n;
  let bytes = 1;
  while (2n ** BigInt(8 * bytes - 1) - 1n < max) bytes++;
  return bytes;
}

/** Parses exact decimal text into its unscaled integer at `scale`; rejects lost digits and overflow. */
export function parseDecimal(text: string, precision: number, scale: number): bigint {
  const m = DECIMAL_TEXT.exec(text.trim());
  if (!m || (m[2] === '' && (m[3] === undefined || m[3] === ''))) throw new RangeError('is not a decimal number');
  const sign = m[1] === '-' ? -1n : 1n;
  const intPart = m[2] || '0';
  let frac = m[3] ?? '';
  if (frac.length > scale) {
    if (/[^0]/.test(frac.slice(scale))) throw new RangeError(`has more than ${scale} fractional digits`);
    frac = frac.slice(0, scale);
  }
  const unscaled = BigInt(intPart + frac.padEnd(scale, '0'));
  if (unscaled >= 10n ** BigInt(precision)) throw new RangeError(`does not fit DECIMAL(${precision},${scale})`);
  return sign * unscaled;
}

function decimalColumn(name: string, type: string, precision: number, scale: number): ParquetColumn {
  if (precision < 1 || precision > 38 || scale < 0 || scale > precision) {
    throw new TypeError(`column ${name}: unsupported ${type}`);
  }
  const decimal = {
    converted_type: 'DECIMAL',
    precision,
    scale,
    logical_type: { type: 'DECIMAL', precision, scale },
  } as const;
  const element: SchemaElement =
    precision <= 9
      ? { name, repetition_type: 'OPTIONAL', type: 'INT32', ...decimal }
      : precision <= 18
        ? { name, repetition_type: 'OPTIONAL', type: 'INT64', ...decimal }
        : {
            name,
            repetition_type: 'OPTIONAL',
            type: 'FIXED_LEN_BYTE_ARRAY',
            type_length: decimalByteLength(precision),
            ...decimal,
          };
  return {
    name,
    element,
    // hyparquet-writer takes a bigint as the already-scaled unscaled value, so no float ever touches it.
    convert(value) {
      if (value === null || value === undefined) return null;
      let text: string;
      if (typeof value === 'string') text = value;
      else if (typeof value === 'bigint') text = value.toString();
      else if (typeof value === 'number' && Number.isSafeInteger(value)) text = String(value);
      else throw bad(name, type, value, 'must be decimal text (a float would lose digits)');
      try {
        return parseDecimal(text, precision, scale);
      } catch (e) {
        throw bad(name, type, value, (e as Error).message);
      }
    },
    sizeOf: () => 16,
  };
}

function stringColumn(name: string): ParquetColumn {
  return {
    name,
    element: {
      name,
      repetition_type: 'OPTIONAL',
      type: 'BYTE_ARRAY',
      converted_type: 'UTF8',
      logical_type: { type: 'STRING' },
    },
    convert(value) {
      if (value === null || value === undefined) return null;
      if (typeof value !== 'string') throw bad(name, 'STRING', value, 'must be a string');
      return value;
    },
    sizeOf: (v) => (typeof v === 'string' ? v.length * 2 + 4 : 1),
  };
}

function bigintColumn(name: string): ParquetColumn {
  return {
    name,
    element: { name, repetition_type: 'OPTIONAL', type: 'INT64' },
    convert(value) {
      if (value === null || value === undefined) return null;
      let v: bigint;
      if (typeof value === 'bigint') v = value;
      else if (typeof value === 'number' && Number.isSafeInteger(value)) v = BigInt(value);
      else if (typeof value === 'string' && /^[+-]?\d{1,19}$/.test(value)) v = BigInt(value);
      else throw bad(name, 'BIGINT', value, 'must be an integer');
      if (v < INT64_MIN || v > INT64_MAX) throw bad(name, 'BIGINT', value, 'does not fit BIGINT');
      return v;
    },
    sizeOf: () => 8,
  };
}

function intColumn(name: string): ParquetColumn {
  return {
    name,
    element: { name, repetition_type: 'OPTIONAL', type: 'INT32' },
    convert(value) {
      if (value === null || value === undefined) return null;
      if (typeof value !== 'number' || !Number.isInteger(value) || value < INT32_MIN || value > INT32_MAX) {
        throw bad(name, 'INT', value, 'must be a 32-bit integer');
      }
      return value;
    },
    sizeOf: () => 4,
  };
}

function doubleColumn(name: string): ParquetColumn {
  return {
    name,
    element: { name, repetition_type: 'OPTIONAL', type: 'DOUBLE' },
    convert(value) {
      if (value === null || value === undefined) return null;
      if (typeof value !== 'number') throw bad(name, 'DOUBLE', value, 'must be a number');
      return value;
    },
    sizeOf: () => 8,
  };
}

function booleanColumn(name: string): ParquetColumn {
  return {
    name,
    element: { name, repetition_type: 'OPTIONAL', type: 'BOOLEAN' },
    convert(value) {
      if (value === null || value === undefined) return null;
      if (typeof value !== 'boolean') throw bad(name, 'BOOLEAN', value, 'must be true or false');
      return value;
    },
    sizeOf: () => 1,
  };
}

function timestampColumn(name: string): ParquetColumn {
  return {
    name,
    element: {
      name,
      repetition_type: 'OPTIONAL',
      type: 'INT64',
      converted_type: 'TIMESTAMP_MICROS',
      logical_type: { type: 'TIMESTAMP', isAdjustedToUTC: true, unit: 'MICROS' },
    },
    convert(value) {
      if (value === null || value === undefined) return null;
      if (!(value instanceof Date) || Number.isNaN(value.getTime()))
        throw bad(name, 'TIMESTAMP', value, 'must be a valid Date');
      return BigInt(value.getTime()) * 1000n;
    },
    sizeOf: () => 8,
  };
}

function dateColumn(name: string): ParquetColumn {
  return {
    name,
    element: {
      name,
      repetition_type: 'OPTIONAL',
      type: 'INT32',
      converted_type: 'DATE',
      logical_type: { type: 'DATE' },
    },
    convert(value) {
      if (value === null || value === undefined) return null;
      const m = typeof value === 'string' ? DATE_TEXT.exec(value) : null;
      if (!m) throw bad(name, 'DATE', value, 'must be YYYY-MM-DD');
      const ms = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
      const back = new Date(ms).toISOString().slice(0, 10);
      if (back !== value) throw bad(name, 'DATE', value, 'is not a calendar date');
      return Math.floor(ms / DAY_MS);
    },
    sizeOf: () => 4,
  };
}

/** The Parquet storage of one target column. */
export function parquetColumn(column: TargetColumn): ParquetColumn {
  const { name, type } = column;
  const decimal = DECIMAL_TYPE.exec(type);
  if (decimal) return decimalColumn(name, type, Number(decimal[1]), Number(decimal[2]));
  switch (type) {
    case 'STRING':
      return stringColumn(name);
    case 'BIGINT':
      return bigintColumn(name);
    case 'INT':
      return intColumn(name);
    case 'DOUBLE':
      return doubleColumn(name);
    case 'BOOLEAN':
      return booleanColumn(name);
    case 'TIMESTAMP':
      return timestampColumn(name);
    case 'DATE':
      return dateColumn(name);
    default:
      throw new TypeError(`column ${name}: unsupported type ${type}`);
  }
}
