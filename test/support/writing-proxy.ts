/**
 * A loopback proxy in front of the Epicor emulator that lets a test act between requests — e.g. make Epicor write
 * while a sync is paging — and forwards everything else unchanged (status, headers, body).
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface WritingProxy {
  baseUrl: string;
  /** Called before each collection read (an OData GET with a query string) is forwarded; undefined = none. */
  beforeRead(hook: ((n: number, url: URL) => void) | undefined): void;
  close(): Promise<void>;
}

const HOP = new Set(['host', 'connection', 'content-length', 'transfer-encoding', 'content-encoding']);

export async function startWritingProxy(targetBaseUrl: string): Promise<WritingProxy> {
  const target = new URL(targetBaseUrl);
  let hook: ((n: number, url: URL) => void) | undefined;
  let reads = 0;
  const server: Server = createServer((req, res) => {
    void (async () => {
      const chunks: Buffer[] = [];
      for await (const c of req) chunks.push(c as Buffer);
      const url = new URL(req.url ?? '/', target.origin);
      if (hook && req.method === 'GET' && url.pathname.includes('/api/v2/odata/') && url.search) hook(++reads, url);
      const headers: Record<string, string> = {};
      for (const [k, v] of Object.entries(req.headers)) if (!HOP.has(k) && typeof v === 'string') headers[k] = v;
      try {
        // The raw query string goes on as sent, so the emulator measures what the connector sent.
        const upstream = await fetch(`${target.origin}${req.url}`, {
          method: req.method,
          headers,
          body: chunks.length > 0 && req.method !== 'GET' ? Buffer.concat(chunks) : undefined,
        });
        const body = Buffer.from(await upstream.arrayBuffer());
        const out: Record<string, string> = {};
        upstream.headers.forEach((v, k) => {
          if (!HOP.has(k)) out[k] = v;
        });
        res.writeHead(upstream.status, out);
        res.end(body);
      } catch {
        res.destroy();
      }
    })();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    baseUrl: `http://127.0.0.1:${port}${target.pathname.replace(/\/$/, '')}`,
    beforeRead(h) {
      hook = h;
      reads = 0;
    },
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
