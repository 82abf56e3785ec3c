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
/** Longest wait for one token answer. */
const TOKEN_TIMEOUT_MS = 20_000;
/** Retries of a token request (3 attempts in all). */
const TOKEN_MAX_RETRIES = 2;

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
    endpointSetting: config.auth.type === 'oauth2' ? 'epicor.auth.tokenUrl' : 'epicor.baseUrl',
    // A token endpoint answers in a second or two, or not at all: give up after about a minute and a half, not
    // after the 6 × timeoutSeconds (12 minutes by default) a slow data page may deserve (issue 16 item 3).
    timeoutMs: Math.min(common.timeoutMs, TOKEN_TIMEOUT_MS),
    retry: { maxRetries: TOKEN_MAX_RETRIES, ...opts.retry },
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
    endpointSetting: 'epicor.baseUrl',
    baseHeaders: { 'x-api-key': config.apiKey },
  });
  return {
    client: new EpicorClient(config.baseUrl, http, { maxQueryBytes: config.maxQueryBytes, timeZone: config.timeZone }),
    close: async () => {
      await Promise.all([http.close(), tokenHttp.close()]);
    },
  };
}
