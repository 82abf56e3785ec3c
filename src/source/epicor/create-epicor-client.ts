import { createEpicorAuth } from '../../auth/epicor/create-epicor-auth.ts';
import { classifyTokenEndpoint } from '../../auth/epicor/token-endpoint-error-mapper.ts';
import type { Clock } from '../../clock.ts';
import type { EpicorConfig } from '../../config/schema.ts';
import { createHttpClient, type HttpEvents, type RetryPolicy } from '../../http/http-client.ts';
import { EpicorClient } from './epicor-client.ts';
import { classifyEpicor } from './epicor-error-mapper.ts';

export interface EpicorConnectionOptions {
  clock?: Clock;
  random?: () => number;
  retry?: Partial<RetryPolicy>;
  events?: HttpEvents;
  /** OAuth2 only: where the client id/secret go (default form body). */
  clientAuth?: 'body' | 'basic' | 'both';
  onTokenRefresh?: () => void;
}

export interface EpicorConnection {
  client: EpicorClient;
  close(): Promise<void>;
}

/** Wires the Epicor client from config: one HTTP client for data (API key + auth), one for token requests. */
export function createEpicorConnection(config: EpicorConfig, opts: EpicorConnectionOptions = {}): EpicorConnection {
  const common = {
    timeoutMs: config.timeoutSeconds * 1000,
    retry: opts.retry,
    caFile: config.caFile,
    clock: opts.clock,
    random: opts.random,
    events: opts.events,
  };
  const tokenHttp = createHttpClient({
    ...common,
    api: 'epicor-token',
    concurrency: 1,
    classify: classifyTokenEndpoint,
  });
  const auth = createEpicorAuth(config, tokenHttp, {
    clock: opts.clock,
    clientAuth: opts.clientAuth,
    onRefresh: opts.onTokenRefresh,
  });
  const http = createHttpClient({
    ...common,
    api: 'epicor',
    concurrency: config.concurrency,
    auth,
    classify: classifyEpicor,
    baseHeaders: { 'x-api-key': config.apiKey },
  });
  return {
    client: new EpicorClient(config.baseUrl, http, { maxQueryBytes: config.maxQueryBytes }),
    close: async () => {
      await Promise.all([http.close(), tokenHttp.close()]);
    },
  };
}
