/**
 * Canonical text of Epicor key values, so one record yields one surrogate key whichever table mentions it and
 * however the JSON spelled it (`123`, `"123"`, `123.0` on a numeric field all become `123`).
 */

const NUMBER_TEXT = /^([+-]?)(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d{1,4}))?$/;

/**
 * Canonical text of one key value: numbers as plain decimal text without exponent or trailing zeros, booleans
 * `true`/`false`, strings as they are (a string on a numeric field is canonicalised when it is a number).
 * Undefined for null/undefined. Other values (objects) are JSON text.
 */
export function keyText(value: unknown, numeric: boolean): string | undefined {
  switch (typeof value) {
    case 'string':
      return numeric ? (canonicalNumberText(value.trim()) ?? value) : value;
    case 'number':
      return Number.isSafeInteger(value)
        ? String(value === 0 ? 0 : value)
        : (canonicalNumberText(String(value)) ?? String(value));
    case 'bigint':
      return value.toString();
    case 'boolean':
      return value ? 'true' : 'false';
    case 'undefined':
      return undefined;
    default:
      return value === null ? undefined : JSON.stringify(value);
  }
}

/** Plain canonical decimal text of a numeric text (`-001.50e1` → `-15`), or undefined if it is not a number. */
export function canonicalNumberText(text: string): string | undefined {
  const m = NUMBER_TEXT.exec(text);
  if (m === null || (m[2] === '' && (m[3] === undefined || m[3] === ''))) return undefined;
  let digits = m[2] + (m[3] ?? '');
  let point = m[2].length + (m[4] === undefined ? 0 : Number(m[4]));
  let lead = 0;
  while (lead < digits.length && digits.charCodeAt(lead) === 48) lead++;
  if (lead === digits.length) return '0';
  digits = digits.slice(lead);
  point -= lead;
  let end = digits.length;
  while (end > 0 && digits.charCodeAt(end - 1) === 48) end--;
  digits = digits.slice(0, end);
  let out: string;
  if (point <= 0) out = `0.${'0'.repeat(-point)}${digits}`;
  else if (point >= digits.length) out = digits + '0'.repeat(point - digits.length);
  else out = `${digits.slice(0, point)}.${digits.slice(point)}`;
  return m[1] === '-' ? `-${out}` : out;
}

/** Null, undefined, a blank string or numeric 0 (Epicor's "none" for integer foreign keys such as `REFPONum`). */
export function isEmptyReferenceValue(value: unknown): boolean {
  if (value === null || value === undefined) return true;
  if (typeof value === 'string') return value.trim() === '';
  if (typeof value === 'number') return value === 0;
  return false;
}
