/** A SysRevID as Epicor sent it (JSON number, or text — it was seen as a string once), or null when unusable. */
export function revisionOf(v: unknown): bigint | null {
  if (typeof v === 'number' && Number.isInteger(v)) return BigInt(v);
  if (typeof v === 'bigint') return v;
  if (typeof v === 'string' && /^\s*\d+\s*$/.test(v)) return BigInt(v.trim());
  return null;
}
