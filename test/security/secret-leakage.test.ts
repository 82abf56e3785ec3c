// biome-ignore-all lint/suspicious/noTemplateCurlyInString: these tests write ${secret:...} references into config files
/**
 * No secret value escapes: real CLI flows (init --emulators, secrets set, check, sync with --log-format json and
 * --verbose, status, sql, a failing check with a wrong secret, a --verbose error, Basic + PAT auth) run against both
 * emulators behind recording proxies. Every credential used — API key, client secrets, Basic password, PAT, and each
 * access token the emulators actually issued (taken off the wire) — is searched for in stdout/stderr, every file the
 * product wrote beside the config (except the encrypted store and its key), the Databricks statement log
 * (text and parameters), every body sent to Databricks (statements, staged Parquet), and the argv of the running
 * process. Also: store and key file are 0600, and a value moved under another name is caught at the CLI.
 */
import { spawn } from 'node:child_process';
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSecretStore } from '../../src/secrets/secret-store.ts';
import { BIN } from '../cli/spawn-cli.ts';
import { type E2eEnv, startE2eEnv } from '../support/e2e-env.ts';
import { runCliInProcess } from './cli-in-process.ts';
import { type RecordingProxy, startRecordingProxy } from './recording-proxy.ts';

/** Credentials the emulators accept (their public demo values). */
const KNOWN = {
  epicorApiKey: 'demo-api-key',
  epicorClientSecret: 'demo-secret',
  basicPassword: 'manager',
  databricksClientSecret: 'demo-sp-secret',
  pat: 'dapi-demo-token',
};
const WRONG_SECRET = 'wrong-client-secret-7f3a9c1e';

let env: E2eEnv;
let epicorProxy: RecordingProxy;
let dbxProxy: RecordingProxy;
let dir: string;
const outputs: string[] = [];
const argvs: string[] = [];

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the binary in `dir`; records its output and (while it runs) its /proc cmdline and its children's. */
function cli(args: string[], stdin = ''): Promise<Run> {
  const child = spawn(process.execPath, [BIN, ...args], {
    cwd: dir,
    env: { ...process.env, ML_CONNECTOR_MASTER_KEY: '', NO_COLOR: '1' },
    stdio: 'pipe',
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d) => (stdout += d));
  child.stderr.on('data', (d) => (stderr += d));
  child.stdin.end(stdin);
  const sample = setInterval(() => argvs.push(cmdlines(child.pid)), 400);
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) => {
      clearInterval(sample);
      outputs.push(stdout, stderr);
      resolve({ code, stdout, stderr });
    });
  });
}

/** Runs the CLI in this process (cheaper than a spawn) with the same config; records its output. */
async function inProcess(args: string[]): Promise<Run> {
  const r = await runCliInProcess(['--config', join(dir, 'ml-connector.yaml'), ...args]);
  outputs.push(r.stdout, r.stderr);
  return r;
}

/** The NUL-separated argv of `pid` and of every process whose parent it is. */
function cmdlines(pid: number | undefined): string {
  if (pid === undefined) return '';
  let all = '';
  for (const p of readdirSync('/proc').filter((n) => /^\d+$/.test(n))) {
    try {
      const status = readFileSync(`/proc/${p}/status`, 'utf8');
      const ppid = Number(/PPid:\s+(\d+)/.exec(status)?.[1]);
      if (Number(p) === pid || ppid === pid) all += `${readFileSync(`/proc/${p}/cmdline`, 'utf8')}\n`;
    } catch {
      // exited meanwhile
    }
  }
  return all;
}

beforeAll(async () => {
  env = await startE2eEnv({ epicor: { scale: 0.02 } });
  epicorProxy = await startRecordingProxy(env.epicorUrl);
  dbxProxy = await startRecordingProxy(env.host);
  dir = await mkdtemp(join(tmpdir(), 'mlc-sec-leak-'));
});
afterAll(async () => {
  await epicorProxy?.close();
  await dbxProxy?.close();
  await env?.close();
  await rm(dir, { recursive: true, force: true });
});

/** Points the `init --emulators` config at the proxies (and optionally swaps the auth blocks). */
async function pointAtProxies(transform: (yaml: string) => string = (y) => y): Promise<void> {
  const file = join(dir, 'ml-connector.yaml');
  const yaml = (await readFile(file, 'utf8'))
    .replaceAll('http://127.0.0.1:8701/kinetic', epicorProxy.url)
    .replaceAll('http://127.0.0.1:8702', dbxProxy.url);
  await writeFile(file, transform(yaml));
}

/** Every file the product wrote beside the config, except the encrypted store and its key. */
function writtenFiles(): Buffer[] {
  const out: Buffer[] = [];
  for (const name of readdirSync(dir, { recursive: true }) as string[]) {
    const path = join(dir, name);
    if (!statSync(path).isFile() || /(^|\/)(secrets\.enc|master\.key)$/.test(name)) continue;
    if (name === 'ml-connector.yaml') continue; // written by init, then by this test
    out.push(readFileSync(path));
  }
  return out;
}

