/** Renders rows as a plain aligned text table (numbers right-aligned), for summaries and `sql` output. */
export function formatTable(headers: string[], rows: readonly (readonly TableCell[])[]): string {
  const text = rows.map((r) => headers.map((_, i) => cell(r[i])));
  const widths = headers.map((h) => h.length);
  const numeric = headers.map(() => rows.length > 0);
  // Plain loops: spreading every row into Math.max overflows the call stack past ~125k rows.
  for (let r = 0; r < rows.length; r++) {
    for (let i = 0; i < headers.length; i++) {
      if (text[r][i].length > widths[i]) widths[i] = text[r][i].length;
      const v = rows[r][i];
      if (numeric[i] && v != null && !isNumberLike(v)) numeric[i] = false;
    }
  }
  const line = (cells: string[]) =>
    cells
      .map((c, i) => (numeric[i] ? c.padStart(widths[i]) : c.padEnd(widths[i])))
      .join('  ')
      .trimEnd();
  const out: string[] = [line(headers), line(widths.map((w) => '-'.repeat(w)))];
  for (const r of text) out.push(line(r));
  return out.join('\n');
}

export type TableCell = string | number | bigint | boolean | null | undefined;

function cell(v: TableCell): string {
  if (v === null || v === undefined) return 'NULL';
  // Keep one table row on one line whatever the data holds.
  return String(v).replace(/[\r\n\t]/g, ' ');
}

function isNumberLike(v: unknown): boolean {
  return typeof v === 'number' || typeof v === 'bigint' || (typeof v === 'string' && /^-?\d+(\.\d+)?$/.test(v));
}
