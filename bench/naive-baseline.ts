/**
 * The naive baseline: what teams write by hand today. One entity after another, `$skip`/`$top` pages read one at a
 * time, and each page written with one `INSERT … VALUES` statement into an all-STRING table — no staging files, no
 * MERGE, no parallelism. (It also gives no idempotence and no change tracking; it is here only for speed.)
 */
import type { Config } from '../src/config/schema.ts';
import { createDatabricksClient } from '../src/destination/databricks/client/databricks-client.ts';
import type { EntityDef } from '../src/source/epicor/catalog.ts';
import { createEpicorReader } from './epicor-reader.ts';

export interface NaiveResult {
  records: number;
  requests: number;
  statements: number;
}

/** Copies every entity into `<catalog>.<schema>.<table>` the naive way. */
export async function runNaive(
  config: Config,
  entities: readonly EntityDef[],
  schema: string,
  /** Sampling: read at most this many pages of an entity (by entity name); absent = all pages. */
  maxPages: Record<string, number> = {},
): Promise<NaiveResult> {
  const company = config.epicor.companies[0];
  const reader = createEpicorReader(config.epicor.baseUrl, company, 1);
  const db = createDatabricksClient(config.databricks, { concurrency: 1 });
  const out = { records: 0, requests: 0, statements: 0 };
  const sql = async (s: string) => {
    out.statements++;
    await db.statements.execute(s);
  };
  const target = `\`${config.databricks.catalog}\`.\`${schema}\``;
  try {
    await sql(`CREATE SCHEMA IF NOT EXISTS ${target}`);
    for (const entity of entities) {
      let columns: string[] | undefined;
      const table = `${target}.\`${entity.table}\``;
      const limit = maxPages[entity.name] ?? Number.POSITIVE_INFINITY;
      for (let skip = 0, page = 0; page < limit; page++) {
        const { body } = await reader.page(entity, { $skip: String(skip) }, config.epicor.pageSize);
        const rows = (JSON.parse(body.toString('utf8')) as { value: Record<string, unknown>[] }).value;
        if (rows.length > 0) {
          if (!columns) {
            columns = Object.keys(rows[0]).filter((k) => !k.startsWith('@'));
            await sql(`CREATE TABLE IF NOT EXISTS ${table} (${columns.map((c) => `\`${c}\` STRING`).join(', ')})`);
          }
          const cols = columns;
          const values = rows.map((r) => `(${cols.map((c) => literal(r[c])).join(', ')})`).join(',\n');
          await sql(`INSERT INTO ${table} (${cols.map((c) => `\`${c}\``).join(', ')}) VALUES\n${values}`);
          out.records += rows.length;
        }
        // The end is an empty page: a server capping rows per response (strict-iis rowCap) sends short pages.
        if (rows.length === 0) break;
        skip += rows.length;
      }
    }
    out.requests = reader.requests;
    return out;
  } finally {
    await Promise.all([reader.close(), db.close()]);
  }
}

function literal(v: unknown): string {
  if (v === null || v === undefined) return 'NULL';
  const s = typeof v === 'object' ? JSON.stringify(v) : String(v);
  return `'${s.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}
