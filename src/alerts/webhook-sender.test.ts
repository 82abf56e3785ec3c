/**
 * Alert delivery against a local HTTP receiver: the body and its HMAC signature, retries with backoff on the
 * injected clock, a final 4xx not retried, and a dead receiver costing a bounded wait without a throw or a leaked
 * secret.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Clock } from '../clock.ts';
import type { AlertTarget } from '../config/alerts-config.ts';
import { emulatedConfig } from '../demo/emulated-config.ts';
import { createLogger } from '../log/create-logger.ts';
import type { EntityCounts, RunRecord } from '../pipeline/ports.ts';
import { runPayload } from './alert-payload.ts';
import { SIGNATURE_HEADER, verifySignature } from './alert-signature.ts';
import { payloadContext } from './run-alerts.ts';
import { deliver } from './webhook-sender.ts';

const SECRET = 'hmac-secret-0123456789abcdef';
const PATH_SECRET = '/services/T000/B000/XXXXsecretpath';

interface Received {
  headers: Record<string, string | string[] | undefined>;
  body: string;
}
let server: Server;
let base: string;
let received: Received[] = [];
/** Statuses the receiver answers with, in order (then 200). */
let answers: number[] = [];

/** A clock that records backoff sleeps and lets them pass at once; the long deadline sleep waits for its abort. */
function recordingClock(): Clock & { slept: number[] } {
  const slept: number[] = [];
  return {
    slept,
    now: () => Date.now(),
    sleep: (ms, signal) =>
      new Promise((resolve, reject) => {
        if (ms < 20_000) {
          slept.push(ms);
          resolve();
          return;
        }
        signal?.addEventListener('abort', () => reject(signal.reason), { once: true });
      }),
  };
}

function logSink() {
  const lines: string[] = [];
  return {
    lines,
    logger: createLogger({
      format: 'json',
      level: 'debug',
      secrets: [],
      stream: { write: (l: string) => lines.push(l) },
    }),
  };
}

const counts = (status: EntityCounts['status'], error?: string): EntityCounts => ({
  fetched: 10,
  inserted: 1,
  updated: 0,
  unchanged: 9,
  bad: 0,
  pages: 1,
  requests: 1,
  watermark_from: null,
  watermark_to: null,
  status,
  ...(error ? { error } : {}),
});
const run: RunRecord = {
  syncId: '20260101T000000Z-abc',
  trigger: 'schedule',
  startedAt: new Date('2026-01-01T00:00:00Z'),
  finishedAt: new Date('2026-01-01T00:05:00Z'),
  status: 'partial',
  entities: { vendors: counts('succeeded'), ap_invoices: counts('failed', 'Epicor answered HTTP 500') },
};
const config = emulatedConfig('http://127.0.0.1:9/kinetic', 'http://127.0.0.1:9');
const payload = () => runPayload('partial', run, payloadContext(config, Date.now()));

