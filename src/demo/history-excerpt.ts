/**
 * The demo's history excerpt (issue 19 item 1): the versions `dim_vendor_history` holds for one vendor the day of
 * activity changed — a renamed one when there is one — and what `dim_vendor_as_of` answers between the two syncs.
 */
import { formatTable } from '../cli/format-table.ts';
import type { StatementResult } from '../destination/databricks/destination-client.ts';

type Execute = (sql: string) => Promise<StatementResult>;

const VERSIONS =
  'WITH changed AS (SELECT vendor_key, COUNT(DISTINCT name) AS names FROM main.epicor.dim_vendor_history ' +
  'GROUP BY vendor_key HAVING COUNT(*) > 1 ORDER BY names DESC, vendor_key LIMIT 1) ' +
  'SELECT h.vendor_id, h.name, CAST(h._source_rev AS STRING) AS rev, CAST(h._valid_from AS STRING) AS valid_from, ' +
  'CAST(h._valid_to AS STRING) AS valid_to, CAST(h._is_current AS STRING) AS is_current ' +
  'FROM main.epicor.dim_vendor_history AS h JOIN changed AS c ON c.vendor_key = h.vendor_key ORDER BY h._source_rev';

/** Prints the history rows of one changed vendor, or says why there are none. */
export async function historyExcerpt(execute: Execute): Promise<string> {
  const r = await execute(VERSIONS);
  if (r.rows.length === 0) return 'vendor history: no vendor changed during the simulated day';
  const rows = r.rows.map((row) => row.map((v) => (v === null ? '(open)' : String(v))));
  const id = rows[0][0];
  const lines = [
    `vendor history (history: [vendors]) — ${id} in dim_vendor_history, one row per version:`,
    formatTable(['vendor_id', 'name', '_source_rev', '_valid_from', '_valid_to', '_is_current'], rows),
  ];
  const firstTo = r.rows[0][4];
  if (firstTo !== null) {
    const asOf = await execute(
      `SELECT name FROM main.epicor.dim_vendor_as_of(TIMESTAMP'${String(r.rows[0][3])}') WHERE vendor_id = '${id.replace(/'/g, "''")}'`,
    );
    lines.push(
      `SELECT name FROM main.epicor.dim_vendor_as_of(TIMESTAMP'${String(r.rows[0][3])}') WHERE vendor_id = '${id}' → ${String(asOf.rows[0]?.[0] ?? '(none)')}`,
    );
  }
  return lines.join('\n');
}
