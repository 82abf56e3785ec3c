/**
 * The setup page's fields and how saving works: edits go into the YAML document (comments kept, through the `yaml`
 * Document API), credentials go into the encrypted secret store and the file gets a `${secret:name}` reference; the
 * result is validated with the config schema before anything is written. Secret values are never read back out.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { type Document, parseDocument } from 'yaml';
import { interpolate } from '../config/interpolate.ts';
import { parseConfig } from '../config/schema.ts';
import { starterConfigYaml } from '../config/starter-config.ts';
import { isConnectorError, messageOf } from '../errors.ts';
import { redactSecrets } from '../log/redact-secrets.ts';
import { openSecretStore } from '../secrets/secret-store.ts';

export interface SetupField {
  /** Config path, e.g. `epicor.auth.clientSecret`; also the form field name. */
  path: string;
  label: string;
  side: 'epicor' | 'databricks';
  kind: 'text' | 'url' | 'number' | 'select' | 'secret';
  options?: string[];
  /** Only for these auth types. */
  auth?: string[];
  /** Store name for credentials (`secret`) and for text fields that may hold one (Databricks client id). */
  secretName?: string;
  optional?: boolean;
  hint?: string;
}

const EPICOR_OAUTH = ['oauth2'];
const EPICOR_USER = ['basic', 'token-resource'];
const DBX_M2M = ['oauth-m2m'];

export const SETUP_FIELDS: SetupField[] = [
  {
    path: 'epicor.baseUrl',
    label: 'Base URL',
    side: 'epicor',
    kind: 'url',
    hint: 'server and instance, e.g. https://your-server.epicorsaas.com/SaaS5333 (a full REST URL is trimmed)',
  },
  {
    path: 'epicor.company',
    label: 'Company',
    side: 'epicor',
    kind: 'text',
    hint: 'one id, or several separated by commas',
  },
  { path: 'epicor.apiKey', label: 'API key', side: 'epicor', kind: 'secret', secretName: 'epicor_api_key' },
  {
    path: 'epicor.auth.type',
    label: 'Sign-in type',
    side: 'epicor',
    kind: 'select',
    options: ['oauth2', 'basic', 'token-resource'],
  },
  { path: 'epicor.auth.tokenUrl', label: 'Token URL', side: 'epicor', kind: 'url', auth: EPICOR_OAUTH },
  { path: 'epicor.auth.clientId', label: 'Client id', side: 'epicor', kind: 'text', auth: EPICOR_OAUTH },
  {
    path: 'epicor.auth.clientSecret',
    label: 'Client secret',
    side: 'epicor',
    kind: 'secret',
    auth: EPICOR_OAUTH,
    secretName: 'epicor_client_secret',
  },
  { path: 'epicor.auth.scope', label: 'Scope', side: 'epicor', kind: 'text', auth: EPICOR_OAUTH, optional: true },
  { path: 'epicor.auth.username', label: 'User name', side: 'epicor', kind: 'text', auth: EPICOR_USER },
  {
    path: 'epicor.auth.password',
    label: 'Password',
    side: 'epicor',
    kind: 'secret',
    auth: EPICOR_USER,
    secretName: 'epicor_password',
  },
  {
    path: 'epicor.pageSize',
    label: 'Page size',
    side: 'epicor',
    kind: 'number',
    optional: true,
    hint: '1–10000 rows per request',
  },
  {
    path: 'epicor.concurrency',
    label: 'Concurrency',
    side: 'epicor',
    kind: 'number',
    optional: true,
    hint: '1–32 requests at once',
  },
  { path: 'databricks.host', label: 'Workspace URL', side: 'databricks', kind: 'url' },
  { path: 'databricks.warehouseId', label: 'SQL warehouse id', side: 'databricks', kind: 'text' },
  { path: 'databricks.catalog', label: 'Catalog', side: 'databricks', kind: 'text' },
  { path: 'databricks.schema', label: 'Schema', side: 'databricks', kind: 'text' },
  { path: 'databricks.volume', label: 'Staging volume', side: 'databricks', kind: 'text', optional: true },
  {
    path: 'databricks.auth.type',
    label: 'Sign-in type',
    side: 'databricks',
    kind: 'select',
    options: ['oauth-m2m', 'pat'],
  },
  {
    path: 'databricks.auth.level',
    label: 'OAuth level',
    side: 'databricks',
    kind: 'select',
    options: ['workspace', 'account'],
    auth: DBX_M2M,
  },
  {
    path: 'databricks.auth.accountId',
    label: 'Account id',
    side: 'databricks',
    kind: 'text',
    auth: DBX_M2M,
    optional: true,
    hint: 'only for account level',
  },
  {
    path: 'databricks.auth.clientId',
    label: 'Service principal client id',
    side: 'databricks',
    kind: 'text',
    auth: DBX_M2M,
    secretName: 'databricks_client_id',
  },
  {
    path: 'databricks.auth.clientSecret',
    label: 'Service principal secret',
    side: 'databricks',
    kind: 'secret',
    auth: DBX_M2M,
    secretName: 'databricks_client_secret',
  },
  {
    path: 'databricks.auth.token',
    label: 'Personal access token',
    side: 'databricks',
    kind: 'secret',
    auth: ['pat'],
    secretName: 'databricks_pat',
  },
];

