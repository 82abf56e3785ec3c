/**
 * Row value → stored value, one converter a column type, each validating first: a value that does not fit is a
 * BAD_RECORD naming column and value, never rounded or clamped.
 */
import { DecimalError } from '../../../mapping/decimal-text.ts';
import type { RowValue } from '../../../mapping/target-schema.ts';
import { epochDay } from '../../../mapping/timestamp-text.ts';
import { badValue } from './bad-value.ts';
import { unscaledDecimal } from './unscaled-decimal.ts';

const INT32_MIN = -2147483648;
const INT32_MAX = 2147483647;
const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;

/** DECIMAL(p,s): decimal text (or an exact integer) → its unscaled integer. */
export function decimalConverter(name: string, type: string, precision: number, scale: number) {
  return (value: RowValue): number | bigint => {
    let text: string;
    if (typeof value === 'string') text = value;
    else if (typeof value === 'bigint') text = value.toString();
    else if (typeof value === 'number' && Number.isSafeInteger(value)) text = String(value);
    else throw badValue(name, type, value, 'must be decimal text (a float would lose digits)');
    try {
      return unscaledDecimal(text, precision, scale);
    } catch (e) {
      if (e instanceof DecimalError) throw badValue(name, type, value, e.message);
      throw e;
    }
  };
}

/** BIGINT: a safe number stays a number, larger values a bigint. */
export function bigintConverter(name: string) {
  const fromBigInt = (value: bigint, shown: RowValue): number | bigint => {
    if (value < INT64_MIN || value > INT64_MAX) throw badValue(name, 'BIGINT', shown, 'does not fit BIGINT');
    return value >= -9007199254740991n && value <= 9007199254740991n ? Number(value) : value;
  };
  return (value: RowValue): number | bigint => {
    if (typeof value === 'bigint') return fromBigInt(value, value);
    if (typeof value === 'number' && Number.isSafeInteger(value)) return value;
    if (typeof value === 'string' && /^[+-]?\d{1,19}$/.test(value)) return fromBigInt(BigInt(value), value);
    throw badValue(name, 'BIGINT', value, 'must be an integer');
  };
}

/** INT: a 32-bit integer number. */
export function int32Converter(name: string) {
  return (value: RowValue): number => {
    if (typeof value !== 'number' || !Number.isInteger(value) || value < INT32_MIN || value > INT32_MAX) {
      throw badValue(name, 'INT', value, 'must be a 32-bit integer');
    }
    return value;
  };
}

/** TIMESTAMP: a Date → microseconds since the epoch (UTC). */
export function timestampMicrosConverter(name: string) {
  return (value: RowValue): number | bigint => {
    if (!(value instanceof Date)) throw badValue(name, 'TIMESTAMP', value, 'must be a valid Date');
    const ms = value.getTime();
    if (Number.isNaN(ms)) throw badValue(name, 'TIMESTAMP', value, 'must be a valid Date');
    const micros = ms * 1000;
    return Number.isSafeInteger(micros) ? micros : BigInt(ms) * 1000n;
  };
}

/** DATE: `YYYY-MM-DD` → days since 1970-01-01 (the calendar check is mapping's `epochDay`). */
export function epochDayConverter(name: string) {
  return (value: RowValue): number => {
    if (typeof value !== 'string') throw badValue(name, 'DATE', value, 'must be YYYY-MM-DD');
    const days = epochDay(value);
    if (days === undefined) {
      throw badValue(
        name,
        'DATE',
        value,
        /^\d{4}-\d{2}-\d{2}$/.test(value) ? 'is not a calendar date' : 'must be YYYY-MM-DD',
      );
    }
    return days;
  };
}
