import { z } from 'zod';
import { baqEntity, type CursorDef, ENTITIES, entityByName } from '../source/epicor/catalog.ts';

/** One configured entity: a catalog name or `baq:<BAQID>`, with optional overrides. */
export interface EntityChoice {
  name: string;
  /** Alternative cursor field (catalog entity) or the cursor column (BAQ). */
  cursor?: string;
  /** Re-read this many minutes before the stored watermark (for date cursors with late commits). */
  lookbackMinutes?: number;
  /** Key columns (BAQ only; required there). */
  keys?: string[];
  /** BAQ parameters sent as query options (BAQ only). */
  parameters?: Record<string, string>;
}

/** `all` catalog entities, or the listed ones in config order. */
export type EntitySelection = 'all' | EntityChoice[];

const BAQ_ID = /^[A-Za-z0-9_-]{1,64}$/;
const FIELD = /^[A-Za-z_][A-Za-z0-9_]{0,127}$/;

/** Field names a user may pick as `cursor` for a catalog entity (the default one first). */
export function cursorFieldsOf(name: string): string[] {
  const def = entityByName(name);
  if (!def) return [];
  const fieldOf = (c: CursorDef): string | undefined =>
    c.type === 'offset' ? undefined : c.type === 'date+seconds' ? c.dateField : c.field;
  return [def.cursor, ...def.alternativeCursors].map(fieldOf).filter((f): f is string => f !== undefined);
}

const validNames = (): string => ENTITIES.map((e) => e.name).join(', ');

const fieldName = z.string({ error: 'must be a field name' }).regex(FIELD, { error: 'must be a field name' });

const choiceObject = z.strictObject({
  name: z.string({ error: 'must be an entity name or baq:<BAQID>' }),
  cursor: fieldName.optional(),
  lookbackMinutes: z
    .number({ error: 'must be a whole number of minutes (0 or more)' })
    .int({ error: 'must be a whole number of minutes (0 or more)' })
    .min(0, { error: 'must be a whole number of minutes (0 or more)' })
    .optional(),
  keys: z.array(fieldName, { error: 'must be a list of key column names' }).optional(),
  // Names are query option names: `$filter`, `$top` or `a&b` would override or add to the query the connector builds.
  parameters: z
    .record(
      z.string().regex(FIELD, { error: 'BAQ parameter names must be field names (letters, digits, _)' }),
      z.string({ error: 'must be a string (quote numbers and dates)' }),
    )
    .optional(),
});

const choice = z.union([z.string(), choiceObject], {
  error: (iss) =>
    iss.input === null || typeof iss.input !== 'object' ? 'must be an entity name or a mapping with name:' : undefined,
});

/** zod schema for `entities:`: `all` or a list; names are checked against the catalog. */
export const entitySelectionSchema = z
  .union([z.literal('all'), z.array(choice)], {
    error: 'must be "all" or a list of entity names',
  })
  .default('all')
  .transform((value, ctx): EntitySelection => {
    if (value === 'all') return 'all';
    if (value.length === 0) {
      ctx.addIssue({ code: 'custom', message: 'must list at least one entity (or be "all")' });
      return z.NEVER;
    }
    const seen = new Set<string>();
    // BAQ ids differing only in case or `-`/`_` map to one table: two BAQs would overwrite each other's rows.
    const tables = new Map<string, string>();
    const out: EntityChoice[] = [];
    value.forEach((item, i) => {
      const c: EntityChoice = typeof item === 'string' ? { name: item } : { ...item };
      const at = (suffix: string[] = []) => (typeof item === 'string' ? [i] : [i, ...suffix]);
      const problem = checkChoice(c);
      if (problem) ctx.addIssue({ code: 'custom', message: problem.message, path: at(problem.key) });
      if (seen.has(c.name)) ctx.addIssue({ code: 'custom', message: `${c.name} is listed twice`, path: at(['name']) });
      if (!problem && c.name.startsWith('baq:')) {
        const table = baqEntity({ id: c.name.slice(4), keys: c.keys ?? [] }).table;
        const other = tables.get(table);
        if (other !== undefined && other !== c.name) {
          const message = `${c.name} would load into the same table ${table} as ${other}; rename one of the BAQs`;
          ctx.addIssue({ code: 'custom', message, path: at(['name']) });
        }
        tables.set(table, other ?? c.name);
      }
      seen.add(c.name);
      out.push(c);
    });
    return out;
  });

function checkChoice(c: EntityChoice): { key: string[]; message: string } | undefined {
  if (c.name.startsWith('baq:')) {
    const id = c.name.slice(4);
    if (!BAQ_ID.test(id)) {
      return { key: ['name'], message: `BAQ id "${id}" must be 1-64 letters, digits, _ or -` };
    }
    if (!c.keys || c.keys.length === 0) {
      return { key: ['keys'], message: `${c.name} needs keys: the BAQ columns that identify a row` };
    }
    return undefined;
  }
  if (!entityByName(c.name)) {
    return { key: ['name'], message: `unknown entity "${c.name}"; valid names: ${validNames()}, or baq:<BAQID>` };
  }
  if (c.keys !== undefined) return { key: ['keys'], message: 'can only be set on baq: entries' };
  if (c.parameters !== undefined) return { key: ['parameters'], message: 'can only be set on baq: entries' };
  if (c.cursor !== undefined) {
    const fields = cursorFieldsOf(c.name);
    if (!fields.includes(c.cursor)) {
      return {
        key: ['cursor'],
        message: `${c.name} cannot use cursor ${c.cursor}; choose one of ${fields.join(', ')}`,
      };
    }
  }
  return undefined;
}
