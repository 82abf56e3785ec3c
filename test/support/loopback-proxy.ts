/**
 * The shared base of the test proxies that stand between the connector and an emulator on loopback: listen on a
 * free port, read each request, forward it upstream (hop-by-hop headers dropped) and answer — each proxy only says
 * what it does differently. An upstream failure (reset, truncated body) reaches the client as a reset.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

const HOP_HEADERS = new Set(['host', 'connection', 'content-length', 'transfer-encoding', 'content-encoding']);

/** An upstream answer, headers without the hop-by-hop ones. */
export interface Upstream {
  status: number;
  ok: boolean;
  headers: Record<string, string>;
  body: Buffer;
  /** The body as UTF-8 text (a leading BOM dropped, as `Response.text()` does). */
  text(): string;
}

/** One request through the proxy. */
export interface ProxyExchange {
  req: IncomingMessage;
  res: ServerResponse;
  /** The request URL against the upstream origin (a test may change it before forwarding). */
  url: URL;
  body: Buffer;
  /** Sends the request upstream: to `to` (default: the raw path and query exactly as the client sent them). */
  forward(to?: URL): Promise<Upstream>;
  /** Answers the client. */
  reply(status: number, headers: Record<string, string>, body: string | Buffer): void;
}

/** A proxy (or any test server) listening on loopback. */
export interface Listening {
  /** `http://127.0.0.1:<port>` followed by the target's path (without a trailing slash). */
  baseUrl: string;
  close(): Promise<void>;
}

/** Listens on a free loopback port; `close` also ends kept-alive connections. */
export async function listenOnLoopback(server: Server, targetPath = ''): Promise<Listening> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    baseUrl: `http://127.0.0.1:${port}${targetPath.replace(/\/$/, '')}`,
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/** Starts a forwarding proxy for `targetBaseUrl` (e.g. `http://127.0.0.1:1234/kinetic`); `handle` answers each request. */
export async function startLoopbackProxy(
  targetBaseUrl: string,
  handle: (x: ProxyExchange) => Promise<void> | void,
): Promise<Listening> {
  const target = new URL(targetBaseUrl);
  const server = createServer((req, res) => {
    void (async () => {
      const chunks: Buffer[] = [];
      for await (const c of req) chunks.push(c as Buffer);
      const body = Buffer.concat(chunks);
      const headers: Record<string, string> = {};
      for (const [k, v] of Object.entries(req.headers)) {
        if (!HOP_HEADERS.has(k) && typeof v === 'string') headers[k] = v;
      }
      const exchange: ProxyExchange = {
        req,
        res,
        url: new URL(req.url ?? '/', target.origin),
        body,
        async forward(to) {
          const upstream = await fetch(to ?? `${target.origin}${req.url}`, {
            method: req.method,
            headers,
            body: chunks.length > 0 && req.method !== 'GET' ? body : undefined,
          });
          const answer = Buffer.from(await upstream.arrayBuffer());
          const out: Record<string, string> = {};
          upstream.headers.forEach((v, k) => {
            if (!HOP_HEADERS.has(k)) out[k] = v;
          });
          return {
            status: upstream.status,
            ok: upstream.ok,
            headers: out,
            body: answer,
            text: () => new TextDecoder().decode(answer),
          };
        },
        reply(status, out, answer) {
          res.writeHead(status, out);
          res.end(answer);
        },
      };
      try {
        await handle(exchange);
      } catch {
        res.destroy();
      }
    })();
  });
  return listenOnLoopback(server, target.pathname);
}
