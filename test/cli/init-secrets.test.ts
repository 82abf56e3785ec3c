// biome-ignore-all lint/suspicious/noTemplateCurlyInString: these tests write ${secret:...} references into config files
import { randomBytes } from 'node:crypto';
import { readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { configDirs, databricksSection } from './config-dirs.ts';
import { type CliResult, spawnCli } from './spawn-cli.ts';

const SECRET = `Sup3r-secret-${randomBytes(6).toString('hex')}`;

const freshDir = configDirs('mlc-cli-');

/** Every file under `dir` (recursively) except the encrypted store, as text. */
async function filesText(dir: string): Promise<string> {
  let all = '';
  for (const entry of await readdir(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile() || entry.name === 'secrets.enc') continue;
    all += await readFile(join(entry.parentPath, entry.name), 'utf8');
  }
  return all;
}

function expectOneLineError(r: CliResult, code: number, pattern: RegExp): void {
  expect(r.code).toBe(code);
  expect(r.stderr).toMatch(/^error: [^\n]+\n$/);
  expect(r.stderr).toMatch(pattern);
  expect(r.stderr).not.toMatch(/\n\s+at /);
}

describe.concurrent('ml-connector init / secrets (end to end)', () => {
  it('init writes a commented config and a 0600 key, refuses to overwrite without --force', async () => {
    const dir = await freshDir('init');
    const r = await spawnCli(['init'], { cwd: dir });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('ml-connector secrets set epicor_api_key');
    expect(r.stdout).toContain('ml-connector secrets set databricks_client_secret');
    const yaml = await readFile(join(dir, 'ml-connector.yaml'), 'utf8');
    expect(yaml).toContain('apiKey: ${secret:epicor_api_key}');
    expect(yaml).toMatch(/^\s*# /m);
    expect((await stat(join(dir, '.ml-connector/master.key'))).mode & 0o777).toBe(0o600);
    expect((await stat(join(dir, '.ml-connector/secrets.enc'))).mode & 0o777).toBe(0o600);

    await writeFile(join(dir, 'ml-connector.yaml'), 'edited: true\n');
    expectOneLineError(await spawnCli(['init'], { cwd: dir }), 2, /already exists: pass --force/);
    expect(await readFile(join(dir, 'ml-connector.yaml'), 'utf8')).toBe('edited: true\n');
    expect((await spawnCli(['init', '--force'], { cwd: dir })).code).toBe(0);
    expect(await readFile(join(dir, 'ml-connector.yaml'), 'utf8')).toBe(yaml);
  });

  it('secrets set/list/rm round trip; the value is never printed or stored in clear', async () => {
    const dir = await freshDir('roundtrip');
    const cfg = ['--config', join(dir, 'conf', 'ml-connector.yaml')];
    const set = await spawnCli([...cfg, 'secrets', 'set', 'epicor_api_key'], { cwd: dir, stdin: `${SECRET}\n` });
    expect(set.code).toBe(0);
    const list = await spawnCli([...cfg, 'secrets', 'list'], { cwd: dir });
    expect(list).toMatchObject({ code: 0, stdout: 'epicor_api_key\n' });
    // The store sits beside the config, not in the working directory.
    expect((await stat(join(dir, 'conf/.ml-connector/master.key'))).mode & 0o777).toBe(0o600);
    const store = await readFile(join(dir, 'conf/.ml-connector/secrets.enc'), 'utf8');
    expect(store).not.toContain(SECRET);
    expect(await filesText(dir)).not.toContain(SECRET);
    for (const r of [set, list]) expect(r.stdout + r.stderr).not.toContain(SECRET);

    // The stored value is exactly what was piped in (one newline stripped): prove it by loading a config.
    await writeFile(join(dir, 'conf/ml-connector.yaml'), minimalConfig('${secret:epicor_api_key}'));
    const probe = await spawnCli([...cfg, '--log-format', 'json', 'probe'], { cwd: dir, probe: true });
    expect(probe.code).toBe(0);
    const log = JSON.parse(probe.stderr.trim());
    expect(log.msg).toBe('loaded with key ***');
    expect(log.apiKey).toBe('***');
    expect(probe.stderr + probe.stdout).not.toContain(SECRET);

    const rm1 = await spawnCli([...cfg, 'secrets', 'rm', 'epicor_api_key'], { cwd: dir });
    expect(rm1.code).toBe(0);
    expectOneLineError(
      await spawnCli([...cfg, 'secrets', 'rm', 'epicor_api_key'], { cwd: dir }),
      2,
      /no secret named epicor_api_key/,
    );
  });

  it('secrets set rejects an empty value and a bad name with exit 2', async () => {
    const dir = await freshDir('bad-set');
    expectOneLineError(
      await spawnCli(['secrets', 'set', 'x'], { cwd: dir, stdin: '\n' }),
      2,
      /no value for x on stdin/,
    );
    expectOneLineError(
      await spawnCli(['secrets', 'set', 'Bad-Name'], { cwd: dir, stdin: 'v' }),
      2,
      /invalid secret name "Bad-Name"/,
    );
    await expect(stat(join(dir, '.ml-connector/secrets.enc'))).rejects.toThrow();
  });

  it('a tampered store and a wrong master key are clear errors with exit 2', async () => {
    const dir = await freshDir('tamper');
    expect((await spawnCli(['secrets', 'set', 'k'], { cwd: dir, stdin: SECRET })).code).toBe(0);
    const wrongKey = { ML_CONNECTOR_MASTER_KEY: randomBytes(32).toString('base64') };
    expectOneLineError(
      await spawnCli(['secrets', 'list'], { cwd: dir, env: wrongKey }),
      2,
      /cannot decrypt secret store .*secrets\.enc: wrong master key or the file was modified/,
    );
    const file = join(dir, '.ml-connector/secrets.enc');
    const parsed = JSON.parse(await readFile(file, 'utf8'));
    const data = Buffer.from(parsed.secrets.k.data, 'base64');
    data[data.length - 1] ^= 0x80;
    parsed.secrets.k.data = data.toString('base64');
    await writeFile(file, JSON.stringify(parsed));
    const r = await spawnCli(['secrets', 'list'], { cwd: dir });
    expectOneLineError(r, 2, /wrong master key or the file was modified/);
    expect(r.stdout + r.stderr).not.toContain(SECRET.slice(0, 10));
  });

  it('init --emulators writes the emulator config and stores the demo credentials', async () => {
    const dir = await freshDir('emulators');
    const r = await spawnCli(['init', '--emulators'], { cwd: dir });
    expect(r.code).toBe(0);
    // Issue 16 item 6: before, `ml-connector emulate epicor` without the port the config expects.
    expect(r.stdout).toContain('  ml-connector emulate epicor --port 8701 ');
    expect(r.stdout).toContain('  ml-connector emulate databricks --port 8702 ');
    const yaml = await readFile(join(dir, 'ml-connector.yaml'), 'utf8');
    expect(yaml).toContain('baseUrl: http://127.0.0.1:8701/kinetic');
    expect(yaml).toContain('tokenUrl: http://127.0.0.1:8701/kinetic/oauth/token');
    expect(yaml).toContain('host: http://127.0.0.1:8702');
    expect(yaml).toContain('warehouseId: emulated-warehouse');
    const list = await spawnCli(['secrets', 'list'], { cwd: dir });
    expect(list.stdout).toBe('databricks_client_id\ndatabricks_client_secret\nepicor_api_key\nepicor_client_secret\n');
    const probe = await spawnCli(['probe'], { cwd: dir, probe: true });
    expect(probe.code).toBe(0);
    expect(JSON.parse(probe.stdout)).toEqual({ companies: ['EPIC06'], host: 'http://127.0.0.1:8702' });
    expect(probe.stderr).not.toContain('demo-api-key');
    expect(probe.stderr).not.toContain('demo-sp-secret');
  });
});

function minimalConfig(apiKey: string): string {
  return `epicor:
  baseUrl: https://epicor.example.com/SaaS1
  company: EPIC06
  apiKey: ${apiKey}
  auth:
    type: basic
    username: u
    password: p4ssw0rd-literal
${databricksSection({ token: 'dapi-literal-token' })}`;
}
