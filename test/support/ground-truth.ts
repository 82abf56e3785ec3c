/**
 * Ground-truth checker: compares every target table with the Epicor emulator's own data for one company.
 * Dimensions: one row per current source record; facts: `<table>_current` equals the current source records and the
 * version history holds no duplicate (key, `_source_rev`). Values of a representative column set, surrogate and
 * reference keys, and every lineage column are checked row by row. Reports counts plus a few examples per problem.
 */
import { ENTITIES, type EntityDef, surrogateKeyColumn } from '../../src/source/epicor/catalog.ts';
import { EXPECTED_COLUMNS, type ExpectedColumn, expectedText, readBackSql } from './expected-columns.ts';
import { referenceKeyOf, surrogateKeyOf } from './reference-keys.ts';

/** What the checker needs from the Epicor emulator. */
export interface SourceTruth {
  records(company: string, entitySet: string): Record<string, unknown>[];
  deleted(company: string, entitySet: string): Record<string, unknown>[];
}

export type Query = (sql: string) => Promise<Record<string, unknown>[]>;

/** What rows of records deleted in Epicor may look like in the target. */
export type DeletedRecordRule =
  /** Not reconciled yet: the row may (or may not) still be there, as last loaded. */
  | 'may-remain'
  /** Reconciled: the row must be there with `_is_deleted = true` (facts: absent from `_current`). */
  | 'marked'
  /** No row at all. */
  | 'absent';

export interface GroundTruthOptions {
  source: SourceTruth;
  /** Direct DuckDB reads of the Databricks emulator (`emu.query`). */
  query: Query;
  company: string;
  /** Epicor base URL as configured (`_source_instance`). */
  instance: string;
  /** DuckDB schema of the target (default `c_main.epicor`, i.e. Databricks `main.epicor`). */
  schema?: string;
  /** Entities to check (default all of the catalog). */
  entities?: readonly string[];
  deletedRecords?: DeletedRecordRule;
  /** Examples kept per problem kind and table (default 3). */
  examples?: number;
}

export interface TableCheck {
  entity: string;
  table: string;
  /** Current source records. */
  expected: number;
  /** Rows compared (dimension table / `_current` view) for this company. */
  actual: number;
  missing: number;
  extra: number;
  /** Rows sharing a record id or surrogate key (dimension / `_current`), or a (key, rev) pair (fact history). */
  duplicates: number;
  /** Rows whose data columns or keys differ from the source. */
  differing: number;
  /** Rows with a wrong or unset lineage column. */
  lineage: number;
  /** Rows of deleted records still present (allowed under `may-remain`). */
  deletedRemaining: number;
  /** Columns of the expected set the table lacks although the source has the field. */
  missingColumns: string[];
  examples: string[];
}

export interface GroundTruthReport {
  ok: boolean;
  tables: TableCheck[];
}

const LINEAGE = [
  '_source_system',
  '_source_instance',
  '_source_company',
  '_source_entity',
  '_source_record_id',
  '_source_rev',
  '_source_url',
  '_sync_id',
  '_is_deleted',
];

/** Checks every selected table of one company against the emulator's current data. */
export async function checkGroundTruth(opts: GroundTruthOptions): Promise<GroundTruthReport> {
  const selected = ENTITIES.filter((e) => !opts.entities || opts.entities.includes(e.name));
  const tables: TableCheck[] = [];
  for (const def of selected) tables.push(await checkEntity(def, opts));
  const ok = tables.every(
    (t) =>
      t.missing + t.extra + t.duplicates + t.differing + t.lineage === 0 &&
      t.missingColumns.length === 0 &&
      t.examples.length === 0,
  );
  return { ok, tables };
}

