/**
 * Output of `sql`: an aligned table capped for the terminal, or every row as JSON (typed values) or CSV, written in
 * batches that wait for the stream to drain so a large result does not pile up in memory twice.
 */
import { once } from 'node:events';
import type { StatementColumn } from '../destination/databricks/client/statement-client.ts';
import { formatTable } from './format-table.ts';

export type SqlOutputFormat = 'table' | 'json' | 'csv';

export interface SqlResultView {
  columns: readonly StatementColumn[];
  rows: readonly (readonly (string | null)[])[];
}

/** Rows shown in table form unless `--max-rows` says otherwise. */
export const DEFAULT_TABLE_ROWS = 1000;

/** Writes a statement result in the chosen format; table form shows at most `maxRows` rows and says so. */
export async function writeSqlResult(
  result: SqlResultView,
  format: SqlOutputFormat,
  out: NodeJS.WritableStream,
  maxRows = DEFAULT_TABLE_ROWS,
): Promise<void> {
  const sink = new BatchedWriter(out);
  if (format === 'json') await writeJson(result, sink);
  else if (format === 'csv') await writeCsv(result, sink);
  else {
    const names = result.columns.map((c) => c.name);
    const shown = result.rows.length > maxRows ? result.rows.slice(0, maxRows) : result.rows;
    await sink.write(`${formatTable(names, shown)}\n`);
    const n = result.rows.length;
    await sink.write(
      n > shown.length
        ? `(${n} rows; the first ${shown.length} shown — use --json or --csv for all of them, or --max-rows N)\n`
        : `(${n} ${n === 1 ? 'row' : 'rows'})\n`,
    );
  }
  await sink.flush();
}

async function writeJson(result: SqlResultView, sink: BatchedWriter): Promise<void> {
  const keys = result.columns.map((c) => JSON.stringify(c.name));
  const encoders = result.columns.map((c) => jsonEncoderFor(c.typeName));
  const { rows } = result;
  await sink.write(rows.length === 0 ? '[' : '[\n');
  for (let r = 0; r < rows.length; r++) {
    const row = rows[r];
    let line = '  {';
    for (let i = 0; i < keys.length; i++) line += `${i ? ', ' : ''}${keys[i]}: ${encoders[i](row[i] ?? null)}`;
    await sink.write(`${line}}${r < rows.length - 1 ? ',' : ''}\n`);
  }
  await sink.write(']\n');
}

async function writeCsv(result: SqlResultView, sink: BatchedWriter): Promise<void> {
  await sink.write(`${result.columns.map((c) => csvField(c.name)).join(',')}\r\n`);
  for (const row of result.rows) {
    let line = '';
    for (let i = 0; i < result.columns.length; i++) line += `${i ? ',' : ''}${csvField(row[i] ?? null)}`;
    await sink.write(`${line}\r\n`);
  }
}

/** RFC 4180: quoted when it holds a comma, quote or line break; NULL is an empty field. */
function csvField(v: string | null): string {
  if (v === null) return '';
  return /[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
}

const JSON_NUMBER = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?$/;

/**
 * How a value the Statement API sends as text becomes JSON, by the column's type from the result manifest:
 * integers and decimals keep their exact digits as JSON numbers (no rounding through a double, even past 2^53),
 * floats become numbers (NaN/Infinity stay strings, JSON has no such numbers), booleans booleans, ARRAY/MAP/STRUCT
 * (sent as JSON text) nested JSON, everything else a string. NULL is null.
 */
export function jsonEncoderFor(typeName: string): (v: string | null) => string {
  const base = /^[A-Za-z_]+/.exec(typeName.trim())?.[0]?.toUpperCase() ?? 'STRING';
  switch (base) {
    case 'TINYINT':
    case 'BYTE':
    case 'SMALLINT':
    case 'SHORT':
    case 'INT':
    case 'INTEGER':
    case 'BIGINT':
    case 'LONG':
    case 'DECIMAL':
    case 'DEC':
    case 'NUMERIC':
    case 'FLOAT':
    case 'REAL':
    case 'DOUBLE':
      return (v) => (v === null ? 'null' : JSON_NUMBER.test(v) ? v : JSON.stringify(v));
    case 'BOOLEAN':
      return (v) => (v === null ? 'null' : v === 'true' || v === 'false' ? v : JSON.stringify(v));
    case 'ARRAY':
    case 'MAP':
    case 'STRUCT':
      return (v) => (v === null ? 'null' : nestedJson(v));
    default:
      return (v) => (v === null ? 'null' : JSON.stringify(v));
  }
}

function nestedJson(v: string): string {
  try {
    return JSON.stringify(JSON.parse(v));
  } catch {
    return JSON.stringify(v);
  }
}

/** Collects small writes into ~64 KiB pieces and waits for `drain`; stops quietly when the reader goes away (EPIPE). */
class BatchedWriter {
  private buffer = '';
  private closed = false;
  private failure: Error | undefined;

  constructor(private readonly out: NodeJS.WritableStream) {
    out.on('error', (e: NodeJS.ErrnoException) => {
      if (e.code === 'EPIPE') this.closed = true;
      else this.failure = e;
    });
  }

  async write(text: string): Promise<void> {
    this.buffer += text;
    if (this.buffer.length >= 65_536) await this.flush();
  }

  async flush(): Promise<void> {
    if (this.failure) throw this.failure;
    if (this.closed || this.buffer === '') return;
    const piece = this.buffer;
    this.buffer = '';
    if (this.out.write(piece)) return;
    try {
      await Promise.race([once(this.out, 'drain'), once(this.out, 'close')]);
    } catch (e) {
      // `once` rejects on the stream's error event; a reader that went away (`sql … | head`) is not a failure.
      if ((e as NodeJS.ErrnoException).code === 'EPIPE') this.closed = true;
      else throw e;
    }
  }
}
