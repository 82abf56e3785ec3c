import { randomBytes } from 'node:crypto';
import { mkdir, open, readFile } from 'node:fs/promises';
import { ConnectorError } from '../errors.ts';
import { MASTER_KEY_ENV, type StorePaths } from './store-paths.ts';

export interface MasterKeyOptions {
  env?: NodeJS.ProcessEnv;
  /** Explicit key text (hex or base64), wins over env and key file. */
  masterKey?: string;
  /** Create the key file (mode 0600, 32 random bytes) when no key is available. */
  create?: boolean;
  random?: (size: number) => Buffer;
  /** The store already holds secrets sealed with a key that is not found (`init` must not create another). */
  orphaned?: boolean;
}

/** Where the key came from, so `init` can say what it did. */
export type MasterKeySource = 'option' | 'env' | 'file' | 'created';

/** Decodes key text: 64 hex characters or base64 of exactly 32 bytes; anything else → undefined. */
export function decodeKeyText(text: string): Buffer | undefined {
  const t = text.trim();
  if (/^[0-9a-fA-F]{64}$/.test(t)) return Buffer.from(t, 'hex');
  if (/^[A-Za-z0-9+/]{43}=?$/.test(t) || /^[A-Za-z0-9_-]{43}$/.test(t)) {
    const b = Buffer.from(t, t.includes('-') || t.includes('_') ? 'base64url' : 'base64');
    if (b.length === 32) return b;
  }
  return undefined;
}

/** Finds the 32-byte master key: option, then ML_CONNECTOR_MASTER_KEY, then the key file (created if allowed). */
export async function resolveMasterKey(
  paths: StorePaths,
  opts: MasterKeyOptions = {},
): Promise<{ key: Buffer; source: MasterKeySource }> {
  if (opts.masterKey !== undefined) return { key: decodeOrThrow(opts.masterKey, 'the master key'), source: 'option' };
  const fromEnv = (opts.env ?? process.env)[MASTER_KEY_ENV];
  if (fromEnv !== undefined && fromEnv !== '') return { key: decodeOrThrow(fromEnv, MASTER_KEY_ENV), source: 'env' };

  const existing = await readKeyFile(paths.keyFile);
  if (existing) return { key: existing, source: 'file' };
  if (!opts.create) throw missingKey(paths, opts.orphaned === true);
  const key = (opts.random ?? randomBytes)(32);
  await mkdir(paths.dir, { recursive: true, mode: 0o700 });
  try {
    // 'wx' fails if another process created it first; then use theirs.
    const fh = await open(paths.keyFile, 'wx', 0o600);
    try {
      await fh.writeFile(`${key.toString('hex')}\n`);
      await fh.chmod(0o600);
    } finally {
      await fh.close();
    }
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'EEXIST') {
      const theirs = await readKeyFile(paths.keyFile);
      if (theirs) return { key: theirs, source: 'file' };
    }
    throw new ConnectorError('SECRET_STORE', `cannot create key file ${paths.keyFile}: ${errnoText(e)}`, { cause: e });
  }
  return { key, source: 'created' };
}

async function readKeyFile(path: string): Promise<Buffer | undefined> {
  let raw: Buffer;
  try {
    raw = await readFile(path);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new ConnectorError('SECRET_STORE', `cannot read key file ${path}: ${errnoText(e)}`, { cause: e });
  }
  // Raw 32 bytes (written by hand) or hex/base64 text (what we write, so it can be copied into the env variable).
  const key = raw.length === 32 ? raw : decodeKeyText(raw.toString('utf8'));
  if (!key) {
    throw new ConnectorError(
      'SECRET_STORE',
      `key file ${path} is not a valid master key: it must hold 64 hex characters or base64 of 32 bytes`,
    );
  }
  return key;
}

/**
 * No key anywhere. With secrets already stored, a new key cannot help (it would not open them): say where the key
 * was looked for and how to bring it back, instead of sending the user to `init`, which refuses for the same reason.
 */
function missingKey(paths: StorePaths, orphaned: boolean): ConnectorError {
  const where = `looked in ${MASTER_KEY_ENV} (not set) and ${paths.keyFile} (not found)`;
  if (!orphaned) {
    return new ConnectorError(
      'SECRET_STORE',
      `no master key (${where}): set ${MASTER_KEY_ENV} or run \`ml-connector init\` to create the key file`,
    );
  }
  return new ConnectorError(
    'SECRET_STORE',
    `${paths.secretsFile} holds secrets but its master key is missing (${where}): restore the key file from your ` +
      `backup to ${paths.keyFile} (mode 0600) or set ${MASTER_KEY_ENV} to the key; if the key is lost, delete ` +
      `${paths.secretsFile} and store each secret again with \`ml-connector secrets set <name>\``,
  );
}

function decodeOrThrow(text: string, what: string): Buffer {
  const key = decodeKeyText(text);
  if (!key) {
    throw new ConnectorError(
      'SECRET_STORE',
      `${what} is not a valid master key: use 64 hex characters or base64 of 32 bytes (e.g. \`openssl rand -hex 32\`)`,
    );
  }
  return key;
}

function errnoText(e: unknown): string {
  const err = e as NodeJS.ErrnoException;
  return err.code ?? (e instanceof Error ? e.message : String(e));
}
