import type { z } from 'zod';
import { didYouMean, knownKeysAt } from './known-keys.ts';

/** `epicor.auth.tokenUrl`, `entities[2].name`: the config path of an issue, as users write it. */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const part of path) {
    if (typeof part === 'number') out += `[${part}]`;
    else out += out === '' ? String(part) : `.${String(part)}`;
  }
  return out === '' ? '(top level)' : out;
}

function valueAt(input: unknown, path: readonly PropertyKey[]): unknown {
  let v: unknown = input;
  for (const part of path) {
    if (v === null || typeof v !== 'object') return undefined;
    v = (v as Record<PropertyKey, unknown>)[part];
  }
  return v;
}

const TYPE_NAMES: Record<string, string> = {
  string: 'a string',
  number: 'a number',
  int: 'an integer',
  boolean: 'true or false',
  object: 'a mapping of keys to values',
  array: 'a list',
  record: 'a mapping of keys to values',
};

/** zod's own default messages start like this; ours never do. */
const ZOD_DEFAULT = /^(Invalid|Too (small|big)|Unrecognized)/;

/** True when a union branch failed only because the value has another type altogether. */
function isShapeMismatch(issue: z.core.$ZodIssue): boolean {
  return issue.path.length === 0 && (issue.code === 'invalid_type' || issue.code === 'invalid_value');
}

/** Turns one zod issue into `path: what to fix` lines (an unknown-keys issue yields one line per key). */
export function formatIssue(issue: z.core.$ZodIssue, input: unknown, schema?: z.core.$ZodType): string[] {
  const at = formatPath(issue.path);
  const custom = !ZOD_DEFAULT.test(issue.message);
  switch (issue.code) {
    case 'unrecognized_keys': {
      const known = schema ? knownKeysAt(schema, issue.path) : [];
      return issue.keys.map((k) => {
        const meant = didYouMean(k, known);
        return `${formatPath([...issue.path, k])}: unknown key${meant ? ` (did you mean ${formatPath([...issue.path, meant])}?)` : ''}`;
      });
    }
    case 'invalid_type':
      if (valueAt(input, issue.path) === undefined) return [`${at}: is required`];
      if (custom) return [`${at}: ${issue.message}`];
      return [`${at}: must be ${TYPE_NAMES[issue.expected] ?? issue.expected}`];
    case 'invalid_union': {
      const options = (issue as { options?: unknown[] }).options;
      if (Array.isArray(options)) {
        const names = options.map(String);
        if (valueAt(input, issue.path) === undefined) return [`${at}: is required (one of ${names.join(', ')})`];
        return [`${at}: must be one of ${names.join(', ')}`];
      }
      // A value that matched one branch's shape but broke a rule inside it: report that branch's issues.
      const shaped = issue.errors.filter((branch) => !branch.every(isShapeMismatch));
      if (shaped.length === 1) {
        return shaped[0].flatMap((inner) =>
          formatIssue({ ...inner, path: [...issue.path, ...inner.path] }, input, schema),
        );
      }
      if (valueAt(input, issue.path) === undefined) return [`${at}: is required`];
      return [`${at}: ${custom ? issue.message : 'has the wrong form'}`];
    }
    case 'invalid_value':
      if (custom) return [`${at}: ${issue.message}`];
      return [`${at}: must be one of ${issue.values.map(String).join(', ')}`];
    case 'invalid_key': {
      // A record key broke its rule: zod wraps the rule's own message, which says what to fix.
      const inner = issue.issues.find((i) => !ZOD_DEFAULT.test(i.message));
      return [`${at}: ${inner ? inner.message : 'is not an allowed name'}`];
    }
    default:
      return [`${at}: ${custom ? issue.message : issue.message.toLowerCase()}`];
  }
}

/** All issues of a failed parse, one `path: message` each, in document order; `schema` adds "did you mean". */
export function formatIssues(error: z.ZodError, input: unknown, schema?: z.core.$ZodType): string[] {
  return error.issues.flatMap((issue) => formatIssue(issue, input, schema));
}
