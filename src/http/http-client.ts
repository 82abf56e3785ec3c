import type { Agent } from 'undici';
import { request as undiciRequest } from 'undici';
import { type Clock, systemClock } from '../clock.ts';
import { ConnectorError } from '../errors.ts';
import { onAbort } from '../on-abort.ts';
import { Semaphore } from '../semaphore.ts';
import { createDispatcher } from './dispatcher.ts';
import { hostOf, loggableUrl } from './loggable-url.ts';
import { backoffDelay, DEFAULT_RETRY_POLICY, parseRetryAfter, type RetryPolicy } from './retry-policy.ts';

export type { RetryPolicy } from './retry-policy.ts';

/** Supplies auth headers for each attempt; `invalidate` after a 401 so the next headers come from a fresh token. */
export interface AuthProvider {
  headers(signal?: AbortSignal): Promise<Record<string, string>>;
  invalidate(): void;
}

export interface HttpRequest {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE' | 'HEAD';
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
  /** Every attempt once it ends (for `--verbose` traces); `url` is already fit for a log line. */
  attempt?(info: AttemptInfo): void;
  /** A failed attempt that will be tried again after `delayMs` (logged, so a slow run says what it waits for). */
  retrying?(info: RetryInfo): void;
}

export interface AttemptInfo {
  api: string;
  method: string;
  url: string;
  status: number | 'error';
  ms: number;
  attempt: number;
}

export interface RetryInfo {
  api: string;
  method: string;
  url: string;
  /** Why the attempt failed (one sentence). */
  reason: string;
  code: string;
  /** The attempt that failed (1-based) and how many this request may make in all. */
  attempt: number;
  maxAttempts: number;
  delayMs: number;
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
  /** Config key naming this endpoint (e.g. `databricks.host`), so an unreachable host says what to fix. */
  endpointSetting?: string;
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

  /** A connection that never reached the server names the host and the setting to check (issue 16 item 9). */
  function unreachable(failure: ConnectorError, error: unknown, url: string): ConnectorError {
    const code = errorCode(error);
    if (!code) return failure;
    const fix = opts.endpointSetting ? `: check ${opts.endpointSetting}` : '';
    return new ConnectorError(
      failure.code,
      `${api}: cannot connect to ${hostOf(url)} (${code}: ${HOST_CODES[code]})${fix}.`,
      { cause: error, retryable: failure.retryable, status: failure.status, details: failure.details },
    );
  }

  function traceAttempt(req: HttpRequest, status: number | 'error', ms: number, attemptNo: number) {
    if (!opts.events?.attempt) return;
    opts.events.attempt({ api, method: req.method, url: loggableUrl(req.url), status, ms, attempt: attemptNo });
  }

  async function attempt(req: HttpRequest, attemptNo: number): Promise<{ res?: HttpResponse; error?: unknown }> {
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
    const offCallerAbort = req.signal ? onAbort(req.signal, () => controller.abort(req.signal?.reason)) : undefined;
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
      traceAttempt(req, res.status, clock.now() - started, attemptNo);
      return { res };
    } catch (error) {
      opts.events?.request?.(api, 'error', clock.now() - started);
      traceAttempt(req, 'error', clock.now() - started, attemptNo);
      if (req.signal?.aborted) throw abortedError(api, req.signal.reason);
      if (controller.signal.aborted && controller.signal.reason === timeoutError) return { error: timeoutError };
      return { error };
    } finally {
      clearTimeout(timer);
      offCallerAbort?.();
      release();
    }
  }

  async function request(req: HttpRequest): Promise<HttpResponse> {
    let retries = 0;
    let licenseRetries = 0;
    let authRetried = false;
    let attempts = 0;
    for (;;) {
      if (req.signal?.aborted) throw abortedError(api, req.signal.reason);
      const { res, error } = await attempt(req, ++attempts);
      const classified = opts.classify(res, error);
      if (!classified) return res!;
      const failure = res ? classified : unreachable(classified, error, req.url);

      if (res?.status === 401 && opts.auth && !authRetried) {
        // One retry with a fresh token: an expired or revoked token is the usual cause.
        authRetried = true;
        opts.auth.invalidate();
        opts.events?.retry?.(api, failure.code);
        continue;
      }
      // After close() the pool is gone: a retry can only fail again (and would log as if the server were at fault).
      if (closed) throw new ConnectorError('ABORTED', `${api}: the connection pool was closed.`, { cause: failure });
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
      opts.events?.retrying?.({
        api,
        method: req.method,
        url: loggableUrl(req.url),
        reason: failure.message,
        code: failure.code,
        attempt: attempts,
        maxAttempts:
          failure.code === 'EPICOR_LICENSE'
            ? attempts - licenseRetries + 1 + policy.licenseBackoffMs.length
            : attempts - retries + 1 + policy.maxRetries,
        delayMs: delay,
      });
      try {
        await clock.sleep(delay, req.signal);
      } catch (e) {
        throw abortedError(api, e);
      }
    }
  }

  let closed = false;
  return {
    request,
    close: () => {
      closed = true;
      return dispatcher.close();
    },
  };
}

/** DNS and connection failures that mean "wrong or unreachable host" rather than a hiccup on a known-good one. */
const HOST_CODES: Record<string, string> = {
  ENOTFOUND: 'no such host',
  EAI_AGAIN: 'the host name could not be resolved right now',
  ECONNREFUSED: 'nothing is listening there',
  EHOSTUNREACH: 'the host is unreachable',
  ENETUNREACH: 'the network is unreachable',
};

function errorCode(e: unknown): string | undefined {
  const code = (e as { code?: unknown } | null)?.code;
  if (typeof code === 'string' && code in HOST_CODES) return code;
  const cause = (e as { cause?: unknown } | null)?.cause;
  return cause && cause !== e ? errorCode(cause) : undefined;
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
