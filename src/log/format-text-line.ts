/** Fields pino adds that the text line shows in its own columns. */
const OWN_COLUMNS = new Set(['level', 'time', 'msg']);

function pad2(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

function formatValue(v: unknown): string {
  if (typeof v === 'string') return /^[^\s"=]+$/.test(v) ? v : JSON.stringify(v);
  if (v instanceof Object) return JSON.stringify(v);
  return String(v);
}

/** `HH:MM:SS level message key=value…` for one (already redacted) pino record; `err` shows its message. */
export function formatTextLine(record: Record<string, unknown>, opts: { stacks?: boolean } = {}): string {
  const t = new Date(typeof record.time === 'number' || typeof record.time === 'string' ? record.time : Date.now());
  const clock = `${pad2(t.getHours())}:${pad2(t.getMinutes())}:${pad2(t.getSeconds())}`;
  const level = String(record.level ?? 'info').padEnd(5);
  const parts = [clock, level, String(record.msg ?? '')];
  let stack = '';
  for (const [k, v] of Object.entries(record)) {
    if (OWN_COLUMNS.has(k) || v === undefined) continue;
    if (k === 'err' && v !== null && typeof v === 'object') {
      const err = v as { message?: unknown; stack?: unknown; code?: unknown };
      parts.push(`err=${formatValue(String(err.message ?? ''))}`);
      if (err.code !== undefined) parts.push(`code=${formatValue(err.code)}`);
      if (opts.stacks && typeof err.stack === 'string') stack = `\n${err.stack}`;
      continue;
    }
    parts.push(`${k}=${formatValue(v)}`);
  }
  return `${parts.join(' ')}${stack}\n`;
}
