import type { EntityCounts } from './ports.ts';

/** Failed entities grouped by what went wrong, most entities first. */
export interface FailureGroup {
  /** The error as the first entity of the group reported it. */
  message: string;
  entities: string[];
}

/**
 * The failure as one sentence for the whole run: when several entities failed for one reason (a wrong API key, an
 * unreachable host, a missing grant), that reason once; otherwise each distinct reason once with the entities it hit.
 * Messages that differ only in URLs or the entity's own name count as one reason.
 */
export function groupFailures(entities: Record<string, EntityCounts>): FailureGroup[] {
  const groups = new Map<string, FailureGroup>();
  for (const [key, c] of Object.entries(entities)) {
    if (c.status !== 'failed' || !c.error) continue;
    const shape = shapeOf(c.error, key);
    const g = groups.get(shape);
    if (g) g.entities.push(key);
    else groups.set(shape, { message: c.error, entities: [key] });
  }
  return [...groups.values()].sort((a, b) => b.entities.length - a.entities.length);
}

/** The run's one cause: set when two or more entities failed and all for the same reason. */
export function runWideCause(entities: Record<string, EntityCounts>): string | undefined {
  const groups = groupFailures(entities);
  return groups.length === 1 && groups[0].entities.length > 1 ? groups[0].message : undefined;
}

/** The ledger's `error` of a run: its one cause, or each distinct reason once with how many entities it hit. */
export function runErrorText(entities: Record<string, EntityCounts>): string | undefined {
  const groups = groupFailures(entities);
  if (groups.length === 0) return undefined;
  if (groups.length === 1 && groups[0].entities.length > 1) return groups[0].message;
  return groups
    .map((g) =>
      g.entities.length === 1 ? `${g.entities[0]}: ${g.message}` : `${g.message} (${g.entities.length} entities)`,
    )
    .join('; ');
}

function shapeOf(message: string, key: string): string {
  const name = key.includes('/') ? key.slice(key.indexOf('/') + 1) : key;
  return message
    .replace(/https?:\/\/\S+/g, '<url>')
    .split(name)
    .join('<entity>')
    .replace(/\b(?:dim|fact)_[a-z0-9_]+\b/g, '<table>');
}
