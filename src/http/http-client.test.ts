import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import type { Clock } from '../clock.ts';
import { ConnectorError } from '../errors.ts';
import { type AuthProvider, createHttpClient, type HttpClient, type ResponseClassifier } from './http-client.ts';
import { networkError } from './network-error.ts';

type Handler = (req: IncomingMessage, res: ServerResponse, n: number) => void;

const servers: Server[] = [];
const clients: HttpClient[] = [];

async function serve(handler: Handler): Promise<string> {
  let n = 0;
  const server = createServer((req, res) => handler(req, res, ++n));
  servers.push(server);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

afterEach(async () => {
  for (const c of clients.splice(0)) await c.close();
  for (const s of servers.splice(0)) {
    s.closeAllConnections();
    await new Promise((r) => s.close(r));
  }
});

const classify: ResponseClassifier = (res, error) => {
  if (!res) return networkError('test', error);
  if (res.status === 401) return new ConnectorError('AUTH_FAILED', 'rejected', { status: 401 });
  if (res.status === 429 || res.status >= 500) {
    return new ConnectorError('HTTP_TRANSIENT', `status ${res.status}`, { retryable: true, status: res.status });
  }
  if (res.status === 418) return new ConnectorError('EPICOR_LICENSE', 'licence', { retryable: true });
  if (res.status >= 400) return new ConnectorError('HTTP_PERMANENT', `status ${res.status}`, { status: res.status });
  return null;
};

/** A clock whose sleeps return at once but are recorded, so backoff choices are observable. */
function recordingClock(): Clock & { sleeps: number[] } {
  const sleeps: number[] = [];
  return { sleeps, now: () => Date.now(), sleep: async (ms) => void sleeps.push(ms) };
}

function client(opts: Partial<Parameters<typeof createHttpClient>[0]> = {}): HttpClient {
  const c = createHttpClient({
    api: 'test',
    concurrency: 4,
    timeoutMs: 2000,
    retry: { minTimeoutMs: 1, maxTimeoutMs: 5 },
    classify,
    ...opts,
  });
  clients.push(c);
  return c;
}

describe('createHttpClient', () => {
  it('returns the full body and headers of a success', async () => {
    const url = await serve((_req, res) => {
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify({ value: [1, 2, 3] }));
    });
    const res = await client().request({ method: 'GET', url });
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('application/json');
    expect(res.json()).toEqual({ value: [1, 2, 3] });
  });

  it('honours Retry-After in seconds and as an HTTP date', async () => {
    const url = await serve((_req, res, n) => {
      if (n === 1) res.writeHead(429, { 'retry-after': '7' }).end();
      else if (n === 2) res.writeHead(503, { 'retry-after': new Date(Date.now() + 60_000).toUTCString() }).end();
      else res.end('{}');
    });
    const clock = recordingClock();
    const res = await client({ clock }).request({ method: 'GET', url });
    expect(res.status).toBe(200);
    expect(clock.sleeps[0]).toBe(7000);
    expect(clock.sleeps[1]).toBeGreaterThan(55_000);
    expect(clock.sleeps[1]).toBeLessThanOrEqual(60_000);
  });

  it('backs off exponentially with full jitter and gives up after maxRetries', async () => {
    let hits = 0;
    const url = await serve((_req, res) => {
      hits++;
      res.writeHead(500).end();
    });
    const clock = recordingClock();
    const c = client({ clock, random: () => 1, retry: { maxRetries: 4, minTimeoutMs: 100, maxTimeoutMs: 500 } });
    const err = await c.request({ method: 'GET', url }).catch((e) => e);
    expect(err).toBeInstanceOf(ConnectorError);
    expect(err.code).toBe('HTTP_TRANSIENT');
    expect(err.message).toContain('gave up after 5 attempts');
    expect(hits).toBe(5);
    expect(clock.sleeps).toEqual([100, 200, 400, 500]);
  });

  it('uses the long licence backoff', async () => {
    const url = await serve((_req, res, n) => {
      if (n <= 2) res.writeHead(418).end();
      else res.end('{}');
    });
    const clock = recordingClock();
    const res = await client({ clock, retry: { licenseBackoffMs: [30_000, 60_000] } }).request({ method: 'GET', url });
    expect(res.status).toBe(200);
    expect(clock.sleeps).toEqual([30_000, 60_000]);
  });

  it('fails fast on a permanent error', async () => {
    let hits = 0;
    const url = await serve((_req, res) => {
      hits++;
      res.writeHead(404).end();
    });
    const err = await client()
      .request({ method: 'GET', url })
      .catch((e) => e);
    expect(err.code).toBe('HTTP_PERMANENT');
    expect(hits).toBe(1);
  });

  it('times out a stalled body and retries', async () => {
    const url = await serve((_req, res, n) => {
      if (n === 1) {
        res.writeHead(200, { 'content-length': '100' });
        res.write('{"partial":'); // never finishes
      } else res.end('{"ok":true}');
    });
    const events: string[] = [];
    const res = await client({ timeoutMs: 150, events: { retry: (_a, code) => events.push(code) } }).request({
      method: 'GET',
      url,
    });
    expect(res.json()).toEqual({ ok: true });
    expect(events).toEqual(['TIMEOUT']);
  });

  it('treats a truncated body as retryable', async () => {
    const url = await serve((req, res, n) => {
      if (n === 1) {
        res.writeHead(200, { 'content-length': '100' });
        res.write('{"cut":');
        req.socket.destroy();
      } else res.end('{"ok":true}');
    });
    const events: string[] = [];
    const res = await client({ events: { retry: (_a, code) => events.push(code) } }).request({ method: 'GET', url });
    expect(res.json()).toEqual({ ok: true });
    expect(events).toEqual(['HTTP_TRANSIENT']);
  });

  it('after a 401 invalidates the auth and retries once with fresh headers', async () => {
    const seen: string[] = [];
    const url = await serve((req, res) => {
      seen.push(String(req.headers.authorization));
      if (req.headers.authorization === 'Bearer t2') res.end('{}');
      else res.writeHead(401).end();
    });
    let n = 1;
    const auth: AuthProvider = {
      headers: async () => ({ authorization: `Bearer t${n}` }),
      invalidate: () => {
        n++;
      },
    };
    const res = await client({ auth }).request({ method: 'GET', url });
    expect(res.status).toBe(200);
    expect(seen).toEqual(['Bearer t1', 'Bearer t2']);
  });

  it('retries a 401 only once', async () => {
    let hits = 0;
    const url = await serve((_req, res) => {
      hits++;
      res.writeHead(401).end();
    });
    const auth: AuthProvider = { headers: async () => ({ authorization: 'Bearer secret-value' }), invalidate() {} };
    const err = await client({ auth })
      .request({ method: 'GET', url })
      .catch((e) => e);
    expect(err.code).toBe('AUTH_FAILED');
    expect(hits).toBe(2);
    expect(JSON.stringify({ m: err.message, s: err.stack })).not.toContain('secret-value');
  });

  it('keeps in-flight requests within the concurrency bound (seen by the server)', async () => {
    let inFlight = 0;
    let peak = 0;
    const url = await serve((_req, res) => {
      inFlight++;
      peak = Math.max(peak, inFlight);
      setTimeout(() => {
        inFlight--;
        res.end('{}');
      }, 15);
    });
    const c = client({ concurrency: 3 });
    await Promise.all(Array.from({ length: 20 }, () => c.request({ method: 'GET', url })));
    expect(peak).toBe(3);
  });

  it('sends base headers, request headers and the body', async () => {
    let got: { key?: string; ct?: string; body: string } = { body: '' };
    const url = await serve((req, res) => {
      let body = '';
      req.on('data', (d) => {
        body += d;
      });
      req.on('end', () => {
        got = { key: req.headers['x-api-key'] as string, ct: req.headers['content-type'], body };
        res.end('{}');
      });
    });
    await client({ baseHeaders: { 'x-api-key': 'k1' } }).request({
      method: 'POST',
      url,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'a=1&b=2',
    });
    expect(got).toEqual({ key: 'k1', ct: 'application/x-www-form-urlencoded', body: 'a=1&b=2' });
  });

  it('stops at once when the caller aborts', async () => {
    const url = await serve(() => {
      /* never answers */
    });
    const ac = new AbortController();
    const p = client({ timeoutMs: 10_000 }).request({ method: 'GET', url, signal: ac.signal });
    setTimeout(() => ac.abort(), 30);
    const err = await p.catch((e) => e);
    expect(err.code).toBe('ABORTED');
  });

  it('retries a refused connection and reports events', async () => {
    const url = await serve((_req, res) => res.end('{}'));
    const dead = url.replace(/:\d+$/, ':1');
    const statuses: (number | string)[] = [];
    const err = await client({
      retry: { maxRetries: 2, minTimeoutMs: 1, maxTimeoutMs: 2 },
      events: { request: (_a, s) => statuses.push(s) },
    })
      .request({ method: 'GET', url: dead })
      .catch((e) => e);
    expect(err.code).toBe('HTTP_TRANSIENT');
    expect(statuses).toEqual(['error', 'error', 'error']);
  });
});
