/**
 * `schemaChanges:` (issue 19 item 3): what a load does when the source's `$metadata` no longer matches the target
 * table. `allow` (default) adds new columns, widens types Delta can widen in place and puts other retyped fields in a
 * new column; `columns-only` adds new columns and refuses retyped fields; `block` refuses any new, removed or retyped
 * field. A refused entity fails with a message naming the fields; the other entities load. Either one policy for all
 * entities, or a mapping `{ default: allow, vendors: block }`.
 */
import { z } from 'zod';

export const SCHEMA_CHANGE_POLICIES = ['allow', 'columns-only', 'block'] as const;
export type SchemaChangePolicy = (typeof SCHEMA_CHANGE_POLICIES)[number];

export interface SchemaChangesConfig {
  default: SchemaChangePolicy;
  /** Entity name → its own policy. */
  entities: Record<string, SchemaChangePolicy>;
}

const POLICY_MSG = 'must be allow, columns-only or block';
const policy = z.enum(SCHEMA_CHANGE_POLICIES, { error: POLICY_MSG });

/** `schemaChanges:`; `isEntity` tells catalog names and `baq:<ID>` from typos (schema.ts passes the catalog's). */
export function schemaChangesSchema(isEntity: (name: string) => boolean) {
  return z
    .union([policy, z.record(z.string(), z.unknown())], {
      error: `${POLICY_MSG}, or a mapping like { default: allow, vendors: block }`,
    })
    .default('allow')
    .transform((raw, ctx): SchemaChangesConfig => {
      if (typeof raw === 'string') return { default: raw, entities: {} };
      const out: SchemaChangesConfig = { default: 'allow', entities: {} };
      for (const [name, value] of Object.entries(raw)) {
        const parsed = policy.safeParse(value);
        if (!parsed.success) {
          ctx.addIssue({ code: 'custom', path: [name], message: POLICY_MSG });
          continue;
        }
        if (name === 'default') out.default = parsed.data;
        else if (name.startsWith('baq:') || isEntity(name)) out.entities[name] = parsed.data;
        else ctx.addIssue({ code: 'custom', path: [name], message: `${JSON.stringify(name)} is not an entity` });
      }
      return out;
    });
}

/** The policy in force for one entity. */
export function schemaChangePolicyOf(config: SchemaChangesConfig | undefined, entity: string): SchemaChangePolicy {
  return config?.entities[entity] ?? config?.default ?? 'allow';
}

/** The config key a user changes to accept a refused change of `entity`. */
export function schemaChangesKeyOf(config: SchemaChangesConfig | undefined, entity: string): string {
  return config?.entities[entity] !== undefined ? `schemaChanges.${entity}` : 'schemaChanges';
}

/** What `status` prints about the policy: `schema changes: allow` plus any per-entity overrides. */
export function schemaChangeLines(config: SchemaChangesConfig | undefined): string[] {
  const overrides = Object.entries(config?.entities ?? {}).map(([e, p]) => `${e}: ${p}`);
  return [`schema changes: ${config?.default ?? 'allow'}${overrides.length > 0 ? ` (${overrides.join(', ')})` : ''}`];
}
