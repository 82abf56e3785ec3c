import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { chmod, mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { ConnectorError } from '../errors.ts';
import { type MasterKeyOptions, type MasterKeySource, resolveMasterKey } from './master-key.ts';
import { type StorePaths, storePaths } from './store-paths.ts';

/** Stored names: lowercase, start with a letter, at most 64 characters. */
export const SECRET_NAME = /^[a-z][a-z0-9_]{0,63}$/;

/** Credentials encrypted at rest beside the config (AES-256-GCM, one random IV per value). */
export interface SecretStore {
  readonly paths: StorePaths;
  /** Where the master key came from (`created` when this open made the key file). */
  readonly keySource: MasterKeySource;
  get(name: string): string | undefined;
  set(name: string, value: string): Promise<void>;
  /** Removes a secret; false when there was none by that name. */
  remove(name: string): Promise<boolean>;
  /** Stored names, sorted. */
  names(): string[];
}

interface Sealed {
  iv: string;
  tag: string;
  data: string;
}

interface StoreFile {
  version: 1;
  secrets: Record<string, Sealed>;
}

export type OpenSecretStoreOptions = MasterKeyOptions;

/**
 * Opens (and fully decrypts, so a wrong key or a modified file is caught up front) the store of `configDir`.
 * With `create`, a missing key file is made — only while the store holds nothing a new key could orphan.
 */
export async function openSecretStore(configDir: string, opts: OpenSecretStoreOptions = {}): Promise<SecretStore> {
  const paths = storePaths(configDir);
  const file = await readStoreFile(paths);
  const hasSecrets = Object.keys(file.secrets).length > 0;
  const { key, source } = await resolveMasterKey(paths, {
    ...opts,
    create: opts.create === true && !hasSecrets,
    orphaned: hasSecrets,
  });

  const values = new Map<string, string>();
  for (const [name, sealed] of Object.entries(file.secrets)) values.set(name, open(key, name, sealed, paths));
  const random = opts.random ?? randomBytes;

  return {
    paths,
    keySource: source,
    get: (name) => values.get(name),
    names: () => [...values.keys()].sort(),
    async set(name, value) {
      checkName(name);
      file.secrets[name] = seal(key, name, value, random(12));
      await writeStoreFile(paths, file);
      values.set(name, value);
    },
    async remove(name) {
      if (!values.has(name)) return false;
      delete file.secrets[name];
      await writeStoreFile(paths, file);
      values.delete(name);
      return true;
    },
  };
}

/** Creates an empty store file if there is none (what `init` does). Returns true when it created one. */
export async function ensureSecretStoreFile(configDir: string): Promise<boolean> {
  const paths = storePaths(configDir);
  const file = await readStoreFile(paths);
  if (file.exists) return false;
  await writeStoreFile(paths, { version: 1, secrets: {} });
  return true;
}

/** Throws a USAGE error when `name` is not a valid secret name. */
export function checkName(name: string): void {
  if (!SECRET_NAME.test(name)) {
    throw new ConnectorError(
      'USAGE',
      `invalid secret name "${name}": use lowercase letters, digits and _, starting with a letter (at most 64)`,
    );
  }
}

function seal(key: Buffer, name: string, value: string, iv: Buffer): Sealed {
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  // The name is authenticated data, so a value cannot be moved under another name unnoticed.
  cipher.setAAD(Buffer.from(name, 'utf8'));
  const data = Buffer.concat([cipher.update(value, 'utf8'), cipher.final()]);
  return { iv: iv.toString('base64'), tag: cipher.getAuthTag().toString('base64'), data: data.toString('base64') };
}

function open(key: Buffer, name: string, sealed: Sealed, paths: StorePaths): string {
  try {
    const iv = Buffer.from(sealed.iv, 'base64');
    const tag = Buffer.from(sealed.tag, 'base64');
    if (iv.length !== 12 || tag.length !== 16) throw new Error('bad iv or tag length');
    const decipher = createDecipheriv('aes-256-gcm', key, iv, { authTagLength: 16 });
    decipher.setAAD(Buffer.from(name, 'utf8'));
    decipher.setAuthTag(tag);
    return Buffer.concat([decipher.update(Buffer.from(sealed.data, 'base64')), decipher.final()]).toString('utf8');
  } catch {
    throw undecryptable(paths);
  }
}

function undecryptable(paths: StorePaths): ConnectorError {
  return new ConnectorError(
    'SECRET_STORE',
    `cannot decrypt secret store ${paths.secretsFile}: wrong master key or the file was modified`,
  );
}

async function readStoreFile(paths: StorePaths): Promise<StoreFile & { exists: boolean }> {
  let text: string;
  try {
    text = await readFile(paths.secretsFile, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return { version: 1, secrets: {}, exists: false };
    const code = (e as NodeJS.ErrnoException).code ?? 'unreadable';
    throw new ConnectorError('SECRET_STORE', `cannot read secret store ${paths.secretsFile}: ${code}`, { cause: e });
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw undecryptable(paths);
  }
  if (!isStoreFile(parsed)) throw undecryptable(paths);
  return { version: 1, secrets: parsed.secrets, exists: true };
}

function isStoreFile(v: unknown): v is StoreFile {
  if (v === null || typeof v !== 'object') return false;
  const f = v as { version?: unknown; secrets?: unknown };
  if (f.version !== 1 || f.secrets === null || typeof f.secrets !== 'object' || Array.isArray(f.secrets)) return false;
  return Object.entries(f.secrets as Record<string, unknown>).every(
    ([name, s]) =>
      SECRET_NAME.test(name) &&
      s !== null &&
      typeof s === 'object' &&
      ['iv', 'tag', 'data'].every((k) => typeof (s as Record<string, unknown>)[k] === 'string'),
  );
}

/** Temp file + rename, so a crash never leaves a half-written store; mode 0600 throughout. */
async function writeStoreFile(paths: StorePaths, file: StoreFile): Promise<void> {
  await mkdir(paths.dir, { recursive: true, mode: 0o700 });
  const tmp = `${paths.secretsFile}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  const body = `${JSON.stringify({ version: 1, secrets: file.secrets }, null, 2)}\n`;
  try {
    await writeFile(tmp, body, { mode: 0o600, flag: 'wx' });
    await chmod(tmp, 0o600);
    await rename(tmp, paths.secretsFile);
  } catch (e) {
    await rm(tmp, { force: true });
    const code = (e as NodeJS.ErrnoException).code ?? 'write failed';
    throw new ConnectorError('SECRET_STORE', `cannot write secret store ${paths.secretsFile}: ${code}`, { cause: e });
  }
}
