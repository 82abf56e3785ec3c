/**
 * Parquet writers and staging compression, side by side on the same mapped wide rows (strict-iis emulator, real
 * widths): our encoder (uncompressed, gzip) vs DuckDB fed column-wise data chunks and writing with
 * `COPY … (FORMAT parquet, COMPRESSION …)` (uncompressed, snappy, gzip, zstd). For each: CPU per record (all
 * threads of this process; DuckDB limited to one thread, as one core is what a writer gets on 2 cores), file bytes
 * per record, and the time per record at a 50 Mbit/s uplink (a plant's link to the cloud): encode + upload.
 * `node --import tsx bench/parquet-writers.ts [scale]`; `runParquetWriters` is also called by `npm run bench`.
 */
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBDataChunkWriter, DuckDBInstance, JSToDuckDBValueConverter } from '@duckdb/node-api';
import type { Codec } from '../src/destination/databricks/parquet/parquet-file.ts';
import { PartWriter } from '../src/destination/databricks/parquet/part-writer.ts';
import { createEpicorEmulator } from '../src/emulators/epicor/index.ts';
import { buildTargetSchema } from '../src/mapping/build-target-schema.ts';
import { createRecordMapper } from '../src/mapping/record-mapper.ts';
import type { RowValue, TargetColumn } from '../src/mapping/target-schema.ts';
import { entityByName } from '../src/source/epicor/catalog.ts';
import { createEpicorConnection } from '../src/source/epicor/create-epicor-client.ts';
import { extractEntity } from '../src/source/epicor/extract-entity.ts';

/** Uplink of the model: 50 Mbit/s. */
export const UPLINK_BYTES_PER_S = 50e6 / 8;
/** Wide entities of different shapes: lines (284–506 fields). */
const ENTITY_NAMES = ['gl_journal_lines', 'ap_invoice_lines', 'vendors'];

export interface WriterResult {
  writer: string;
  records: number;
  cpuMs: number;
  bytes: number;
  /** Encode CPU + upload at the uplink, per record (µs). */
  usPerRecordAtUplink: number;
}

interface Batch {
  columns: readonly TargetColumn[];
  rows: RowValue[][];
}

/** Reads and maps the wide entities once; resolves their rows in schema column order. */
async function mappedRows(scale: number): Promise<Batch[]> {
  const emu = createEpicorEmulator({ seed: 1, scale, profile: 'strict-iis' });
  const base = await emu.listen();
  const { client, close } = createEpicorConnection({
    baseUrl: base,
    companies: ['EPIC06'],
    apiKey: 'demo-api-key',
    auth: { type: 'basic', username: 'manager', password: 'manager' },
    pageSize: 200,
    concurrency: 4,
    timeoutSeconds: 30,
  } as Parameters<typeof createEpicorConnection>[0]);
  const out: Batch[] = [];
  try {
    for (const name of ENTITY_NAMES) {
      const entity = entityByName(name);
      if (!entity) throw new Error(`no entity ${name}`);
      const fields = await client.fields('EPIC06', entity);
      const { schema } = buildTargetSchema(entity, fields);
      const map = createRecordMapper(entity, schema, {
        instance: base,
        company: 'EPIC06',
        syncId: 'bench',
        syncedAt: new Date(),
      });
      const rows: RowValue[][] = [];
      for await (const p of extractEntity({
        client,
        entity,
        company: 'EPIC06',
        fields,
        watermark: null,
        pageSize: 200,
        parallelRanges: 4,
      })) {
        for (const r of p.records) {
          const m = map(r);
          if (m.ok) rows.push([...m.values]);
        }
      }
      out.push({ columns: schema.columns, rows });
    }
  } finally {
    await close();
    await emu.close();
  }
  return out;
}

function cpuMsSince(c0: NodeJS.CpuUsage): number {
  const c = process.cpuUsage(c0);
  return (c.user + c.system) / 1000;
}

async function ours(batches: Batch[], codec: Codec): Promise<{ cpuMs: number; bytes: number }> {
  let bytes = 0;
  const c0 = process.cpuUsage();
  for (const b of batches) {
    const w = new PartWriter({
      columns: b.columns,
      codec,
      onPart: async (p) => {
        bytes += p.bytes.length;
      },
    });
    for (const row of b.rows) {
      const wait = w.writeValues(row);
      if (wait) await wait;
    }
    await w.finish();
  }
  return { cpuMs: cpuMsSince(c0), bytes };
}

