/**
 * Delivers alert bodies to webhooks through the one HTTP layer: a POST per webhook, retried with backoff on the
 * injected clock (429, 5xx, resets, timeouts), all within one deadline, so an alert never holds up or fails a run.
 * Outcomes are returned and logged with the webhook's host only: a Slack webhook's path is its credential.
 */
import { type Clock, systemClock } from '../clock.ts';
import type { AlertTarget } from '../config/alerts-config.ts';
import { ConnectorError, messageOf } from '../errors.ts';
import { createHttpClient, type HttpResponse, type RetryPolicy } from '../http/http-client.ts';
import type { Logger } from '../log/create-logger.ts';
import type { AlertPayload } from './alert-payload.ts';
import { SIGNATURE_HEADER, signatureHeader } from './alert-signature.ts';

export interface DeliveryOutcome {
  /** The webhook as fit for output: scheme, host and port, the path hidden. */
  webhook: string;
  event: string;
  ok: boolean;
  /** HTTP status of the last answer, when there was one. */
  status?: number;
  error?: string;
}

export interface SenderOptions {
  logger: Logger;
  clock?: Clock;
  /** Longest time one delivery round may take, retries included (default 30 s). */
  deadlineMs?: number;
  /** Per-request timeout (default 10 s). */
  timeoutMs?: number;
  retry?: Partial<RetryPolicy>;
}

/** Retry defaults for webhooks: a few tries, seconds apart (a receiver down for longer hears about the next run). */
const WEBHOOK_RETRY: Partial<RetryPolicy> = { maxRetries: 3, minTimeoutMs: 1000, maxTimeoutMs: 8000 };

/** `https://hooks.slack.com/…`: what logs and `alerts test` print for a webhook. */
export function shownWebhook(url: string): string {
  try {
    const u = new URL(url);
    return `${u.protocol}//${u.host}/…`;
  } catch {
    return '(invalid URL)';
  }
}

/** Sends `payload` to each target that subscribes to its event; never throws. */
export async function deliver(
  targets: readonly AlertTarget[],
  payload: AlertPayload,
  opts: SenderOptions,
): Promise<DeliveryOutcome[]> {
  const wanted = targets.filter((t) => t.events.includes(payload.event));
  if (wanted.length === 0) return [];
  const clock = opts.clock ?? systemClock;
  const http = createHttpClient({
    api: 'alert webhook',
    concurrency: 4,
    timeoutMs: opts.timeoutMs ?? 10_000,
    retry: { ...WEBHOOK_RETRY, ...opts.retry },
    clock,
    classify: classifyWebhook,
  });
  const deadline = new AbortController();
  // Not awaited at the end: a clock whose sleep ignores the signal (a test's manual clock) must not hold delivery.
  clock
    .sleep(opts.deadlineMs ?? 30_000, deadline.signal)
    .then(() => deadline.abort(new ConnectorError('TIMEOUT', 'gave up: the alert deadline passed')))
    .catch(() => {});
  const body = JSON.stringify(payload);
  try {
    return await Promise.all(
      wanted.map(async (t): Promise<DeliveryOutcome> => {
        const webhook = shownWebhook(t.webhook);
        const headers: Record<string, string> = { 'content-type': 'application/json', 'user-agent': 'ml-connector' };
        if (t.secret) headers[SIGNATURE_HEADER] = signatureHeader(t.secret, body, clock.now());
        try {
          const res = await http.request({
            method: 'POST',
            url: t.webhook,
            headers,
            body,
            signal: deadline.signal,
          });
          opts.logger.info({ webhook, event: payload.event, status: res.status }, 'alert sent');
          return { webhook, event: payload.event, ok: true, status: res.status };
        } catch (e) {
          const error = messageOf(e);
          opts.logger.warn({ webhook, event: payload.event, err: error }, `alert not delivered to ${webhook}`);
          const status = e instanceof ConnectorError ? e.status : undefined;
          return { webhook, event: payload.event, ok: false, status, error };
        }
      }),
    );
  } finally {
    deadline.abort();
    await http.close().catch(() => {});
  }
}

/** 2xx delivered; 408, 429 and 5xx (and no answer) worth another try; any other answer is final. */
function classifyWebhook(res: HttpResponse | undefined, error: unknown): ConnectorError | null {
  if (!res) {
    return new ConnectorError('HTTP_TRANSIENT', `no answer from the webhook (${messageOf(error)})`, {
      retryable: true,
      cause: error,
    });
  }
  if (res.status >= 200 && res.status < 300) return null;
  const retryable = res.status === 408 || res.status === 429 || res.status >= 500;
  return new ConnectorError(
    retryable ? 'HTTP_TRANSIENT' : 'HTTP_PERMANENT',
    `the webhook answered HTTP ${res.status}`,
    { retryable, status: res.status },
  );
}
