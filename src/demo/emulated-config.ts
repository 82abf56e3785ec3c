import type { Config } from '../config/schema.ts';
import { parseConfig } from '../config/schema.ts';

/**
 * A validated config pointing at the built-in emulators with their public demo credentials (the same values
 * `init --emulators` writes), for the demo, tests and benchmarks.
 */
export function emulatedConfig(
  epicorBaseUrl: string,
  databricksHost: string,
  overrides: { companies?: string[]; entities?: unknown; pageSize?: number; concurrency?: number } = {},
): Config {
  return parseConfig(
    {
      epicor: {
        baseUrl: epicorBaseUrl,
        company: overrides.companies ?? 'EPIC06',
        apiKey: 'demo-api-key',
        auth: {
          type: 'oauth2',
          tokenUrl: `${epicorBaseUrl}/oauth/token`,
          clientId: 'ml-connector-demo',
          clientSecret: 'demo-secret',
        },
        pageSize: overrides.pageSize ?? 500,
        concurrency: overrides.concurrency ?? 4,
      },
      databricks: {
        host: databricksHost,
        warehouseId: 'emulated-warehouse',
        catalog: 'main',
        schema: 'epicor',
        auth: { type: 'oauth-m2m', level: 'workspace', clientId: 'demo-sp', clientSecret: 'demo-sp-secret' },
      },
      schedule: 'manual',
      entities: overrides.entities ?? 'all',
    },
    { configDir: process.cwd(), source: 'the emulator config' },
  );
}
