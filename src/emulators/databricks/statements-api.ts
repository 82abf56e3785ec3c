import type { Clock } from '../../clock.ts';
import { apiError, type Reply } from './http-reply.ts';
import { type ChunkLimits, chunkBody, chunksOf, statementBody } from './statement-response.ts';
import type { StatementRecord, StatementStore } from './statement-store.ts';
import { DEMO } from './token-store.ts';

const TERMINAL = new Set(['SUCCEEDED', 'FAILED', 'CANCELED', 'CLOSED']);
const TYPES =
  /^(STRING|INT|INTEGER|BIGINT|LONG|SMALLINT|TINYINT|BOOLEAN|DATE|TIMESTAMP|TIMESTAMP_NTZ|DOUBLE|FLOAT|DECIMAL(\(\s*\d+\s*(,\s*\d+\s*)?\))?)$/i;

/** Validates a submit body; returns the record fields or a 400/404 reply. */
export function validateSubmit(
  body: Record<string, unknown>,
): { ok: Parameters<StatementStore['submit']>[0]; waitMs: number; cancelOnTimeout: boolean } | Reply {
  const bad = (m: string) => apiError(400, 'INVALID_PARAMETER_VALUE', m);
  if (typeof body.statement !== 'string' || body.statement.trim() === '') return bad('statement is required.');
  if (Buffer.byteLength(body.statement) > 16 * 1048576) return bad('statement exceeds 16 MiB.');
  if (typeof body.warehouse_id !== 'string' || body.warehouse_id === '') return bad('warehouse_id is required.');
  if (body.warehouse_id !== DEMO.warehouseId) {
    return apiError(404, 'RESOURCE_DOES_NOT_EXIST', `SQL warehouse ${body.warehouse_id} does not exist.`);
  }
  const wait = String(body.wait_timeout ?? '10s');
  const m = /^(\d+)s$/.exec(wait);
  const secs = m ? Number(m[1]) : Number.NaN;
  if (!(secs === 0 || (secs >= 5 && secs <= 50)))
    return bad(`wait_timeout must be 0s or between 5s and 50s (got ${wait}).`);
  const onTimeout = String(body.on_wait_timeout ?? 'CONTINUE');
  if (onTimeout !== 'CONTINUE' && onTimeout !== 'CANCEL') return bad(`on_wait_timeout must be CONTINUE or CANCEL.`);
  if ((body.disposition ?? 'INLINE') !== 'INLINE') return bad('The emulator supports only disposition INLINE.');
  if ((body.format ?? 'JSON_ARRAY') !== 'JSON_ARRAY') return bad('INLINE disposition supports only format JSON_ARRAY.');
  const params = body.parameters ?? [];
  if (!Array.isArray(params)) return bad('parameters must be a list.');
  for (const p of params as Record<string, unknown>[]) {
    if (typeof p?.name !== 'string' || p.name === '') return bad('Every parameter needs a name.');
    if (p.type !== undefined && !TYPES.test(String(p.type)))
      return bad(`Unsupported parameter type ${String(p.type)}.`);
    if (p.value !== undefined && p.value !== null && typeof p.value !== 'string')
      return bad('Parameter values must be strings.');
  }
  const int = (v: unknown) => (v === undefined ? undefined : Number(v));
  return {
    ok: {
      statement: body.statement,
      parameters: params as StatementRecord['parameters'],
      catalog: typeof body.catalog === 'string' ? body.catalog : undefined,
      schema: typeof body.schema === 'string' ? body.schema : undefined,
      rowLimit: int(body.row_limit),
      byteLimit: int(body.byte_limit),
    },
    waitMs: secs * 1000,
    cancelOnTimeout: onTimeout === 'CANCEL',
  };
}

/** Waits up to `ms` for a statement to finish (resolves early when it does). */
export async function waitFor(rec: StatementRecord, ms: number, clock: Clock): Promise<void> {
  if (ms <= 0 || TERMINAL.has(rec.state)) return;
  const stop = new AbortController();
  await Promise.race([rec.done, clock.sleep(ms, stop.signal).catch(() => {})]);
  stop.abort();
}

/** GET /api/2.0/sql/statements/{id}[/result/chunks/{n}] and POST .../cancel. */
export function statementRoute(method: string, rest: string[], store: StatementStore, limits: ChunkLimits): Reply {
  const rec = store.get(rest[0]);
  if (!rec) return apiError(404, 'RESOURCE_DOES_NOT_EXIST', `Statement ${rest[0]} does not exist.`);
  if (rest.length === 1 && method === 'GET') return { status: 200, body: statementBody(rec, limits) };
  if (rest.length === 2 && rest[1] === 'cancel' && method === 'POST') {
    store.cancel(rec);
    return { status: 200, body: {} };
  }
  if (rest.length === 4 && rest[1] === 'result' && rest[2] === 'chunks' && method === 'GET') {
    if (rec.state !== 'SUCCEEDED') {
      return apiError(400, 'BAD_REQUEST', `Statement ${rec.id} is in state ${rec.state}; no result is available.`);
    }
    const chunks = chunksOf(rec.rows!, limits);
    const n = Number(rest[3]);
    if (!Number.isInteger(n) || n < 0 || n >= chunks.length) {
      return apiError(400, 'INVALID_PARAMETER_VALUE', `Chunk index ${rest[3]} is out of range.`);
    }
    return { status: 200, body: chunkBody(rec, chunks, n) };
  }
  return apiError(404, 'ENDPOINT_NOT_FOUND', `No API found for ${method} /api/2.0/sql/statements/${rest.join('/')}`);
}
