/** A loopback proxy in front of the Databricks emulator that keeps every file uploaded through the Files API. */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface UploadCapture {
  baseUrl: string;
  /** Path → body of each PUT to `/api/2.0/fs/files/…`, in upload order. */
  uploads: { path: string; body: Buffer }[];
  close(): Promise<void>;
}

const HOP = new Set(['host', 'connection', 'content-length', 'transfer-encoding', 'content-encoding']);

export async function startUploadCapture(target: string): Promise<UploadCapture> {
  const origin = new URL(target).origin;
  const uploads: UploadCapture['uploads'] = [];
  const server: Server = createServer((req, res) => {
    void (async () => {
      const chunks: Buffer[] = [];
      for await (const c of req) chunks.push(c as Buffer);
      const body = Buffer.concat(chunks);
      const path = new URL(req.url ?? '/', origin).pathname;
      if (req.method === 'PUT' && path.startsWith('/api/2.0/fs/files/')) uploads.push({ path, body });
      const headers: Record<string, string> = {};
      for (const [k, v] of Object.entries(req.headers)) if (!HOP.has(k) && typeof v === 'string') headers[k] = v;
      try {
        const upstream = await fetch(`${origin}${req.url}`, {
          method: req.method,
          headers,
          body: body.length > 0 && req.method !== 'GET' && req.method !== 'HEAD' ? body : undefined,
        });
        const out: Record<string, string> = {};
        upstream.headers.forEach((v, k) => {
          if (!HOP.has(k)) out[k] = v;
        });
        res.writeHead(upstream.status, out);
        res.end(Buffer.from(await upstream.arrayBuffer()));
      } catch {
        res.destroy();
      }
    })();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    uploads,
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