describe.sequential('no secret value leaves the process', () => {
  it('runs the CLI flows, then finds no credential in any output, file, statement, upload or argv', {
    timeout: 120_000,
  }, async () => {
    expect((await cli(['init', '--emulators'])).code).toBe(0);
    expect(statSync(join(dir, '.ml-connector/secrets.enc')).mode & 0o777).toBe(0o600);
    expect(statSync(join(dir, '.ml-connector/master.key')).mode & 0o777).toBe(0o600);
    expect(statSync(join(dir, '.ml-connector')).mode & 0o077).toBe(0);
    await pointAtProxies();

    // Secrets go in through stdin only.
    expect((await cli(['secrets', 'set', 'databricks_pat'], `${KNOWN.pat}\n`)).code).toBe(0);
    const store = await openSecretStore(dir);
    await store.set('epicor_password', KNOWN.basicPassword);
    const list = await inProcess(['secrets', 'list']);
    expect(list.stdout).toContain('databricks_pat\n');

    const check = await cli(['check']);
    expect(check.code, check.stdout + check.stderr).toBe(0);
    const sync = await cli(['--log-format', 'json', '--verbose', 'sync', '--entities', 'vendors,gl_accounts']);
    expect(sync.code, sync.stderr).toBe(0);
    expect(sync.stderr).toMatch(/^\{.*"level":"debug"/m);
    expect((await inProcess(['--verbose', 'status'])).code).toBe(0);
    expect((await inProcess(['status', '--json'])).code).toBe(0);
    expect(
      (await inProcess(['sql', '--json', 'SELECT vendor_id, name FROM main.epicor.dim_vendor LIMIT 3'])).code,
    ).toBe(0);
    const badSql = await inProcess(['--verbose', 'sql', 'SELECT * FROM main.epicor.no_such_table']);
    expect(badSql.code).toBe(1);
    expect(badSql.stderr).toMatch(/\n\s+at /); // the stack is printed, redacted

    // Basic auth to Epicor and a PAT to Databricks.
    await pointAtProxies((y) =>
      y
        .replace(
          / {2}auth:\n {4}type: oauth2\n(?: {4}.*\n)+?(?= {2}\w)/,
          () => '  auth:\n    type: basic\n    username: manager\n    password: ${secret:epicor_password}\n',
        )
        .replace(
          / {2}auth:\n {4}type: oauth-m2m\n(?: {4}.*\n)+/,
          () => '  auth:\n    type: pat\n    token: ${secret:databricks_pat}\n',
        ),
    );
    const yaml = await readFile(join(dir, 'ml-connector.yaml'), 'utf8');
    expect(yaml).toContain('type: basic');
    expect(yaml).toContain('type: pat');
    const basic = await cli(['--verbose', '--log-format', 'json', 'sync', '--entities', 'parts']);
    expect(basic.code, basic.stderr).toBe(0);

    // A wrong secret: the check fails (exit 3) and says so without the value.
    await pointAtProxies();
    await store.set('epicor_client_secret', WRONG_SECRET);
    const failing = await cli(['--verbose', 'check']);
    expect(failing.code, failing.stdout + failing.stderr).toBe(3);
    expect(failing.stdout).toContain('✗');
    const failingSync = await inProcess(['--verbose', '--log-format', 'json', 'sync', '--entities', 'vendors']);
    expect(failingSync.code).toBe(1);

    const issued = [...epicorProxy.credentials(), ...dbxProxy.credentials()];
    const secrets = [...new Set([...Object.values(KNOWN), WRONG_SECRET, ...issued])];
    // Tokens seen on the wire: Epicor and Databricks access tokens besides the configured values.
    expect(issued.filter((t) => !Object.values(KNOWN).includes(t)).length).toBeGreaterThanOrEqual(2);

    const haystacks: [string, Buffer | string][] = [
      ...outputs.map((o, i): [string, string] => [`output ${i}`, o]),
      ...writtenFiles().map((b, i): [string, Buffer] => [`file ${i}`, b]),
      ...env.databricks.statementLog().map((s): [string, string] => [s.statement, JSON.stringify(s.parameters ?? [])]),
      ...env.databricks.statementLog().map((s): [string, string] => ['statement', s.statement]),
      ...dbxProxy
        .bodies()
        .filter((b) => !b.path.includes('/oidc/'))
        .map((b): [string, Buffer] => [`body to ${b.path}`, b.body]),
      ...argvs.map((a): [string, string] => ['argv', a]),
    ];
    const found: string[] = [];
    let bytes = 0;
    for (const [where, text] of haystacks) {
      const buf = Buffer.isBuffer(text) ? text : Buffer.from(text);
      bytes += buf.length;
      for (const s of secrets) {
        // The emulator's Basic password equals its user name, which Epicor rows carry as data (ChangedBy, EntryPerson).
        if (s === KNOWN.basicPassword && where.startsWith('body to /api/2.0/fs/files/')) continue;
        if (buf.includes(s)) found.push(`${s} in ${where.slice(0, 100)}`);
      }
    }
    expect(found).toEqual([]);
    expect(
      argvs.some((a) => a.includes('ml-connector.js')),
      'argv was sampled',
    ).toBe(true);
    console.info(
      `secret scan: ${secrets.length} secrets, ${haystacks.length} haystacks, ${bytes} bytes, ${outputs.length / 2} runs`,
    );
  });

  it('a value moved under another name in the store is refused (authenticated name)', async () => {
    const file = join(dir, '.ml-connector/secrets.enc');
    const store = JSON.parse(await readFile(file, 'utf8'));
    store.secrets.epicor_api_key = store.secrets.databricks_pat;
    writeFileSync(file, JSON.stringify(store));
    const r = await inProcess(['secrets', 'list']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^error: cannot decrypt secret store .*wrong master key or the file was modified\n$/);
  });
});
