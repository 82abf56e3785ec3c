import { afterEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../../clock.ts';
import { FakeWorkspace } from '../../destination/databricks/client/testing/fake-workspace.ts';
import { ConnectorError } from '../../errors.ts';
import { type ResolvedCredentials, resolveDatabricksCredentials } from './credential-chain.ts';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function setup(opts: { ttl?: number; discovery?: boolean; auth?: Partial<Record<string, unknown>> } = {}) {
  const clock = new ManualClock();
  const fake = await FakeWorkspace.start({ clock, tokenTtlSeconds: opts.ttl, discovery: opts.discovery });
  cleanups.push(() => fake.close());
  const config = fake.config({ auth: opts.auth });
  const resolved: ResolvedCredentials = resolveDatabricksCredentials(config, {
    clock,
    retry: { maxRetries: 1, minTimeoutMs: 1 },
  });
  cleanups.push(() => resolved.close());
  return { clock, fake, creds: resolved.credentials };
}

async function waitFor(cond: () => boolean, what: string): Promise<void> {
  const until = Date.now() + 3000;
  while (!cond()) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}

describe('OAuth M2M credentials', () => {
  it('discovers the workspace token endpoint, then asks with Basic client auth and the client-credentials form', async () => {
    const { fake, creds } = await setup();
    expect(await creds.headers()).toEqual({ authorization: 'Bearer tok-1' });
    for (let i = 0; i < 10; i++) await creds.token();
    expect(fake.seen('GET', /^\/oidc\/\.well-known\/oauth-authorization-server$/)).toHaveLength(1);
    const [tokenReq, ...more] = fake.seen('POST', /^\/oidc\/v1\/token$/);
    expect(more).toHaveLength(0);
    expect(tokenReq.headers.authorization).toBe(`Basic ${Buffer.from('test-sp:test-sp-secret').toString('base64')}`);
    expect(Object.fromEntries(new URLSearchParams(tokenReq.body.toString()))).toEqual({
      grant_type: 'client_credentials',
      scope: 'all-apis',
    });
    expect(creds.method).toBe('oauth-m2m-workspace');
    expect(creds.refreshCount()).toBe(1);
  });

  it('a stale token triggers exactly one background refresh while callers keep getting the current token', async () => {
    const { clock, fake, creds } = await setup({ ttl: 3600 });
    expect(await creds.token()).toBe('tok-1');
    clock.advance(2399_000);
    expect(await creds.token()).toBe('tok-1');
    expect(fake.tokenRequests).toBe(1); // still fresh: stale window is min(TTL/2, 20 min) = 20 min
    clock.advance(2_000);
    fake.holdTokens = true;
    const values = await Promise.all(Array.from({ length: 8 }, () => creds.token()));
    expect(values).toEqual(Array(8).fill('tok-1')); // answered while the refresh is still held on the server
    await waitFor(() => fake.heldTokenRequests === 1, 'the background refresh');
    expect(await creds.token()).toBe('tok-1');
    expect(fake.tokenRequests).toBe(2);
    fake.releaseTokens();
    await waitFor(() => creds.refreshCount() === 2, 'the refresh to land');
    expect(await creds.token()).toBe('tok-2');
    expect(fake.tokenRequests).toBe(2);
  });

  it('an expired token makes every caller wait on one shared refresh (40 s early)', async () => {
    const { clock, fake, creds } = await setup({ ttl: 3600 });
    await creds.token();
    clock.advance(3560_000); // 40 s before the server's expiry: already expired for us
    fake.holdTokens = true;
    let settled = 0;
    const waiting = Array.from({ length: 6 }, () => creds.token().finally(() => settled++));
    await waitFor(() => fake.heldTokenRequests === 1, 'the blocking refresh');
    await new Promise((r) => setTimeout(r, 20));
    expect(settled).toBe(0);
    fake.releaseTokens();
    expect(await Promise.all(waiting)).toEqual(Array(6).fill('tok-2'));
    expect(fake.tokenRequests).toBe(2);
  });

  it('reads expires_in given as a string', async () => {
    const { clock, fake, creds } = await setup({ ttl: 60 });
    fake.expiresInAsString = true;
    await creds.token();
    clock.advance(29_000);
    expect(await creds.token()).toBe('tok-1');
    expect(fake.tokenRequests).toBe(1);
    clock.advance(17_000); // 46 s: past 60 s minus min(40 s, TTL/4) → expired
    expect(await creds.token()).toBe('tok-2');
  });

  it('uses the account token endpoint without discovery at account level', async () => {
    const { fake, creds } = await setup({ auth: { level: 'account', accountId: 'acct-42' } });
    expect(await creds.token()).toBe('tok-1');
    expect(creds.method).toBe('oauth-m2m-account');
    expect(fake.seen('POST', /^\/oidc\/accounts\/acct-42\/v1\/token$/)).toHaveLength(1);
    expect(fake.seen('GET', /^\/oidc\//)).toHaveLength(0);
  });

  it('rejected client credentials fail at once with AUTH_FAILED and no secret in the message', async () => {
    const { fake, creds } = await setup({ auth: { clientSecret: 'wrong-secret-value' } });
    const err = await creds.token().catch((e) => e);
    expect(err).toBeInstanceOf(ConnectorError);
    expect(err.code).toBe('AUTH_FAILED');
    expect(err.retryable).toBe(false);
    expect(err.message).toContain('invalid_client');
    expect(err.message).toContain('databricks.auth.clientSecret');
    expect(err.message).not.toContain('wrong-secret-value');
    expect(fake.tokenRequests).toBe(1);
  });

  it('a host without OAuth discovery says so plainly', async () => {
    const { creds } = await setup({ discovery: false });
    const err = await creds.token().catch((e) => e);
    expect(err.code).toBe('CONFIG_INVALID');
    expect(err.message).toMatch(/No OAuth on this host/);
  });

  it('names a missing key the chosen provider needs', async () => {
    await expect(setup({ auth: { level: 'account', accountId: null } })).rejects.toThrow(/databricks\.auth\.accountId/);
  });
});

describe('personal access token', () => {
  it('is sent as is and never refreshed', async () => {
    const { fake, creds } = await setup({ auth: { type: 'pat', token: 'dapi-xyz' } });
    expect(await creds.headers()).toEqual({ authorization: 'Bearer dapi-xyz' });
    expect(creds.method).toBe('pat');
    expect(fake.tokenRequests).toBe(0);
  });
});
