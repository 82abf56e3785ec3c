import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../../clock.ts';
import type { EpicorConfig } from '../../config/schema.ts';
import { createHttpClient, type HttpClient } from '../../http/http-client.ts';
import { createEpicorAuth } from './create-epicor-auth.ts';
import { classifyTokenEndpoint } from './token-endpoint-error-mapper.ts';

interface Seen {
  url: string;
  authorization?: string;
  apiKey?: string;
  body: string;
}

const servers: Server[] = [];
const clients: HttpClient[] = [];
afterEach(async () => {
  for (const c of clients.splice(0)) await c.close();
  for (const s of servers.splice(0)) await new Promise((r) => s.close(r));
});

async function tokenServer(
  answer: (seen: Seen, n: number) => [number, unknown],
): Promise<{ base: string; seen: Seen[] }> {
  const seen: Seen[] = [];
  const server = createServer((req: IncomingMessage, res) => {
    let body = '';
    req.on('data', (d) => {
      body += d;
    });
    req.on('end', () => {
      const s: Seen = {
        url: req.url ?? '',
        authorization: req.headers.authorization,
        apiKey: req.headers['x-api-key'] as string | undefined,
        body,
      };
      seen.push(s);
      const [status, json] = answer(s, seen.length);
      res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(json));
    });
  });
  servers.push(server);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return { base: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, seen };
}

function tokenHttp(): HttpClient {
  const c = createHttpClient({
    api: 'epicor-token',
    concurrency: 1,
    timeoutMs: 2000,
    retry: { minTimeoutMs: 1, maxTimeoutMs: 2 },
    classify: classifyTokenEndpoint,
  });
  clients.push(c);
  return c;
}

const config = (base: string, auth: EpicorConfig['auth']): EpicorConfig => ({
  baseUrl: `${base}/kinetic`,
  companies: ['EPIC06'],
  apiKey: 'the-api-key',
  auth,
  pageSize: 100,
  concurrency: 2,
  timeoutSeconds: 5,
});

describe('createEpicorAuth', () => {
  it('basic: a static Basic header', async () => {
    const auth = createEpicorAuth(
      config('http://unused', { type: 'basic', username: 'manager', password: 'pw' }),
      tokenHttp(),
    );
    expect(await auth.headers()).toEqual({ authorization: `Basic ${Buffer.from('manager:pw').toString('base64')}` });
  });

  it('oauth2: client credentials in the form body, expiry from a string expires_in, refreshed before expiry', async () => {
    const { base, seen } = await tokenServer((_s, n) => [
      200,
      { access_token: `tok${n}`, token_type: 'Bearer', expires_in: '120' },
    ]);
    const clock = new ManualClock();
    const auth = createEpicorAuth(
      config(base, {
        type: 'oauth2',
        tokenUrl: `${base}/oauth/token`,
        clientId: 'cid',
        clientSecret: 's3cr3t',
        scope: 'erp',
      }),
      tokenHttp(),
      { clock },
    );
    expect(await auth.headers()).toEqual({ authorization: 'Bearer tok1' });
    const form = new URLSearchParams(seen[0].body);
    expect(Object.fromEntries(form)).toEqual({
      grant_type: 'client_credentials',
      client_id: 'cid',
      client_secret: 's3cr3t',
      scope: 'erp',
    });
    expect(seen[0].authorization).toBeUndefined();
    clock.advance(100_000); // past the 30 s margin (TTL/4) of a 120 s token
    expect(await auth.headers()).toEqual({ authorization: 'Bearer tok2' });
  });

  it('oauth2: client credentials as Basic when configured', async () => {
    const { base, seen } = await tokenServer(() => [200, { access_token: 'a', expires_in: 3600 }]);
    const auth = createEpicorAuth(
      config(base, { type: 'oauth2', tokenUrl: `${base}/oauth/token`, clientId: 'cid', clientSecret: 'sec' }),
      tokenHttp(),
      { clientAuth: 'basic' },
    );
    await auth.headers();
    expect(seen[0].authorization).toBe(`Basic ${Buffer.from('cid:sec').toString('base64')}`);
    expect(new URLSearchParams(seen[0].body).get('client_secret')).toBeNull();
  });

  it('oauth2: a rejected client is one clear AUTH_FAILED sentence without the secret', async () => {
    const { base } = await tokenServer(() => [401, { error: 'invalid_client', error_description: 'Unknown client' }]);
    const auth = createEpicorAuth(
      config(base, { type: 'oauth2', tokenUrl: `${base}/oauth/token`, clientId: 'cid', clientSecret: 'very-secret' }),
      tokenHttp(),
    );
    const err = await auth.headers().catch((e) => e);
    expect(err.code).toBe('AUTH_FAILED');
    expect(err.message).toContain('invalid_client');
    expect(err.message).not.toContain('very-secret');
  });

  it('token-resource: POST with Basic + x-api-key, ExpiresIn honoured, default one hour', async () => {
    let withExpiry = true;
    const { base, seen } = await tokenServer((_s, n) => [
      200,
      withExpiry ? { AccessToken: `t${n}`, ExpiresIn: 600 } : { AccessToken: `t${n}` },
    ]);
    const clock = new ManualClock();
    const auth = createEpicorAuth(
      config(base, { type: 'token-resource', username: 'manager', password: 'manager' }),
      tokenHttp(),
      { clock },
    );
    expect(await auth.headers()).toEqual({ authorization: 'Bearer t1' });
    expect(seen[0]).toMatchObject({
      url: '/kinetic/TokenResource.svc/',
      apiKey: 'the-api-key',
      authorization: `Basic ${Buffer.from('manager:manager').toString('base64')}`,
    });
    clock.advance(600_000);
    withExpiry = false;
    expect(await auth.headers()).toEqual({ authorization: 'Bearer t2' });
    clock.advance(59 * 60_000 - 41_000); // still inside the assumed hour minus the 40 s margin
    expect(await auth.headers()).toEqual({ authorization: 'Bearer t2' });
    auth.invalidate();
    expect(await auth.headers()).toEqual({ authorization: 'Bearer t3' });
  });
});
