/**
 * ISO 8601 date-time text and IANA time zones, shared by the source (OData literals, cursors), mapping (TIMESTAMP and
 * DATE values) and config (`epicor.timeZone`). Epicor sends date/time values with or without an offset; offset-less
 * values are wall-clock times of the server, read in `epicor.timeZone` (default UTC; the server zone is not
 * published). Fractions beyond milliseconds are truncated (a JS Date holds milliseconds). Zone offsets come from the
 * runtime's ICU data through `Intl.DateTimeFormat`, cached per zone and quarter hour (every modern zone transition
 * falls on a quarter hour), so reading a page of dates costs a map lookup per value, not a formatter call.
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

const ISO =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d+))?)?)?\s*(Z|z|[+-]\d{2}(?::?\d{2})?)?$/;

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
const DAY_MS = 86_400_000;

/** Whether year-month-day is a day of the proleptic Gregorian calendar (month 1–12); the one calendar check. */
export function isCalendarDate(year: number, month: number, day: number): boolean {
  if (month < 1 || month > 12 || day < 1) return false;
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  return day <= (month === 2 && leap ? 29 : DAYS_IN_MONTH[month - 1]);
}

/** Days since 1970-01-01 of `YYYY-MM-DD` text (any year 0000–9999), or undefined when it is not a calendar date. */
export function epochDay(text: string): number | undefined {
  if (text.length !== 10 || text.charCodeAt(4) !== 45 || text.charCodeAt(7) !== 45) return undefined;
  let year = 0;
  for (let i = 0; i < 4; i++) {
    const d = text.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return undefined;
    year = year * 10 + d;
  }
  const month = two(text, 5);
  const day = two(text, 8);
  if (month < 0 || day < 0 || !isCalendarDate(year, month, day)) return undefined;
  // Date.UTC maps years 0–99 to 1900–1999; setUTCFullYear does not.
  const ms = year >= 100 ? Date.UTC(year, month - 1, day) : new Date(0).setUTCFullYear(year, month - 1, day);
  return Math.floor(ms / DAY_MS);
}

/**
 * Milliseconds since the epoch of an ISO date or date-time text, or undefined when it is not a valid one. Text
 * without an offset is a wall-clock time in `timeZone` (IANA name, default UTC).
 */
export function parseIsoMillis(text: string, timeZone?: string): number | undefined {
  const fast = parseCommonForm(text, timeZone);
  if (fast !== undefined) return fast;
  const m = ISO.exec(text);
  if (m === null) return undefined;
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  const hour = m[4] === undefined ? 0 : Number(m[4]);
  const minute = m[5] === undefined ? 0 : Number(m[5]);
  const second = m[6] === undefined ? 0 : Number(m[6]);
  const ms = m[7] === undefined ? 0 : Number(m[7].slice(0, 3).padEnd(3, '0'));
  if (!isCalendarDate(year, month, day)) return undefined;
  if (hour > 23 || minute > 59 || second > 59) return undefined;

  let offsetMinutes = 0;
  const zone = m[8];
  const local = zone === undefined && !isUtcZone(timeZone);
  if (zone !== undefined && zone !== 'Z' && zone !== 'z') {
    // Date-only values carry no zone; "2024-01-15+02:00" is not something Epicor sends.
    if (m[4] === undefined) return undefined;
    const sign = zone[0] === '-' ? -1 : 1;
    const digits = zone.slice(1).replace(':', '');
    const oh = Number(digits.slice(0, 2));
    const om = digits.length > 2 ? Number(digits.slice(2, 4)) : 0;
    if (oh > 18 || om > 59) return undefined;
    offsetMinutes = sign * (oh * 60 + om);
  }
  let t = Date.UTC(year, month - 1, day, hour, minute, second, ms);
  // Date.UTC maps years 0–99 to 1900–1999; correct for them (Epicor uses 0001-01-01 style sentinels).
  if (year < 100) {
    const d = new Date(t);
    d.setUTCFullYear(year);
    t = d.getTime();
  }
  if (local) return wallToUtcMillis(timeZone!, t);
  return t - offsetMinutes * 60_000;
}

