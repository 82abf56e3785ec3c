import { afterEach, describe, expect, it } from 'vitest';
import { createDatabricksClient, type DatabricksClient } from './databricks-client.ts';
import { type FakeReply, FakeWorkspace, type SeenRequest, SteppingClock } from './testing/fake-workspace.ts';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

/** An in-memory Files API: decoded paths → bytes; directories implied by files plus explicit mkdirs. */
function memoryVolume(pageSize = 2) {
  const files = new Map<string, Buffer>();
  const dirs = new Set<string>();
  const route = (req: SeenRequest): FakeReply | undefined => {
    const m = /^\/api\/2\.0\/fs\/(files|directories)(\/.*)$/.exec(req.rawPath);
    if (!m) return undefined;
    const path = decodeURIComponent(m[2]);
    const missing = { status: 404, body: { error_code: 'NOT_FOUND', message: `${path} does not exist` } };
    if (m[1] === 'files') {
      switch (req.method) {
        case 'PUT':
          if (files.has(path) && req.query.get('overwrite') !== 'true') {
            return { status: 409, body: { error_code: 'ALREADY_EXISTS', message: `${path} already exists` } };
          }
          files.set(path, req.body);
          return { status: 204 };
        case 'GET':
          return files.has(path) ? { status: 200, body: files.get(path) } : missing;
        case 'HEAD':
          return files.has(path) ? { status: 200 } : { status: 404 };
        case 'DELETE':
          return files.delete(path) ? { status: 204 } : missing;
      }
      return undefined;
    }
    if (req.method === 'PUT') {
      dirs.add(path);
      return { status: 204 };
    }
    const children = new Map<string, boolean>();
    for (const p of [...files.keys(), ...dirs]) {
      if (!p.startsWith(`${path}/`)) continue;
      const [first, ...rest] = p.slice(path.length + 1).split('/');
      children.set(first, (children.get(first) ?? false) || rest.length > 0 || dirs.has(`${path}/${first}`));
    }
    const exists = dirs.has(path) || children.size > 0;
    if (req.method === 'DELETE') {
      if (!exists) return missing;
      if (children.size > 0) return { status: 409, body: { error_code: 'DIRECTORY_NOT_EMPTY', message: 'not empty' } };
      dirs.delete(path);
      return { status: 204 };
    }
    if (!exists) return missing;
    const all = [...children].sort(([a], [b]) => (a < b ? -1 : 1));
    const start = Number(req.query.get('page_token') ?? 0);
    const page = all.slice(start, start + pageSize);
    return {
      status: 200,
      body: {
        contents: page.map(([name, isDir]) => ({
          path: `${path}/${name}`,
          name,
          is_directory: isDir,
          ...(isDir ? {} : { file_size: files.get(`${path}/${name}`)!.length, last_modified: 1_700_000_000_000 }),
        })),
        ...(start + pageSize < all.length ? { next_page_token: String(start + pageSize) } : {}),
      },
    };
  };
  return { files, dirs, route };
}

async function setup() {
  const volume = memoryVolume();
  const clock = new SteppingClock();
  const fake = await FakeWorkspace.start({ clock, route: volume.route, pat: 'p' });
  cleanups.push(() => fake.close());
  const config = fake.config();
  const client: DatabricksClient = createDatabricksClient(config, { clock });
  cleanups.push(() => client.close());
  return { fake, volume, files: client.files };
}

const ROOT = '/Volumes/main/s/v';

describe('FilesClient', () => {
  it('uploads, checks, downloads and deletes a file, encoding each path segment', async () => {
    const { fake, volume, files } = await setup();
    const path = `${ROOT}/run 1/a#b?c%.parquet`;
    const bytes = Buffer.from([0, 1, 2, 250, 255]);
    expect(await files.exists(path)).toBe(false);
    await files.upload(path, bytes, { overwrite: false });
    expect(volume.files.get(path)).toEqual(bytes);
    const [put] = fake.seen('PUT', /^\/api\/2\.0\/fs\/files\//);
    expect(put.rawPath).toBe('/api/2.0/fs/files/Volumes/main/s/v/run%201/a%23b%3Fc%25.parquet');
    expect(put.query.get('overwrite')).toBe('false');
    expect(put.headers['content-type']).toBe('application/octet-stream');
    expect(await files.exists(path)).toBe(true);
    expect(await files.download(path)).toEqual(bytes);
    await files.delete(path);
    expect(await files.exists(path)).toBe(false);
    await files.delete(path); // already gone: fine
    await expect(files.download(path)).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('refuses to overwrite when asked not to (409), and overwrites when asked', async () => {
    const { volume, files } = await setup();
    const path = `${ROOT}/x.bin`;
    await files.upload(path, Buffer.from('one'));
    await expect(files.upload(path, Buffer.from('two'), { overwrite: false })).rejects.toMatchObject({
      code: 'HTTP_PERMANENT',
      status: 409,
    });
    await files.upload(path, Buffer.from('three'), { overwrite: true });
    expect(volume.files.get(path)?.toString()).toBe('three');
  });

  it('lists a directory across pages, then removes the whole tree', async () => {
    const { fake, volume, files } = await setup();
    await files.mkdirs(`${ROOT}/sync-1/empty`);
    for (const name of ['p1', 'p2', 'p3', 'p4', 'p5'])
      await files.upload(`${ROOT}/sync-1/Part/${name}.parquet`, Buffer.from(name));
    await files.upload(`${ROOT}/sync-1/top.txt`, Buffer.from('top'));
    const listed = await files.list(`${ROOT}/sync-1/Part`);
    expect(listed.map((e) => e.name)).toEqual(['p1.parquet', 'p2.parquet', 'p3.parquet', 'p4.parquet', 'p5.parquet']);
    expect(listed[0]).toEqual({
      path: `${ROOT}/sync-1/Part/p1.parquet`,
      name: 'p1.parquet',
      isDirectory: false,
      fileSize: 2,
      lastModified: 1_700_000_000_000,
    });
    expect(fake.seen('GET', /^\/api\/2\.0\/fs\/directories\/Volumes\/main\/s\/v\/sync-1\/Part$/)).toHaveLength(3);
    const top = await files.list(`${ROOT}/sync-1`);
    expect(top.map((e) => [e.name, e.isDirectory])).toEqual([
      ['Part', true],
      ['empty', true],
      ['top.txt', false],
    ]);
    await files.deleteTree(`${ROOT}/sync-1`);
    expect(volume.files.size).toBe(0);
    expect([...volume.dirs]).toEqual([]);
    await files.deleteTree(`${ROOT}/sync-1`); // already gone: fine
    await expect(files.list(`${ROOT}/sync-1`)).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('rejects paths outside a volume before sending anything', async () => {
    const { fake, files } = await setup();
    await expect(files.upload('/tmp/x', Buffer.from('x'))).rejects.toThrow(/not a volume path/);
    await expect(files.delete(`${ROOT}/../other/x`)).rejects.toThrow(/\.\./);
    expect(fake.requests).toHaveLength(0);
  });
});
