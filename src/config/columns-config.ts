/**
 * The `columns:` section (issue 19 item 2): per entity, Epicor fields never stored (`exclude`) and fields stored as a
 * salted SHA-256 (`hash`), plus the one salt all hashed fields share (`salt`, normally `${secret:column_hash_salt}`).
 *
 * Checked here: the entity exists, names look like Epicor fields, no field is listed twice, and identity fields
 * (keys, company, record id, SysRevID) are refused — they reach `_source_url`, the surrogate key and the bad-record
 * report, so excluding or hashing them would protect nothing. Whether a field exists is checked against the tenant's
 * own `$metadata` at the start of each load (mapping/column-rules.ts): Kinetic versions and tenants differ in fields,
 * so no list shipped with the connector can be the authority. A UD field (`…_c`) may be listed before it exists.
 */
import { z } from 'zod';

/** What the checks need of a catalog entity (its identity fields). */
export interface IdentifiedEntity {
  keys: readonly string[];
  companyField: string;
  recordIdField: string;
}

export interface EntityColumns {
  exclude: string[];
  hash: string[];
}

export interface ColumnsConfig {
  /** Salt of every hashed field (a secret; required when any `hash` list is non-empty). */
  salt?: string;
  /** Entity name (`vendors`, `baq:<ID>`) → its rules. */
  entities: Record<string, EntityColumns>;
}

/** The secret the starter config and the errors name for the salt. */
export const SALT_SECRET = 'column_hash_salt';
/** Shortest salt accepted: tax ids and bank numbers are guessable, so the salt is what keeps the hashes secret. */
export const MIN_SALT_LENGTH = 16;

/** Epicor field names: PascalCase letters and digits; UD fields end in `_c` (Kinetic's naming of user fields). */
const FIELD = /^[A-Za-z][A-Za-z0-9_]{0,127}$/;
export const UD_FIELD = /^[A-Za-z][A-Za-z0-9_]*_c$/;

const FIELDS_MSG = 'must be a list of Epicor field names, e.g. [TaxPayerID]';
const fieldList = z
  .array(z.string({ error: FIELDS_MSG }).regex(FIELD, { error: 'must be an Epicor field name such as TaxPayerID' }), {
    error: FIELDS_MSG,
  })
  .default([]);

const entityColumns = z.strictObject(
  { exclude: fieldList, hash: fieldList },
  { error: 'must be a mapping like { exclude: [Comment], hash: [TaxPayerID] }' },
);

/** Fields that identify a record: refused in `exclude` and `hash`. */
export function identityFields(def: IdentifiedEntity): Set<string> {
  return new Set([...def.keys, def.companyField, def.recordIdField, 'SysRevID'].filter((f) => f !== ''));
}

/** `columns:` as zod schema; `lookup` resolves catalog entity names (schema.ts passes the catalog's). */
export function columnsSchema(lookup: (name: string) => IdentifiedEntity | undefined) {
  return z
    .record(z.string(), z.unknown(), { error: 'must be a mapping of entity names to { exclude, hash }' })
    .default({})
    .transform((raw, ctx): ColumnsConfig => {
      const out: ColumnsConfig = { entities: {} };
      for (const [name, value] of Object.entries(raw)) {
        if (name === 'salt') {
          if (typeof value !== 'string' || value.length < MIN_SALT_LENGTH) {
            ctx.addIssue({
              code: 'custom',
              path: ['salt'],
              message: `must be a secret of at least ${MIN_SALT_LENGTH} characters: store one with \`ml-connector secrets set ${SALT_SECRET}\` and write salt: "\${secret:${SALT_SECRET}}"`,
            });
          } else out.salt = value;
          continue;
        }
        const def = name.startsWith('baq:') ? undefined : lookup(name);
        if (!name.startsWith('baq:') && !def) {
          ctx.addIssue({ code: 'custom', path: [name], message: `${JSON.stringify(name)} is not an entity` });
          continue;
        }
        const parsed = entityColumns.safeParse(value);
        if (!parsed.success) {
          for (const issue of parsed.error.issues) {
            ctx.addIssue({
              code: 'custom',
              path: [name, ...(issue.path as (string | number)[])],
              message: issue.message,
            });
          }
          continue;
        }
        const rules = { exclude: [...new Set(parsed.data.exclude)], hash: [...new Set(parsed.data.hash)] };
        const identity = def ? identityFields(def) : new Set<string>();
        for (const list of ['exclude', 'hash'] as const) {
          rules[list].forEach((field, i) => {
            if (identity.has(field)) {
              ctx.addIssue({
                code: 'custom',
                path: [name, list, i],
                message: `${field} identifies ${name} records (key, company, record id or revision): it appears in _source_url, the surrogate key and reports, so it cannot be excluded or hashed`,
              });
            }
          });
        }
        rules.hash.forEach((field, i) => {
          if (rules.exclude.includes(field)) {
            ctx.addIssue({
              code: 'custom',
              path: [name, 'hash', i],
              message: `${field} is also in exclude: list it in one of the two`,
            });
          }
        });
        out.entities[name] = rules;
      }
      const hashing = Object.entries(out.entities).find(([, r]) => r.hash.length > 0);
      if (hashing && out.salt === undefined && !('salt' in raw)) {
        ctx.addIssue({
          code: 'custom',
          path: ['salt'],
          message: `is required because columns.${hashing[0]}.hash lists fields: store a salt with \`ml-connector secrets set ${SALT_SECRET}\` and add salt: "\${secret:${SALT_SECRET}}" under columns:`,
        });
      }
      return out;
    });
}

/** The rules of one entity (none → undefined). */
export function columnRulesOf(
  columns: ColumnsConfig | undefined,
  entity: string,
): (EntityColumns & { salt?: string }) | undefined {
  const rules = columns?.entities[entity];
  if (!rules || (rules.exclude.length === 0 && rules.hash.length === 0)) return undefined;
  return { ...rules, salt: columns?.salt };
}

/**
 * What `status` prints about column options: one line per entity with rules, e.g.
 * `vendors: excluded Comment; hashed TaxPayerID (salted SHA-256)`. Empty when none are configured.
 */
export function columnOptionLines(columns: ColumnsConfig | undefined): string[] {
  return Object.entries(columns?.entities ?? {})
    .filter(([, r]) => r.exclude.length > 0 || r.hash.length > 0)
    .map(([entity, r]) => {
      const parts: string[] = [];
      if (r.exclude.length > 0) parts.push(`excluded ${r.exclude.join(', ')}`);
      if (r.hash.length > 0) parts.push(`hashed ${r.hash.join(', ')} (salted SHA-256)`);
      return `${entity}: ${parts.join('; ')}`;
    });
}
