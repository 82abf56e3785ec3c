/**
 * The unscaled integer of a DECIMAL(p,s) value for Parquet. Mapping already wrote every value as exact text with
 * `scale` digits (`toDecimalText`); that text takes a digit loop straight into a JS number, and anything else (more
 * than 15 significant digits, exponents, spaces, values that need checking) goes through the same `toDecimalText`, so
 * what is a valid decimal and why one is not is decided in one place. Never rounds; throws DecimalError.
 */
import { toDecimalText } from '../../../mapping/decimal-text.ts';

const POW10 = Array.from({ length: 16 }, (_, i) => 10 ** i);

/** The unscaled integer of decimal text at `scale`: a number when safe, else a bigint. */
export function unscaledDecimal(text: string, precision: number, scale: number): number | bigint {
  const fast = fastUnscaled(text, precision, scale);
  if (fast !== undefined) return fast;
  const plain = toDecimalText(text, precision, scale);
  const big = BigInt(scale === 0 ? plain : plain.replace('.', ''));
  return big >= -9007199254740991n && big <= 9007199254740991n ? Number(big) : big;
}

/**
 * The unscaled integer of plain decimal text as a JS number when that is exact (at most 15 significant digits after
 * scaling) and valid, otherwise undefined (the caller asks toDecimalText, which also words the error).
 */
function fastUnscaled(text: string, precision: number, scale: number): number | undefined {
  const n = text.length;
  let i = 0;
  let negative = false;
  const c0 = text.charCodeAt(0);
  if (c0 === 45 || c0 === 43) {
    negative = c0 === 45;
    i = 1;
  }
  let acc = 0;
  let digits = 0; // significant digits accumulated (leading zeros skipped)
  let intDigits = 0;
  for (; i < n; i++) {
    const d = text.charCodeAt(i) - 48;
    if (d < 0 || d > 9) break;
    intDigits++;
    if (acc !== 0 || d !== 0) {
      acc = acc * 10 + d;
      digits++;
    }
  }
  let frac = 0;
  if (i < n) {
    if (text.charCodeAt(i) !== 46) return undefined; // not plain text (spaces, exponent, …)
    i++;
    for (; i < n; i++) {
      const d = text.charCodeAt(i) - 48;
      if (d < 0 || d > 9) return undefined;
      if (frac < scale) {
        acc = acc * 10 + d;
        if (acc !== 0) digits++;
        frac++;
      } else if (d !== 0) return undefined; // digits beyond the scale: rejected by toDecimalText
    }
  }
  if (intDigits === 0 && frac === 0) return undefined;
  if (digits + (scale - frac) > 15) return undefined;
  if (frac < scale) acc *= POW10[scale - frac];
  if (precision <= 15 && acc >= POW10[precision]) return undefined; // overflow: rejected by toDecimalText
  return negative && acc !== 0 ? -acc : acc;
}
