import { existsSync, mkdirSync, readdirSync, renameSync, rmdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { apiError, type Reply } from './http-reply.ts';
import { localPath, parseVolumePath, type VolumePath } from './volume-store.ts';

/** What the Files API needs from the emulator. */
export interface FilesContext {
  dataDir: string;
  hasVolume(catalog: string, schema: string, volume: string): boolean;
  uploadMsPerMB: number;
  /** Waits on the emulator's latency clock. */
  sleep(ms: number): Promise<void>;
}

function resolve(path: string, ctx: FilesContext): VolumePath | Reply {
  const v = parseVolumePath(path);
  if (!v) return apiError(400, 'INVALID_PARAMETER_VALUE', `Invalid path: ${path}`);
  if (!ctx.hasVolume(v.catalog, v.schema, v.volume)) {
    return apiError(404, 'NOT_FOUND', `Volume /Volumes/${v.catalog}/${v.schema}/${v.volume} does not exist.`);
  }
  return v;
}

/** `/api/2.0/fs/files/Volumes/...`: PUT (upload), GET (with Range), HEAD, DELETE. */
export async function handleFile(
  method: string,
  path: string,
  query: URLSearchParams,
  headers: Record<string, string | string[] | undefined>,
  body: Buffer,
  ctx: FilesContext,
): Promise<Reply> {
  const v = resolve(path, ctx);
  if ('status' in v) return v;
  if (!v.rest) return apiError(400, 'INVALID_PARAMETER_VALUE', 'A file path is required.');
  const file = localPath(ctx.dataDir, v);
  const isFile = existsSync(file) && statSync(file).isFile();
  switch (method) {
    case 'PUT': {
      if (existsSync(file) && !isFile) return apiError(409, 'ALREADY_EXISTS', `A directory exists at ${path}.`);
      if (isFile && query.get('overwrite') !== 'true')
        return apiError(409, 'ALREADY_EXISTS', `The file ${path} already exists.`);
      if (ctx.uploadMsPerMB > 0) await ctx.sleep((ctx.uploadMsPerMB * body.length) / 1048576);
      mkdirSync(dirname(file), { recursive: true });
      const tmp = `${file}.__upload-${process.pid}-${Date.now()}`;
      writeFileSync(tmp, body);
      renameSync(tmp, file);
      return { status: 204 };
    }
    case 'GET':
    case 'HEAD': {
      if (!isFile) return apiError(404, 'NOT_FOUND', `The file ${path} does not exist.`);
      const st = statSync(file);
      const h: Record<string, string> = {
        'content-type': 'application/octet-stream',
        'last-modified': st.mtime.toUTCString(),
        'accept-ranges': 'bytes',
      };
      if (method === 'HEAD') return { status: 200, headers: { ...h, 'content-length': String(st.size) } };
      const data = await readFile(file);
      const range = /^bytes=(\d*)-(\d*)$/.exec(String(headers.range ?? ''));
      if (range && (range[1] || range[2])) {
        let start = range[1] ? Number(range[1]) : Math.max(0, st.size - Number(range[2]));
        let end = range[1] && range[2] ? Math.min(Number(range[2]), st.size - 1) : st.size - 1;
        if (start >= st.size || start > end) {
          return {
            status: 416,
            headers: { 'content-range': `bytes */${st.size}` },
            body: { error_code: 'INVALID_PARAMETER_VALUE', message: 'Range not satisfiable' },
          };
        }
        start = Math.max(0, start);
        end = Math.max(start, end);
        return {
          status: 206,
          headers: { ...h, 'content-range': `bytes ${start}-${end}/${st.size}` },
          body: data.subarray(start, end + 1),
        };
      }
      return { status: 200, headers: h, body: data };
    }
    case 'DELETE':
      if (!isFile) return apiError(404, 'NOT_FOUND', `The file ${path} does not exist.`);
      rmSync(file);
      return { status: 204 };
    default:
      return apiError(405, 'METHOD_NOT_ALLOWED', `${method} is not supported on files.`);
  }
}

/** `/api/2.0/fs/directories/Volumes/...`: PUT (mkdir -p), GET (paged listing), DELETE (empty only). */
export function handleDirectory(method: string, path: string, query: URLSearchParams, ctx: FilesContext): Reply {
  const v = resolve(path, ctx);
  if ('status' in v) return v;
  const dir = localPath(ctx.dataDir, v);
  const exists = existsSync(dir);
  if (exists && !statSync(dir).isDirectory()) return apiError(409, 'ALREADY_EXISTS', `A file exists at ${path}.`);
  const base = `/Volumes/${v.catalog}/${v.schema}/${v.volume}${v.rest ? `/${v.rest}` : ''}`;
  switch (method) {
    case 'PUT':
      mkdirSync(dir, { recursive: true });
      return { status: 200, body: {} };
    case 'HEAD':
      return exists ? { status: 200 } : apiError(404, 'NOT_FOUND', `The directory ${path} does not exist.`);
    case 'GET': {
      if (!exists) return apiError(404, 'NOT_FOUND', `The directory ${path} does not exist.`);
      const pageSize = Math.min(1000, Math.max(1, Number(query.get('page_size') ?? 1000) || 1000));
      const offset = Number(Buffer.from(query.get('page_token') ?? '', 'base64url').toString() || 0);
      const entries = readdirSync(dir, { withFileTypes: true })
        .filter((e) => !e.name.includes('.__upload-'))
        .sort((a, b) => a.name.localeCompare(b.name));
      const page = entries.slice(offset, offset + pageSize).map((e) => {
        if (e.isDirectory()) return { path: `${base}/${e.name}/`, name: e.name, is_directory: true };
        const st = statSync(`${dir}/${e.name}`);
        return {
          path: `${base}/${e.name}`,
          name: e.name,
          is_directory: false,
          file_size: st.size,
          last_modified: Math.floor(st.mtimeMs),
        };
      });
      const body: Record<string, unknown> = { contents: page };
      if (offset + pageSize < entries.length)
        body.next_page_token = Buffer.from(String(offset + pageSize)).toString('base64url');
      return { status: 200, body };
    }
    case 'DELETE':
      if (!v.rest) return apiError(400, 'INVALID_PARAMETER_VALUE', 'The volume root cannot be deleted.');
      if (!exists) return apiError(404, 'NOT_FOUND', `The directory ${path} does not exist.`);
      if (readdirSync(dir).length > 0)
        return apiError(409, 'DIRECTORY_NOT_EMPTY', `The directory ${path} is not empty.`);
      rmdirSync(dir);
      return { status: 200, body: {} };
    default:
      return apiError(405, 'METHOD_NOT_ALLOWED', `${method} is not supported on directories.`);
  }
}
