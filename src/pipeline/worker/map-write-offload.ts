/**
 * The sync loop's side of a map-and-encode worker (map-write-worker.ts): pages are posted in order, parts come back
 * in order and are staged through the entity load (uploads and the MERGE stay on this thread, with the load's
 * semantics: commit, abort, retries). At most two pages are outstanding, so a slow worker holds the reader back
 * instead of letting pages pile up. Mapping outcomes (rows, bad records) arrive per page and are summed by `finish`.
 */
import { Worker } from 'node:worker_threads';
import type { Part } from '../../destination/databricks/parquet/part-writer.ts';
import { ConnectorError, type ErrorCode } from '../../errors.ts';
import type { FromWorker, ToWorker, WorkerBadRecord, WorkerSetup } from './protocol.ts';

/** Pages posted but not yet mapped, at most. */
const MAX_OUTSTANDING = 2;

export interface MapWriteOffload {
  /** Posts a page; resolves once fewer than two pages are outstanding (backpressure). */
  page(records: Record<string, unknown>[]): Promise<void>;
  /** Waits for every page and the last part; resolves the mapped row count and the refused records. */
  finish(): Promise<{ rows: number; bad: WorkerBadRecord[] }>;
  /** Stops the worker (after `finish`, or to abandon the load). */
  close(): Promise<void>;
}

/** The worker's file: `.ts` under tsx (tests, dev), `.js` beside the bundle in dist/. */
function workerUrl(): URL {
  const ext = import.meta.url.endsWith('.ts') ? 'ts' : 'js';
  return new URL(`./map-write-worker.${ext}`, import.meta.url);
}

/** Starts one worker for one entity load; `stagePart` hands each part to the load (awaited: upload backpressure). */
export function openMapWriteOffload(setup: WorkerSetup, stagePart: (part: Part) => Promise<void>): MapWriteOffload {
  const url = workerUrl();
  // From TypeScript sources (tests, dev) the worker registers tsx's loader first: on Node 20 neither `--import tsx`
  // nor vitest's transform reaches a worker thread's own imports.
  const worker = url.pathname.endsWith('.ts')
    ? new Worker(`import('tsx/esm/api').then((m) => { m.register(); return import(${JSON.stringify(url.href)}); })`, {
        eval: true,
        workerData: setup,
      })
    : new Worker(url, { workerData: setup });
  const post = (m: ToWorker) => worker.postMessage(m);
  let outstanding = 0;
  let rows = 0;
  const bad: WorkerBadRecord[] = [];
  let failure: Error | undefined;
  let wake: (() => void) | undefined;
  let finished: (() => void) | undefined;
  // Parts are staged one after another, in the order they were made.
  let staging = Promise.resolve();
  const fail = (e: Error) => {
    failure ??= e;
    wake?.();
    finished?.();
  };
  worker.on('message', (m: FromWorker) => {
    if (m.type === 'part') {
      const part: Part = { index: m.index, rows: m.rows, bytes: m.bytes };
      staging = staging
        .then(() => stagePart(part))
        .then(
          () => post({ type: 'part-taken' }),
          (e: unknown) => fail(e instanceof Error ? e : new Error(String(e))),
        );
    } else if (m.type === 'page-done') {
      outstanding--;
      rows += m.rows;
      bad.push(...m.bad);
      const w = wake;
      wake = undefined;
      w?.();
    } else if (m.type === 'finished') {
      staging.then(() => finished?.());
    } else {
      fail(new ConnectorError((m.code ?? 'INTERNAL') as ErrorCode, m.message));
    }
  });
  worker.on('error', (e) => fail(e));
  worker.on('exit', (code) => {
    if (code !== 0) fail(new ConnectorError('INTERNAL', `the map-and-encode worker stopped with exit code ${code}`));
  });
  const check = () => {
    if (failure) throw failure;
  };
  return {
    async page(records) {
      check();
      outstanding++;
      post({ type: 'page', records });
      while (outstanding >= MAX_OUTSTANDING && !failure) {
        await new Promise<void>((r) => {
          wake = r;
        });
      }
      check();
    },
    async finish() {
      check();
      const done = new Promise<void>((r) => {
        finished = r;
      });
      post({ type: 'finish' });
      await done;
      await staging;
      check();
      return { rows, bad };
    },
    async close() {
      await worker.terminate();
    },
  };
}
