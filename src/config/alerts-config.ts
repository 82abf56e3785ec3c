/** The `alerts:` list and `freshnessSlaHours` (SPEC §3; issue 19 item 5): webhooks told when runs fail or data goes stale. */
import { z } from 'zod';
import { isHttpUrl } from './http-url.ts';

/** What a webhook can be told about. */
export const ALERT_EVENTS = ['failed', 'partial', 'recovered', 'stale'] as const;
export type AlertEventName = (typeof ALERT_EVENTS)[number];

export interface AlertTarget {
  /** Where the JSON is POSTed (a Slack incoming-webhook URL works as is). */
  webhook: string;
  /** Events sent to it (default all four). */
  events: AlertEventName[];
  /** Key of the HMAC-SHA256 signature header; unset → requests are not signed. */
  secret?: string;
}

const URL_MSG = 'must be an http:// or https:// URL';
const EVENTS_MSG = `must be a list of events from ${ALERT_EVENTS.join(', ')}`;

const webhookUrl = z.string({ error: URL_MSG }).refine(isHttpUrl, { error: URL_MSG });

export const alertsSchema = z
  .array(
    z.strictObject(
      {
        webhook: webhookUrl,
        events: z
          .array(z.enum(ALERT_EVENTS, { error: EVENTS_MSG }), { error: EVENTS_MSG })
          .min(1, { error: EVENTS_MSG })
          .transform((e) => [...new Set(e)])
          .default([...ALERT_EVENTS]),
        secret: z
          .string({ error: 'must be a string, best a secret reference (secret:alerts_hmac)' })
          .min(16, { error: 'must be at least 16 characters (it keys an HMAC-SHA256)' })
          .optional(),
      },
      { error: 'must be a mapping like { webhook: https://…, events: [failed], secret: <a secret reference> }' },
    ),
    { error: 'must be a list of webhooks, e.g. [{ webhook: https://…, events: [failed, stale] }]' },
  )
  .default([]);

const SLA_MSG = 'must be a number of hours greater than 0 (at most 8760)';
/** Hours an entity may go without a successful run before `stale` fires (`run` checks). */
export const freshnessSlaSchema = z
  .number({ error: SLA_MSG })
  .positive({ error: SLA_MSG })
  .max(8760, { error: SLA_MSG })
  .default(26);
