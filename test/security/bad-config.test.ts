// biome-ignore-all lint/suspicious/noTemplateCurlyInString: these tests write ${...} references into config files
/**
 * Bad configuration never reaches either system: for a wrong value of every SPEC §3 key, a missing or unreadable
 * config, an unreadable or tampered secret store and a wrong master key, `sync` and `check` exit 2 with exactly one
 * stderr line naming the key (no stack), write nothing, and send no request to the emulators (each sits behind a
 * counting proxy; the Databricks statement log stays empty). The whole table runs through the CLI in-process for
 * both commands; the store/file cases and hostile values also run through the real binary.
 */
import { randomBytes } from 'node:crypto';
import { chmodSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { openSecretStore } from '../../src/secrets/secret-store.ts';
import { spawnCli } from '../cli/spawn-cli.ts';
import { emulatorYaml } from '../support/cli-harness.ts';
import { type E2eEnv, startE2eEnv } from '../support/e2e-env.ts';
import { runCliInProcess } from './cli-in-process.ts';
import { type RecordingProxy, startRecordingProxy } from './recording-proxy.ts';

const KEY = 'ef'.repeat(32);
let env: E2eEnv;
let epicorProxy: RecordingProxy;
let dbxProxy: RecordingProxy;
let good: Record<string, unknown>;
let root: string;

beforeAll(async () => {
  env = await startE2eEnv({ epicor: { scale: 0.02 } });
  epicorProxy = await startRecordingProxy(env.epicorUrl);
  dbxProxy = await startRecordingProxy(env.host);
  good = parse(emulatorYaml({ epicorUrl: epicorProxy.url, host: dbxProxy.url }));
  root = mkdtempSync(join(tmpdir(), 'mlc-sec-cfg-'));
});
afterAll(async () => {
  await epicorProxy?.close();
  await dbxProxy?.close();
  await env?.close();
  rmSync(root, { recursive: true, force: true });
});

type Tree = Record<string, unknown>;
/** A copy of the good config with `path` set to `value` (`undefined` removes the key). */
function withValue(path: string, value: unknown): Tree {
  const copy = structuredClone(good) as Tree;
  const parts = path.split('.');
  let node = copy;
  for (const p of parts.slice(0, -1)) {
    node[p] ??= {};
    node = node[p] as Tree;
  }
  const last = parts[parts.length - 1];
  if (value === undefined) delete node[last];
  else node[last] = value;
  return copy;
}

interface Case {
  name: string;
  /** Writes the case into `dir` (config at `dir/ml-connector.yaml` unless it says otherwise); returns env to set. */
  setup(dir: string): Record<string, string> | undefined;
  /** Text stderr must contain (after `error: `). */
  message: string | RegExp;
  configPath?: string;
}

const yamlCase = (name: string, tree: () => unknown, message: string | RegExp): Case => ({
  name,
  message,
  setup(dir) {
    writeFileSync(join(dir, 'ml-connector.yaml'), stringify(tree()));
    return undefined;
  },
});
/** `path` set to `value`; stderr must say `<path>: <message>` (or `message` as given when it names a sub-path). */
const keyCase = (path: string, value: unknown, message: string | RegExp) =>
  yamlCase(
    `${path} = ${JSON.stringify(value) ?? '(removed)'}`,
    () => withValue(path, value),
    typeof message === 'string' && !message.startsWith(path) ? `${path}: ${message}` : message,
  );
const m2m = (extra: Tree) => ({ type: 'oauth-m2m', clientId: 'c', clientSecret: 's', ...extra });

/** Wrong values of every key of SPEC §3 (and its structure), each naming the key path. */
const KEY_CASES: Case[] = [
  keyCase('epicor', 'yes', 'must be a mapping of keys to values'),
  keyCase('epicor', undefined, 'is required'),
  keyCase('epicor.baseUrl', 'ftp://epicor.example.com/x', 'must be a URL starting with http:// or https://'),
  keyCase('epicor.baseUrl', 'centralusdtapp73.epicorsaas.com/SaaS5333', 'must be a URL'),
  keyCase('epicor.baseUrl', undefined, 'is required'),
  keyCase('epicor.company', "EPIC06'; DROP TABLE x; --", 'must be an Epicor company id'),
  keyCase('epicor.company', [], 'must list at least one company'),
  keyCase('epicor.company', 42, 'must be a company id or a list of company ids'),
  keyCase('epicor.apiKey', '', 'must not be empty'),
  keyCase('epicor.apiKey', undefined, 'is required'),
  keyCase('epicor.auth', 'oauth2', 'must be a mapping with a type: key'),
  keyCase('epicor.auth.type', 'kerberos', 'must be one of oauth2, basic, token-resource'),
  keyCase('epicor.auth.tokenUrl', 'not a url', 'must be a URL'),
  keyCase('epicor.auth.clientId', 7, 'must be a string'),
  keyCase('epicor.auth.clientSecret', undefined, 'is required'),
  keyCase('epicor.auth.scope', '', 'must not be empty'),
  yamlCase(
    'epicor.auth (basic) without password',
    () => withValue('epicor.auth', { type: 'basic', username: 'svc' }),
    'epicor.auth.password: is required',
  ),
  yamlCase(
    'epicor.auth (token-resource) empty username',
    () => withValue('epicor.auth', { type: 'token-resource', username: '', password: 'p' }),
    'epicor.auth.username: must not be empty',
  ),
  yamlCase(
    'epicor.auth (basic) with a tokenUrl',
    () => withValue('epicor.auth', { type: 'basic', username: 'u', password: 'p', tokenUrl: 'http://x' }),
    'epicor.auth.tokenUrl: unknown key',
  ),
  keyCase('epicor.pageSize', 0, 'must be an integer between 1 and 10000'),
  keyCase('epicor.pageSize', 10001, 'must be an integer between 1 and 10000'),
  keyCase('epicor.concurrency', 1.5, 'must be an integer between 1 and 32'),
  keyCase('epicor.concurrency', '4', 'must be an integer between 1 and 32'),
  keyCase('epicor.timeoutSeconds', -1, 'must be an integer between 1 and 3600'),
  keyCase('epicor.caFile', './no-such-ca.pem', 'file'),
  keyCase('epicor.caFile', 12, 'must be a file path'),
  keyCase('databricks', [], 'must be a mapping of keys to values'),
  keyCase('databricks.host', 'adb-1.azuredatabricks.net', 'must be a URL starting with http:// or https://'),
  keyCase('databricks.warehouseId', '', 'must not be empty'),
  keyCase('databricks.catalog', 'main`; DROP SCHEMA x --', 'must be an identifier'),
  keyCase('databricks.catalog', 'main.other', 'must be an identifier'),
  keyCase('databricks.schema', "epicor'", 'must be an identifier'),
  keyCase('databricks.schema', 'x'.repeat(256), 'must be an identifier'),
  keyCase('databricks.volume', '../staging', 'must be an identifier'),
  keyCase('databricks.auth', undefined, 'is required'),
  keyCase('databricks.auth.type', 'password', 'must be one of oauth-m2m, pat'),
  keyCase('databricks.auth.level', 'tenant', 'must be one of workspace, account'),
  yamlCase(
    'databricks.auth level account without accountId',
    () => withValue('databricks.auth', m2m({ level: 'account' })),
    'databricks.auth.accountId: is required when level is account',
  ),
  yamlCase(
    'databricks.auth.accountId a number',
    () => withValue('databricks.auth', m2m({ level: 'account', accountId: 5 })),
    'databricks.auth.accountId: must be a string or null',
  ),
  yamlCase(
    'databricks.auth.accountsHost not a URL',
    () => withValue('databricks.auth', m2m({ accountsHost: 'accounts' })),
    'databricks.auth.accountsHost: must be a URL',
  ),
  keyCase('databricks.auth.clientId', '', 'must not be empty'),
  keyCase('databricks.auth.clientSecret', false, 'must be a string'),
  yamlCase(
    'databricks.auth (pat) without token',
    () => withValue('databricks.auth', { type: 'pat' }),
    'databricks.auth.token: is required',
  ),
  yamlCase(
    'databricks.auth (pat) with clientSecret',
    () => withValue('databricks.auth', { type: 'pat', token: 't', clientSecret: 's' }),
    'databricks.auth.clientSecret: unknown key',
  ),
  keyCase('databricks.layout', 'zorder', 'must be one of cluster, partition'),
  keyCase('databricks.stagingCompression', 'zstd', 'must be one of none, gzip'),
  keyCase('schedule', 'weekly', /schedule: .*hourly/),
  keyCase('schedule', 'cron: 99 * * * *', /schedule: .*cron/),
  keyCase('reconcile', 3, /reconcile: /),
  keyCase('entities', 'vendors', 'must be "all" or a list of entity names'),
  keyCase('entities', [], 'must list at least one entity'),
  keyCase('entities', ['vendors', 'suppliers'], 'entities[1]: unknown entity "suppliers"'),
  keyCase('entities', ['vendors', 'vendors'], 'entities[1]: vendors is listed twice'),
  keyCase('entities', [{ name: 'vendors', cursor: 'Name' }], 'entities[0].cursor: vendors cannot use cursor Name'),
  keyCase('entities', [{ name: 'vendors', keys: ['VendorNum'] }], 'entities[0].keys: can only be set on baq: entries'),
  keyCase('entities', [{ name: 'baq:MyBaq' }], 'entities[0].keys: baq:MyBaq needs keys'),
  keyCase(
    'entities',
    [{ name: 'vendors', lookbackMinutes: -5 }],
    'entities[0].lookbackMinutes: must be a whole number',
  ),
  keyCase(
    'entities',
    [
      { name: 'baq:Open-POs', keys: ['PONum'] },
      { name: 'baq:open_pos', keys: ['PONum'] },
    ],
    'entities[1].name: baq:open_pos would load into the same table baq_open_pos as baq:Open-POs',
  ),
  keyCase(
    'entities',
    [{ name: 'baq:B', keys: ['K'], parameters: { $filter: 'true' } }],
    /entities\[0\]\.parameters.*field names/,
  ),
  keyCase(
    'entities',
    [{ name: 'baq:B', keys: ['K'], parameters: { 'a&$top': '1' } }],
    /entities\[0\]\.parameters.*field names/,
  ),
  keyCase('entities', [{ name: 'baq:B', keys: ["K'; DROP"] }], 'entities[0].keys[0]: must be a field name'),
  keyCase('entities', [{ name: 'baq:B', keys: ['K'], cursor: 'x`y' }], 'entities[0].cursor: must be a field name'),
  keyCase('metrics', 9464, 'must be a mapping like { port: 9464, host: 127.0.0.1 }'),
  keyCase('metrics.host', '', 'must be an address to listen on'),
  keyCase('metrics.port', 70000, 'must be an integer between 0 and 65535'),
  keyCase('extra', 1, 'unknown key'),
  keyCase('epicor.apikey', 'typo', 'unknown key'),
  yamlCase('the document is a list', () => ['epicor'], 'must be a YAML mapping with epicor: and databricks:'),
];

/** BAQ ids that would reach URLs, table names and SQL: rejected by validation. */
const HOSTILE_BAQ_IDS = [
  "X'; DROP TABLE main.epicor.dim_vendor; --",
  'Evil`Baq',
  'a;b',
  '${env:HOME}',
  '../../etc',
  'Baq Id',
  'Baq/Data',
  'x'.repeat(65),
  '',
];
const BAQ_CASES: Case[] = HOSTILE_BAQ_IDS.map((id) =>
  yamlCase(
    `baq id ${JSON.stringify(id.slice(0, 30))}`,
    () => withValue('entities', [{ name: `baq:${id}`, keys: ['RowIdent'] }]),
    /entities\[0\]\.name: (BAQ id .* must be 1-64 letters, digits, _ or -|.*not a valid environment variable)/,
  ),
);

/** References, files and the secret store. */
const FILE_CASES: Case[] = [
  {
    name: 'missing config file',
    setup: () => undefined,
    message: 'not found: run `ml-connector init` to create one',
  },
  {
    name: 'config path is a directory',
    setup: (dir) => void mkdirSync(join(dir, 'ml-connector.yaml')),
    message: 'is a directory, not a file',
  },
  yamlCase('empty config file', () => null, 'must be a YAML mapping'),
  {
    name: 'YAML syntax error',
    setup: (dir) => void writeFileSync(join(dir, 'ml-connector.yaml'), 'epicor:\n  baseUrl: [unclosed\n'),
    message: /is not valid YAML at line \d+/,
  },
  yamlCase(
    'unset ${env:}',
    () => withValue('databricks.warehouseId', '${env:MLC_SECURITY_UNSET}'),
    'databricks.warehouseId: environment variable MLC_SECURITY_UNSET is not set',
  ),
  yamlCase(
    'unknown reference kind',
    () => withValue('epicor.apiKey', '${vault:epicor}'),
    'epicor.apiKey: unknown reference ${vault:epicor}',
  ),
  yamlCase('bad secret name', () => withValue('epicor.apiKey', '${secret:Epicor-Key}'), 'is not a valid secret name'),
  {
    name: 'secret not stored (empty store)',
    setup(dir) {
      writeFileSync(join(dir, 'ml-connector.yaml'), stringify(withValue('epicor.apiKey', '${secret:epicor_api_key}')));
      return { ML_CONNECTOR_MASTER_KEY: KEY };
    },
    message: 'epicor.apiKey: secret epicor_api_key is not stored: run `ml-connector secrets set epicor_api_key',
  },
  {
    name: 'secret store path is a directory',
    setup(dir) {
      writeFileSync(join(dir, 'ml-connector.yaml'), stringify(withValue('epicor.apiKey', '${secret:epicor_api_key}')));
      mkdirSync(join(dir, '.ml-connector/secrets.enc'), { recursive: true });
      return { ML_CONNECTOR_MASTER_KEY: KEY };
    },
    message: /cannot read secret store .*secrets\.enc: EISDIR/,
  },
  {
    name: 'secret store with corrupt bytes',
    setup(dir) {
      writeFileSync(join(dir, 'ml-connector.yaml'), stringify(withValue('epicor.apiKey', '${secret:epicor_api_key}')));
      mkdirSync(join(dir, '.ml-connector'), { recursive: true });
      writeFileSync(join(dir, '.ml-connector/secrets.enc'), randomBytes(300), { mode: 0o600 });
      return { ML_CONNECTOR_MASTER_KEY: KEY };
    },
    message: /cannot decrypt secret store .*secrets\.enc: wrong master key or the file was modified/,
  },
  {
    name: 'secret store with mode 000 and a corrupt body',
    setup(dir) {
      writeFileSync(join(dir, 'ml-connector.yaml'), stringify(withValue('epicor.apiKey', '${secret:epicor_api_key}')));
      mkdirSync(join(dir, '.ml-connector'), { recursive: true });
      writeFileSync(join(dir, '.ml-connector/secrets.enc'), '{"version":1,"secrets":{"epicor_api_key":{"iv":1}}}');
      chmodSync(join(dir, '.ml-connector/secrets.enc'), 0o000);
      return { ML_CONNECTOR_MASTER_KEY: KEY };
    },
    // Root reads a 000 file anyway; other users get EACCES. Either way it is a one-line store error.
    message: /(cannot read secret store .*EACCES|cannot decrypt secret store)/,
  },
  {
    name: 'wrong master key',
    setup: (dir) => storeWithSecret(dir, { ML_CONNECTOR_MASTER_KEY: randomBytes(32).toString('hex') }),
    message: /cannot decrypt secret store .*: wrong master key or the file was modified/,
  },
  {
    name: 'master key not a key',
    setup: (dir) => storeWithSecret(dir, { ML_CONNECTOR_MASTER_KEY: 'hunter2' }),
    message: 'ML_CONNECTOR_MASTER_KEY is not a valid master key: use 64 hex characters or base64 of 32 bytes',
  },
  {
    name: 'corrupt key file',
    setup(dir) {
      storeWithSecret(dir, {});
      writeFileSync(join(dir, '.ml-connector/master.key'), 'not-a-key\n', { mode: 0o600 });
      return {};
    },
    message: /key file .*master\.key is not a valid master key/,
  },
  {
    name: 'no master key at all',
    setup(dir) {
      storeWithSecret(dir, {});
      rmSync(join(dir, '.ml-connector/master.key'));
      return {};
    },
    // Not "run init" (init refuses to replace the key of a store that holds secrets): where it looked, how to restore.
    message:
      /secrets\.enc holds secrets but its master key is missing \(looked in ML_CONNECTOR_MASTER_KEY \(not set\) and .*master\.key \(not found\)\): restore the key file from your backup/,
  },
];

/** A store holding epicor_api_key under a key file; the config references it. Returns `env` for the run. */
function storeWithSecret(dir: string, runEnv: Record<string, string>): Record<string, string> {
  writeFileSync(join(dir, 'ml-connector.yaml'), stringify(withValue('epicor.apiKey', '${secret:epicor_api_key}')));
  mkdirSync(join(dir, '.ml-connector'), { recursive: true, mode: 0o700 });
  const fileKey = randomBytes(32).toString('hex');
  writeFileSync(join(dir, '.ml-connector/master.key'), `${fileKey}\n`, { mode: 0o600 });
  pendingStores.push(openSecretStore(dir, { masterKey: fileKey }).then((s) => s.set('epicor_api_key', 'demo-api-key')));
  return runEnv;
}
const pendingStores: Promise<void>[] = [];

/** Every file and directory under `dir`: path → size, mtime, mode. */
function snapshot(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name of readdirSync(dir, { recursive: true }) as string[]) {
    const s = statSync(join(dir, name));
    out[name] = `${s.isDirectory() ? 'd' : s.size} ${s.mtimeMs} ${(s.mode & 0o777).toString(8)}`;
  }
  return out;
}

