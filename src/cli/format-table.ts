/** Renders rows as a plain aligned text table (numbers right-aligned), for summaries and `sql` output. */
export function formatTable(headers: string[], rows: (string | number | null | undefined)[][]): string {
  const text = rows.map((r) => headers.map((_, i) => cell(r[i])));
  const numeric = headers.map((_, i) => rows.length > 0 && rows.every((r) => r[i] == null || isNumberLike(r[i])));
  const widths = headers.map((h, i) => Math.max(h.length, ...text.map((r) => r[i].length)));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => (numeric[i] ? c.padStart(widths[i]) : c.padEnd(widths[i])))
      .join('  ')
      .trimEnd();
  return [line(headers), line(widths.map((w) => '-'.repeat(w))), ...text.map(line)].join('\n');
}

function cell(v: string | number | null | undefined): string {
  if (v === null || v === undefined) return 'NULL';
  // Keep one table row on one line whatever the data holds.
  return String(v).replace(/[\r\n\t]/g, ' ');
}

function isNumberLike(v: unknown): boolean {
  return typeof v === 'number' || (typeof v === 'string' && /^-?\d+(\.\d+)?$/.test(v));
}
