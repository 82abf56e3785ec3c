/**
 * Assembles one Parquet file (one row group, one data page per column) from filled column buffers.
 *
 * Encodings: values PLAIN; definition levels RLE/bit-packed hybrid (bit width 1); a string column whose values are all
 * the same (lineage such as `_sync_id`) becomes a one-entry dictionary, so it costs a few bytes instead of one copy per
 * row. Pages are uncompressed by default; with GZIP (level 1, config `databricks.stagingCompression: gzip`) zlib runs
 * on libuv's thread pool, beside the JavaScript thread. Measured on the benchmark machine (2 cores shared with both
 * emulators), gzip cut staged bytes ~3.7× but made a 193k-record sync slower both at zero latency and with 100 ms/MB
 * uploads, so it is for slow links only. No statistics are written (staging files are read once, in full).
 */
import { gzip } from 'node:zlib';
import { ByteSink } from './byte-sink.ts';
import type { ColumnBuffer } from './column-buffer.ts';
import type { ColumnElement } from './column-element.ts';
import { ThriftWriter } from './thrift-compact.ts';

export type Codec = 'GZIP' | 'UNCOMPRESSED';

const CODEC_ID: Record<Codec, number> = { UNCOMPRESSED: 0, GZIP: 2 };
const ENCODING = { PLAIN: 0, RLE: 3, RLE_DICTIONARY: 8 } as const;
const PAGE_TYPE = { DATA_PAGE: 0, DICTIONARY_PAGE: 2 } as const;
const REPETITION_OPTIONAL = 1;
const MAGIC = Buffer.from('PAR1', 'latin1');
const CREATED_BY = 'ml-connector';

/**
 * Footer key-value metadata Spark reads to decide how to rebase dates and timestamps (apache/spark DataSourceUtils
 * `datetimeRebaseSpec` / `int96RebaseSpec`): with `org.apache.spark.version` ≥ 3.0.0 and no
 * `org.apache.spark.legacyDateTime` key, a file's DATE/TIMESTAMP values are read as proleptic Gregorian (CORRECTED) —
 * which is what this writer stores (JavaScript dates are proleptic Gregorian). Without the version key, Spark 3.x
 * falls back to `spark.sql.parquet.datetimeRebaseModeInRead`, default EXCEPTION: a date before 1582-10-15 (or a
 * timestamp before 1900) fails the read. `org.apache.spark.legacyINT96` is left out too: no INT96 is written.
 */
export const WRITER_METADATA: readonly (readonly [string, string])[] = [['org.apache.spark.version', '3.5.0']];

function compress(codec: Codec, data: Buffer): Promise<Buffer> {
  if (codec === 'UNCOMPRESSED') return Promise.resolve(data);
  return new Promise((resolve, reject) => {
    gzip(data, { level: 1 }, (err, out) => (err ? reject(err) : resolve(out)));
  });
}

/** Definition levels of a part as the hybrid encoding, prefixed with their 4-byte length (data page v1). */
function writeDefinitionLevels(out: ByteSink, defs: Buffer, rows: number, nonNull: number): void {
  const start = out.len;
  out.ensure(4);
  out.len += 4;
  if (nonNull === rows || nonNull === 0) {
    out.varint(rows * 2); // one RLE run
    out.byte(nonNull === 0 ? 0 : 1);
  } else {
    const groups = Math.ceil(rows / 8);
    out.varint(groups * 2 + 1); // one bit-packed run of `groups` × 8 values (the padding is ignored by readers)
    out.ensure(groups);
    for (let g = 0; g < groups; g++) {
      let b = 0;
      const base = g * 8;
      const end = Math.min(8, rows - base);
      for (let k = 0; k < end; k++) b |= defs[base + k] << k;
      out.buf[out.len++] = b;
    }
  }
  out.view.setUint32(start, out.len - start - 4, true);
}

