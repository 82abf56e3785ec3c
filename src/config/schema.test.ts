import { describe, expect, it } from 'vitest';
import { ConnectorError } from '../errors.ts';
import { parseConfig } from './schema.ts';

/** A minimal valid config tree (already interpolated). */
function valid(): any {
  return {
    epicor: {
      baseUrl: 'https://centralusdtapp73.epicorsaas.com/SaaS5333/',
      company: 'EPIC06',
      apiKey: 'k',
      auth: { type: 'oauth2', tokenUrl: 'https://login.example.com/connect/token', clientId: 'c', clientSecret: 's' },
    },
    databricks: {
      host: 'https://adb-1.7.azuredatabricks.net/',
      warehouseId: 'abc',
      catalog: 'main',
      schema: 'epicor',
      auth: { type: 'oauth-m2m', clientId: 'id', clientSecret: 'sec' },
    },
  };
}

function errorOf(mutate: (c: any) => void): string {
  const c = valid();
  mutate(c);
  try {
    parseConfig(c, { configDir: '/cfg' });
  } catch (e) {
    expect(e).toBeInstanceOf(ConnectorError);
    expect((e as ConnectorError).code).toBe('CONFIG_INVALID');
    return (e as ConnectorError).message;
  }
  throw new Error('config was accepted');
}