let caseNo = 0;
async function prepare(
  c: Case,
): Promise<{ dir: string; config: string; env: Record<string, string>; before: Record<string, string> }> {
  const dir = join(root, `case-${++caseNo}`);
  mkdirSync(dir, { recursive: true });
  const runEnv = c.setup(dir) ?? {};
  await Promise.all(pendingStores.splice(0));
  return { dir, config: join(dir, 'ml-connector.yaml'), env: runEnv, before: snapshot(dir) };
}

function expectRejected(
  r: { code: number | null; stdout: string; stderr: string },
  c: Case,
  dir: string,
  before: Record<string, string>,
): void {
  const what = `${c.name}: ${r.stderr}`;
  expect(r.code, what).toBe(2);
  expect(r.stdout, what).toBe('');
  expect(r.stderr, what).toMatch(/^error: [^\n]+\n$/);
  expect(r.stderr, what).not.toMatch(/\bat .*:\d+:\d+/);
  if (typeof c.message === 'string') expect(r.stderr, what).toContain(c.message);
  else expect(r.stderr, what).toMatch(c.message);
  expect(snapshot(dir), `${c.name}: files changed`).toEqual(before);
  expect(epicorProxy.requests(), `${c.name}: reached Epicor`).toBe(0);
  expect(dbxProxy.requests(), `${c.name}: reached Databricks`).toBe(0);
  expect(env.databricks.statementLog(), `${c.name}: statements ran`).toEqual([]);
}