/** Chunks smaller than this stay uncompressed: a few bytes saved are not worth a trip to the thread pool. */
const MIN_COMPRESSED_CHUNK = 8 * 1024;

interface ChunkPages {
  codec: Codec;
  dictionary?: { header: Buffer; body: Buffer };
  /** The data page body in pieces (levels, then the column's values as a view: copied once, into the file). */
  data: { header: Buffer; body: Buffer[] };
  uncompressedSize: number;
  encodings: number[];
}

function pageHeader(type: number, rawSize: number, compressedSize: number, body: (w: ThriftWriter) => void): Buffer {
  const w = new ThriftWriter();
  w.structBody((s) => {
    s.i32(1, type).i32(2, rawSize).i32(3, compressedSize);
    body(s);
  });
  return Buffer.from(w.bytes());
}

async function encodeChunk(column: ColumnBuffer, partCodec: Codec): Promise<ChunkPages> {
  const rows = column.rows;
  const constant = column.constantValue();
  const head = new ByteSink(column.defs.len / 8 + 64);
  writeDefinitionLevels(head, column.defs.bytes(), rows, column.nonNull);
  let dictionaryRaw: Buffer | undefined;
  let dataPieces: Buffer[];
  if (constant !== undefined) {
    const dict = new ByteSink(constant.length * 3 + 8);
    dict.lengthPrefixedUtf8(constant);
    dictionaryRaw = dict.bytes();
    head.byte(1); // bit width of the indices
    head.varint(column.nonNull * 2); // one RLE run of index 0
    head.byte(0);
    dataPieces = [head.bytes()];
  } else {
    dataPieces = [head.bytes(), column.values.bytes()];
  }
  const rawSize = dataPieces.reduce((n, b) => n + b.length, 0);
  const codec: Codec = rawSize + (dictionaryRaw?.length ?? 0) < MIN_COMPRESSED_CHUNK ? 'UNCOMPRESSED' : partCodec;
  let dictBody = dictionaryRaw;
  if (codec !== 'UNCOMPRESSED') {
    const [data, dict] = await Promise.all([
      compress(codec, Buffer.concat(dataPieces, rawSize)),
      dictionaryRaw ? compress(codec, dictionaryRaw) : undefined,
    ]);
    dataPieces = [data];
    dictBody = dict;
  }
  const bodySize = dataPieces.reduce((n, b) => n + b.length, 0);
  const encoding = constant !== undefined ? ENCODING.RLE_DICTIONARY : ENCODING.PLAIN;
  const dataHeader = pageHeader(PAGE_TYPE.DATA_PAGE, rawSize, bodySize, (w) =>
    w.struct(5, (d) => d.i32(1, rows).i32(2, encoding).i32(3, ENCODING.RLE).i32(4, ENCODING.RLE)),
  );
  const pages: ChunkPages = {
    codec,
    data: { header: dataHeader, body: dataPieces },
    uncompressedSize: dataHeader.length + rawSize,
    encodings:
      constant !== undefined ? [ENCODING.PLAIN, ENCODING.RLE, ENCODING.RLE_DICTIONARY] : [ENCODING.PLAIN, ENCODING.RLE],
  };
  if (dictionaryRaw && dictBody) {
    const header = pageHeader(PAGE_TYPE.DICTIONARY_PAGE, dictionaryRaw.length, dictBody.length, (w) =>
      w.struct(7, (d) => d.i32(1, 1).i32(2, ENCODING.PLAIN)),
    );
    pages.dictionary = { header, body: dictBody };
    pages.uncompressedSize += header.length + dictionaryRaw.length;
  }
  return pages;
}