describe('parseConfig', () => {
  it('fills defaults and normalises', () => {
    const c = parseConfig(valid(), { configDir: '/cfg' });
    expect(c.epicor).toEqual({
      baseUrl: 'https://centralusdtapp73.epicorsaas.com/SaaS5333',
      companies: ['EPIC06'],
      apiKey: 'k',
      auth: { type: 'oauth2', tokenUrl: 'https://login.example.com/connect/token', clientId: 'c', clientSecret: 's' },
      pageSize: 500,
      concurrency: 4,
      timeoutSeconds: 120,
      maxQueryBytes: 2048,
      timeZone: 'UTC',
    });
    expect(c.databricks).toEqual({
      host: 'https://adb-1.7.azuredatabricks.net',
      warehouseId: 'abc',
      catalog: 'main',
      schema: 'epicor',
      volume: 'ml_connector_staging',
      auth: { type: 'oauth-m2m', level: 'workspace', accountId: null, clientId: 'id', clientSecret: 'sec' },
      layout: 'cluster',
      stagingCompression: 'gzip',
      statementTimeoutSeconds: 21_600,
    });
    expect(c.schedule).toEqual({ kind: 'hourly', cron: '0 * * * *' });
    expect(c.reconcile).toEqual({ kind: 'daily', cron: '0 0 * * *' });
    expect(c.entities).toBe('all');
    expect(c.metrics).toEqual({ port: 9464, host: '127.0.0.1' });
  });

  it('accepts an IANA time zone for offset-less Epicor dates', () => {
    const raw = valid();
    (raw.epicor as Record<string, unknown>).timeZone = 'America/Chicago';
    expect(parseConfig(raw, { configDir: '/cfg' }).epicor.timeZone).toBe('America/Chicago');
  });

  it('accepts every documented alternative', () => {
    const raw = valid();
    raw.epicor.company = ['EPIC06', 'EPIC07', 'EPIC06'];
    raw.epicor.auth = { type: 'token-resource', username: 'u', password: 'p' };
    raw.epicor.caFile = './certs/ca.pem';
    raw.epicor.baseUrl = 'http://127.0.0.1:8701/kinetic';
    raw.databricks.auth = {
      type: 'oauth-m2m',
      level: 'account',
      accountId: 'acc-1',
      accountsHost: 'https://accounts.azuredatabricks.net',
      clientId: 'i',
      clientSecret: 's',
    };
    raw.databricks.layout = 'partition';
    raw.schedule = 'cron: 15 */2 * * *';
    raw.reconcile = 'manual';
    raw.entities = [
      'vendors',
      { name: 'customers', cursor: 'ChangeDate', lookbackMinutes: 10 },
      { name: 'baq:zSupplierSpend', keys: ['Company', 'PONum'], cursor: 'SysRevID', parameters: { Year: '2024' } },
    ];
    raw.metrics = { port: 0 };
    const c = parseConfig(raw, { configDir: '/cfg' });
    expect(c.epicor.companies).toEqual(['EPIC06', 'EPIC07']);
    expect(c.epicor.caFile).toBe('/cfg/certs/ca.pem');
    expect(c.schedule).toEqual({ kind: 'cron', cron: '15 */2 * * *' });
    expect(c.reconcile).toEqual({ kind: 'manual' });
    expect(c.entities).toEqual([
      { name: 'vendors' },
      { name: 'customers', cursor: 'ChangeDate', lookbackMinutes: 10 },
      { name: 'baq:zSupplierSpend', keys: ['Company', 'PONum'], cursor: 'SysRevID', parameters: { Year: '2024' } },
    ]);
    expect(c.databricks.auth).toMatchObject({ level: 'account', accountId: 'acc-1' });
    const pat = valid();
    pat.databricks.auth = { type: 'pat', token: 'dapi1' };
    pat.epicor.auth = { type: 'basic', username: 'u', password: 'p' };
    expect(parseConfig(pat, { configDir: '/' }).databricks.auth).toEqual({ type: 'pat', token: 'dapi1' });
  });

  // Every key of SPEC §3 with a wrong value: the message names the path and what to fix.
  const cases: [string, (c: any) => void, string][] = [
    ['unknown top-level key', (c) => (c.foo = 1), 'foo: unknown key'],
    ['unknown nested key', (c) => (c.epicor.auth.extra = 1), 'epicor.auth.extra: unknown key'],
    ['unknown databricks key', (c) => (c.databricks.warehouse = 'x'), 'databricks.warehouse: unknown key'],
    ['missing epicor', (c) => delete c.epicor, 'epicor: is required'],
    ['epicor not a mapping', (c) => (c.epicor = 'x'), 'epicor: must be a mapping'],
    ['baseUrl not a URL', (c) => (c.epicor.baseUrl = 'centralus/SaaS'), 'epicor.baseUrl: must be a URL'],
    ['baseUrl ftp', (c) => (c.epicor.baseUrl = 'ftp://x/y'), 'epicor.baseUrl: must be a URL'],
    ['baseUrl number', (c) => (c.epicor.baseUrl = 5), 'epicor.baseUrl: must be a URL'],
    ['company number', (c) => (c.epicor.company = 5), 'epicor.company: must be a company id'],
    ['company bad chars', (c) => (c.epicor.company = 'EPIC 06'), 'epicor.company: must be an Epicor company id'],
    ['company too long', (c) => (c.epicor.company = 'A'.repeat(33)), 'epicor.company: must be an Epicor company id'],
    ['company empty list', (c) => (c.epicor.company = []), 'epicor.company: must list at least one company'],
    ['company list item', (c) => (c.epicor.company = ['A', 'b/c']), 'epicor.company[1]: must be an Epicor company id'],
    ['missing company', (c) => delete c.epicor.company, 'epicor.company: is required'],
    ['apiKey number', (c) => (c.epicor.apiKey = 1), 'epicor.apiKey: must be a string'],
    ['apiKey empty', (c) => (c.epicor.apiKey = ''), 'epicor.apiKey: must not be empty'],
    [
      'auth type unknown',
      (c) => (c.epicor.auth.type = 'saml'),
      'epicor.auth.type: must be one of oauth2, basic, token-resource',
    ],
    ['auth type missing', (c) => delete c.epicor.auth.type, 'epicor.auth.type: is required'],
    ['auth not a mapping', (c) => (c.epicor.auth = 'oauth2'), 'epicor.auth: must be a mapping with a type: key'],
    ['tokenUrl', (c) => (c.epicor.auth.tokenUrl = 'not a url'), 'epicor.auth.tokenUrl: must be a URL'],
    ['clientId missing', (c) => delete c.epicor.auth.clientId, 'epicor.auth.clientId: is required'],
    ['clientSecret type', (c) => (c.epicor.auth.clientSecret = true), 'epicor.auth.clientSecret: must be a string'],
    ['scope type', (c) => (c.epicor.auth.scope = 1), 'epicor.auth.scope: must be a string'],
    [
      'basic without password',
      (c) => (c.epicor.auth = { type: 'basic', username: 'u' }),
      'epicor.auth.password: is required',
    ],
    [
      'basic with tokenUrl',
      (c) => (c.epicor.auth = { type: 'basic', username: 'u', password: 'p', tokenUrl: 'https://x' }),
      'epicor.auth.tokenUrl: unknown key',
    ],
    [
      'token-resource username',
      (c) => (c.epicor.auth = { type: 'token-resource', username: 1, password: 'p' }),
      'epicor.auth.username: must be a string',
    ],
    ['pageSize 0', (c) => (c.epicor.pageSize = 0), 'epicor.pageSize: must be an integer between 1 and 10000'],
    ['pageSize big', (c) => (c.epicor.pageSize = 10001), 'epicor.pageSize: must be an integer between 1 and 10000'],
    ['pageSize fraction', (c) => (c.epicor.pageSize = 1.5), 'epicor.pageSize: must be an integer between 1 and 10000'],
    ['pageSize string', (c) => (c.epicor.pageSize = '500'), 'epicor.pageSize: must be an integer between 1 and 10000'],
    ['concurrency 0', (c) => (c.epicor.concurrency = 0), 'epicor.concurrency: must be an integer between 1 and 32'],
    ['concurrency 33', (c) => (c.epicor.concurrency = 33), 'epicor.concurrency: must be an integer between 1 and 32'],
    [
      'timeout',
      (c) => (c.epicor.timeoutSeconds = 3601),
      'epicor.timeoutSeconds: must be an integer between 1 and 3600',
    ],
    ['caFile type', (c) => (c.epicor.caFile = 3), 'epicor.caFile: must be a file path'],
    ['host', (c) => (c.databricks.host = 'adb-1.azuredatabricks.net'), 'databricks.host: must be a URL'],
    ['warehouseId type', (c) => (c.databricks.warehouseId = 12), 'databricks.warehouseId: must be a string'],
    ['catalog identifier', (c) => (c.databricks.catalog = 'my-catalog'), 'databricks.catalog: must be an identifier'],
    ['schema identifier', (c) => (c.databricks.schema = '1abc'), 'databricks.schema: must be an identifier'],
    ['schema missing', (c) => delete c.databricks.schema, 'databricks.schema: is required'],
    ['volume identifier', (c) => (c.databricks.volume = 'a.b'), 'databricks.volume: must be an identifier'],
    [
      'databricks auth type',
      (c) => (c.databricks.auth.type = 'oauth'),
      'databricks.auth.type: must be one of oauth-m2m, pat',
    ],
    ['level', (c) => (c.databricks.auth.level = 'org'), 'databricks.auth.level: must be one of workspace, account'],
    [
      'account without id',
      (c) => (c.databricks.auth.level = 'account'),
      'databricks.auth.accountId: is required when level is account',
    ],
    ['accountId type', (c) => (c.databricks.auth.accountId = 5), 'databricks.auth.accountId: must be a string or null'],
    [
      'accountsHost',
      (c) => (c.databricks.auth.accountsHost = 'accounts'),
      'databricks.auth.accountsHost: must be a URL',
    ],
    ['pat without token', (c) => (c.databricks.auth = { type: 'pat' }), 'databricks.auth.token: is required'],
    [
      'pat with clientId',
      (c) => (c.databricks.auth = { type: 'pat', token: 't', clientId: 'x' }),
      'databricks.auth.clientId: unknown key',
    ],
    ['layout', (c) => (c.databricks.layout = 'zorder'), 'databricks.layout: must be one of cluster, partition'],
    [
      'schedule word',
      (c) => (c.schedule = 'weekly'),
      'schedule: must be hourly, daily, manual or "cron: <expression>"',
    ],
    ['schedule number', (c) => (c.schedule = 60), 'schedule: must be hourly, daily, manual'],
    ['schedule bad cron', (c) => (c.schedule = 'cron: 61 * * * *'), 'schedule: invalid cron expression "61 * * * *"'],
    ['reconcile', (c) => (c.reconcile = 'sometimes'), 'reconcile: must be hourly, daily, manual'],
    ['entities word', (c) => (c.entities = 'some'), 'entities: must be "all" or a list of entity names'],
    ['entities empty', (c) => (c.entities = []), 'entities: must list at least one entity'],
    [
      'entity unknown',
      (c) => (c.entities = ['vendors', 'vendor']),
      'entities[1]: unknown entity "vendor"; valid names: companies, vendors',
    ],
    ['entity number', (c) => (c.entities = [7]), 'entities[0]: must be an entity name or a mapping with name:'],
    ['entity twice', (c) => (c.entities = ['parts', { name: 'parts' }]), 'entities[1].name: parts is listed twice'],
    ['entity object key', (c) => (c.entities = [{ name: 'parts', cursr: 'x' }]), 'entities[0].cursr: unknown key'],
    [
      'entity cursor',
      (c) => (c.entities = [{ name: 'vendors', cursor: 'ChangeDate' }]),
      'entities[0].cursor: vendors cannot use cursor ChangeDate; choose one of SysRevID',
    ],
    [
      'lookback',
      (c) => (c.entities = [{ name: 'parts', lookbackMinutes: -5 }]),
      'entities[0].lookbackMinutes: must be a whole number of minutes',
    ],
    [
      'keys on catalog entity',
      (c) => (c.entities = [{ name: 'parts', keys: ['PartNum'] }]),
      'entities[0].keys: can only be set on baq: entries',
    ],
    ['baq without keys', (c) => (c.entities = ['baq:zSpend']), 'entities[0]: baq:zSpend needs keys'],
    ['baq bad id', (c) => (c.entities = [{ name: 'baq:a b', keys: ['A'] }]), 'entities[0].name: BAQ id "a b" must be'],
    [
      'baq keys type',
      (c) => (c.entities = [{ name: 'baq:Q', keys: 'A' }]),
      'entities[0].keys: must be a list of key column names',
    ],
    [
      'baq parameter type',
      (c) => (c.entities = [{ name: 'baq:Q', keys: ['A'], parameters: { Year: 2024 } }]),
      'entities[0].parameters.Year: must be a string',
    ],
    [
      'timeZone unknown',
      (c) => ((c.epicor as Record<string, unknown>).timeZone = 'Central Time'),
      'epicor.timeZone: must be an IANA time zone name such as UTC, America/Chicago or Europe/Berlin; "Central Time" is not one',
    ],
    [
      'timeZone number',
      (c) => ((c.epicor as Record<string, unknown>).timeZone = -5),
      'epicor.timeZone: must be an IANA time zone name',
    ],
    ['metrics port', (c) => (c.metrics = { port: 70000 }), 'metrics.port: must be an integer between 0 and 65535'],
    ['metrics port string', (c) => (c.metrics = { port: 'x' }), 'metrics.port: must be an integer between 0 and 65535'],
    ['metrics key', (c) => (c.metrics = { port: 1, bind: 'x' }), 'metrics.bind: unknown key'],
    [
      'metrics host empty',
      (c) => (c.metrics = { port: 1, host: ' ' }),
      'metrics.host: must be an address to listen on',
    ],
    ['metrics scalar', (c) => (c.metrics = 9464), 'metrics: must be a mapping'],
  ];

  it.each(cases)('rejects %s', (_label, mutate, expected) => {
    expect(errorOf(mutate)).toContain(expected);
  });

  it('lists several problems in one sentence', () => {
    const msg = errorOf((c) => {
      c.foo = 1;
      c.epicor.pageSize = 0;
    });
    expect(msg).toMatch(/^invalid configuration: /);
    expect(msg).toContain('epicor.pageSize: must be an integer between 1 and 10000');
    expect(msg).toContain('foo: unknown key');
    expect(msg).not.toContain('\n');
  });

  it('rejects a document that is not a mapping', () => {
    for (const doc of [null, 'text', [1, 2]]) {
      expect(() => parseConfig(doc, { configDir: '/' })).toThrow(/must be a YAML mapping with epicor: and databricks:/);
    }
  });
});
