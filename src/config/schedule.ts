import { Cron } from 'croner';
import { z } from 'zod';

/** When `run` syncs (or reconciles). `cron` holds the equivalent cron expression for every non-manual kind. */
export type Schedule = { kind: 'manual' } | { kind: 'hourly' | 'daily' | 'cron'; cron: string };

const SCHEDULE_HELP = 'must be hourly, daily, manual or "cron: <expression>"';

/** Parses `hourly | daily | manual | "cron: <expr>"`; returns an error sentence for a bad value. */
export function parseSchedule(text: string): Schedule | string {
  const t = text.trim();
  if (t === 'manual') return { kind: 'manual' };
  if (t === 'hourly') return { kind: 'hourly', cron: '0 * * * *' };
  if (t === 'daily') return { kind: 'daily', cron: '0 0 * * *' };
  const m = /^cron:\s*(.+)$/.exec(t);
  if (!m) return SCHEDULE_HELP;
  const expr = m[1].trim();
  try {
    new Cron(expr, { paused: true }).stop();
  } catch (e) {
    const why = e instanceof Error ? e.message.replace(/^CronPattern:\s*/, '') : String(e);
    return `invalid cron expression "${expr}": ${why}`;
  }
  return { kind: 'cron', cron: expr };
}

/** zod schema for a schedule string, producing a Schedule. */
export function scheduleSchema(defaultValue: string) {
  return z
    .string({ error: SCHEDULE_HELP })
    .default(defaultValue)
    .transform((text, ctx): Schedule => {
      const parsed = parseSchedule(text);
      if (typeof parsed === 'string') {
        ctx.addIssue({ code: 'custom', message: parsed });
        return z.NEVER;
      }
      return parsed;
    });
}
