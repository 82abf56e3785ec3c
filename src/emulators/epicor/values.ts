/**
 * Value helpers. Money is computed in integer ten-thousandths ("ticks") so sums stay exact, then divided once:
 * the resulting double's shortest repr is the exact decimal (values stay far below 1e10).
 */
export const TICKS = 10_000;

export const toMoney = (ticks: number): number => ticks / TICKS;

/** Rounds a tick amount to whole cents (still in ticks). */
export const toCents = (ticks: number): number => Math.round(ticks / 100) * 100;

const TWO = Array.from({ length: 100 }, (_, i) => String(i).padStart(2, '0'));
const THREE = Array.from({ length: 1000 }, (_, i) => String(i).padStart(3, '0'));

/** `YYYY-MM-DD` of a UTC day number (days since 1970-01-01), without Date objects: generation formats millions. */
function civilDate(days: number): string {
  // Howard Hinnant's days-to-civil algorithm.
  const z = days + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  const y = yoe + era * 400 + (m <= 2 ? 1 : 0);
  return `${y}-${TWO[m]}-${TWO[d]}`;
}

/** `2026-03-14T09:21:44.123`: server time without offset (treated as UTC). */
export function dateTime(ms: number): string {
  const days = Math.floor(ms / DAY_MS);
  let rest = ms - days * DAY_MS;
  const h = Math.floor(rest / 3_600_000);
  rest -= h * 3_600_000;
  const m = Math.floor(rest / 60_000);
  rest -= m * 60_000;
  const s = Math.floor(rest / 1000);
  return `${civilDate(days)}T${TWO[h]}:${TWO[m]}:${TWO[s]}.${THREE[Math.floor(rest - s * 1000)]}`;
}

/** `2026-03-14T00:00:00`: a date-only field as Epicor emits it. */
export function dateOnly(ms: number): string {
  return `${civilDate(Math.floor(ms / DAY_MS))}T00:00:00`;
}

/** Seconds since midnight (UTC) of an instant: Customer.ChangeTime. */
export function secondsOfDay(ms: number): number {
  return Math.floor((((ms % 86_400_000) + 86_400_000) % 86_400_000) / 1000);
}

export const DAY_MS = 86_400_000;

/** Base data spans two years up to this instant; activity uses the emulator clock. */
export const DATA_START = Date.UTC(2024, 0, 1);
export const DATA_END = Date.UTC(2026, 0, 1);

export const pad = (n: number, width: number): string => String(n).padStart(width, '0');