async function checkEntity(def: EntityDef, opts: GroundTruthOptions): Promise<TableCheck> {
  const schema = opts.schema ?? 'c_main.epicor';
  const maxExamples = opts.examples ?? 3;
  const rule = opts.deletedRecords ?? 'may-remain';
  const check: TableCheck = {
    entity: def.name,
    table: def.table,
    expected: 0,
    actual: 0,
    missing: 0,
    extra: 0,
    duplicates: 0,
    differing: 0,
    lineage: 0,
    deletedRemaining: 0,
    missingColumns: [],
    examples: [],
  };
  const example = (text: string) => {
    const kind = text.split(':')[0];
    if (check.examples.filter((e) => e.startsWith(`${kind}:`)).length < maxExamples) check.examples.push(text);
  };

  const records = opts.source.records(opts.company, def.entitySet);
  const deleted = opts.source.deleted(opts.company, def.entitySet);
  check.expected = records.length;
  const bySysRow = new Map(records.map((r) => [String(r.SysRowID), r]));
  const deletedIds = new Set(deleted.map((d) => String(d.SysRowID)));

  const columns = await tableColumns(opts.query, schema, def.table);
  if (columns.size === 0) {
    check.missing = records.length;
    if (records.length > 0) example(`table: ${def.table} does not exist`);
    return check;
  }
  const present = new Set(records.flatMap((r) => Object.keys(r)));
  const wanted: ExpectedColumn[] = [];
  for (const col of EXPECTED_COLUMNS[def.name] ?? []) {
    if (columns.has(col.column)) wanted.push(col);
    else if (present.has(col.field)) check.missingColumns.push(col.column);
  }
  for (const col of wanted) {
    const type = columns.get(col.column) ?? '';
    if ((col.kind === 'm' || col.kind === 'u') && !type.startsWith('DECIMAL')) {
      example(`type: ${def.table}.${col.column} is ${type}, expected an exact DECIMAL`);
    }
    if (col.kind === 'd' && type !== 'DATE') example(`type: ${def.table}.${col.column} is ${type}, expected DATE`);
  }
  const keyColumn = surrogateKeyColumn(def);
  const refColumns = def.references.map((r) => r.column).filter((c) => columns.has(c));
  const company = sqlText(opts.company);
  const view = def.kind === 'fact' ? `${def.table}_current` : def.table;
  const select = [
    `CAST("${keyColumn}" AS VARCHAR) AS "${keyColumn}"`,
    ...refColumns.map((c) => `CAST("${c}" AS VARCHAR) AS "${c}"`),
    ...wanted.map((c) => `${readBackSql(c.column, c.kind)} AS "${c.column}"`),
    ...LINEAGE.map((c) => `CAST("${c}" AS VARCHAR) AS "${c}"`),
    `CAST(epoch_ms(t."_synced_at") AS VARCHAR) AS "_synced_at"`,
    `CAST(t."_sync_date" AS VARCHAR) AS "_sync_date"`,
    `CAST(CAST(t."_synced_at" AS DATE) AS VARCHAR) AS "_synced_date"`,
    `CAST(epoch_ms(r.started_at) AS VARCHAR) AS "_run_started_at"`,
  ];
  const rows = await opts.query(
    `SELECT ${select.join(', ')} FROM ${schema}.${view} AS t ` +
      `LEFT JOIN ${schema}._ml_connector_runs AS r ON r.sync_id = t._sync_id ` +
      `WHERE t._source_company = ${company}`,
  );
  check.actual = rows.length;

  // Duplicates by record id and by surrogate key.
  const seenIds = new Map<string, Record<string, unknown>>();
  const seenKeys = new Set<string>();
  for (const row of rows) {
    const id = String(row._source_record_id);
    const key = String(row[keyColumn]);
    if (seenIds.has(id) || seenKeys.has(key)) {
      check.duplicates++;
      example(`duplicate: ${view} has more than one row for record ${id} / ${keyColumn} ${key}`);
    }
    seenKeys.add(key);
    if (!seenIds.has(id)) seenIds.set(id, row);
  }

  for (const [id, record] of bySysRow) {
    const row = seenIds.get(id);
    if (!row) {
      check.missing++;
      example(`missing: ${view} lacks ${readableKey(def, record)} (SysRowID ${id}, SysRevID ${record.SysRevID})`);
      continue;
    }
    const diffs = compareRow(def, record, row, wanted, refColumns, opts);
    if (diffs.length > 0) {
      check.differing++;
      example(`differing: ${view} ${readableKey(def, record)}: ${diffs.join('; ')}`);
    }
    const lineage = lineageProblems(def, record, row, opts, false);
    if (lineage.length > 0) {
      check.lineage++;
      example(`lineage: ${view} ${readableKey(def, record)}: ${lineage.join('; ')}`);
    }
  }
  for (const [id, row] of seenIds) {
    if (bySysRow.has(id)) continue;
    if (deletedIds.has(id)) {
      check.deletedRemaining++;
      if (rule === 'may-remain') continue;
      if (rule === 'marked' && def.kind === 'dimension' && row._is_deleted === 'true') continue;
    }
    check.extra++;
    example(`extra: ${view} has record ${id} (${keyColumn} ${row[keyColumn]}) that Epicor does not hold`);
  }
  if (rule === 'marked' && def.kind === 'dimension') {
    for (const id of deletedIds) {
      if (!seenIds.has(id)) continue;
      if (seenIds.get(id)?._is_deleted !== 'true') {
        check.differing++;
        example(`differing: ${def.table} record ${id} was deleted in Epicor but _is_deleted is not true`);
      }
    }
  }

  if (def.kind === 'fact') await checkHistory(def, opts, schema, keyColumn, check, example);
  return check;
}

