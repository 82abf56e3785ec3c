/** The body `ml-connector alerts test` sends: a made-up partial run, marked `test: true`. */
import type { Config } from '../config/schema.ts';
import type { RunRecord } from '../pipeline/ports.ts';
import { type AlertPayload, runPayload } from './alert-payload.ts';
import { payloadContext } from './run-alerts.ts';

export function sampleAlert(config: Config, now: number): AlertPayload {
  const counts = { fetched: 120, inserted: 3, updated: 2, unchanged: 115, bad: 0, pages: 1, requests: 2 };
  const run: RunRecord = {
    syncId: 'test-alert',
    trigger: 'manual',
    startedAt: new Date(now - 60_000),
    finishedAt: new Date(now),
    status: 'partial',
    entities: {
      vendors: { ...counts, watermark_from: null, watermark_to: null, status: 'succeeded' },
      ap_invoices: {
        ...counts,
        watermark_from: null,
        watermark_to: null,
        status: 'failed',
        error: 'this is a test alert from `ml-connector alerts test`; nothing failed',
      },
    },
  };
  const body = runPayload('partial', run, payloadContext(config, now));
  return { ...body, test: true, text: `[ml-connector] test alert: webhook reachable (${body.connector.target})` };
}
