import type { Agent } from 'undici';
import { request as undiciRequest } from 'undici';
import { type Clock, systemClock } from '../clock.ts';
import { ConnectorError } from '../errors.ts';
import { createDispatcher } from './dispatcher.ts';
import { backoffDelay, DEFAULT_RETRY_POLICY, parseRetryAfter, type RetryPolicy } from './retry-policy.ts';
import { Semaphore } from './semaphore.ts';

export type { RetryPolicy } from './retry-policy.ts';

/** Supplies auth headers for each attempt; `invalidate` after a 401 so the next headers come from a fresh token. */
export interface AuthProvider {
  headers(signal?: AbortSignal): Promise<Record<string, string>>;
  invalidate(): void;
}

export interface HttpRequest {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE' | 'HEAD';
  url: string;
  headers?: Record<string, string>;
  body?: string | Uint8Array;
  timeoutMs?: number;
  /** False: a timeout is thrown at once instead of retried (the caller retries with a smaller request). */
  retryTimeouts?: boolean;
  signal?: AbortSignal;
}

export interface HttpResponse {
  status: number;
  headers: Record<string, string>;
  body: Buffer;
  text(): string;
  json<T = unknown>(): T;
}

/** Maps a raw outcome to null (success, return it) or a ConnectorError (retryable or not). One mapper per API. */
export type ResponseClassifier = (res: HttpResponse | undefined, error: unknown) => ConnectorError | null;

export interface HttpEvents {
  request?(api: string, status: number | 'error', ms: number): void;
  retry?(api: string, code: string): void;
}

export interface HttpClientOptions {
  /** Name used in errors and events, e.g. `epicor`. */
  api: string;
  concurrency: number;
  timeoutMs: number;
  retry?: Partial<RetryPolicy>;
  caFile?: string;
  clock?: Clock;
  random?: () => number;
  auth?: AuthProvider;
  classify: ResponseClassifier;
  events?: HttpEvents;
  baseHeaders?: Record<string, string>;
}

export interface HttpClient {
  /** Sends one logical request: retried per policy, returned only when the classifier accepts it. */
  request(req: HttpRequest): Promise<HttpResponse>;
  close(): Promise<void>;
}

/** Builds a response object around a fully read body; `json()` parses once (classifier and caller share it). */
export function makeResponse(status: number, headers: Record<string, string>, body: Buffer): HttpResponse {
  let text: string | undefined;
  let parsed: { value: unknown } | undefined;
  const textOf = () => {
    text ??= body.toString('utf8');
    return text;
  };
  return {
    status,
    headers,
    body,
    text: textOf,
    json: <T>() => {
      parsed ??= { value: JSON.parse(textOf()) };
      return parsed.value as T;
    },
  };
}

