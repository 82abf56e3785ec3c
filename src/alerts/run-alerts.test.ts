import { describe, expect, it } from 'vitest';
import { emulatedConfig } from '../demo/emulated-config.ts';
import type { EntityCounts, RunRecord } from '../pipeline/ports.ts';
import { emptyCounts } from '../pipeline/run-status.ts';
import {
  failedBeforeStart,
  type LedgerRun,
  payloadContext,
  recoveredEntities,
  runAlertPayloads,
} from './run-alerts.ts';

const c = (status: EntityCounts['status'], error?: string): EntityCounts => ({
  ...emptyCounts(null),
  status,
  ...(error ? { error } : {}),
});
const at = new Date('2026-01-01T00:00:00Z');
const run = (id: string, status: RunRecord['status'], entities: Record<string, EntityCounts>): RunRecord => ({
  syncId: id,
  trigger: 'manual',
  startedAt: at,
  finishedAt: at,
  status,
  entities,
});
const ctx = payloadContext(emulatedConfig('http://127.0.0.1:9/k', 'http://127.0.0.1:9'), at.getTime());

describe('run alerts', () => {
  it('recovered names the entities whose previous run failed or ended partial, not the current run itself', () => {
    const now = run('r3', 'succeeded', { vendors: c('succeeded'), parts: c('succeeded'), terms: c('succeeded') });
    const previous: LedgerRun[] = [
      now as unknown as LedgerRun, // the ledger already holds the current run
      { syncId: 'r2', status: 'partial', entities: { vendors: c('failed', 'x'), parts: c('succeeded') } } as never,
      { syncId: 'r1', status: 'partial', entities: { terms: c('partial') } } as never,
    ];
    expect(recoveredEntities(now, previous)).toEqual(['vendors', 'terms']);
  });

  it('a partial run gives one partial alert, and recovered only when something recovered', () => {
    const p = run('r1', 'partial', { vendors: c('failed', 'boom'), parts: c('succeeded') });
    expect(runAlertPayloads(p, [], ctx).map((x) => x.event)).toEqual(['partial']);
    const ok = run('r2', 'succeeded', { vendors: c('succeeded') });
    expect(runAlertPayloads(ok, [], ctx)).toEqual([]);
  });

  it('a run that failed before it started says so', () => {
    const [payload] = runAlertPayloads(failedBeforeStart(new Error('databricks: cannot connect')), [], ctx);
    expect(payload.event).toBe('failed');
    expect(payload.text).toContain('sync failed before it could start');
    expect(payload.text).toContain('databricks: cannot connect');
  });
});