/** Fact history: no duplicate (key, rev), lineage on every version, each record's versions share one record id. */
async function checkHistory(
  def: EntityDef,
  opts: GroundTruthOptions,
  schema: string,
  keyColumn: string,
  check: TableCheck,
  example: (t: string) => void,
): Promise<void> {
  const company = sqlText(opts.company);
  const dups = await opts.query(
    `SELECT CAST("${keyColumn}" AS VARCHAR) AS k, CAST(_source_rev AS VARCHAR) AS rev, COUNT(*)::INT AS n ` +
      `FROM ${schema}.${def.table} WHERE _source_company = ${company} ` +
      `GROUP BY 1, 2 HAVING COUNT(*) > 1 ORDER BY 1, 2`,
  );
  for (const d of dups) {
    check.duplicates += Number(d.n) - 1;
    example(`duplicate: ${def.table} holds ${d.n} copies of version (${d.k}, ${d.rev})`);
  }
  const [bad] = await opts.query(
    `SELECT COUNT(*)::INT AS n, ANY_VALUE(CAST("${keyColumn}" AS VARCHAR)) AS k FROM ${schema}.${def.table} AS t ` +
      `LEFT JOIN ${schema}._ml_connector_runs AS r ON r.sync_id = t._sync_id ` +
      `WHERE t._source_company = ${company} AND (t._source_system IS DISTINCT FROM 'epicor-kinetic' ` +
      `OR t._source_instance IS DISTINCT FROM ${sqlText(opts.instance)} ` +
      `OR t._source_entity IS DISTINCT FROM ${sqlText(`${def.service}/${def.entitySet}`)} ` +
      `OR t._source_record_id IS NULL OR t._source_rev IS NULL OR t._source_url IS NULL ` +
      `OR r.sync_id IS NULL OR t._synced_at IS DISTINCT FROM r.started_at ` +
      `OR t._sync_date IS DISTINCT FROM CAST(t._synced_at AS DATE) OR t._is_deleted IS NULL)`,
  );
  if (Number(bad.n) > 0) {
    check.lineage += Number(bad.n);
    example(`lineage: ${def.table} has ${bad.n} version rows with a wrong or unset lineage column (e.g. ${bad.k})`);
  }
}

function compareRow(
  def: EntityDef,
  record: Record<string, unknown>,
  row: Record<string, unknown>,
  wanted: ExpectedColumn[],
  refColumns: string[],
  opts: GroundTruthOptions,
): string[] {
  const diffs: string[] = [];
  for (const col of wanted) {
    if (!(col.field in record)) continue;
    let want = expectedText(col.kind, record[col.field]);
    let got = (row[col.column] ?? null) as string | null;
    if (col.kind === 'm' || col.kind === 'u') {
      // The column's scale follows `$metadata` (DECIMAL(20,4), or (38,10) for Scale="Variable"): compare values.
      want = trimZeros(want);
      got = trimZeros(got);
    }
    if (want !== got) diffs.push(`${col.column} is ${show(got)}, Epicor ${col.field} gives ${show(want)}`);
  }
  const keyColumn = surrogateKeyColumn(def);
  const wantKey = surrogateKeyOf(def, record, opts.instance, opts.company);
  if (row[keyColumn] !== wantKey) diffs.push(`${keyColumn} is ${show(row[keyColumn])}, expected ${wantKey}`);
  for (const ref of def.references) {
    if (!refColumns.includes(ref.column)) {
      diffs.push(`reference column ${ref.column} is missing`);
      continue;
    }
    const want = referenceKeyOf(ref, record, opts.instance, opts.company);
    const got = row[ref.column] ?? null;
    if (want !== got) diffs.push(`${ref.column} is ${show(got)}, expected ${show(want)}`);
  }
  return diffs;
}

