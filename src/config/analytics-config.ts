/** The `analytics:` section (SPEC §3, §8): which views, where, and the few business settings they need. */
import { z } from 'zod';

export interface AnalyticsConfig {
  /** Create or replace the views after every successful sync (default true). */
  enabled: boolean;
  /** Schema of the views; null → the tables' schema. */
  schema: string | null;
  /** GL accounts whose net debits are cost of goods sold (for DPO): `5000|100`, `5*`, `seg1:5*`. */
  cogsAccounts: string[];
  /** Accounts `mart_gl_cost_allocation` allocates (same patterns); empty → the COGS accounts, else every account. */
  costAccounts: string[];
  /** An invoice unit cost further than this from the PO's (percent, either way) is a three-way-match exception. */
  priceTolerancePct: number;
  /** The date aging days count from: due (default), invoice or apply date (Epicor's AP aging report offers all). */
  agingBasis: 'due' | 'invoice' | 'apply';
}

const PATTERN_MSG =
  'must be a GL account pattern: the account (e.g. 5000|100) or seg<N>:<value>, letters, digits, | - _ . and * as a wildcard';
/** Patterns end up as SQL LIKE literals, so only a closed set of characters is accepted. */
export const GL_PATTERN = /^(seg([1-9]|1[0-9]|20):)?[A-Za-z0-9|\-_.*]{1,50}$/;

const patterns = z.array(z.string({ error: PATTERN_MSG }).regex(GL_PATTERN, { error: PATTERN_MSG }), {
  error: 'must be a list of GL account patterns',
});

const IDENT_MSG = 'must be a schema name (letter or _, then letters, digits or _) or null';

export const analyticsSchema = z
  .strictObject(
    {
      enabled: z.boolean({ error: 'must be true or false' }).default(true),
      schema: z
        .string({ error: IDENT_MSG })
        .regex(/^[A-Za-z_][A-Za-z0-9_]{0,254}$/, { error: IDENT_MSG })
        .nullable()
        .default(null),
      cogsAccounts: patterns.default([]),
      costAccounts: patterns.default([]),
      priceTolerancePct: z
        .number({ error: 'must be a number of percent between 0 and 100' })
        .min(0, { error: 'must be a number of percent between 0 and 100' })
        .max(100, { error: 'must be a number of percent between 0 and 100' })
        .default(2),
      agingBasis: z.enum(['due', 'invoice', 'apply']).default('due'),
    },
    { error: 'must be a mapping like { enabled: true, cogsAccounts: [] }' },
  )
  .default({
    enabled: true,
    schema: null,
    cogsAccounts: [],
    costAccounts: [],
    priceTolerancePct: 2,
    agingBasis: 'due',
  });
