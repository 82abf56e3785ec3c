/**
 * JSON parsing that keeps numbers exact: integers and decimals with more than 15 significant digits (a 64-bit
 * SysRevID, a DECIMAL(20,4) amount) would be rounded by a double, so they come through as strings instead.
 */
const TOKEN = /"(?:[^"\\]|\\.)*"|(?<![\w.+-])-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?(?![\w.])/g;

/** Significant digits of a JSON number's mantissa (the exponent does not add precision). */
function digits(n: string): number {
  const e = n.search(/[eE]/);
  const mantissa = e < 0 ? n : n.slice(0, e);
  const bare = mantissa.replace(/^-/, '').replace('.', '').replace(/^0+/, '');
  return bare.length;
}

function isDigitOrDot(c: number): boolean {
  return (c >= 48 && c <= 57) || c === 46;
}

/**
 * True when the text has a run of 16+ digits/dots, long enough that `JSON.parse` could round a number in it.
 * Every run of 16 consecutive positions contains exactly one position ≡ 15 (mod 16), so only those positions are
 * probed and a run is measured only around a probe that hits a digit: a sixteenth of the text is read.
 */
export function mayLosePrecision(text: string): boolean {
  const n = text.length;
  for (let i = 15; i < n; i += 16) {
    if (!isDigitOrDot(text.charCodeAt(i))) continue;
    let left = i;
    while (left > 0 && isDigitOrDot(text.charCodeAt(left - 1))) left--;
    let right = i;
    while (right + 1 < n && isDigitOrDot(text.charCodeAt(right + 1))) right++;
    if (right - left + 1 >= 16) return true;
  }
  return false;
}

/** `JSON.parse`, except that numbers a double cannot hold exactly are returned as their decimal text. */
export function parseJsonLossless<T = unknown>(text: string): T {
  // Fast path: no long digit run anywhere means no number can lose precision.
  if (!mayLosePrecision(text)) return JSON.parse(text) as T;
  const quoted = text.replace(TOKEN, (tok) => (tok[0] === '"' || digits(tok) <= 15 ? tok : `"${tok}"`));
  return JSON.parse(quoted) as T;
}
