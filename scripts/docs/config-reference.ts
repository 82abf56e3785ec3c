/**
 * docs/configuration.md from the config schema itself (src/config/schema.ts, through zod's JSON Schema export):
 * every key with its type, default and constraints; descriptions and examples from the schema's own
 * `.describe()`/`.meta()`, else the starter config's comments, else KEY_NOTES.
 */
import { z } from 'zod';
import { configSchema } from '../../src/config/schema.ts';
import { KEY_NOTES } from './config-notes.ts';
import { code, generatedNotice, table } from './markdown.ts';
import { type StarterEntry, starterEntries } from './starter-comments.ts';

type Json = {
  type?: string | string[];
  properties?: Record<string, Json>;
  required?: string[];
  additionalProperties?: boolean | Json;
  items?: Json;
  anyOf?: Json[];
  oneOf?: Json[];
  enum?: unknown[];
  const?: unknown;
  default?: unknown;
  minimum?: number;
  maximum?: number;
  minLength?: number;
  minItems?: number;
  pattern?: string;
  description?: string;
  examples?: unknown[];
};

interface KeyRow {
  path: string;
  /** `type: oauth2` for keys of one variant of a discriminated union. */
  variant?: string;
  type: string;
  requirement: string;
  description: string;
  example: string;
}

/** Renders the configuration reference page. */
export function renderConfigReference(): string {
  const schema = z.toJSONSchema(configSchema, { io: 'input', unrepresentable: 'any' }) as Json;
  const starter = starterEntries();
  const rows: KeyRow[] = [];
  collect(schema, '', new Set(schema.required ?? []), rows, starter);

  const sections = new Map<string, KeyRow[]>();
  for (const r of rows) {
    const top = r.path.split(/[.[]/)[0];
    sections.set(top, [...(sections.get(top) ?? []), r]);
  }
  const parts = [
    generatedNotice('src/config/schema.ts and src/config/starter-config.ts'),
    '',
    '# Configuration reference',
    '',
    'ml-connector reads one YAML file, `./ml-connector.yaml` by default (`--config <file>` for another).',
    '`ml-connector init` writes a commented starter file. Rules that hold for every key:',
    '',
    '- Unknown keys and wrong types are rejected before anything runs, with the path of the bad key and what to fix',
    '  (exit code 2).',
    // biome-ignore lint/suspicious/noTemplateCurlyInString: the config file's own ${...} syntax, not a template
    '- Any value may be `${env:NAME}` (an environment variable) or `${secret:name}` (a value from the encrypted',
    '  secret store, set with `printf %s "$VALUE" | ml-connector secrets set name`). Keep credentials in the store.',
    '- "required" keys have no default; the others show the default used when the key is left out.',
    '',
  ];
  for (const [top, list] of sections) {
    parts.push(`## \`${top}\``, '');
    parts.push(
      table(
        ['key', 'type', 'required / default', 'description', 'example'],
        list.map((r) => [
          `${code(r.path)}${r.variant ? ` (${r.variant})` : ''}`,
          r.type,
          r.requirement,
          r.description,
          r.example ? code(r.example) : '',
        ]),
      ),
      '',
    );
  }
  return `${parts.join('\n').trimEnd()}\n`;
}

function collect(node: Json, prefix: string, required: Set<string>, out: KeyRow[], starter: Map<string, StarterEntry>) {
  for (const [key, child] of Object.entries(node.properties ?? {})) {
    const path = `${prefix}${key}`;
    const objectPart = objectOf(child);
    const variants = unionVariants(child);
    if (objectPart?.properties && !variants) {
      collect(objectPart, `${path}.`, new Set(objectPart.required ?? []), out, starter);
      continue;
    }
    if (variants) {
      out.push(row(path, child, required.has(key), starter, undefined, variantsType(variants)));
      for (const v of variants) {
        const tag = `type: ${String(v.properties?.type?.const)}`;
        for (const [k, c] of Object.entries(v.properties ?? {})) {
          if (k === 'type') continue;
          out.push(row(`${path}.${k}`, c, (v.required ?? []).includes(k), starter, tag));
        }
      }
      continue;
    }
    out.push(row(path, child, required.has(key), starter));
    // A list of mappings (entities): document the mapping's keys as `<path>[].<key>`.
    const listItem = listItemObject(child);
    if (listItem) {
      for (const [k, c] of Object.entries(listItem.properties ?? {})) {
        out.push(row(`${path}[].${k}`, c, (listItem.required ?? []).includes(k), starter));
      }
    }
  }
}

function row(
  path: string,
  node: Json,
  isRequired: boolean,
  starter: Map<string, StarterEntry>,
  variant?: string,
  typeText?: string,
): KeyRow {
  const note = KEY_NOTES[path] ?? {};
  const fromStarter =
    variant && !variant.endsWith(String(starter.get(`${path.replace(/\.[^.]+$/, '')}.type`)?.example))
      ? undefined
      : starter.get(path);
  const example = node.examples?.[0] ?? fromStarter?.example ?? note.example ?? '';
  return {
    path,
    variant,
    type: note.type ?? typeText ?? typeOf(node),
    requirement:
      node.default !== undefined
        ? `default ${code(JSON.stringify(node.default))}`
        : isRequired
          ? 'required'
          : 'optional',
    description: node.description ?? note.description ?? fromStarter?.comment ?? '',
    example: typeof example === 'string' ? example : JSON.stringify(example),
  };
}

/** The variants of a discriminated union on `type`, if this node is one. */
function unionVariants(node: Json): Json[] | undefined {
  const list = node.oneOf ?? node.anyOf;
  if (!list || list.length < 2) return undefined;
  return list.every((v) => v.properties?.type?.const !== undefined) ? list : undefined;
}

function variantsType(variants: Json[]): string {
  return `mapping with \`type:\` ${variants.map((v) => code(String(v.properties?.type?.const))).join(' | ')}`;
}

function objectOf(node: Json): Json | undefined {
  if (node.properties) return node;
  return undefined;
}

function listItemObject(node: Json): Json | undefined {
  for (const alt of [node, ...(node.anyOf ?? [])]) {
    if (alt.type === 'array') {
      const item = alt.items;
      const obj = item?.properties ? item : item?.anyOf?.find((a) => a.properties);
      if (obj) return obj;
    }
  }
  return undefined;
}

/** Names for the patterns the schema uses most, so the reference says what they mean. */
const PATTERN_NAMES: Record<string, string> = {
  '^[A-Za-z_][A-Za-z0-9_]{0,254}$': 'identifier (a letter or _, then letters, digits, _)',
  '^[A-Za-z_][A-Za-z0-9_]{0,127}$': 'field name',
  '^[A-Za-z0-9_-]{1,32}$': 'company id (letters, digits, _ or -, at most 32)',
};

/** A short human type: `integer 1–10000`, `` `cluster` | `partition` ``, `list of string`, … */
function typeOf(node: Json): string {
  if (node.const !== undefined) return code(JSON.stringify(node.const));
  if (node.enum) return node.enum.map((v) => code(String(v))).join(' | ');
  const alts = node.anyOf ?? node.oneOf;
  if (alts) return alts.map(typeOf).join(' or ');
  switch (node.type) {
    case 'integer':
    case 'number': {
      const unit = node.type;
      const max = node.maximum !== undefined && node.maximum < Number.MAX_SAFE_INTEGER ? node.maximum : undefined;
      if (node.minimum !== undefined && max !== undefined) return `${unit} ${node.minimum}–${max}`;
      if (node.minimum !== undefined) return `${unit} ≥ ${node.minimum}`;
      return unit;
    }
    case 'string':
      if (node.pattern) return PATTERN_NAMES[node.pattern] ?? `string matching ${code(node.pattern)}`;
      return node.minLength ? 'non-empty string' : 'string';
    case 'boolean':
      return 'boolean';
    case 'null':
      return 'null';
    case 'array':
      return `list of ${node.items ? typeOf(node.items) : 'values'}${node.minItems ? ` (at least ${node.minItems})` : ''}`;
    case 'object':
      if (node.properties) return 'mapping';
      if (typeof node.additionalProperties === 'object')
        return `mapping of names to ${typeOf(node.additionalProperties)}`;
      return 'mapping';
    default:
      return 'any';
  }
}