const SECRET_REF = /^\$\{secret:([a-z][a-z0-9_]{0,63})\}$/;

/** What the form shows for one field: a value (never for credentials) or whether the credential is set. */
export interface FieldView {
  field: SetupField;
  value: string;
  /** Write-only fields: whether a value is configured (in the file or the store). */
  isSet: boolean | null;
  writeOnly: boolean;
  error: string | null;
}

export interface SetupState {
  fields: FieldView[];
  /** Sentence for problems that name no single field. */
  formError: string | null;
  saved: boolean;
  fileExists: boolean;
}

const keyPath = (p: string) => p.split('.');

async function readDoc(configPath: string): Promise<{ doc: Document; exists: boolean }> {
  try {
    return { doc: parseDocument(await readFile(configPath, 'utf8')), exists: true };
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
    return { doc: parseDocument(starterConfigYaml()), exists: false };
  }
}

function rawText(doc: Document, path: string): string | null {
  const v = doc.getIn(keyPath(path));
  if (v === undefined || v === null) return null;
  if (Array.isArray(v)) return v.join(', ');
  if (typeof v === 'object' && 'toJSON' in v) {
    const js = (v as { toJSON(): unknown }).toJSON();
    return Array.isArray(js) ? js.join(', ') : String(js);
  }
  return String(v);
}

/** The form as the file and the store say now. */
export async function readSetup(configPath: string, configDir: string): Promise<SetupState> {
  const { doc, exists } = await readDoc(configPath);
  const stored = new Set(await storedNames(configDir));
  return {
    fields: SETUP_FIELDS.map((f) => viewOf(f, rawText(doc, f.path), stored, null)),
    formError: null,
    saved: false,
    fileExists: exists,
  };
}

function viewOf(
  f: SetupField,
  raw: string | null,
  stored: Set<string>,
  error: string | null,
  typed?: string,
): FieldView {
  const ref = raw === null ? null : SECRET_REF.exec(raw)?.[1];
  const writeOnly = f.kind === 'secret' || (ref !== undefined && ref !== null);
  if (writeOnly) {
    const isSet = ref ? stored.has(ref) : raw !== null && raw !== '';
    return { field: f, value: '', isSet, writeOnly, error };
  }
  return { field: f, value: typed ?? raw ?? '', isSet: null, writeOnly: false, error };
}

async function storedNames(configDir: string): Promise<string[]> {
  try {
    return (await openSecretStore(configDir)).names();
  } catch {
    return [];
  }
}

/**
 * Applies a submitted form: validates the whole resulting config first (errors per field, nothing written), then
 * stores the credentials and writes the YAML file.
 */
