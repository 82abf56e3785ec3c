import { describe, expect, it } from 'vitest';
import { accountsHostFor } from './accounts-host.ts';

describe('accountsHostFor', () => {
  it.each([
    ['https://adb-1234567890123456.7.azuredatabricks.net', 'https://accounts.azuredatabricks.net'],
    ['https://1234567890123456.7.gcp.databricks.com', 'https://accounts.gcp.databricks.com'],
    ['https://dbc-a1b2c3d4-e5f6.cloud.databricks.com', 'https://accounts.cloud.databricks.com'],
    ['http://127.0.0.1:8123', 'http://127.0.0.1:8123'],
    ['https://localhost:9443/', 'https://localhost:9443'],
    ['http://databricks.internal.example', 'http://databricks.internal.example'],
  ])('%s → %s', (host, expected) => {
    expect(accountsHostFor(host)).toBe(expected);
  });

  it('prefers the configured accounts host', () => {
    expect(accountsHostFor('https://adb-1.2.azuredatabricks.net', 'https://accounts.example.com/')).toBe(
      'https://accounts.example.com',
    );
  });
});
