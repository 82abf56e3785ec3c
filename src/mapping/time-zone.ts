/**
 * IANA time zones for Epicor date values served without an offset (`epicor.timeZone`; the reference sheet: the server
 * zone is unconfirmed, so it is configuration, default UTC). Offsets come from the runtime's ICU data through
 * `Intl.DateTimeFormat`, cached per zone and quarter hour (every modern zone transition falls on a quarter hour), so
 * reading a page of dates costs a map lookup per value, not a formatter call.
 */

const FORMATTERS = new Map<string, Intl.DateTimeFormat>();
const OFFSETS = new Map<string, Map<number, number>>();
const QUARTER_HOUR = 900_000;

/** True for UTC and its aliases, which need no conversion. */
export function isUtcZone(timeZone: string | undefined): boolean {
  return timeZone === undefined || timeZone === 'UTC' || timeZone === 'Etc/UTC' || timeZone === 'Z';
}

/** True when the runtime knows `name` as an IANA time zone (e.g. `America/Chicago`). */
export function isTimeZone(name: string): boolean {
  if (name.trim() === '' || name !== name.trim()) return false;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: name });
    return true;
  } catch {
    return false;
  }
}

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = FORMATTERS.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
      era: 'short',
    });
    FORMATTERS.set(timeZone, f);
  }
  return f;
}

/** Minutes the zone's wall clock is ahead of UTC at the instant `utcMillis`. */
export function offsetMinutesAt(timeZone: string, utcMillis: number): number {
  if (isUtcZone(timeZone)) return 0;
  let byBucket = OFFSETS.get(timeZone);
  if (!byBucket) {
    byBucket = new Map();
    OFFSETS.set(timeZone, byBucket);
  }
  const bucket = Math.floor(utcMillis / QUARTER_HOUR);
  let offset = byBucket.get(bucket);
  if (offset === undefined) {
    offset = computeOffset(timeZone, bucket * QUARTER_HOUR);
    if (byBucket.size > 100_000) byBucket.clear();
    byBucket.set(bucket, offset);
  }
  return offset;
}

function computeOffset(timeZone: string, utcMillis: number): number {
  const parts: Record<string, string> = {};
  for (const p of formatter(timeZone).formatToParts(new Date(utcMillis))) parts[p.type] = p.value;
  let year = Number(parts.year);
  if (parts.era === 'BC' || parts.era === 'B') year = 1 - year;
  const wall = new Date(0);
  wall.setUTCFullYear(year, Number(parts.month) - 1, Number(parts.day));
  wall.setUTCHours(Number(parts.hour), Number(parts.minute), Number(parts.second), 0);
  return Math.round((wall.getTime() - utcMillis) / 60_000);
}

/**
 * The UTC instant of a wall-clock time in the zone (`wallMillis` = that wall time read as if it were UTC). In a
 * spring-forward gap the earlier offset applies; in a fall-back overlap the first (earlier) instant is taken.
 */
export function wallToUtcMillis(timeZone: string, wallMillis: number): number {
  if (isUtcZone(timeZone)) return wallMillis;
  const before = offsetMinutesAt(timeZone, wallMillis - 86_400_000);
  const after = offsetMinutesAt(timeZone, wallMillis + 86_400_000);
  const candidates = before === after ? [before] : [before, after];
  for (const o of candidates) {
    const t = wallMillis - o * 60_000;
    if (offsetMinutesAt(timeZone, t) === o) return t;
  }
  return wallMillis - before * 60_000;
}

/** `Z` or `±HH:MM` for an offset in minutes. */
export function offsetText(minutes: number): string {
  if (minutes === 0) return 'Z';
  const sign = minutes < 0 ? '-' : '+';
  const abs = Math.abs(minutes);
  const h = Math.floor(abs / 60);
  const m = abs % 60;
  return `${sign}${h < 10 ? '0' : ''}${h}:${m < 10 ? '0' : ''}${m}`;
}
