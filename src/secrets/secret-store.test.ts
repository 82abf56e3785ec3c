import { randomBytes } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ConnectorError } from '../errors.ts';
import { decodeKeyText } from './master-key.ts';
import { ensureSecretStoreFile, openSecretStore } from './secret-store.ts';

let dir: string;
const noEnv = {};
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'mlc-secrets-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function codeOf(p: Promise<unknown>): Promise<[string, string]> {
  try {
    await p;
  } catch (e) {
    expect(e).toBeInstanceOf(ConnectorError);
    return [(e as ConnectorError).code, (e as ConnectorError).message];
  }
  throw new Error('expected a failure');
}

describe('openSecretStore', () => {
  it('round-trips values through a fresh store, with 0600 files and no plaintext on disk', async () => {
    const store = await openSecretStore(dir, { env: noEnv, create: true });
    expect(store.keySource).toBe('created');
    await store.set('epicor_api_key', 'very-secret-ÄPI-key');
    await store.set('b_secret', 'two');
    const again = await openSecretStore(dir, { env: noEnv });
    expect(again.keySource).toBe('file');
    expect(again.get('epicor_api_key')).toBe('very-secret-ÄPI-key');
    expect(again.names()).toEqual(['b_secret', 'epicor_api_key']);
    expect(await again.remove('b_secret')).toBe(true);
    expect(await again.remove('b_secret')).toBe(false);
    expect((await openSecretStore(dir, { env: noEnv })).names()).toEqual(['epicor_api_key']);

    const folder = join(dir, '.ml-connector');
    expect((await stat(join(folder, 'master.key'))).mode & 0o777).toBe(0o600);
    expect((await stat(join(folder, 'secrets.enc'))).mode & 0o777).toBe(0o600);
    expect((await readdir(folder)).sort()).toEqual(['master.key', 'secrets.enc']); // no temp files left
    const onDisk = await readFile(join(folder, 'secrets.enc'), 'utf8');
    expect(onDisk).not.toContain('very-secret');
    const parsed = JSON.parse(onDisk);
    expect(parsed.version).toBe(1);
    expect(Object.keys(parsed.secrets.epicor_api_key).sort()).toEqual(['data', 'iv', 'tag']);
    expect(Buffer.from(parsed.secrets.epicor_api_key.iv, 'base64')).toHaveLength(12);
  });

  it('uses a fresh IV per value', async () => {
    const store = await openSecretStore(dir, { env: noEnv, create: true });
    await store.set('a', 'same');
    await store.set('b', 'same');
    const { secrets } = JSON.parse(await readFile(join(dir, '.ml-connector/secrets.enc'), 'utf8'));
    expect(secrets.a.iv).not.toBe(secrets.b.iv);
    expect(secrets.a.data).not.toBe(secrets.b.data);
  });

  it('takes the key from ML_CONNECTOR_MASTER_KEY as hex or base64, and needs no key file then', async () => {
    const key = randomBytes(32);
    const hexEnv = { ML_CONNECTOR_MASTER_KEY: key.toString('hex') };
    const store = await openSecretStore(dir, { env: hexEnv, create: true });
    expect(store.keySource).toBe('env');
    await store.set('x', 'v');
    await expect(stat(join(dir, '.ml-connector/master.key'))).rejects.toThrow();
    const b64 = await openSecretStore(dir, { env: { ML_CONNECTOR_MASTER_KEY: key.toString('base64') } });
    expect(b64.get('x')).toBe('v');
  });

  it.each(['short', 'zz'.repeat(32), randomBytes(31).toString('base64'), `${randomBytes(32).toString('hex')}00`])(
    'rejects a malformed env key %#',
    async (bad) => {
      const [code, message] = await codeOf(openSecretStore(dir, { env: { ML_CONNECTOR_MASTER_KEY: bad } }));
      expect(code).toBe('SECRET_STORE');
      expect(message).toContain('ML_CONNECTOR_MASTER_KEY is not a valid master key: use 64 hex characters');
      expect(message).not.toContain(bad);
    },
  );

  it('refuses a wrong key with a clear sentence', async () => {
    const store = await openSecretStore(dir, { env: noEnv, create: true });
    await store.set('x', 'value');
    const wrong = { ML_CONNECTOR_MASTER_KEY: randomBytes(32).toString('hex') };
    const [code, message] = await codeOf(openSecretStore(dir, { env: wrong }));
    expect(code).toBe('SECRET_STORE');
    expect(message).toBe(
      `cannot decrypt secret store ${join(dir, '.ml-connector/secrets.enc')}: wrong master key or the file was modified`,
    );
  });

  const tampers: [string, (f: any) => void][] = [
    ['flipped data byte', (f) => (f.secrets.x.data = flip(f.secrets.x.data))],
    ['flipped tag byte', (f) => (f.secrets.x.tag = flip(f.secrets.x.tag))],
    ['flipped iv byte', (f) => (f.secrets.x.iv = flip(f.secrets.x.iv))],
    ['truncated tag', (f) => (f.secrets.x.tag = f.secrets.x.tag.slice(0, 8))],
    ['value moved to another name', (f) => (f.secrets = { y: f.secrets.x })],
    ['wrong version', (f) => (f.version = 2)],
    ['missing field', (f) => delete f.secrets.x.tag],
  ];
  it.each(tampers)('detects a modified store: %s', async (_label, tamper) => {
    const store = await openSecretStore(dir, { env: noEnv, create: true });
    await store.set('x', 'value');
    const file = join(dir, '.ml-connector/secrets.enc');
    const parsed = JSON.parse(await readFile(file, 'utf8'));
    tamper(parsed);
    await writeFile(file, JSON.stringify(parsed));
    const [code, message] = await codeOf(openSecretStore(dir, { env: noEnv }));
    expect(code).toBe('SECRET_STORE');
    expect(message).toContain('wrong master key or the file was modified');
  });

  it('detects a store that is not JSON', async () => {
    await openSecretStore(dir, { env: noEnv, create: true });
    await writeFile(join(dir, '.ml-connector/secrets.enc'), 'garbage{');
    expect((await codeOf(openSecretStore(dir, { env: noEnv })))[0]).toBe('SECRET_STORE');
  });

  it('does not invent a key for a store that already holds secrets', async () => {
    const store = await openSecretStore(dir, { env: noEnv, create: true });
    await store.set('x', 'value');
    await rm(join(dir, '.ml-connector/master.key'));
    const [code, message] = await codeOf(openSecretStore(dir, { env: noEnv, create: true }));
    expect(code).toBe('SECRET_STORE');
    expect(message).toContain('holds secrets but its master key is missing');
    expect(message).toContain('ML_CONNECTOR_MASTER_KEY (not set)');
    expect(message).toMatch(/restore the key file from your backup to .*master\.key/);
    await expect(stat(join(dir, '.ml-connector/master.key'))).rejects.toThrow();
  });

  it('without create and without a key, says how to get one', async () => {
    const [code, message] = await codeOf(openSecretStore(dir, { env: noEnv }));
    expect(code).toBe('SECRET_STORE');
    expect(message).toMatch(/set ML_CONNECTOR_MASTER_KEY or run `ml-connector init`/);
  });

  it('rejects invalid names', async () => {
    const store = await openSecretStore(dir, { env: noEnv, create: true });
    for (const bad of ['Upper', '1abc', 'with-dash', '', 'a'.repeat(65)]) {
      expect((await codeOf(store.set(bad, 'v')))[0]).toBe('USAGE');
    }
  });

  it('ensureSecretStoreFile creates an empty store once', async () => {
    expect(await ensureSecretStoreFile(dir)).toBe(true);
    expect(await ensureSecretStoreFile(dir)).toBe(false);
    expect(JSON.parse(await readFile(join(dir, '.ml-connector/secrets.enc'), 'utf8'))).toEqual({
      version: 1,
      secrets: {},
    });
  });
});

describe('decodeKeyText', () => {
  it('accepts hex, base64 and base64url of 32 bytes only', () => {
    const key = randomBytes(32);
    expect(decodeKeyText(key.toString('hex'))).toEqual(key);
    expect(decodeKeyText(` ${key.toString('base64')}\n`)).toEqual(key);
    expect(decodeKeyText(key.toString('base64url'))).toEqual(key);
    expect(decodeKeyText(randomBytes(16).toString('hex'))).toBeUndefined();
    expect(decodeKeyText(randomBytes(33).toString('base64'))).toBeUndefined();
  });
});

function flip(b64: string): string {
  const b = Buffer.from(b64, 'base64');
  b[0] ^= 1;
  return b.toString('base64');
}