const ALL = [...KEY_CASES, ...BAQ_CASES, ...FILE_CASES];

describe('bad configuration: exit 2, one line naming the key, nothing written, nothing sent', () => {
  it(`every case through sync and check (in-process, ${ALL.length} cases × 2 commands)`, async () => {
    const failures: string[] = [];
    for (const command of ['sync', 'check']) {
      for (const c of ALL) {
        const p = await prepare(c);
        const r = await runCliInProcess(['--config', p.config, command], p.env);
        try {
          expectRejected(r, { ...c, name: `${command} / ${c.name}` }, p.dir, p.before);
        } catch (e) {
          failures.push((e as Error).message.split('\n')[0]);
        }
      }
    }
    expect(failures).toEqual([]);
  });

  // The real binary (≈1.5 s of CPU per start): the store/file cases and hostile key values, commands alternating.
  const byName = (name: string): Case => {
    const c = ALL.find((x) => x.name.startsWith(name));
    if (!c) throw new Error(`no case ${name}`);
    return c;
  };
  const spawned: [string, Case][] = [
    ['sync', byName('missing config file')],
    ['check', byName('secret store path is a directory')],
    ['sync', byName('secret store with corrupt bytes')],
    ['check', byName('wrong master key')],
    ['sync', byName('secret store with mode 000')],
    ['check', byName('epicor.pageSize = 0')],
    ['sync', byName('databricks.catalog = "main`;')],
    ['check', byName('baq id "X\'; DROP')],
  ];
  it.concurrent.each(spawned.map(([cmd, c]) => [cmd, c.name, c] as const))('binary: %s / %s', async (command, _, c) => {
    const p = await prepare(c);
    const cwd = `${p.dir}-cwd`;
    mkdirSync(cwd);
    const r = await spawnCli(['--config', p.config, command], {
      cwd,
      env: { ...p.env, ML_CONNECTOR_MASTER_KEY: p.env.ML_CONNECTOR_MASTER_KEY ?? '' },
    });
    expectRejected(r, { ...c, name: `${command} / ${c.name}` }, p.dir, p.before);
    expect(readdirSync(cwd), 'nothing written to the working directory').toEqual([]);
  });
});
