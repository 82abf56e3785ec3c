import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { afterEach, describe, expect, it } from 'vitest';
import type { TargetColumn } from '../../mapping/target-schema.ts';
import { createDatabricksClient, type DatabricksClient } from './client/databricks-client.ts';
import { FakeWorkspace, type SeenRequest, SteppingClock } from './client/testing/fake-workspace.ts';
import { PartWriter } from './parquet/part-writer.ts';
import { StagingArea } from './staging.ts';

const columns: TargetColumn[] = [
  { name: 'id', type: 'BIGINT', role: 'key' },
  { name: 'amount', type: 'DECIMAL(12,2)', role: 'data' },
];

let fake: FakeWorkspace | undefined;
let client: DatabricksClient | undefined;
afterEach(async () => {
  await client?.close();
  await fake?.close();
});

async function start(route: (req: SeenRequest) => Promise<{ status: number; body?: unknown } | undefined>) {
  const clock = new SteppingClock();
  fake = await FakeWorkspace.start({ clock, pat: 'dapi-test', route });
  client = createDatabricksClient(
    {
      host: fake.url,
      warehouseId: 'w',
      catalog: 'main',
      schema: 'epicor',
      volume: 'stg',
      auth: { type: 'pat', token: 'dapi-test' },
      layout: 'cluster',
      stagingCompression: 'none',
    },
    { clock },
  );
  return client;
}

describe('staging uploads', () => {
  it('uploads parts while rows are still being written, never more than 2 at once, with backpressure', async () => {
    let inFlight = 0;
    let maxInFlight = 0;
    const held: (() => void)[] = [];
    const uploaded = new Map<string, Buffer>();
    const c = await start(async (req) => {
      if (req.method === 'PUT' && req.rawPath.startsWith('/api/2.0/fs/files/')) {
        inFlight++;
        maxInFlight = Math.max(maxInFlight, inFlight);
        await new Promise<void>((r) => held.push(r));
        inFlight--;
        uploaded.set(decodeURIComponent(req.rawPath.slice('/api/2.0/fs/files'.length)), req.body);
        return { status: 200 };
      }
      if (req.method === 'PUT' && req.rawPath.startsWith('/api/2.0/fs/directories/')) return { status: 200 };
      return undefined;
    });
    const stager = new StagingArea(c, { catalog: 'main', schema: 'epicor' }, 'stg').entity('sync-1', 'vendors');
    let handed = 0;
    const writer = new PartWriter({
      columns,
      maxRows: 10,
      onPart: (p) => {
        handed++;
        return stager.stage(p);
      },
    });

    // 20 rows = 2 parts: both uploads start while the writer is still accepting rows.
    for (let i = 0; i < 20; i++) await writer.write({ id: BigInt(i), amount: `${i}.25` });
    await waitFor(() => held.length === 2);
    // The third part must wait for a free slot: write() does not resolve.
    let third = false;
    const pending = (async () => {
      for (let i = 20; i < 30; i++) await writer.write({ id: BigInt(i), amount: '1.00' });
      third = true;
    })();
    // Once the third part is handed over, a stage() that did not hold it would let write() resolve within this turn.
    await waitFor(() => handed === 3);
    await new Promise((r) => setImmediate(r));
    expect(third).toBe(false);
    expect(held.length).toBe(2);
    expect(maxInFlight).toBe(2);
    held.shift()?.();
    await pending;
    expect(third).toBe(true);
    const finishing = (async () => {
      await writer.finish();
      await stager.drain();
    })();
    while (uploaded.size < 3) {
      held.shift()?.();
      await new Promise((r) => setTimeout(r, 5));
    }
    await finishing;
    expect(maxInFlight).toBe(2);
    expect([...uploaded.keys()].sort()).toEqual([
      '/Volumes/main/epicor/stg/sync-1/vendors/part-00000.parquet',
      '/Volumes/main/epicor/stg/sync-1/vendors/part-00001.parquet',
      '/Volumes/main/epicor/stg/sync-1/vendors/part-00002.parquet',
    ]);
    // What went over the wire is readable Parquet with all 30 rows.
    const dir = mkdtempSync(join(tmpdir(), 'staging-'));
    try {
      const files = [...uploaded.values()].map((b, i) => {
        const f = join(dir, `${i}.parquet`);
        writeFileSync(f, b);
        return `'${f}'`;
      });
      const duck = await DuckDBInstance.create(':memory:', {
        autoinstall_known_extensions: 'false',
        autoload_known_extensions: 'false',
      });
      const conn = await duck.connect();
      const r = await conn.runAndReadAll(
        `SELECT count(*)::INT AS n, CAST(sum(amount) AS VARCHAR) AS s FROM read_parquet([${files}])`,
      );
      expect(r.getRowObjectsJS()[0]).toEqual({ n: 30, s: '205.00' });
      conn.closeSync();
      duck.closeSync();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('removes orphaned run folders but not the current one', async () => {
    const deleted: string[] = [];
    const c = await start(async (req) => {
      const path = decodeURIComponent(req.rawPath);
      if (req.method === 'GET' && path === '/api/2.0/fs/directories/Volumes/main/epicor/stg') {
        return {
          status: 200,
          body: {
            contents: [
              { path: '/Volumes/main/epicor/stg/dead-run', name: 'dead-run', is_directory: true },
              { path: '/Volumes/main/epicor/stg/current', name: 'current', is_directory: true },
              { path: '/Volumes/main/epicor/stg/readme.txt', name: 'readme.txt', is_directory: false },
            ],
          },
        };
      }
      if (req.method === 'GET') return { status: 200, body: { contents: [] } };
      if (req.method === 'DELETE') {
        deleted.push(path);
        return { status: 200 };
      }
      return undefined;
    });
    const area = new StagingArea(c, { catalog: 'main', schema: 'epicor' }, 'stg');
    expect(await area.removeOrphans('current')).toEqual(['dead-run']);
    expect(deleted).toEqual(['/api/2.0/fs/directories/Volumes/main/epicor/stg/dead-run']);
  });

  it('treats a missing volume as having no orphans', async () => {
    const c = await start(async () => undefined);
    const area = new StagingArea(c, { catalog: 'main', schema: 'epicor' }, 'stg');
    expect(await area.removeOrphans('current')).toEqual([]);
  });
});

async function waitFor(cond: () => boolean, ms = 5000): Promise<void> {
  const end = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > end) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 5));
  }
}