/** `12.3400` → `12.34`, `5.0000` → `5`; other text unchanged. */
function trimZeros(text: string | null): string | null {
  if (text === null || !/^-?\d+\.\d+$/.test(text)) return text;
  return text.replace(/\.?0+$/, '');
}

function lineageProblems(
  def: EntityDef,
  record: Record<string, unknown>,
  row: Record<string, unknown>,
  opts: GroundTruthOptions,
  deletedExpected: boolean,
): string[] {
  const out: string[] = [];
  const want: Record<string, string | null> = {
    _source_system: 'epicor-kinetic',
    _source_instance: opts.instance,
    _source_company: opts.company,
    _source_entity: `${def.service}/${def.entitySet}`,
    _source_record_id: String(record.SysRowID),
    _source_rev: String(record.SysRevID),
    _is_deleted: String(deletedExpected),
  };
  for (const [col, v] of Object.entries(want)) {
    if (row[col] !== v) out.push(`${col} is ${show(row[col])}, expected ${show(v)}`);
  }
  const url = row._source_url;
  const wantUrl = expectedSourceUrl(def, record, opts);
  if (typeof url !== 'string' || safeDecode(url) !== wantUrl)
    out.push(`_source_url is ${show(url)}, expected ${wantUrl}`);
  if (!row._sync_id) out.push('_sync_id is not set');
  else if (row._run_started_at === null || row._run_started_at === undefined)
    out.push(`_sync_id ${row._sync_id} is not in _ml_connector_runs`);
  if (!row._synced_at) out.push('_synced_at is not set');
  else if (row._synced_at !== row._run_started_at)
    out.push(`_synced_at ${row._synced_at} is not the start of run ${row._sync_id} (${row._run_started_at})`);
  if (!row._sync_date || row._sync_date !== row._synced_date)
    out.push(`_sync_date ${show(row._sync_date)} is not the date of _synced_at (${show(row._synced_date)})`);
  return out;
}

/** `<instance>/api/v2/odata/<company>/<service>/<set>(<key literals>)`, decoded. */
export function expectedSourceUrl(
  def: EntityDef,
  record: Record<string, unknown>,
  opts: { instance: string; company: string },
): string {
  const literals = def.keys.map((k) => {
    const v = record[k];
    return typeof v === 'string' ? `'${v.replaceAll("'", "''")}'` : String(v);
  });
  return `${opts.instance}/api/v2/odata/${opts.company}/${def.service}/${def.entitySet}(${literals.join(',')})`;
}

/** Names of the table's columns → DuckDB type (empty when the table does not exist). */
async function tableColumns(query: Query, schema: string, table: string): Promise<Map<string, string>> {
  const [db, sch] = schema.split('.');
  const rows = await query(
    `SELECT column_name, data_type FROM information_schema.columns WHERE table_catalog = ${sqlText(db)} ` +
      `AND table_schema = ${sqlText(sch)} AND table_name = ${sqlText(table)}`,
  );
  return new Map(rows.map((r) => [String(r.column_name), String(r.data_type)]));
}

/** One line per table with problems (or `ok`), for assertion messages. */
export function formatReport(report: GroundTruthReport): string {
  const lines: string[] = [];
  for (const t of report.tables) {
    const bad =
      t.missing + t.extra + t.duplicates + t.differing + t.lineage + t.missingColumns.length + t.examples.length;
    const head =
      `${t.table}: expected ${t.expected}, actual ${t.actual}, missing ${t.missing}, extra ${t.extra}, ` +
      `duplicates ${t.duplicates}, differing ${t.differing}, lineage ${t.lineage}, deleted remaining ${t.deletedRemaining}` +
      (t.missingColumns.length ? `, missing columns ${t.missingColumns.join(',')}` : '');
    lines.push(bad === 0 ? `${head} — ok` : head);
    for (const e of t.examples) lines.push(`    ${e}`);
  }
  return lines.join('\n');
}

function readableKey(def: EntityDef, record: Record<string, unknown>): string {
  return def.keys.map((k) => `${k}=${String(record[k])}`).join(',');
}

function show(v: unknown): string {
  return v === null || v === undefined ? 'null' : JSON.stringify(v);
}

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

function sqlText(s: string): string {
  return `'${s.replaceAll("'", "''")}'`;
}
