// biome-ignore-all lint/suspicious/noTemplateCurlyInString: these tests are about ${...} references in config text
import { randomBytes } from 'node:crypto';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ConnectorError } from '../errors.ts';
import { openSecretStore } from '../secrets/secret-store.ts';
import { loadConfig } from './load-config.ts';
import { STARTER_SECRETS, starterConfigYaml } from './starter-config.ts';

let dir: string;
const key = randomBytes(32).toString('hex');
const env = { ML_CONNECTOR_MASTER_KEY: key, EPICOR_HOST: 'epicor.internal' };

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'mlc-config-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const CONFIG = `
epicor:
  baseUrl: https://\${env:EPICOR_HOST}/SaaS5333/
  company: [EPIC06, EPIC07]
  apiKey: \${secret:epicor_api_key}
  auth:
    type: basic
    username: svc
    password: \${secret:epicor_password}
  caFile: ./ca.pem
databricks:
  host: https://adb-1.azuredatabricks.net
  warehouseId: abc
  catalog: main
  schema: epicor
  auth:
    type: pat
    token: \${secret:databricks_pat}
entities: [vendors, { name: parts, cursor: ChangedOn }]
`;

async function failure(p: Promise<unknown>): Promise<ConnectorError> {
  try {
    await p;
  } catch (e) {
    expect(e).toBeInstanceOf(ConnectorError);
    return e as ConnectorError;
  }
  throw new Error('expected a failure');
}

async function storeSecrets(values: Record<string, string>): Promise<void> {
  const store = await openSecretStore(dir, { env, create: true });
  for (const [k, v] of Object.entries(values)) await store.set(k, v);
}

describe('loadConfig', () => {
  it('reads, interpolates, validates and lists every secret value', async () => {
    await writeFile(join(dir, 'ml-connector.yaml'), CONFIG);
    await writeFile(join(dir, 'ca.pem'), 'pem');
    await storeSecrets({ epicor_api_key: 'api-key-123', epicor_password: 'pw-456', databricks_pat: 'dapi-789' });
    const loaded = await loadConfig(join(dir, 'ml-connector.yaml'), { env });
    expect(loaded.configDir).toBe(dir);
    expect(loaded.configPath).toBe(join(dir, 'ml-connector.yaml'));
    expect(loaded.config.epicor.baseUrl).toBe('https://epicor.internal/SaaS5333');
    expect(loaded.config.epicor.companies).toEqual(['EPIC06', 'EPIC07']);
    expect(loaded.config.epicor.auth).toEqual({ type: 'basic', username: 'svc', password: 'pw-456' });
    expect(loaded.config.epicor.caFile).toBe(join(dir, 'ca.pem'));
    expect(loaded.config.databricks.auth).toEqual({ type: 'pat', token: 'dapi-789' });
    expect(loaded.config.entities).toEqual([{ name: 'vendors' }, { name: 'parts', cursor: 'ChangedOn' }]);
    expect(loaded.secretValues.sort()).toEqual(['api-key-123', 'dapi-789', 'epicor.internal', 'pw-456']);
  });

  it('counts literal credentials as secrets too', async () => {
    const literal = CONFIG.replace('${secret:epicor_api_key}', 'literal-api-key')
      .replace('${secret:epicor_password}', 'literal-pw')
      .replace('${secret:databricks_pat}', 'literal-pat')
      .replace('  caFile: ./ca.pem\n', '');
    await writeFile(join(dir, 'c.yaml'), literal);
    const loaded = await loadConfig(join(dir, 'c.yaml'), { env });
    expect(loaded.secretValues).toEqual(expect.arrayContaining(['literal-api-key', 'literal-pw', 'literal-pat']));
  });

  it('says how to create a missing file', async () => {
    const e = await failure(loadConfig('./no-such-dir-xyz/x.yaml', { env }));
    expect(e.code).toBe('CONFIG_INVALID');
    expect(e.message).toBe('config file ./no-such-dir-xyz/x.yaml not found: run `ml-connector init` to create one');
  });

  it('names a missing secret and the command that stores it', async () => {
    await writeFile(join(dir, 'c.yaml'), CONFIG);
    await storeSecrets({ epicor_api_key: 'a', epicor_password: 'b' });
    const e = await failure(loadConfig(join(dir, 'c.yaml'), { env }));
    expect(e.code).toBe('SECRET_MISSING');
    expect(e.message).toContain('databricks.auth.token: secret databricks_pat is not stored');
    expect(e.message).toContain(`ml-connector secrets set databricks_pat --config ${join(dir, 'c.yaml')}`);
  });

  it('reports an unset env variable with its key path', async () => {
    await writeFile(join(dir, 'c.yaml'), CONFIG);
    const e = await failure(loadConfig(join(dir, 'c.yaml'), { env: { ML_CONNECTOR_MASTER_KEY: key } }));
    expect(e.code).toBe('CONFIG_INVALID');
    expect(e.message).toBe('epicor.baseUrl: environment variable EPICOR_HOST is not set');
  });

  it('reports YAML syntax errors with a line number', async () => {
    await writeFile(join(dir, 'c.yaml'), 'epicor:\n  baseUrl: [unclosed\n  company: x\n');
    const e = await failure(loadConfig(join(dir, 'c.yaml'), { env }));
    expect(e.code).toBe('CONFIG_INVALID');
    expect(e.message).toMatch(/is not valid YAML at line \d+, column \d+: /);
    expect(e.message).not.toContain('\n');
  });

  it('rejects duplicate keys', async () => {
    await writeFile(join(dir, 'c.yaml'), 'schedule: hourly\nschedule: daily\n');
    expect((await failure(loadConfig(join(dir, 'c.yaml'), { env }))).message).toMatch(
      /not valid YAML.*(unique|duplicate)/i,
    );
  });

  it('checks that caFile exists', async () => {
    await writeFile(join(dir, 'c.yaml'), CONFIG);
    await storeSecrets({ epicor_api_key: 'a', epicor_password: 'b', databricks_pat: 'c' });
    const e = await failure(loadConfig(join(dir, 'c.yaml'), { env }));
    expect(e.message).toBe(`epicor.caFile: file ${join(dir, 'ca.pem')} not found`);
  });

  it('fails with SECRET_STORE when the store cannot be decrypted', async () => {
    await writeFile(join(dir, 'c.yaml'), CONFIG);
    await storeSecrets({ epicor_api_key: 'a' });
    const wrong = { ...env, ML_CONNECTOR_MASTER_KEY: randomBytes(32).toString('hex') };
    const e = await failure(loadConfig(join(dir, 'c.yaml'), { env: wrong }));
    expect(e.code).toBe('SECRET_STORE');
    expect(e.exitCode).toBe(2);
  });

  it('loads both starter configs once their secrets are stored', async () => {
    await storeSecrets(Object.fromEntries(STARTER_SECRETS.map((n) => [n, `value-of-${n}`])));
    for (const emulators of [false, true]) {
      const path = join(dir, `starter-${emulators}.yaml`);
      await writeFile(path, starterConfigYaml({ emulators }));
      const { config } = await loadConfig(path, { env });
      expect(config.entities).toBe('all');
      expect(config.epicor.apiKey).toBe('value-of-epicor_api_key');
      if (emulators) {
        expect(config.epicor.baseUrl).toBe('http://127.0.0.1:8701/kinetic');
        expect(config.databricks.host).toBe('http://127.0.0.1:8702');
      }
    }
  });

  it('rejects a directory given as config', async () => {
    await mkdir(join(dir, 'd.yaml'));
    expect((await failure(loadConfig(join(dir, 'd.yaml'), { env }))).message).toContain('is a directory');
  });
});
