/**
 * The HTTP side of `check` against Epicor: short deadlines on the injected clock (a server that accepts connections
 * but never answers fails a probe in seconds, and the message names what it waited for), few retries, raw answers
 * for probes that must read status and body themselves, and a count of every request on the wire.
 */
import { createEpicorAuth } from '../../auth/epicor/create-epicor-auth.ts';
import { classifyTokenEndpoint } from '../../auth/epicor/token-endpoint-error-mapper.ts';
import { type Clock, systemClock } from '../../clock.ts';
import type { EpicorConfig } from '../../config/schema.ts';
import { ConnectorError } from '../../errors.ts';
import { createHttpClient, type HttpClient, type HttpResponse } from '../../http/http-client.ts';
import { networkError } from '../../http/network-error.ts';
import { EpicorClient } from './epicor-client.ts';
import { classifyEpicor } from './epicor-error-mapper.ts';

/** Longest wait for one probe request (token + request), unless `epicor.timeoutSeconds` is shorter. */
export const CHECK_TIMEOUT_MS = 15_000;

export interface CheckHttpOptions {
  clock?: Clock;
  random?: () => number;
  /** Deadline per probe request (default 15 s, at most `epicor.timeoutSeconds`). */
  timeoutMs?: number;
  /** Retries of a transient answer (429/502/503/504, reset) within the deadline (default 1). */
  maxRetries?: number;
}

export interface Deadline {
  signal: AbortSignal;
  done(): void;
}

export interface CheckConnection {
  /** The classified client (errors as ConnectorError), for `$metadata` and collection reads. */
  client: EpicorClient;
  /** Deadline per request in ms. */
  timeoutMs: number;
  /** A GET that resolves with whatever HTTP answer comes (any status); `auth: false` sends no credentials at all. */
  get(url: string, what: string, opts?: { auth?: boolean; accept?: string }): Promise<HttpResponse>;
  /** Runs `fn` under a deadline; the TIMEOUT error names `what`. */
  within<T>(what: string, fn: (signal: AbortSignal) => Promise<T>): Promise<T>;
  /** Requests sent so far (every attempt, token requests included). */
  requests(): number;
  close(): Promise<void>;
}

const RETRY_STATUS = new Set([429, 502, 503, 504]);

/** Accepts any HTTP answer except a gateway's transient one; transport failures map as everywhere else. */
function rawClassifier(res: HttpResponse | undefined, error: unknown): ConnectorError | null {
  if (!res) return networkError('Epicor', error);
  if (RETRY_STATUS.has(res.status)) {
    return new ConnectorError('HTTP_TRANSIENT', `Epicor answered HTTP ${res.status}.`, {
      retryable: true,
      status: res.status,
    });
  }
  return null;
}

/** Builds the probe connection: a bare client (no credentials), an authenticated raw one and the classified client. */
export function createCheckConnection(config: EpicorConfig, opts: CheckHttpOptions = {}): CheckConnection {
  const clock = opts.clock ?? systemClock;
  const timeoutMs = opts.timeoutMs ?? Math.min(CHECK_TIMEOUT_MS, config.timeoutSeconds * 1000);
  let sent = 0;
  const common = {
    // The socket timeout is a backstop only: the deadline on the injected clock decides first.
    timeoutMs: timeoutMs + 1000,
    retry: { maxRetries: opts.maxRetries ?? 1, minTimeoutMs: 200, maxTimeoutMs: 1000, licenseBackoffMs: [2000] },
    caFile: config.caFile,
    clock,
    random: opts.random,
    events: { request: () => void sent++ },
  };
  const tokenHttp = createHttpClient({
    ...common,
    api: 'epicor-token',
    concurrency: 1,
    classify: classifyTokenEndpoint,
  });
  const auth = createEpicorAuth(config, tokenHttp, { clock });
  const baseHeaders = { 'x-api-key': config.apiKey };
  const bare = createHttpClient({ ...common, api: 'Epicor', concurrency: 2, classify: rawClassifier });
  const raw = createHttpClient({
    ...common,
    api: 'Epicor',
    concurrency: 2,
    auth,
    classify: rawClassifier,
    baseHeaders,
  });
  const classified: HttpClient = createHttpClient({
    ...common,
    api: 'epicor',
    concurrency: Math.min(config.concurrency, 4),
    auth,
    classify: classifyEpicor,
    baseHeaders,
  });

  async function within<T>(what: string, fn: (signal: AbortSignal) => Promise<T>): Promise<T> {
    const controller = new AbortController();
    const stopTimer = new AbortController();
    const seconds = Math.round(timeoutMs / 100) / 10;
    const timeout = new ConnectorError('TIMEOUT', `no answer within ${seconds} s while waiting for ${what}`, {
      retryable: false,
    });
    clock.sleep(timeoutMs, stopTimer.signal).then(
      () => controller.abort(timeout),
      () => {},
    );
    try {
      return await fn(controller.signal);
    } finally {
      stopTimer.abort();
    }
  }

  return {
    client: new EpicorClient(config.baseUrl, classified),
    timeoutMs,
    get(url, what, o = {}) {
      const http = o.auth === false ? bare : raw;
      return within(what, (signal) =>
        http.request({ method: 'GET', url, headers: { accept: o.accept ?? 'application/json' }, signal }),
      );
    },
    within,
    requests: () => sent,
    close: async () => {
      await Promise.all([bare.close(), raw.close(), classified.close(), tokenHttp.close()]);
    },
  };
}