beforeAll(async () => {
  server = createServer((req, res) => {
    let body = '';
    req.on('data', (d) => (body += d));
    req.on('end', () => {
      received.push({ headers: req.headers, body });
      res.statusCode = answers.shift() ?? 200;
      res.end('ok');
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));
beforeEach(() => {
  received = [];
  answers = [];
});

describe('deliver', () => {
  it('posts the run summary with per-entity errors, a Slack text and a verifiable signature', async () => {
    const target: AlertTarget = { webhook: `${base}${PATH_SECRET}`, events: ['partial'], secret: SECRET };
    const { logger, lines } = logSink();
    const out = await deliver([target], payload(), { logger, clock: recordingClock() });
    expect(out).toEqual([{ webhook: `${base}/…`, event: 'partial', ok: true, status: 200 }]);
    expect(received).toHaveLength(1);
    const { headers, body } = received[0];
    expect(headers['content-type']).toBe('application/json');
    const json = JSON.parse(body);
    expect(json).toMatchObject({
      source: 'ml-connector',
      event: 'partial',
      run: { sync_id: run.syncId, status: 'partial', trigger: 'schedule' },
      connector: { target: 'main.epicor', companies: ['EPIC06'] },
    });
    expect(json.entities).toContainEqual(
      expect.objectContaining({ entity: 'ap_invoices', status: 'failed', error: 'Epicor answered HTTP 500' }),
    );
    expect(json.text).toContain('ap_invoices: Epicor answered HTTP 500');
    const sig = String(headers[SIGNATURE_HEADER.toLowerCase()]);
    expect(sig).toMatch(/^t=\d+,v1=[0-9a-f]{64}$/);
    expect(verifySignature(SECRET, body, sig, Date.now())).toBe(true);
    expect(verifySignature(SECRET, body.replace('partial', 'failed'), sig, Date.now())).toBe(false);
    expect(verifySignature('another-secret-0123456789', body, sig, Date.now())).toBe(false);
    // Replayed ten minutes later: refused.
    expect(verifySignature(SECRET, body, sig, Date.now() + 600_000)).toBe(false);
    expect(lines.join('')).not.toContain(PATH_SECRET);
  });

  it('retries 503 and 429 with backoff on the clock, then delivers', async () => {
    answers = [503, 429];
    const clock = recordingClock();
    const out = await deliver([{ webhook: `${base}/hook`, events: ['partial'] }], payload(), {
      logger: logSink().logger,
      clock,
    });
    expect(out[0].ok).toBe(true);
    expect(received).toHaveLength(3);
    expect(clock.slept).toHaveLength(2);
    expect(clock.slept[0]).toBeLessThanOrEqual(1000);
    expect(clock.slept[1]).toBeLessThanOrEqual(2000);
    // No signature without a secret.
    expect(received[0].headers[SIGNATURE_HEADER.toLowerCase()]).toBeUndefined();
  });

  it('does not retry a 4xx, and sends only to webhooks subscribed to the event', async () => {
    answers = [404];
    const out = await deliver(
      [
        { webhook: `${base}/a`, events: ['partial'] },
        { webhook: `${base}/b`, events: ['stale'] },
      ],
      payload(),
      { logger: logSink().logger, clock: recordingClock() },
    );
    expect(out).toEqual([
      expect.objectContaining({ ok: false, status: 404, error: expect.stringContaining('HTTP 404') }),
    ]);
    expect(received).toHaveLength(1);
  });

  it('a dead receiver costs the retries only, never throws, and logs no secret', async () => {
    const dead = createServer();
    await new Promise<void>((r) => dead.listen(0, '127.0.0.1', r));
    const port = (dead.address() as AddressInfo).port;
    await new Promise<void>((r) => dead.close(() => r()));
    const clock = recordingClock();
    const { logger, lines } = logSink();
    const out = await deliver(
      [{ webhook: `http://127.0.0.1:${port}${PATH_SECRET}?token=abc`, events: ['partial'], secret: SECRET }],
      payload(),
      { logger, clock },
    );
    expect(out).toEqual([expect.objectContaining({ ok: false, webhook: `http://127.0.0.1:${port}/…` })]);
    expect(clock.slept).toHaveLength(3);
    const log = lines.join('');
    expect(log).toContain('alert not delivered');
    for (const s of [PATH_SECRET, 'token=abc', SECRET]) expect(log).not.toContain(s);
  });

  it('gives up at the deadline however slow the receiver is', async () => {
    const slow = createServer(() => {});
    await new Promise<void>((r) => slow.listen(0, '127.0.0.1', r));
    const port = (slow.address() as AddressInfo).port;
    let release!: () => void;
    const deadlineClock: Clock = {
      now: () => Date.now(),
      sleep: (ms, signal) =>
        new Promise((resolve, reject) => {
          if (ms < 20_000) return resolve();
          // The deadline passes as soon as the request is out.
          release = resolve;
          signal?.addEventListener('abort', () => reject(signal.reason), { once: true });
        }),
    };
    const sending = deliver([{ webhook: `http://127.0.0.1:${port}/x`, events: ['partial'] }], payload(), {
      logger: logSink().logger,
      clock: deadlineClock,
      deadlineMs: 60_000,
    });
    await new Promise((r) => setTimeout(r, 100));
    release();
    const out = await sending;
    slow.closeAllConnections();
    await new Promise<void>((r) => slow.close(() => r()));
    expect(out[0]).toMatchObject({ ok: false, error: expect.stringContaining('deadline') });
  });
});
