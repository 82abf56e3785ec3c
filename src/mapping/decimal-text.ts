/**
 * Exact decimal text for DECIMAL(p,s) columns, computed on digits (never through floating point).
 *
 * Nothing is ever rounded: a value with more non-zero places than the column's scale is rejected (the record becomes
 * a bad record naming field and value) instead of silently changing, e.g. 1.2345678901 into a DECIMAL(20,4) column.
 * Trailing zeros beyond the scale are fine (`1.50000` → `1.5000`). JSON numbers are taken at their shortest
 * round-trip representation, which is the text Epicor sent (numbers a double cannot hold exactly arrive as text from
 * the lossless JSON reader).
 */

export class DecimalError extends Error {}

const DECIMAL_TEXT = /^([+-]?)(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d{1,9}))?$/;
const ZEROS = '0'.repeat(64);

function zeros(n: number): string {
  return n <= ZEROS.length ? ZEROS.slice(0, n) : '0'.repeat(n);
}

/**
 * `value` (a JS number or numeric text) as plain text with exactly `scale` fraction digits, e.g. `-12.3400`.
 * Throws DecimalError for non-numbers, NaN/Infinity, more integer digits than `precision - scale`, or non-zero
 * digits beyond `scale` (never rounded).
 */
export function toDecimalText(value: number | string, precision: number, scale: number): string {
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new DecimalError(`${value} is not a finite number`);
    // Fast path for the common case: a safe integer needs no digit work beyond a length check.
    if (Number.isSafeInteger(value)) {
      const text = value < 0 ? String(-value) : String(value);
      const intDigits = text === '0' ? 0 : text.length;
      if (intDigits > precision - scale) throw overflow(intDigits, precision, scale);
      const sign = value < 0 ? '-' : '';
      return scale === 0 ? sign + text : `${sign}${text}.${zeros(scale)}`;
    }
    const text = String(value);
    // Second fast path: plain `-123.45` text whose fraction fits the scale needs padding only, no rounding.
    const dot = text.indexOf('.');
    if (dot > 0 && text.length - dot - 1 <= scale && !text.includes('e')) {
      const negative = text.charCodeAt(0) === 45;
      const intText = negative ? text.slice(1, dot) : text.slice(0, dot);
      const intDigits = intText === '0' ? 0 : intText.length;
      if (intDigits > precision - scale) throw overflow(intDigits, precision, scale);
      return text + zeros(scale - (text.length - dot - 1));
    }
    return fromText(text, precision, scale);
  }
  return fromText(value.trim(), precision, scale);
}

function fromText(text: string, precision: number, scale: number): string {
  const m = DECIMAL_TEXT.exec(text);
  if (m === null || (m[2] === '' && (m[3] === undefined || m[3] === ''))) {
    if (/^[+-]?\d*\.?\d*[eE][+-]?\d{10,}$/.test(text)) throw new DecimalError(`exponent out of range in ${clip(text)}`);
    throw new DecimalError(`${clip(text)} is not a decimal number`);
  }
  const negative = m[1] === '-';
  const intPart = m[2];
  const fracPart = m[3] ?? '';
  const exponent = m[4] === undefined ? 0 : Number(m[4]);

  let digits = intPart + fracPart;
  let point = intPart.length + exponent; // position of the decimal point within `digits`
  let lead = 0;
  while (lead < digits.length && digits.charCodeAt(lead) === 48) lead++;
  if (lead === digits.length) return scale === 0 ? '0' : `0.${zeros(scale)}`;
  digits = digits.slice(lead);
  point -= lead;

  const maxInt = precision - scale;
  if (point > maxInt) throw overflow(point, precision, scale);
  if (point < -scale) throw tooManyPlaces(text, precision, scale); // non-zero digits only below the last place

  // Digits that survive, as one integer string of `point + scale` digits (left-padded when point < 0).
  const keep = point + scale;
  let kept: string;
  if (keep >= digits.length) {
    kept = digits + zeros(keep - digits.length);
  } else {
    for (let i = keep; i < digits.length; i++) {
      if (digits.charCodeAt(i) !== 48) throw tooManyPlaces(text, precision, scale);
    }
    kept = digits.slice(0, keep);
  }
  let intDigits = kept.length - scale;
  if (intDigits > maxInt) throw overflow(intDigits, precision, scale);

  let intText: string;
  let fracText: string;
  if (intDigits <= 0) {
    intText = '0';
    fracText = zeros(-intDigits) + kept;
    intDigits = 0;
  } else {
    intText = kept.slice(0, intDigits);
    fracText = kept.slice(intDigits);
  }
  const isZero = /^0*$/.test(kept);
  const sign = negative && !isZero ? '-' : '';
  return scale === 0 ? sign + intText : `${sign}${intText}.${fracText}`;
}

function tooManyPlaces(text: string, precision: number, scale: number): DecimalError {
  return new DecimalError(
    `${clip(text)} has more than ${scale} decimal places, which DECIMAL(${precision},${scale}) cannot hold without rounding`,
  );
}

function overflow(intDigits: number, precision: number, scale: number): DecimalError {
  return new DecimalError(
    `needs ${intDigits} integer digits but DECIMAL(${precision},${scale}) allows ${precision - scale}`,
  );
}

function clip(text: string): string {
  return JSON.stringify(text.length > 40 ? `${text.slice(0, 40)}…` : text);
}
