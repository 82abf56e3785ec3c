import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startWorkspace, type TestWorkspace } from './test-client.ts';
import { WatchedClock } from './watched-clock.ts';

let ws: TestWorkspace;
beforeAll(async () => {
  ws = await startWorkspace();
  await ws.sql('CREATE VOLUME IF NOT EXISTS main.default.files');
});
afterAll(() => ws.emu.close());

const F = '/api/2.0/fs/files/Volumes/main/default/files';
const D = '/api/2.0/fs/directories/Volumes/main/default/files';

describe('Files API on volumes', () => {
  it('round-trips bytes with PUT, GET, Range, HEAD and DELETE', async () => {
    const data = Buffer.from(Array.from({ length: 1000 }, (_, i) => i % 251));
    expect((await ws.api('PUT', `${F}/a/b/data.bin?overwrite=false`, data)).status).toBe(204);
    const again = await ws.api('PUT', `${F}/a/b/data.bin?overwrite=false`, data);
    expect(again.status).toBe(409);
    expect(((await again.json()) as any).error_code).toBe('ALREADY_EXISTS');
    expect((await ws.api('PUT', `${F}/a/b/data.bin?overwrite=true`, data)).status).toBe(204);
    expect(Buffer.from(await (await ws.api('GET', `${F}/a/b/data.bin`)).arrayBuffer())).toEqual(data);
    const part = await ws.api('GET', `${F}/a/b/data.bin`, undefined, { range: 'bytes=10-19' });
    expect(part.status).toBe(206);
    expect(part.headers.get('content-range')).toBe('bytes 10-19/1000');
    expect(Buffer.from(await part.arrayBuffer())).toEqual(data.subarray(10, 20));
    const head = await ws.api('HEAD', `${F}/a/b/data.bin`);
    expect([head.status, head.headers.get('content-length')]).toEqual([200, '1000']);
    expect((await ws.api('DELETE', `${F}/a/b/data.bin`)).status).toBe(204);
    expect((await ws.api('DELETE', `${F}/a/b/data.bin`)).status).toBe(404);
    expect((await ws.api('GET', `${F}/a/b/data.bin`)).status).toBe(404);
    expect((await ws.api('HEAD', `${F}/a/b/data.bin`)).status).toBe(404);
  });

  it('refuses uploads to a missing volume and throttles uploads by size', async () => {
    const r = await ws.api('PUT', '/api/2.0/fs/files/Volumes/main/default/nope/x.bin', 'x');
    expect(r.status).toBe(404);
    const latencyClock = new WatchedClock();
    const slow = await startWorkspace({ uploadMsPerMB: 200, latencyClock });
    try {
      await slow.sql('CREATE VOLUME IF NOT EXISTS main.default.files');
      const put = slow.api('PUT', `${F}/big.bin?overwrite=true`, Buffer.alloc(1048576));
      // 1 MiB at 200 ms per MB: the upload waits 200 ms of the emulator's time before it lands.
      await latencyClock.requested(200);
      expect((await slow.api('HEAD', `${F}/big.bin`)).status).toBe(404);
      latencyClock.advance(200);
      expect((await put).status).toBe(204);
      expect((await slow.api('HEAD', `${F}/big.bin`)).headers.get('content-length')).toBe('1048576');
    } finally {
      await slow.emu.close();
    }
  });

  it('creates, lists with paging, and deletes directories', async () => {
    expect((await ws.api('PUT', `${D}/list/sub`)).status).toBe(200);
    expect((await ws.api('PUT', `${D}/list/sub`)).status).toBe(200);
    for (const n of ['f1', 'f2', 'f3']) await ws.api('PUT', `${F}/list/${n}.parquet`, n);
    const p1 = (await (await ws.api('GET', `${D}/list?page_size=2`)).json()) as any;
    expect(p1.contents.map((c: any) => [c.name, c.is_directory])).toEqual([
      ['f1.parquet', false],
      ['f2.parquet', false],
    ]);
    expect(p1.contents[0]).toMatchObject({ path: '/Volumes/main/default/files/list/f1.parquet', file_size: 2 });
    expect(typeof p1.contents[0].last_modified).toBe('number');
    const p2 = (await (await ws.api('GET', `${D}/list?page_size=2&page_token=${p1.next_page_token}`)).json()) as any;
    expect(p2.contents.map((c: any) => c.name)).toEqual(['f3.parquet', 'sub']);
    expect(p2.next_page_token).toBeUndefined();
    expect((await ws.api('DELETE', `${D}/list`)).status).toBe(409);
    expect((await ws.api('DELETE', `${D}/list/sub`)).status).toBe(200);
    expect((await ws.api('GET', `${D}/list/sub`)).status).toBe(404);
  });
});
