/**
 * Worker thread of one entity load: maps each page's records (mapping/record-mapper.ts) and encodes them into
 * Parquet parts (the same PartWriter as the thread's own path), handing every finished part back to the sync loop,
 * which uploads it. A part waits for `part-taken` before the next one starts: at most one part is in transit, so
 * memory stays bounded by one part plus the pages queued (the loop keeps at most two pages outstanding).
 */
import { parentPort, workerData } from 'node:worker_threads';
import { PartWriter } from '../../destination/databricks/parquet/part-writer.ts';
import { createRecordMapper } from '../../mapping/record-mapper.ts';
import { revisionOf } from '../revision.ts';
import type { FromWorker, ToWorker, WorkerBadRecord, WorkerSetup } from './protocol.ts';

const port = parentPort;
if (!port) throw new Error('map-write-worker.ts runs as a worker thread');
const setup = workerData as WorkerSetup;
const map = createRecordMapper(setup.entity, setup.schema, setup.context);
let taken: (() => void) | undefined;
const send = (m: FromWorker, transfer: ArrayBuffer[] = []) => port.postMessage(m, transfer);
const writer = new PartWriter({
  columns: setup.schema.columns,
  codec: setup.codec,
  maxRows: setup.partRows,
  maxBytes: setup.partBytes,
  onPart: (part) =>
    new Promise<void>((resolve) => {
      taken = resolve;
      // A copy only when the bytes are a view into a larger buffer (transfer hands over the whole ArrayBuffer).
      const whole = part.bytes.byteOffset === 0 && part.bytes.byteLength === part.bytes.buffer.byteLength;
      const bytes = whole ? part.bytes : part.bytes.slice();
      send({ type: 'part', index: part.index, rows: part.rows, bytes }, [bytes.buffer as ArrayBuffer]);
    }),
});

// Messages are handled one after another: a page is fully written before the next one (or `finish`) starts.
let queue = Promise.resolve();
port.on('message', (m: ToWorker) => {
  if (m.type === 'part-taken') {
    const t = taken;
    taken = undefined;
    t?.();
    return;
  }
  queue = queue
    .then(() => handle(m))
    .catch((e: unknown) => {
      const err = e as { message?: string; code?: string };
      send({ type: 'failed', message: err?.message ?? String(e), code: err?.code });
    });
});

async function handle(m: Exclude<ToWorker, { type: 'part-taken' }>): Promise<void> {
  if (m.type === 'finish') {
    await writer.finish();
    send({ type: 'finished' });
    return;
  }
  let rows = 0;
  const bad: WorkerBadRecord[] = [];
  for (const raw of m.records) {
    const r = map(raw);
    if (r.ok) {
      rows++;
      const wait = writer.writeValues(r.values);
      if (wait) await wait;
      continue;
    }
    const rev = revisionOf(raw.SysRevID);
    bad.push({ key: r.key, reason: r.reason, rev: rev === null ? null : String(rev) });
  }
  send({ type: 'page-done', rows, bad });
}