function writeSchemaElement(w: ThriftWriter, e: ColumnElement): void {
  w.i32(1, e.physical);
  if (e.typeLength !== undefined) w.i32(2, e.typeLength);
  w.i32(3, REPETITION_OPTIONAL);
  w.binary(4, e.name);
  if (e.converted !== undefined) w.i32(6, e.converted);
  if (e.scale !== undefined) w.i32(7, e.scale);
  if (e.precision !== undefined) w.i32(8, e.precision);
  const l = e.logical;
  if (l === undefined) return;
  w.struct(10, (lt) => {
    switch (l.kind) {
      case 'STRING':
        lt.struct(1, () => {});
        break;
      case 'DECIMAL':
        lt.struct(5, (d) => d.i32(1, l.scale).i32(2, l.precision));
        break;
      case 'DATE':
        lt.struct(6, () => {});
        break;
      case 'TIMESTAMP_MICROS_UTC':
        lt.struct(8, (t) => t.bool(1, true).struct(2, (u) => u.struct(2, () => {})));
        break;
    }
  });
}

/** Encodes the buffered rows of every column as one Parquet file. All columns must hold the same number of rows. */
export async function encodeParquetFile(
  columns: readonly ColumnBuffer[],
  codec: Codec = 'UNCOMPRESSED',
): Promise<Buffer> {
  const rows = columns[0]?.rows ?? 0;
  for (const c of columns) {
    if (c.rows !== rows) throw new Error(`column ${c.name} holds ${c.rows} rows, expected ${rows}`);
  }
  const chunks = await Promise.all(columns.map((c) => encodeChunk(c, codec)));
  const pieces: Buffer[] = [MAGIC];
  let offset = MAGIC.length;
  const meta: {
    column: ColumnBuffer;
    dictOffset?: number;
    dataOffset: number;
    compressed: number;
    pages: ChunkPages;
  }[] = [];
  for (let i = 0; i < chunks.length; i++) {
    const pages = chunks[i];
    const start = offset;
    let dictOffset: number | undefined;
    if (pages.dictionary) {
      dictOffset = offset;
      pieces.push(pages.dictionary.header, pages.dictionary.body);
      offset += pages.dictionary.header.length + pages.dictionary.body.length;
    }
    const dataOffset = offset;
    pieces.push(pages.data.header, ...pages.data.body);
    offset += pages.data.header.length;
    for (const b of pages.data.body) offset += b.length;
    meta.push({ column: columns[i], dictOffset, dataOffset, compressed: offset - start, pages });
  }
  const totalBytes = meta.reduce((a, m) => a + m.pages.uncompressedSize, 0);
  const footer = new ThriftWriter();
  footer.structBody((f) => {
    f.i32(1, 1);
    f.list(2, 'struct', [undefined, ...columns], (w, c) => {
      if (c === undefined) {
        w.binary(4, 'spark_schema');
        w.i32(5, columns.length);
      } else writeSchemaElement(w, c.element);
    });
    f.i64(3, rows);
    f.list(4, 'struct', [0], (rg) => {
      rg.list(1, 'struct', meta, (cc, m) => {
        const c = m.column;
        cc.i64(2, m.dictOffset ?? m.dataOffset);
        cc.struct(3, (md) => {
          md.i32(1, c.element.physical);
          md.list(2, 'i32', m.pages.encodings, (w, e) => w.listI32(e));
          md.list(3, 'binary', [c.name], (w, n) => w.listBinary(n));
          md.i32(4, CODEC_ID[m.pages.codec]);
          md.i64(5, rows);
          md.i64(6, m.pages.uncompressedSize);
          md.i64(7, m.compressed);
          md.i64(9, m.dataOffset);
          if (m.dictOffset !== undefined) md.i64(11, m.dictOffset);
        });
      });
      rg.i64(2, totalBytes);
      rg.i64(3, rows);
    });
    f.list(5, 'struct', WRITER_METADATA, (kv, [key, value]) => {
      kv.binary(1, key);
      kv.binary(2, value);
    });
    f.binary(6, CREATED_BY);
  });
  const footerBytes = footer.bytes();
  const tail = Buffer.allocUnsafe(4);
  tail.writeUInt32LE(footerBytes.length, 0);
  pieces.push(footerBytes, tail, MAGIC);
  return Buffer.concat(pieces);
}
