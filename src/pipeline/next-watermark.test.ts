import { describe, expect, it } from 'vitest';
import { nextWatermark } from './sync-run.ts';

describe('nextWatermark', () => {
  it('advances a revision cursor to the fixed bound when every record mapped', () => {
    expect(nextWatermark('revision', '100', '250', null, null, 0)).toBe('250');
    expect(nextWatermark('revision', null, '250', null, null, 0)).toBe('250');
  });

  it('stops just below the first bad record, so it is read again next run', () => {
    expect(nextWatermark('revision', '100', '250', null, 180n, 1)).toBe('179');
  });

  it('never moves backwards, and holds when a bad record has no revision', () => {
    expect(nextWatermark('revision', '100', '250', null, 90n, 1)).toBe('100');
    expect(nextWatermark('revision', '100', '250', null, 0n, 1)).toBe('100');
    expect(nextWatermark('revision', null, '250', null, 0n, 1)).toBeNull();
  });

  it('date cursors advance to the last cursor seen, but not past bad records', () => {
    expect(nextWatermark('datetime', '2026-01-01T00:00:00Z', '250', '2026-02-01T00:00:00Z', null, 0)).toBe(
      '2026-02-01T00:00:00Z',
    );
    expect(nextWatermark('datetime', '2026-01-01T00:00:00Z', '250', '2026-02-01T00:00:00Z', null, 2)).toBe(
      '2026-01-01T00:00:00Z',
    );
  });

  it('offset-paged BAQs keep no watermark', () => {
    expect(nextWatermark('offset', null, null, null, null, 0)).toBeNull();
  });
});
