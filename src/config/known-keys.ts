import type { z } from 'zod';

type AnySchema = z.core.$ZodType;

/**
 * The keys a mapping at `path` of `schema` accepts (every branch of a union; empty when the path is not a fixed
 * mapping). Reads zod's schema definitions, so suggestions follow the schema without a second list of names.
 */
export function knownKeysAt(schema: AnySchema, path: readonly PropertyKey[]): string[] {
  const out = new Set<string>();
  const walk = (s: AnySchema | undefined, rest: readonly PropertyKey[], depth: number) => {
    if (!s || depth > 40) return;
    const def = s._zod.def as unknown as Record<string, unknown> & { type: string };
    switch (def.type) {
      case 'default':
      case 'prefault':
      case 'optional':
      case 'nullable':
      case 'readonly':
      case 'catch':
        return walk(def.innerType as AnySchema, rest, depth + 1);
      case 'pipe':
        return walk(def.in as AnySchema, rest, depth + 1);
      case 'union':
        for (const o of def.options as AnySchema[]) walk(o, rest, depth + 1);
        return;
      case 'array':
        if (rest.length > 0 && typeof rest[0] === 'number') walk(def.element as AnySchema, rest.slice(1), depth + 1);
        return;
      case 'object': {
        const shape = def.shape as Record<string, AnySchema>;
        if (rest.length === 0) for (const k of Object.keys(shape)) out.add(k);
        else walk(shape[String(rest[0])], rest.slice(1), depth + 1);
        return;
      }
      default:
        return;
    }
  };
  walk(schema, path, 0);
  return [...out];
}

/** The known key a typo most likely meant: same letters ignoring case, or at most two edits away. */
export function didYouMean(typo: string, known: readonly string[]): string | undefined {
  const lower = typo.toLowerCase();
  const sameCase = known.find((k) => k.toLowerCase() === lower);
  if (sameCase) return sameCase;
  let best: { key: string; d: number } | undefined;
  for (const k of known) {
    const d = editDistance(lower, k.toLowerCase());
    if (d <= Math.min(2, Math.floor(k.length / 3)) && (!best || d < best.d)) best = { key: k, d };
  }
  return best?.key;
}

function editDistance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) {
      cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    prev = cur;
  }
  return prev[b.length];
}
