// biome-ignore-all lint/suspicious/noTemplateCurlyInString: these tests write ${...} references into config files
/** Issue 16 item 9: the messages a newcomer got, each naming what to fix (config-level cases, no servers needed). */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { configDirs, databricksSection, MASTER_KEY as KEY } from './config-dirs.ts';
import { spawnCli } from './spawn-cli.ts';

const config = (o: { apiKey?: string; clientSecret?: string; extra?: string; host?: string } = {}) => `epicor:
  baseUrl: http://127.0.0.1:9/kinetic
  company: EPIC06
  apiKey: ${o.apiKey ?? 'literal-api-key'}
  auth:
    type: oauth2
    tokenUrl: http://127.0.0.1:9/token
    clientId: c
    clientSecret: ${o.clientSecret ?? 'literal-secret'}
${o.extra ?? ''}${databricksSection({ host: o.host })}`;

const dirWith = configDirs('mlc-msg-');

describe.concurrent('first-hour messages (issue 16 item 9)', () => {
  it('a config typo gets "did you mean"', async () => {
    const cwd = await dirWith('typo', config({ extra: '  pagesize: 100\n' }));
    const r = await spawnCli(['sync'], { cwd, env: { ML_CONNECTOR_MASTER_KEY: KEY } });
    // Before: "epicor.pagesize: unknown key".
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/epicor\.pagesize: unknown key \(did you mean epicor\.pageSize\?\)/);
  });

  it('every missing secret is reported in one run', async () => {
    const cwd = await dirWith(
      'missing',
      config({ apiKey: '${secret:epicor_api_key}', clientSecret: '${secret:epicor_client_secret}' }),
    );
    await mkdir(join(cwd, '.ml-connector'), { recursive: true });
    await writeFile(join(cwd, '.ml-connector/secrets.enc'), JSON.stringify({ version: 1, secrets: {} }));
    const r = await spawnCli(['sync'], { cwd, env: { ML_CONNECTOR_MASTER_KEY: KEY } });
    // Before: one per run (fix one, run again, learn the next).
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(
      'error: 2 secrets are not stored: epicor_api_key (epicor.apiKey), epicor_client_secret (epicor.auth.clientSecret); ' +
        'run `ml-connector secrets set epicor_api_key`, then `ml-connector secrets set epicor_client_secret`\n',
    );
  });

  it('`apiKey: $EPICOR_API_KEY` warns that it is sent as written and names ${env:EPICOR_API_KEY}', async () => {
    const cwd = await dirWith('shell', config({ apiKey: '$EPICOR_API_KEY' }));
    const r = await spawnCli(['--log-format', 'json', 'probe'], { cwd, probe: true });
    expect(r.code).toBe(0);
    const warn = r.stderr
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l))
      .find((l) => l.level === 'warn');
    expect(warn?.msg).toBe(
      'epicor.apiKey: looks like the shell variable EPICOR_API_KEY, which the config does not expand (the text would be sent as written); to read the environment variable write ${env:EPICOR_API_KEY}',
    );
  });

  it('`sql` without its statement is a usage error (exit 2)', async () => {
    const cwd = await dirWith('sql', config());
    const r = await spawnCli(['sql'], { cwd });
    // Before: exit 1.
    expect(r).toMatchObject({ code: 2, stderr: "error: missing required argument 'statement'\n" });
  });

  it('an unknown Databricks host names the host and databricks.host', async () => {
    const cwd = await dirWith('enotfound', config({ host: 'https://no-such-workspace.invalid' }));
    const r = await spawnCli(['sync'], { cwd });
    expect(r.code).toBe(1);
    // Before: "databricks: the connection failed (ENOTFOUND)."
    expect(r.stderr).toMatch(
      /^error: databricks: cannot connect to no-such-workspace\.invalid \(ENOTFOUND: no such host\): check databricks\.host\.$/m,
    );
  });
});
