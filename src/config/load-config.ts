import { access, readFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { parseDocument } from 'yaml';
import { ConnectorError } from '../errors.ts';
import { openSecretStore, type SecretStore } from '../secrets/secret-store.ts';
import { interpolate, shellStyleReferences } from './interpolate.ts';
import { type Config, parseConfig } from './schema.ts';

export interface LoadedConfig {
  config: Config;
  /** Absolute path of the file read. */
  configPath: string;
  /** Folder of the config file (secret store and relative paths live here). */
  configDir: string;
  /** Values that must never be printed: interpolated values plus every credential field. */
  secretValues: string[];
  /** Things that load but are probably not what was meant (e.g. `$EPICOR_API_KEY` sent as written). */
  warnings: string[];
}

export interface LoadConfigOptions {
  env?: NodeJS.ProcessEnv;
  /** Master key text (hex or base64), instead of ML_CONNECTOR_MASTER_KEY / the key file. */
  masterKey?: string;
}

/** The path users get when they pass no `--config`. */
export const DEFAULT_CONFIG_PATH = './ml-connector.yaml';

/** Reads, interpolates and validates a config file once. Every failure is one ConnectorError sentence (exit 2). */
export async function loadConfig(path: string, opts: LoadConfigOptions = {}): Promise<LoadedConfig> {
  const env = opts.env ?? process.env;
  const configPath = resolve(path);
  const configDir = dirname(configPath);

  const text = await readConfigText(path, configPath);
  const raw = parseYaml(text, path);

  let store: Promise<SecretStore> | undefined;
  const configFlag = configPath === resolve(DEFAULT_CONFIG_PATH) ? '' : ` --config ${path}`;
  const { value, substituted } = await interpolate(
    raw,
    {
      env: (name) => env[name],
      async secret(name) {
        store ??= openSecretStore(configDir, { env, masterKey: opts.masterKey });
        return (await store).get(name);
      },
    },
    { secretHint: (name) => `ml-connector secrets set ${name}${configFlag}` },
  );

  const config = parseConfig(value, { configDir, source: path });
  if (config.epicor.caFile !== undefined) await checkReadable(config.epicor.caFile);
  const warnings = shellStyleReferences(raw);
  return { config, configPath, configDir, secretValues: secretValuesOf(config, substituted), warnings };
}

async function readConfigText(given: string, absolute: string): Promise<string> {
  try {
    return await readFile(absolute, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') {
      throw new ConnectorError(
        'CONFIG_INVALID',
        `config file ${given} not found: run \`ml-connector init\` to create one`,
      );
    }
    if (code === 'EISDIR')
      throw new ConnectorError('CONFIG_INVALID', `config file ${given} is a directory, not a file`);
    throw new ConnectorError('CONFIG_INVALID', `cannot read config file ${given}: ${code ?? 'read failed'}`, {
      cause: e,
    });
  }
}

function parseYaml(text: string, given: string): unknown {
  const doc = parseDocument(text);
  const first = doc.errors[0];
  if (first) {
    const line = first.linePos?.[0];
    const where = line ? ` at line ${line.line}, column ${line.col}` : '';
    const what = first.message.split('\n')[0].replace(/ at line \d+, column \d+.*$/, '');
    // `{ key: ${secret:x} }` is a common slip: inside { } or [ ], `{` starts a nested mapping.
    const hint =
      /flow/i.test(what) && text.includes('$' + '{')
        ? ` (quote \${...} values inside { } or [ ], e.g. "\${secret:name}")`
        : '';
    throw new ConnectorError('CONFIG_INVALID', `config file ${given} is not valid YAML${where}: ${what}${hint}`);
  }
  return doc.toJS();
}

async function checkReadable(file: string): Promise<void> {
  try {
    await access(file);
  } catch {
    throw new ConnectorError('CONFIG_INVALID', `epicor.caFile: file ${file} not found`);
  }
}

/** Interpolated values plus every credential field, longest first (so a secret containing another redacts whole). */
function secretValuesOf(config: Config, substituted: string[]): string[] {
  const { epicor, databricks } = config;
  const fields: (string | undefined)[] = [epicor.apiKey];
  if (epicor.auth.type === 'oauth2') fields.push(epicor.auth.clientSecret);
  else fields.push(epicor.auth.password);
  if (databricks.auth.type === 'oauth-m2m') fields.push(databricks.auth.clientSecret);
  else fields.push(databricks.auth.token);
  fields.push(config.ui?.token);
  // The hash salt even when written in the file as plain text: with it, hashed tax ids can be guessed back.
  fields.push(config.columns?.salt);
  const all = new Set([...substituted, ...fields].filter((v): v is string => typeof v === 'string' && v !== ''));
  return [...all].sort((a, b) => b.length - a.length);
}
