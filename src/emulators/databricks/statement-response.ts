import type { StatementRecord } from './statement-store.ts';

/** Chunking limits for INLINE results. */
export interface ChunkLimits {
  rows: number;
  bytes: number;
}

interface ChunkInfo {
  chunk_index: number;
  row_offset: number;
  row_count: number;
}

/** Splits result rows into chunks by row count and (JSON) size, as Databricks does for INLINE results. */
export function chunksOf(rows: (string | null)[][], limits: ChunkLimits): ChunkInfo[] {
  const out: ChunkInfo[] = [];
  let start = 0;
  let bytes = 0;
  for (let i = 0; i < rows.length; i++) {
    const size = JSON.stringify(rows[i]).length + 1;
    if (i > start && (i - start >= limits.rows || bytes + size > limits.bytes)) {
      out.push({ chunk_index: out.length, row_offset: start, row_count: i - start });
      start = i;
      bytes = 0;
    }
    bytes += size;
  }
  if (rows.length > start) out.push({ chunk_index: out.length, row_offset: start, row_count: rows.length - start });
  return out;
}

/** One result chunk as `GET .../result/chunks/{n}` and the first chunk of a statement response carry it. */
export function chunkBody(rec: StatementRecord, chunks: ChunkInfo[], n: number): Record<string, unknown> {
  const c = chunks[n];
  const body: Record<string, unknown> = { ...c, data_array: rec.rows!.slice(c.row_offset, c.row_offset + c.row_count) };
  if (n + 1 < chunks.length) {
    body.next_chunk_index = n + 1;
    body.next_chunk_internal_link = `/api/2.0/sql/statements/${rec.id}/result/chunks/${n + 1}`;
  }
  return body;
}

/** The statement response body (status, manifest and first chunk when SUCCEEDED). */
export function statementBody(rec: StatementRecord, limits: ChunkLimits): Record<string, unknown> {
  const status: Record<string, unknown> = { state: rec.state };
  if (rec.error) status.error = rec.error;
  if (rec.sqlState && rec.state === 'FAILED') status.sql_state = rec.sqlState;
  const body: Record<string, unknown> = { statement_id: rec.id, status };
  if (rec.state !== 'SUCCEEDED') return body;
  const chunks = chunksOf(rec.rows!, limits);
  body.manifest = {
    format: 'JSON_ARRAY',
    schema: { column_count: rec.columns!.length, columns: rec.columns },
    total_row_count: rec.rows!.length,
    total_chunk_count: chunks.length,
    chunks,
    truncated: rec.truncated ?? false,
  };
  body.result = chunks.length > 0 ? chunkBody(rec, chunks, 0) : {};
  return body;
}
