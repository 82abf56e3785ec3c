/** The Lakeview (AI/BI dashboards) REST API over the product's HTTP layer, with the configured Databricks auth. */
import type { LakeviewDashboard, LakeviewPort } from '../analytics/dashboard.ts';
import { resolveDatabricksCredentials } from '../auth/databricks/credential-chain.ts';
import type { DatabricksConfig } from '../config/schema.ts';
import { classifyDatabricksResponse } from '../destination/databricks/client/databricks-error-mapper.ts';
import { createHttpClient } from '../http/http-client.ts';

export function createLakeviewClient(config: DatabricksConfig): LakeviewPort & { close(): Promise<void> } {
  const auth = resolveDatabricksCredentials(config, {});
  const http = createHttpClient({
    api: 'databricks',
    concurrency: 2,
    timeoutMs: 120_000,
    auth: auth.credentials,
    classify: classifyDatabricksResponse,
    baseHeaders: { 'user-agent': 'ml-connector' },
  });
  const base = `${config.host.replace(/\/+$/, '')}/api/2.0/lakeview/dashboards`;
  const call = async <T>(method: 'GET' | 'POST' | 'PATCH', url: string, body?: unknown): Promise<T> => {
    const res = await http.request({
      method,
      url,
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return res.json<T>();
  };
  return {
    async list() {
      const out: LakeviewDashboard[] = [];
      let token: string | undefined;
      do {
        const q = new URLSearchParams({ page_size: '100', ...(token ? { page_token: token } : {}) });
        const page = await call<{ dashboards?: LakeviewDashboard[]; next_page_token?: string }>('GET', `${base}?${q}`);
        out.push(...(page.dashboards ?? []));
        token = page.next_page_token || undefined;
      } while (token);
      return out;
    },
    get: (id) => call('GET', `${base}/${encodeURIComponent(id)}`),
    create: (body) => call('POST', base, body),
    update: (id, body) => call('PATCH', `${base}/${encodeURIComponent(id)}`, body),
    publish: (id, body) => call('POST', `${base}/${encodeURIComponent(id)}/published`, body),
    close: async () => {
      await Promise.all([http.close(), auth.close()]);
    },
  };
}
