import type { Config } from '../config/schema.ts';
import { ConnectorError } from '../errors.ts';
import { baqEntity, type CursorDef, ENTITIES, type EntityDef, entityByName } from '../source/epicor/catalog.ts';

/** One entity as this run reads it: the catalog entry with the configured cursor applied. */
export interface PlannedEntity {
  def: EntityDef;
  lookbackMinutes: number;
}

/** Resolves `entities:` (and `--entities`) into catalog entries with their chosen cursors. */
export function planEntities(config: Config, only?: readonly string[]): PlannedEntity[] {
  const configured =
    config.entities === 'all'
      ? ENTITIES.map((def) => ({ def, lookbackMinutes: 0 }))
      : config.entities.map((choice) => {
          if (choice.name.startsWith('baq:')) {
            const def = baqEntity({
              id: choice.name.slice(4),
              keys: choice.keys ?? [],
              cursor: choice.cursor,
              parameters: choice.parameters,
            });
            return { def, lookbackMinutes: choice.lookbackMinutes ?? 0 };
          }
          const base = entityByName(choice.name);
          if (!base) throw new ConnectorError('CONFIG_INVALID', `entities: unknown entity ${choice.name}`);
          const def = choice.cursor ? { ...base, cursor: pickCursor(base, choice.cursor) } : base;
          return { def, lookbackMinutes: choice.lookbackMinutes ?? 0 };
        });
  if (!only || only.length === 0) return configured;
  const known = new Map(configured.map((p) => [p.def.name, p]));
  return only.map((name) => {
    const found =
      known.get(name) ?? (entityByName(name) ? { def: entityByName(name)!, lookbackMinutes: 0 } : undefined);
    if (!found) {
      throw new ConnectorError(
        'USAGE',
        `--entities: unknown entity ${name}; choose from ${[...known.keys()].join(', ')}`,
      );
    }
    return found;
  });
}

function pickCursor(def: EntityDef, field: string): CursorDef {
  const all = [def.cursor, ...def.alternativeCursors];
  const found = all.find(
    (c) => (c.type === 'date+seconds' ? c.dateField : c.type === 'offset' ? '' : c.field) === field,
  );
  if (!found) throw new ConnectorError('CONFIG_INVALID', `entities: ${def.name} cannot use cursor ${field}`);
  return found;
}

/** The field stored as `cursor_field` in the state table. */
export function cursorFieldName(c: CursorDef): string {
  if (c.type === 'date+seconds') return `${c.dateField}+${c.secondsField}`;
  if (c.type === 'offset') return '$skip';
  return c.field;
}