export async function saveSetup(
  configPath: string,
  configDir: string,
  form: Record<string, string>,
): Promise<SetupState> {
  const { doc, exists } = await readDoc(configPath);
  const store = await openSecretStore(configDir, { create: true });
  const pending = new Map<string, string>();
  const authType = { epicor: form['epicor.auth.type'], databricks: form['databricks.auth.type'] };
  const beforeRaw = new Map(SETUP_FIELDS.map((f) => [f.path, rawText(doc, f.path)]));

  for (const f of SETUP_FIELDS) {
    const path = keyPath(f.path);
    const typed = (form[f.path] ?? '').trim();
    if (f.auth && !f.auth.includes(authType[f.side])) {
      doc.deleteIn(path);
      continue;
    }
    const raw = beforeRaw.get(f.path) ?? null;
    const ref = raw === null ? undefined : SECRET_REF.exec(raw)?.[1];
    const writeOnly = f.kind === 'secret' || ref !== undefined;
    if (writeOnly) {
      // Empty keeps what is configured: the page never had the value to send back.
      if (typed === '') continue;
      const name = ref ?? f.secretName ?? f.path.replace(/\W/g, '_').toLowerCase();
      pending.set(name, typed);
      doc.setIn(path, `\${secret:${name}}`);
      continue;
    }
    if (typed === '' && f.optional) {
      doc.deleteIn(path);
      continue;
    }
    if (f.kind === 'number' && /^-?\d+$/.test(typed)) doc.setIn(path, Number(typed));
    else if (f.path === 'epicor.company' && typed.includes(',')) {
      doc.setIn(
        path,
        doc.createNode(
          typed
            .split(',')
            .map((s) => s.trim())
            .filter(Boolean),
          { flow: true },
        ),
      );
    } else doc.setIn(path, typed);
  }

  const secretsKnown = [...pending.values(), ...store.names().map((n) => store.get(n) ?? '')];
  const errors = new Map<string, string>();
  let formError: string | null = null;
  for (const f of SETUP_FIELDS) {
    if (f.auth && !f.auth.includes(authType[f.side])) continue;
    const ref = SECRET_REF.exec(String(doc.getIn(keyPath(f.path)) ?? ''))?.[1];
    if (ref && !pending.has(ref) && store.get(ref) === undefined) {
      errors.set(f.path, `${f.path}: is not set: type the value (it is stored encrypted as ${ref})`);
    }
  }
  try {
    // A credential not set yet is reported above; a stand-in lets the schema check everything else meanwhile.
    const { value } = await interpolate(doc.toJS(), {
      env: (n) => process.env[n],
      secret: async (n) => pending.get(n) ?? store.get(n) ?? 'not-set-yet',
    });
    parseConfig(value, { configDir, source: 'the setup form' });
  } catch (e) {
    const problems = isConnectorError(e) ? (e.details?.problems as string[] | undefined) : undefined;
    for (const p of problems ?? []) {
      const at = p.indexOf(': ');
      const path = p.slice(0, at);
      const field = SETUP_FIELDS.find(
        (f) => f.path === path || path.startsWith(`${f.path}.`) || path.startsWith(`${f.path}[`),
      );
      const text = redactSecrets(p, secretsKnown);
      if (field && !errors.has(field.path)) errors.set(field.path, text);
      else formError = formError ? `${formError}; ${text}` : text;
    }
    if (!problems) formError = redactSecrets(messageOf(e), secretsKnown);
  }
  if (errors.size > 0 || formError) {
    const stored = new Set(store.names());
    return {
      fields: SETUP_FIELDS.map((f) =>
        viewOf(
          f,
          beforeRaw.get(f.path) ?? null,
          stored,
          errors.get(f.path) ?? null,
          f.kind === 'secret' ? undefined : form[f.path],
        ),
      ),
      formError,
      saved: false,
      fileExists: exists,
    };
  }
  for (const [name, value] of pending) await store.set(name, value);
  await writeFile(configPath, doc.toString({ lineWidth: 0 }), { mode: 0o600 });
  const state = await readSetup(configPath, configDir);
  return { ...state, saved: true };
}