/** DuckDB's type for a staging column, and the cast that gives the target type in the COPY. */
function duck(c: TargetColumn, sample: RowValue | undefined): { stage: string; select: string } {
  const q = `"${c.name}"`;
  const target =
    c.type === 'STRING' ? 'VARCHAR' : c.type === 'INT' ? 'INTEGER' : c.type === 'TIMESTAMP' ? 'TIMESTAMPTZ' : c.type;
  // Values the mapper hands over as text (decimals, dates in text) are staged as VARCHAR and cast by DuckDB.
  if (typeof sample === 'string' && target !== 'VARCHAR')
    return { stage: 'VARCHAR', select: `CAST(${q} AS ${target}) AS ${q}` };
  if (c.type === 'TIMESTAMP') return { stage: 'TIMESTAMP', select: `CAST(${q} AS TIMESTAMPTZ) AS ${q}` };
  return { stage: target, select: q };
}

async function viaDuckDb(
  batches: Batch[],
  compression: string,
  dir: string,
): Promise<{ cpuMs: number; bytes: number }> {
  const instance = await DuckDBInstance.create(':memory:', { threads: '1' });
  const con = await instance.connect();
  let bytes = 0;
  const c0 = process.cpuUsage();
  try {
    for (const [i, b] of batches.entries()) {
      const sample = (k: number) => b.rows.find((r) => r[k] !== null)?.[k] ?? undefined;
      const cols = b.columns.map((c, k) => duck(c, sample(k)));
      const table = `t${i}`;
      await con.run(`CREATE TABLE ${table} (${b.columns.map((c, k) => `"${c.name}" ${cols[k].stage}`).join(', ')})`);
      // Parts the size our writer makes (5,000 rows), each appended as data chunks and written as one file.
      for (let at = 0, part = 0; at < b.rows.length; at += 5000, part++) {
        const appender = await con.createAppender(table);
        const writer = DuckDBDataChunkWriter.forAppender(appender, { converter: JSToDuckDBValueConverter });
        for (const row of b.rows.slice(at, at + 5000)) writer.appendRow(row as never);
        writer.flush();
        appender.closeSync();
        const file = join(dir, `${table}-${part}-${compression}.parquet`);
        await con.run(
          `COPY (SELECT ${cols.map((c) => c.select).join(', ')} FROM ${table}) TO '${file}' (FORMAT parquet, COMPRESSION ${compression})`,
        );
        bytes += (await stat(file)).size;
        await con.run(`DELETE FROM ${table}`);
      }
    }
    return { cpuMs: cpuMsSince(c0), bytes };
  } finally {
    con.closeSync();
    instance.closeSync();
  }
}

/** Every writer on the same rows; best (least time per record at the uplink) first is not implied: input order. */
export async function runParquetWriters(scale: number, log: (line: string) => void): Promise<WriterResult[]> {
  const batches = await mappedRows(scale);
  const records = batches.reduce((a, b) => a + b.rows.length, 0);
  const fields = batches.reduce((a, b) => a + b.rows.length * b.columns.length, 0) / records;
  log(
    `  ${records} records of ${batches.map((b) => `${b.columns.length}`).join('/')} columns (${fields.toFixed(0)} on average)`,
  );
  const dir = await mkdtemp(join(tmpdir(), 'ml-connector-parquet-'));
  const out: WriterResult[] = [];
  const add = (writer: string, r: { cpuMs: number; bytes: number }) => {
    const us = (r.cpuMs * 1000 + (r.bytes / UPLINK_BYTES_PER_S) * 1e6) / records;
    out.push({ writer, records, ...r, usPerRecordAtUplink: us });
  };
  try {
    add('ours, uncompressed', await ours(batches, 'UNCOMPRESSED'));
    add('ours, gzip (level 1)', await ours(batches, 'GZIP'));
    for (const c of ['uncompressed', 'snappy', 'gzip', 'zstd'])
      add(`DuckDB COPY, ${c}`, await viaDuckDb(batches, c, dir));
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
  return out;
}

/** The printed table. */
export function formatWriters(rows: WriterResult[]): string {
  const head =
    'writer                    CPU µs/record  bytes/record  upload µs/record @50 Mbit/s  encode+upload µs/record';
  const lines = rows.map((r) => {
    const upload = (r.bytes / UPLINK_BYTES_PER_S / r.records) * 1e6;
    return `${r.writer.padEnd(26)}${((r.cpuMs * 1000) / r.records).toFixed(1).padStart(13)}${Math.round(
      r.bytes / r.records,
    )
      .toString()
      .padStart(14)}${upload.toFixed(1).padStart(29)}${r.usPerRecordAtUplink.toFixed(1).padStart(25)}`;
  });
  return [head, ...lines].join('\n');
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const rows = await runParquetWriters(Number(process.argv[2] ?? 1), (l) => process.stdout.write(`${l}\n`));
  process.stdout.write(`${formatWriters(rows)}\n`);
}
