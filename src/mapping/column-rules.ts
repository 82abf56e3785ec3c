/**
 * `columns:` applied to one entity's `$metadata` fields: excluded fields leave the field list before the target
 * schema is built (so they get no column, no Parquet column, no value in any report), hashed fields are marked so
 * the record mapper stores `sha256(salt || text)` as lower-case hex in a STRING column.
 *
 * The hash is the plain salted SHA-256 of the value's text, so an analyst who may know the salt can find a value
 * in SQL (`sha2(concat('<salt>', '12-3456789'), 256)`), and equal values hash equally in every table and company:
 * joins on hashed columns still work. NULL stays NULL and an empty string stays empty (nothing to hide, and a
 * shared hash of "" would join every record that has no value).
 */
import { createHash } from 'node:crypto';
import { type EntityColumns, SALT_SECRET, UD_FIELD } from '../config/columns-config.ts';
import { ConnectorError } from '../errors.ts';
import type { EntityDef } from '../source/epicor/catalog.ts';
import type { SourceField } from '../source/epicor/source-field.ts';
import type { RowValue } from './target-schema.ts';

export interface ColumnRules extends EntityColumns {
  /** The shared salt (config `columns.salt`); needed when `hash` is not empty. */
  salt?: string;
}

export interface RuledFields {
  /** The fields that get a column (excluded ones removed). */
  fields: SourceField[];
  /** Fields stored hashed. */
  hashed: Set<string>;
  /** Excluded fields present in `$metadata` (their values are dropped from each record as it is mapped). */
  excluded: string[];
}

/**
 * Checks the rules against the entity's `$metadata` and applies them. A listed field the metadata lacks is a
 * CONFIG_INVALID naming the entity and the field (with the field of other casing, when there is one) — a typo would
 * otherwise let the real field load readable — except UD fields (`…_c`), which may be listed before they exist.
 */
export function applyColumnRules(
  entity: Pick<EntityDef, 'name' | 'entitySet'>,
  fields: readonly SourceField[],
  rules: ColumnRules | undefined,
): RuledFields {
  if (!rules || (rules.exclude.length === 0 && rules.hash.length === 0)) {
    return { fields: [...fields], hashed: new Set(), excluded: [] };
  }
  const names = new Set(fields.map((f) => f.name));
  for (const list of ['exclude', 'hash'] as const) {
    rules[list].forEach((field, i) => {
      if (names.has(field) || UD_FIELD.test(field)) return;
      const other = fields.find((f) => f.name.toLowerCase() === field.toLowerCase());
      const hint = other ? ` (Epicor spells it ${other.name}; names are case-sensitive)` : '';
      throw new ConnectorError(
        'CONFIG_INVALID',
        `columns.${entity.name}.${list}[${i}]: ${entity.entitySet} has no field ${field} in this tenant's $metadata${hint}. Fix the name, or remove it from columns.${entity.name}.${list}.`,
        { details: { entity: entity.name, field } },
      );
    });
  }
  if (rules.hash.some((f) => names.has(f)) && !rules.salt) throw missingSalt(entity.name);
  const excluded = new Set(rules.exclude);
  return {
    fields: fields.filter((f) => !excluded.has(f.name)),
    hashed: new Set(rules.hash.filter((f) => names.has(f))),
    excluded: rules.exclude.filter((f) => names.has(f)),
  };
}

function missingSalt(entity: string): ConnectorError {
  return new ConnectorError(
    'CONFIG_INVALID',
    `columns.${entity}.hash needs the salt: store one with \`ml-connector secrets set ${SALT_SECRET}\` and set columns.salt: "\${secret:${SALT_SECRET}}".`,
  );
}

/** Hashes a converted value: `sha256(salt || text)` in lower-case hex; null and "" stay as they are. */
export function createValueHasher(salt: string | undefined, entity: string): (value: RowValue) => RowValue {
  if (!salt) throw missingSalt(entity);
  return (value) => {
    if (value === null) return null;
    const text = hashText(value);
    if (text === '') return '';
    return createHash('sha256')
      .update(salt + text, 'utf8')
      .digest('hex');
  };
}

/**
 * The text a value is hashed as: strings as Epicor sends them, integers and decimals as plain text (decimals with the
 * column's scale, `12.3400`), dates `YYYY-MM-DD`, timestamps ISO 8601 in UTC, flags `true`/`false`.
 */
export function hashText(value: Exclude<RowValue, null>): string {
  if (value instanceof Date) return value.toISOString();
  return String(value);
}
