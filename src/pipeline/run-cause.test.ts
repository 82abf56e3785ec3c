import { describe, expect, it } from 'vitest';
import type { EntityCounts } from './ports.ts';
import { groupFailures, runErrorText, runWideCause } from './run-cause.ts';
import { emptyCounts } from './run-status.ts';

const failed = (error: string): EntityCounts => ({ ...emptyCounts(null), status: 'failed', error });
const ok = (): EntityCounts => emptyCounts(null);

describe('run cause', () => {
  it('one reason for every failed entity is the run cause, stated once', () => {
    const key = 'Epicor rejected the API key (x-api-key) (HTTP 401): Invalid API key.';
    const entities = { vendors: failed(key), parts: failed(key), companies: failed(key) };
    expect(runWideCause(entities)).toBe(key);
    // Before: "vendors: …; parts: …; companies: …" (13 copies, ~700 characters).
    expect(runErrorText(entities)).toBe(key);
  });

  it('messages that differ only in URL or the entity name count as one reason', () => {
    const entities = {
      vendors: failed('Databricks: PERMISSION_DENIED on dim_vendor at https://h/api/2.0/x?a=1'),
      parts: failed('Databricks: PERMISSION_DENIED on dim_part at https://h/api/2.0/y'),
      ap_invoices: ok(),
    };
    expect(groupFailures(entities)).toHaveLength(1);
    expect(runWideCause(entities)).toContain('PERMISSION_DENIED');
  });

  it('different reasons are each listed once with how many entities they hit; one failure is not run-wide', () => {
    const entities = { a: failed('timeout'), b: failed('timeout'), c: failed('bad filter'), d: ok() };
    expect(runWideCause(entities)).toBeUndefined();
    expect(runErrorText(entities)).toBe('timeout (2 entities); c: bad filter');
    expect(runWideCause({ a: failed('x'), b: ok() })).toBeUndefined();
    expect(runErrorText({ a: ok() })).toBeUndefined();
  });
});
