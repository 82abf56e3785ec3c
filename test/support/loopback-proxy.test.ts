import { createServer } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { type Listening, listenOnLoopback, startLoopbackProxy } from './loopback-proxy.ts';

const open: Listening[] = [];
afterEach(async () => {
  for (const l of open.splice(0)) await l.close();
});

/** An upstream that echoes what it received, or resets the connection on /reset. */
async function echo(): Promise<Listening> {
  const server = createServer((req, res) => {
    if (req.url === '/base/reset') return req.socket.destroy();
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      res.writeHead(201, { 'content-type': 'application/json', 'x-upstream': 'yes' });
      res.end(JSON.stringify({ url: req.url, method: req.method, body: Buffer.concat(chunks).toString('utf8') }));
    });
  });
  const l = await listenOnLoopback(server, '/base/');
  open.push(l);
  return l;
}

describe('test proxies: the shared loopback base', () => {
  it('forwards method, raw query bytes, body, status and headers unchanged', async () => {
    const up = await echo();
    const proxy = await startLoopbackProxy(up.baseUrl, async ({ forward, reply }) => {
      const u = await forward();
      reply(u.status, u.headers, u.body);
    });
    open.push(proxy);
    expect(proxy.baseUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/base$/);
    const res = await fetch(`${proxy.baseUrl}/x?$filter=Name%20eq%20%27O%27%27Brien%27`, {
      method: 'POST',
      body: 'hi',
    });
    expect(res.status).toBe(201);
    expect(res.headers.get('x-upstream')).toBe('yes');
    expect(await res.json()).toEqual({
      url: '/base/x?$filter=Name%20eq%20%27O%27%27Brien%27',
      method: 'POST',
      body: 'hi',
    });
  });

  it('passes an upstream reset on as a reset', async () => {
    const up = await echo();
    const proxy = await startLoopbackProxy(up.baseUrl, async ({ forward, reply }) => {
      const u = await forward();
      reply(u.status, u.headers, u.body);
    });
    open.push(proxy);
    await expect(fetch(`${proxy.baseUrl}/reset`)).rejects.toThrow();
  });
});
