/**
 * JSON parsing that keeps numbers exact: integers and decimals with more than 15 significant digits (a 64-bit
 * SysRevID, a DECIMAL(20,4) amount) would be rounded by a double, so they come through as strings instead.
 */
const TOKEN = /"(?:[^"\\]|\\.)*"|(?<![\w.+-])-?\d+(?:\.\d+)?(?![\w.])/g;

function digits(n: string): number {
  const bare = n.replace(/^-/, '').replace('.', '').replace(/^0+/, '');
  return bare.length;
}

/** True when the text has a digit run long enough that `JSON.parse` could round a number in it. */
export function mayLosePrecision(text: string): boolean {
  return /[\d.]{16}/.test(text);
}

/** `JSON.parse`, except that numbers a double cannot hold exactly are returned as their decimal text. */
export function parseJsonLossless<T = unknown>(text: string): T {
  // Fast path: no long digit run anywhere means no number can lose precision.
  if (!mayLosePrecision(text)) return JSON.parse(text) as T;
  const quoted = text.replace(TOKEN, (tok) => (tok[0] === '"' || digits(tok) <= 15 ? tok : `"${tok}"`));
  return JSON.parse(quoted) as T;
}
