/**
 * Descriptions and example values of config keys, read from the commented starter config that `init` writes
 * (src/config/starter-config.ts): a key added there with a comment shows up in the reference with no other change.
 */
import { isMap, isPair, isScalar, parseDocument, type YAMLMap } from 'yaml';
import { starterConfigYaml } from '../../src/config/starter-config.ts';

export interface StarterEntry {
  comment?: string;
  example?: string;
}

/** `path → comment/example` for every key present (not commented out) in the starter config. */
export function starterEntries(): Map<string, StarterEntry> {
  const out = new Map<string, StarterEntry>();
  const doc = parseDocument(starterConfigYaml());
  if (isMap(doc.contents)) walk(doc.contents, '', undefined, out);
  return out;
}

function walk(map: YAMLMap, prefix: string, leadingComment: string | undefined, out: Map<string, StarterEntry>): void {
  map.items.forEach((item, index) => {
    if (!isPair(item) || !isScalar(item.key)) return;
    const path = `${prefix}${String(item.key.value)}`;
    const value = item.value;
    // yaml attaches the comment above a map's first key to the map itself.
    const before = item.key.commentBefore ?? (index === 0 ? leadingComment : undefined);
    const inline = isScalar(value) ? value.comment : undefined;
    const comment = [before, inline]
      .filter((c): c is string => !!c)
      .map(clean)
      .filter((c) => c !== '')
      .join(' ');
    const example = isScalar(value) ? String(value.value === null ? 'null' : value.value) : undefined;
    out.set(path, { comment: comment || undefined, example });
    if (isMap(value)) walk(value, `${path}.`, value.commentBefore ?? undefined, out);
  });
}

/** One line of prose from a YAML comment: only its first paragraph (later lines are commented-out examples). */
function clean(comment: string): string {
  return comment
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '' && !/^[a-zA-Z]+:\s/.test(l) && !l.startsWith('-'))
    .join(' ')
    .trim();
}
