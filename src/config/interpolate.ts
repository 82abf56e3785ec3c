import { ConnectorError } from '../errors.ts';
import { formatPath } from './format-issues.ts';

/** Looks up one reference; returns undefined when the variable/secret does not exist. */
export interface ReferenceResolver {
  env(name: string): string | undefined;
  secret(name: string): Promise<string | undefined>;
}

export interface InterpolationResult {
  value: unknown;
  /** Every value substituted in, for redaction. */
  substituted: string[];
}

const REFERENCE = /\$\{([^}]*)\}/g;
const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
const SECRET_NAME = /^[a-z][a-z0-9_]{0,63}$/;

/**
 * Replaces `${env:NAME}` and `${secret:name}` in every string of a parsed YAML tree (keys are left alone).
 * Substituted text is not scanned again. `hint` is appended to the how-to-fix of a missing secret.
 */
export async function interpolate(
  tree: unknown,
  resolver: ReferenceResolver,
  opts: { secretHint?: (name: string) => string } = {},
): Promise<InterpolationResult> {
  const substituted: string[] = [];
  const missing: { at: string; name: string }[] = [];

  async function visit(node: unknown, path: PropertyKey[]): Promise<unknown> {
    if (typeof node === 'string') return replaceIn(node, path);
    if (Array.isArray(node)) {
      const out: unknown[] = [];
      for (let i = 0; i < node.length; i++) out.push(await visit(node[i], [...path, i]));
      return out;
    }
    if (node !== null && typeof node === 'object') {
      const out: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(node)) out[k] = await visit(v, [...path, k]);
      return out;
    }
    return node;
  }

  async function replaceIn(text: string, path: PropertyKey[]): Promise<string> {
    if (!text.includes('${')) return text;
    let out = '';
    let last = 0;
    for (const m of text.matchAll(REFERENCE)) {
      out += text.slice(last, m.index) + (await lookUp(m[1], m[0], path));
      last = m.index + m[0].length;
    }
    return out + text.slice(last);
  }

  async function lookUp(inner: string, whole: string, path: PropertyKey[]): Promise<string> {
    const at = formatPath(path);
    const colon = inner.indexOf(':');
    const kind = colon < 0 ? '' : inner.slice(0, colon).trim();
    const name = colon < 0 ? '' : inner.slice(colon + 1).trim();
    if (kind === 'env') {
      if (!ENV_NAME.test(name)) throw invalid(`${at}: ${whole} is not a valid environment variable name`);
      const v = resolver.env(name);
      if (v === undefined) throw invalid(`${at}: environment variable ${name} is not set`);
      substituted.push(v);
      return v;
    }
    if (kind === 'secret') {
      if (!SECRET_NAME.test(name)) {
        throw invalid(`${at}: ${whole} is not a valid secret name (lowercase letters, digits and _)`);
      }
      const v = await resolver.secret(name);
      if (v === undefined) {
        // Keep going: every missing secret is reported in one message, not one per run.
        missing.push({ at, name });
        return '';
      }
      substituted.push(v);
      return v;
    }
    throw invalid(`${at}: unknown reference ${whole}; use \${env:NAME} or \${secret:name}`);
  }

  const value = await visit(tree, []);
  if (missing.length > 0) throw missingSecrets(missing, opts.secretHint);
  return { value, substituted };
}

function missingSecrets(
  missing: readonly { at: string; name: string }[],
  secretHint: ((name: string) => string) | undefined,
): ConnectorError {
  const hint = (name: string) => `\`${secretHint?.(name) ?? `ml-connector secrets set ${name}`}\``;
  if (missing.length === 1) {
    const [m] = missing;
    return new ConnectorError('SECRET_MISSING', `${m.at}: secret ${m.name} is not stored: run ${hint(m.name)}`);
  }
  const names = [...new Set(missing.map((m) => m.name))];
  const where = missing.map((m) => `${m.name} (${m.at})`).join(', ');
  return new ConnectorError(
    'SECRET_MISSING',
    `${names.length === 1 ? 'a secret is' : `${names.length} secrets are`} not stored: ${where}; run ${names.map(hint).join(', then ')}`,
  );
}

/**
 * Values that look like a shell variable (`$EPICOR_API_KEY`): the config does not expand those, so they would be
 * sent as written. Returns one warning per value, naming the `${env:NAME}` form to use instead.
 */
export function shellStyleReferences(tree: unknown, path: PropertyKey[] = []): string[] {
  if (typeof tree === 'string') {
    const m = /(?:^|[^$\\])\$([A-Za-z_][A-Za-z0-9_]*)/.exec(tree);
    if (!m) return [];
    return [
      // Named without its `$`: the value itself is a credential and is redacted wherever it appears.
      `${formatPath(path)}: looks like the shell variable ${m[1]}, which the config does not expand (the text would be sent as written); to read the environment variable write \${env:${m[1]}}`,
    ];
  }
  if (Array.isArray(tree)) return tree.flatMap((v, i) => shellStyleReferences(v, [...path, i]));
  if (tree !== null && typeof tree === 'object') {
    return Object.entries(tree).flatMap(([k, v]) => shellStyleReferences(v, [...path, k]));
  }
  return [];
}

function invalid(message: string): ConnectorError {
  return new ConnectorError('CONFIG_INVALID', message);
}
