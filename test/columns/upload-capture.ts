/** A loopback proxy in front of the Databricks emulator that keeps every file uploaded through the Files API. */
import { startLoopbackProxy } from '../support/loopback-proxy.ts';

export interface UploadCapture {
  baseUrl: string;
  /** Path → body of each PUT to `/api/2.0/fs/files/…`, in upload order. */
  uploads: { path: string; body: Buffer }[];
  close(): Promise<void>;
}

export async function startUploadCapture(target: string): Promise<UploadCapture> {
  const uploads: UploadCapture['uploads'] = [];
  const proxy = await startLoopbackProxy(new URL(target).origin, async ({ req, url, body, forward, reply }) => {
    if (req.method === 'PUT' && url.pathname.startsWith('/api/2.0/fs/files/'))
      uploads.push({ path: url.pathname, body });
    const upstream = await forward();
    reply(upstream.status, upstream.headers, upstream.body);
  });
  return { ...proxy, uploads };
}
