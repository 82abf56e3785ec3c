/**
 * A transparent loopback HTTP proxy that counts every request and keeps every credential it sees on the wire:
 * request `Authorization` / `x-api-key` headers, token request bodies, and access tokens in responses. Security
 * tests put one in front of each emulator, so they know how many requests reached it and which issued tokens to
 * scan for. The Host header is forwarded as sent, so absolute links the emulator builds point back at the proxy.
 */
import { createServer, request, type Server } from 'node:http';
import { listenOnLoopback } from '../support/loopback-proxy.ts';

export interface RecordingProxy {
  /** The target URL with the proxy's origin (same path). */
  url: string;
  /** Requests forwarded so far. */
  requests(): number;
  /** Credential values seen: bearer tokens, Basic credentials (decoded password too), API keys, issued tokens. */
  credentials(): string[];
  /** Every request body sent through the proxy, with its path. */
  bodies(): { path: string; body: Buffer }[];
  close(): Promise<void>;
}

/** Starts a recording proxy for `targetUrl` (e.g. `http://127.0.0.1:1234/kinetic`). */
export async function startRecordingProxy(targetUrl: string): Promise<RecordingProxy> {
  const target = new URL(targetUrl);
  let count = 0;
  const seen = new Set<string>();
  const bodies: { path: string; body: Buffer }[] = [];
  const server: Server = createServer((req, res) => {
    count++;
    collectHeaders(req.headers, seen);
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      if (body.length > 0) {
        const text = body.toString('utf8');
        bodies.push({ path: req.url ?? '/', body });
        for (const [k, v] of new URLSearchParams(text)) if (/secret|password|token/i.test(k) && v) seen.add(v);
      }
      const up = request(
        { host: target.hostname, port: target.port, method: req.method, path: req.url, headers: req.headers },
        (upRes) => {
          const out: Buffer[] = [];
          upRes.on('data', (c: Buffer) => out.push(c));
          upRes.on('end', () => {
            const payload = Buffer.concat(out);
            collectTokens(payload.toString('utf8'), seen);
            res.writeHead(upRes.statusCode ?? 502, upRes.headers);
            res.end(payload);
          });
        },
      );
      up.on('error', () => res.destroy());
      up.end(body);
    });
  });
  const listening = await listenOnLoopback(server, target.pathname);
  return {
    url: listening.baseUrl,
    requests: () => count,
    credentials: () => [...seen],
    bodies: () => [...bodies],
    close: listening.close,
  };
}

function collectHeaders(headers: Record<string, string | string[] | undefined>, seen: Set<string>): void {
  const key = headers['x-api-key'];
  if (typeof key === 'string' && key) seen.add(key);
  const auth = headers.authorization;
  if (typeof auth !== 'string') return;
  const m = /^(Bearer|Basic)\s+(\S+)$/i.exec(auth);
  if (!m) return;
  seen.add(m[2]);
  if (m[1].toLowerCase() === 'basic') {
    const decoded = Buffer.from(m[2], 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    if (colon >= 0) seen.add(decodeURIComponent(decoded.slice(colon + 1)));
  }
}

/** Access tokens in a token response (OAuth `access_token`, Epicor TokenResource `AccessToken`). */
function collectTokens(text: string, seen: Set<string>): void {
  for (const m of text.matchAll(/"(access_token|AccessToken|refresh_token|id_token)"\s*:\s*"([^"]+)"/g)) seen.add(m[2]);
}