const HAS_OFFSET = /(?:[Zz]|[+-]\d{2}:?\d{2})$/;

/**
 * An ISO date-time text that carries an offset, for OData literals (Microsoft.OData rejects `Edm.DateTimeOffset`
 * literals without one: "The time zone information is missing"). Text with an offset is returned as given; text
 * without gets the offset `timeZone` has at that wall time, keeping every fractional digit so an `eq` on a value read
 * from a page still matches it exactly. Undefined when the text is not an ISO date-time.
 */
export function isoWithOffset(text: string, timeZone?: string): string | undefined {
  const t = text.trim();
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(t)) return undefined;
  if (HAS_OFFSET.test(t.slice(16))) return parseIsoMillis(t) === undefined ? undefined : t;
  const ms = parseIsoMillis(t, timeZone);
  if (ms === undefined) return undefined;
  return t + offsetText(isUtcZone(timeZone) ? 0 : offsetMinutesAt(timeZone!, ms));
}

/** `YYYY-MM-DD` of a UTC instant. */
export function utcDateText(millis: number): string {
  const d = new Date(millis);
  const y = d.getUTCFullYear();
  const mo = d.getUTCMonth() + 1;
  const da = d.getUTCDate();
  return `${y < 1000 ? String(y).padStart(4, '0') : y}-${mo < 10 ? '0' : ''}${mo}-${da < 10 ? '0' : ''}${da}`;
}

/** Two ASCII digits at `i` as a number, or -1. */
function two(t: string, i: number): number {
  const a = t.charCodeAt(i) - 48;
  const b = t.charCodeAt(i + 1) - 48;
  return a >= 0 && a <= 9 && b >= 0 && b <= 9 ? a * 10 + b : -1;
}

/**
 * Fast path for the shape Epicor sends, `YYYY-MM-DDTHH:MM:SS` with optional `.fff…` and `Z`/`±HH:MM`
 * (years 1970–9999, so Date.UTC needs no correction). Undefined means "let the general parser decide".
 */
function parseCommonForm(t: string, timeZone: string | undefined): number | undefined {
  const n = t.length;
  if (n < 19 || t[4] !== '-' || t[7] !== '-' || t[10] !== 'T' || t[13] !== ':' || t[16] !== ':') return undefined;
  const y1 = two(t, 0);
  const y2 = two(t, 2);
  const mo = two(t, 5);
  const d = two(t, 8);
  const h = two(t, 11);
  const mi = two(t, 14);
  const s = two(t, 17);
  if (y1 < 19 || y2 < 0 || mo < 1 || mo > 12 || d < 1 || h < 0 || h > 23 || mi < 0 || mi > 59 || s < 0 || s > 59) {
    return undefined;
  }
  const year = y1 * 100 + y2;
  if (year < 1970) return undefined;
  if (!isCalendarDate(year, mo, d)) return undefined;
  let i = 19;
  let ms = 0;
  if (i < n && t[i] === '.') {
    i++;
    let digits = 0;
    while (i < n) {
      const c = t.charCodeAt(i) - 48;
      if (c < 0 || c > 9) break;
      if (digits < 3) ms = ms * 10 + c;
      digits++;
      i++;
    }
    if (digits === 0) return undefined;
    for (let k = digits; k < 3; k++) ms *= 10;
  }
  let offset = 0;
  let local = false;
  if (i === n - 1 && t[i] === 'Z') i++;
  else if (i === n - 6 && (t[i] === '+' || t[i] === '-') && t[i + 3] === ':') {
    const oh = two(t, i + 1);
    const om = two(t, i + 4);
    if (oh < 0 || oh > 18 || om < 0 || om > 59) return undefined;
    offset = (t[i] === '-' ? -1 : 1) * (oh * 60 + om);
    i = n;
  } else if (i === n) local = !isUtcZone(timeZone);
  if (i !== n) return undefined;
  const wall = Date.UTC(year, mo - 1, d, h, mi, s, ms);
  return local ? wallToUtcMillis(timeZone!, wall) : wall - offset * 60_000;
}
