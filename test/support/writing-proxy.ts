/**
 * A loopback proxy in front of the Epicor emulator that lets a test act between requests — e.g. make Epicor write
 * while a sync is paging — and forwards everything else unchanged (status, headers, body).
 */
import { startLoopbackProxy } from './loopback-proxy.ts';

export interface WritingProxy {
  baseUrl: string;
  /** Called before each collection read (an OData GET with a query string) is forwarded; undefined = none. */
  beforeRead(hook: ((n: number, url: URL) => void) | undefined): void;
  close(): Promise<void>;
}

export async function startWritingProxy(targetBaseUrl: string): Promise<WritingProxy> {
  let hook: ((n: number, url: URL) => void) | undefined;
  let reads = 0;
  const proxy = await startLoopbackProxy(targetBaseUrl, async ({ req, url, forward, reply }) => {
    if (hook && req.method === 'GET' && url.pathname.includes('/api/v2/odata/') && url.search) hook(++reads, url);
    // The raw query string goes on as sent, so the emulator measures what the connector sent.
    const upstream = await forward();
    reply(upstream.status, upstream.headers, upstream.body);
  });
  return {
    ...proxy,
    beforeRead(h) {
      hook = h;
      reads = 0;
    },
  };
}
