import { describe, expect, it } from 'vitest';
import type { ConnectorError } from '../errors.ts';
import { parseConfig } from './schema.ts';

const base = () => ({
  epicor: {
    baseUrl: 'https://centralusdtapp73.epicorsaas.com/SaaS5333',
    company: 'EPIC06',
    apiKey: 'k',
    auth: { type: 'basic', username: 'u', password: 'p' },
  },
  databricks: {
    host: 'https://adb-1.7.azuredatabricks.net',
    warehouseId: 'abc',
    catalog: 'main',
    schema: 'epicor',
    auth: { type: 'pat', token: 't' },
  },
});

const parse = (analytics?: unknown) =>
  parseConfig(analytics === undefined ? base() : { ...base(), analytics }, { configDir: '/cfg' });

function messageOf(analytics: unknown): string {
  try {
    parse(analytics);
  } catch (e) {
    expect((e as ConnectorError).code).toBe('CONFIG_INVALID');
    return (e as Error).message;
  }
  throw new Error('accepted');
}

describe('analytics config', () => {
  it('defaults to views on, in the tables’ schema, no COGS accounts, 2 % price tolerance, aging by due date', () => {
    expect(parse().analytics).toEqual({
      enabled: true,
      schema: null,
      cogsAccounts: [],
      costAccounts: [],
      priceTolerancePct: 2,
      agingBasis: 'due',
    });
    expect(parse({ cogsAccounts: ['5000|100', '5*', 'seg1:50*'], schema: 'marts' }).analytics).toMatchObject({
      cogsAccounts: ['5000|100', '5*', 'seg1:50*'],
      schema: 'marts',
    });
  });

  it('rejects patterns that could change the SQL, unknown keys and bad values, naming the key', () => {
    expect(messageOf({ cogsAccounts: ["5000' OR 1=1 --"] })).toMatch(
      /analytics\.cogsAccounts\[0\]: must be a GL account pattern/,
    );
    expect(messageOf({ priceTolerancePct: -1 })).toMatch(/analytics\.priceTolerancePct/);
    expect(messageOf({ agingBasis: 'posted' })).toMatch(/analytics\.agingBasis/);
    expect(messageOf({ schema: 'a-b' })).toMatch(/analytics\.schema/);
    expect(messageOf({ cogs: [] })).toMatch(/analytics/);
  });
});
