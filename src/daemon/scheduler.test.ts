import { afterEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../clock.ts';
import { parseSchedule } from '../config/schedule.ts';
import type { Schedule } from '../config/schema.ts';
import { describeSchedule, nextFireTime, Scheduler } from './scheduler.ts';

const T0 = Date.UTC(2026, 0, 1, 0, 0, 0);
const MIN = 60_000;
const HOUR = 60 * MIN;
const iso = (ms: number) => new Date(ms).toISOString();
const settle = () => new Promise((r) => setImmediate(r));

function schedule(text: string): Schedule {
  const s = parseSchedule(text);
  if (typeof s === 'string') throw new Error(s);
  return s;
}

let running: Scheduler | undefined;
afterEach(async () => {
  await running?.stop();
  running = undefined;
});

/** A scheduler over one job that records its fire times. */
function start(text: string, clock: ManualClock) {
  const fired: string[] = [];
  running = new Scheduler([{ name: 'sync', schedule: schedule(text), fire: (at) => fired.push(iso(at)) }], {
    clock,
    timezone: 'UTC',
  });
  return { fired, scheduler: running };
}

describe('nextFireTime', () => {
  it('computes the next fire strictly after the given time', () => {
    expect(iso(nextFireTime(schedule('hourly'), T0, 'UTC')!)).toBe('2026-01-01T01:00:00.000Z');
    expect(iso(nextFireTime(schedule('hourly'), T0 + 59 * MIN, 'UTC')!)).toBe('2026-01-01T01:00:00.000Z');
    expect(iso(nextFireTime(schedule('daily'), T0 + 1, 'UTC')!)).toBe('2026-01-02T00:00:00.000Z');
    expect(iso(nextFireTime(schedule('cron: 15 */2 * * *'), T0 + 16 * MIN, 'UTC')!)).toBe('2026-01-01T02:15:00.000Z');
    expect(nextFireTime(schedule('manual'), T0)).toBeNull();
    expect(describeSchedule(schedule('hourly'))).toBe('hourly (0 * * * *)');
  });
});

describe('Scheduler with a ManualClock', () => {
  it('fires an hourly schedule on the hour and not before', async () => {
    const clock = new ManualClock(T0 + 10 * MIN);
    const { fired, scheduler } = start('hourly', clock);
    expect(iso(scheduler.next('sync')!)).toBe('2026-01-01T01:00:00.000Z');
    clock.advance(49 * MIN);
    await settle();
    expect(fired).toEqual([]);
    clock.advance(MIN);
    await settle();
    expect(fired).toEqual(['2026-01-01T01:00:00.000Z']);
    expect(iso(scheduler.next('sync')!)).toBe('2026-01-01T02:00:00.000Z');
    clock.advance(HOUR);
    await settle();
    expect(fired).toEqual(['2026-01-01T01:00:00.000Z', '2026-01-01T02:00:00.000Z']);
  });

  it('fires a cron schedule at its minutes', async () => {
    const clock = new ManualClock(T0);
    const { fired } = start('cron: 15 */2 * * *', clock);
    for (let i = 0; i < 5 * 4; i++) {
      clock.advance(15 * MIN);
      await settle();
    }
    expect(fired).toEqual(['2026-01-01T00:15:00.000Z', '2026-01-01T02:15:00.000Z', '2026-01-01T04:15:00.000Z']);
  });

  it('coalesces fire times missed while the clock jumped into one tick', async () => {
    const clock = new ManualClock(T0);
    const { fired, scheduler } = start('hourly', clock);
    clock.advance(5 * HOUR + 30 * MIN);
    await settle();
    expect(fired).toEqual(['2026-01-01T01:00:00.000Z']);
    expect(iso(scheduler.next('sync')!)).toBe('2026-01-01T06:00:00.000Z');
  });

  it('never fires a manual schedule', async () => {
    const clock = new ManualClock(T0);
    const { fired, scheduler } = start('manual', clock);
    clock.advance(30 * 24 * HOUR);
    await settle();
    expect(fired).toEqual([]);
    expect(scheduler.next('sync')).toBeNull();
  });

  it('fires nothing after stop', async () => {
    const clock = new ManualClock(T0);
    const { fired, scheduler } = start('hourly', clock);
    await scheduler.stop();
    clock.advance(3 * HOUR);
    await settle();
    expect(fired).toEqual([]);
  });
});
