import { isConnectorError } from '../../../errors.ts';
import type { HttpClient } from '../../../http/http-client.ts';
import type { VolumeEntry } from '../destination-client.ts';
import { encodeVolumePath } from './volume-path.ts';

export interface FilesClientOptions {
  http: HttpClient;
  host: string;
  /** Entries asked for per listing page (Databricks allows up to 1000). */
  pageSize?: number;
  /** Timeout for one upload or download; large Parquet parts need longer than ordinary calls. */
  transferTimeoutMs?: number;
}

interface ListingPage {
  contents?: { path: string; name?: string; is_directory?: boolean; file_size?: number; last_modified?: number }[];
  next_page_token?: string;
}

/** Files API for Unity Catalog volumes: put/get/head/delete files, make, list and remove directories. */
export class FilesClient {
  private readonly base: string;
  private readonly pageSize: number;
  private readonly transferTimeoutMs: number;

  constructor(private readonly opts: FilesClientOptions) {
    this.base = opts.host.replace(/\/+$/, '');
    this.pageSize = opts.pageSize ?? 1000;
    this.transferTimeoutMs = opts.transferTimeoutMs ?? 10 * 60_000;
  }

  /** Writes a file; with `overwrite: false` an existing file fails (HTTP 409, HTTP_PERMANENT). */
  async upload(volumePath: string, bytes: Uint8Array, options: { overwrite?: boolean; signal?: AbortSignal } = {}) {
    const overwrite = options.overwrite ?? true;
    await this.opts.http.request({
      method: 'PUT',
      url: `${this.fileUrl(volumePath)}?overwrite=${overwrite}`,
      headers: { 'content-type': 'application/octet-stream' },
      body: bytes,
      timeoutMs: this.transferTimeoutMs,
      signal: options.signal,
    });
  }

  /** Reads a whole file (NOT_FOUND when missing). */
  async download(volumePath: string, signal?: AbortSignal): Promise<Buffer> {
    const res = await this.opts.http.request({
      method: 'GET',
      url: this.fileUrl(volumePath),
      timeoutMs: this.transferTimeoutMs,
      signal,
    });
    return res.body;
  }

  /** True when a file exists at that path. */
  async exists(volumePath: string, signal?: AbortSignal): Promise<boolean> {
    return notFoundAs(false, async () => {
      await this.opts.http.request({ method: 'HEAD', url: this.fileUrl(volumePath), signal });
      return true;
    });
  }

  /** Deletes a file; a file that is already gone is fine. */
  async delete(volumePath: string, signal?: AbortSignal): Promise<void> {
    await notFoundAs(undefined, async () => {
      await this.opts.http.request({ method: 'DELETE', url: this.fileUrl(volumePath), signal });
    });
  }

  /** Creates a directory and its parents (idempotent). */
  async mkdirs(dir: string, signal?: AbortSignal): Promise<void> {
    await this.opts.http.request({ method: 'PUT', url: this.dirUrl(dir), signal });
  }

  /** Every entry directly in a directory, following page tokens (NOT_FOUND when the directory is missing). */
  async list(dir: string, signal?: AbortSignal): Promise<VolumeEntry[]> {
    const entries: VolumeEntry[] = [];
    let token: string | undefined;
    do {
      const query = new URLSearchParams({ page_size: String(this.pageSize) });
      if (token) query.set('page_token', token);
      const res = await this.opts.http.request({ method: 'GET', url: `${this.dirUrl(dir)}?${query}`, signal });
      const page = res.body.length === 0 ? {} : res.json<ListingPage>();
      for (const c of page.contents ?? []) {
        entries.push({
          path: c.path,
          name: c.name ?? c.path.split('/').filter(Boolean).pop() ?? '',
          isDirectory: c.is_directory === true,
          ...(c.file_size !== undefined ? { fileSize: c.file_size } : {}),
          ...(c.last_modified !== undefined ? { lastModified: c.last_modified } : {}),
        });
      }
      token = page.next_page_token || undefined;
    } while (token);
    return entries;
  }

  /** Removes a directory with everything in it; a directory that is already gone is fine. */
  async deleteTree(dir: string, signal?: AbortSignal): Promise<void> {
    const entries = await notFoundAs<VolumeEntry[]>([], () => this.list(dir, signal));
    // Siblings in parallel; the HTTP layer bounds how many run at once.
    await Promise.all(
      entries.map((e) => (e.isDirectory ? this.deleteTree(e.path, signal) : this.delete(e.path, signal))),
    );
    await notFoundAs(undefined, async () => {
      await this.opts.http.request({ method: 'DELETE', url: this.dirUrl(dir), signal });
    });
  }

  private fileUrl(volumePath: string): string {
    return `${this.base}/api/2.0/fs/files${encodeVolumePath(volumePath)}`;
  }

  private dirUrl(dir: string): string {
    return `${this.base}/api/2.0/fs/directories${encodeVolumePath(dir)}`;
  }
}

/** Runs `fn`, answering `fallback` when Databricks says the path does not exist. */
async function notFoundAs<T>(fallback: T, fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (e) {
    if (isConnectorError(e) && e.code === 'NOT_FOUND') return fallback;
    throw e;
  }
}
