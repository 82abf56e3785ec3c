// biome-ignore-all lint/suspicious/noTemplateCurlyInString: these tests write ${...} references into config files
import { describe, expect, it } from 'vitest';
import { configDirs, databricksSection, MASTER_KEY as KEY } from './config-dirs.ts';
import { type CliResult, spawnCli } from './spawn-cli.ts';

const API_KEY = 'literal-api-key-0123456789';

const GOOD = `epicor:
  baseUrl: https://epicor.example.com/SaaS1
  company: EPIC06
  apiKey: ${API_KEY}
  auth:
    type: basic
    username: u
    password: pw-literal
  pageSize: 500
${databricksSection()}`;

const dirWith = configDirs('mlc-cfgerr-');

async function runWith(name: string, yaml: string | undefined, args: string[] = ['probe']): Promise<CliResult> {
  const dir = await dirWith(name, yaml);
  return spawnCli(args, { cwd: dir, probe: true, env: { ML_CONNECTOR_MASTER_KEY: KEY } });
}

function expectConfigError(r: CliResult, message: string): void {
  expect(r.code).toBe(2);
  expect(r.stdout).toBe('');
  expect(r.stderr).toMatch(/^error: [^\n]+\n$/); // one line, no stack
  expect(r.stderr).toContain(message);
}

describe.concurrent('config errors through the CLI', () => {
  it('a missing config file says how to create one', async () => {
    expectConfigError(
      await runWith('missing', undefined),
      'config file ./ml-connector.yaml not found: run `ml-connector init` to create one',
    );
  });

  // Every key and wrong type is covered by the schema unit table; these prove the CLI path (exit 2, one line).
  const cases: [string, string, string][] = [
    ['unknown key', `${GOOD}extra: 1\n`, 'extra: unknown key'],
    [
      'wrong type',
      GOOD.replace('pageSize: 500', 'pageSize: lots'),
      'epicor.pageSize: must be an integer between 1 and 10000',
    ],
    [
      'missing secret',
      GOOD.replace('dapi-literal', '${secret:databricks_pat}'),
      'secret databricks_pat is not stored: run `ml-connector secrets set databricks_pat`',
    ],
    [
      'unset env',
      GOOD.replace('warehouseId: w1', 'warehouseId: ${env:MLC_TEST_UNSET_WAREHOUSE}'),
      'databricks.warehouseId: environment variable MLC_TEST_UNSET_WAREHOUSE is not set',
    ],
  ];
  it.each(cases)('%s → exit 2 naming the key', async (name, yaml, message) => {
    expectConfigError(await runWith(name.replace(/ /g, '-'), yaml), message);
  });

  it('a valid config loads; errors and logs never show a credential, even with --verbose', async () => {
    const ok = await runWith('ok', GOOD);
    expect(ok.code).toBe(0);
    expect(JSON.parse(ok.stdout)).toEqual({ companies: ['EPIC06'], host: 'https://adb.example.net' });
    expect(ok.stderr).toMatch(/^\d\d:\d\d:\d\d info {2}loaded with key \*\*\* apiKey=\*\*\* auth=/);

    const failed = await runWith('fail', GOOD, ['--verbose', 'probe', '--fail']);
    expect(failed.code).toBe(1);
    expect(failed.stderr).toContain('error: Epicor rejected API key ***\n');
    expect(failed.stderr).toMatch(/\n\s+at /); // --verbose prints the stack
    expect(failed.stderr + failed.stdout).not.toContain(API_KEY);
    expect(failed.stderr).not.toContain('dapi-literal');
  });
});