/** The one HTTP layer: bounded concurrency, timeouts, retries with backoff, 401 refresh, events. */
export function createHttpClient(opts: HttpClientOptions): HttpClient {
  const policy: RetryPolicy = { ...DEFAULT_RETRY_POLICY, ...opts.retry };
  const clock = opts.clock ?? systemClock;
  const random = opts.random ?? Math.random;
  const gate = new Semaphore(opts.concurrency);
  const dispatcher: Agent = createDispatcher({ concurrency: opts.concurrency, caFile: opts.caFile });
  const api = opts.api;

  async function attempt(req: HttpRequest): Promise<{ res?: HttpResponse; error?: unknown }> {
    // Refresh the token (if due) before queueing for a slot, so a slow refresh does not hold one...
    if (opts.auth) await opts.auth.headers(req.signal);
    const release = await gate.acquire(req.signal);
    // ...and read the headers again once the slot is ours: a request that queued behind slow pages must not go
    // out with a token that expired while it waited (cheap: the token is cached).
    let authHeaders: Record<string, string>;
    try {
      authHeaders = opts.auth ? await opts.auth.headers(req.signal) : {};
    } catch (e) {
      release();
      throw e;
    }
    const started = clock.now();
    const timeoutMs = req.timeoutMs ?? opts.timeoutMs;
    const controller = new AbortController();
    const timeoutError = new ConnectorError('TIMEOUT', `${api}: no complete answer within ${timeoutMs} ms.`, {
      retryable: true,
    });
    const timer = setTimeout(() => controller.abort(timeoutError), timeoutMs);
    const onCallerAbort = () => controller.abort(req.signal?.reason);
    req.signal?.addEventListener('abort', onCallerAbort, { once: true });
    try {
      const r = await undiciRequest(req.url, {
        method: req.method,
        headers: { ...opts.baseHeaders, ...req.headers, ...authHeaders },
        body: req.body,
        dispatcher,
        signal: controller.signal,
        headersTimeout: timeoutMs,
        bodyTimeout: timeoutMs,
      });
      // Reading the whole body inside the timeout: a stalled or cut body surfaces here as an error.
      const body = Buffer.from(await r.body.arrayBuffer());
      const res = makeResponse(r.statusCode, flattenHeaders(r.headers), body);
      opts.events?.request?.(api, res.status, clock.now() - started);
      return { res };
    } catch (error) {
      opts.events?.request?.(api, 'error', clock.now() - started);
      if (req.signal?.aborted) throw abortedError(api, req.signal.reason);
      if (controller.signal.aborted && controller.signal.reason === timeoutError) return { error: timeoutError };
      return { error };
    } finally {
      clearTimeout(timer);
      req.signal?.removeEventListener('abort', onCallerAbort);
      release();
    }
  }

  async function request(req: HttpRequest): Promise<HttpResponse> {
    let retries = 0;
    let licenseRetries = 0;
    let authRetried = false;
    for (;;) {
      if (req.signal?.aborted) throw abortedError(api, req.signal.reason);
      const { res, error } = await attempt(req);
      const failure = opts.classify(res, error);
      if (!failure) return res!;

      if (res?.status === 401 && opts.auth && !authRetried) {
        // One retry with a fresh token: an expired or revoked token is the usual cause.
        authRetried = true;
        opts.auth.invalidate();
        opts.events?.retry?.(api, failure.code);
        continue;
      }
      if (!failure.retryable || (failure.code === 'TIMEOUT' && req.retryTimeouts === false)) throw failure;

      let delay: number;
      if (failure.code === 'EPICOR_LICENSE') {
        if (licenseRetries >= policy.licenseBackoffMs.length) throw exhausted(failure, licenseRetries + retries + 1);
        delay = policy.licenseBackoffMs[licenseRetries++];
      } else {
        if (retries >= policy.maxRetries) throw exhausted(failure, licenseRetries + retries + 1);
        const serverSaid =
          failure.retryAfterSeconds !== undefined
            ? failure.retryAfterSeconds * 1000
            : parseRetryAfter(res?.headers['retry-after'], clock.now());
        delay =
          serverSaid !== undefined
            ? Math.min(serverSaid, policy.maxRetryAfterMs)
            : backoffDelay(policy, retries, random);
        retries++;
      }
      opts.events?.retry?.(api, failure.code);
      try {
        await clock.sleep(delay, req.signal);
      } catch (e) {
        throw abortedError(api, e);
      }
    }
  }

  return {
    request,
    close: () => dispatcher.close(),
  };
}

function exhausted(failure: ConnectorError, attempts: number): ConnectorError {
  return new ConnectorError(failure.code, `${failure.message} (gave up after ${attempts} attempts)`, {
    cause: failure,
    retryable: false,
    status: failure.status,
    details: failure.details,
  });
}

function abortedError(api: string, reason: unknown): ConnectorError {
  if (reason instanceof ConnectorError) return reason;
  return new ConnectorError('ABORTED', `${api}: the request was cancelled.`, { cause: reason });
}

function flattenHeaders(raw: Record<string, string | string[] | undefined>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(raw)) {
    if (v === undefined) continue;
    out[k.toLowerCase()] = Array.isArray(v) ? v.join(', ') : v;
  }
  return out;
}
