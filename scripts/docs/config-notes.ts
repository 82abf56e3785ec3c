/**
 * What the reference says about keys the starter config does not show (commented-out alternatives, list items),
 * and extra notes where a starter comment is too short for a reference. A key found in neither still appears in
 * the reference, with its type and default from the schema.
 */
export interface KeyNote {
  description?: string;
  example?: string;
  /** Replaces the type derived from the JSON Schema where that says less (e.g. a URL is just "string" there). */
  type?: string;
}

const URL_TYPE = 'URL (http:// or https://)';

export const KEY_NOTES: Readonly<Record<string, KeyNote>> = {
  columns: {
    type: 'mapping: entity → `{ exclude: [Field…], hash: [Field…] }`, plus `salt`',
    description:
      "Per entity, Epicor fields never stored (`exclude`) and fields stored as the salted SHA-256 of their value (`hash`, the column becomes STRING; the same value hashes the same in every table, so joins still work). `salt` (a secret, at least 16 characters: `ml-connector secrets set column_hash_salt`) is required when any field is hashed. Key, company, record-id and SysRevID fields cannot be listed; names are checked against the tenant's `$metadata` at each load (UD fields `…_c` may be listed before they exist). See [columns](columns.md).",
    // biome-ignore lint/suspicious/noTemplateCurlyInString: the config file's own ${...} syntax, not a template
    example: '{ salt: "${secret:column_hash_salt}", vendors: { exclude: [Comment], hash: [TaxPayerID] } }',
  },
  schemaChanges: {
    type: '`allow` | `columns-only` | `block`, or a mapping `{ default: …, <entity>: … }`',
    description:
      "What a load does when Epicor's fields no longer match the table: `allow` adds new columns, widens types Delta can widen in place and loads other retyped fields into a new `<column>__<type>` column; `columns-only` adds new columns and refuses retyped fields; `block` refuses new, removed and retyped fields. A refused entity fails naming the fields (the others load, its watermark stays). See [schema changes](schema-changes.md).",
    example: '{ default: allow, vendors: block }',
  },
  'epicor.baseUrl': {
    type: URL_TYPE,
    description:
      'Server and instance, exactly as in the browser address bar (http:// or https://; https is verified against the system CAs plus `caFile`).',
  },
  'epicor.company': { type: 'company id, or a list of them' },
  'epicor.apiKey': {
    description: 'REST v2 API key (Epicor: System Management > API Key Maintenance). Keep it in the secret store.',
  },
  'epicor.auth': {
    description:
      "How the connector signs in to Epicor, besides the API key: `oauth2` (client credentials from your identity provider), `basic` (integration user and password on every request) or `token-resource` (user and password exchanged for a bearer token at Epicor's TokenResource).",
  },
  'epicor.auth.tokenUrl': {
    type: URL_TYPE,
    description: 'Token endpoint of your identity provider (client credentials grant).',
  },
  'epicor.auth.clientId': { description: 'OAuth client id of the integration client.' },
  'epicor.auth.clientSecret': { description: 'OAuth client secret; keep it in the secret store.' },
  'epicor.auth.scope': {
    description: 'OAuth scope, only if your identity provider requires one.',
    example: 'epicor_erp',
  },
  'epicor.auth.username': { description: 'Epicor integration user.', example: 'svc_user' },
  'epicor.auth.password': {
    description: "The integration user's password; keep it in the secret store.",
    // biome-ignore lint/suspicious/noTemplateCurlyInString: the config file's own ${...} syntax, not a template
    example: '${secret:epicor_password}',
  },
  'epicor.caFile': {
    type: 'file path',
    description:
      'Extra CA bundle (PEM) for an on-prem server with a private CA; relative paths are resolved against the config file.',
    example: './epicor-ca.pem',
  },
  'databricks.auth': {
    description:
      'How the connector signs in to Databricks: `oauth-m2m` (a service principal with an OAuth secret; tokens refreshed before expiry) or `pat` (a personal access token).',
  },
  'databricks.host': { type: URL_TYPE, description: 'Workspace URL.' },
  'databricks.auth.accountId': { description: 'Databricks account id; required when `level` is `account`.' },
  'databricks.auth.accountsHost': {
    type: URL_TYPE,
    description:
      "Accounts console host for account-level tokens; unset, it is derived from the workspace host's cloud.",
    example: 'https://accounts.azuredatabricks.net',
  },
  'databricks.auth.clientId': { description: 'Application (client) id of the service principal.' },
  'databricks.auth.clientSecret': {
    description: 'OAuth secret of the service principal; keep it in the secret store.',
  },
  'databricks.auth.token': {
    description: 'Personal access token (prefer a service principal with OAuth in production).',
    // biome-ignore lint/suspicious/noTemplateCurlyInString: the config file's own ${...} syntax, not a template
    example: '${secret:databricks_pat}',
  },
  schedule: { type: 'hourly | daily | manual | "cron: <expression>"' },
  reconcile: { type: 'hourly | daily | manual | "cron: <expression>"' },
  entities: {
    type: '`all`, or a list of entity names / mappings',
    description:
      '`all` syncs every catalog entity; a list syncs those named, in that order. A BAQ entry needs its key columns: `{ name: "baq:MyBAQ", keys: [Company, OrderNum], cursor: SysRevID }`.',
  },
  'alerts[].webhook': {
    type: URL_TYPE,
    description:
      'Where each alert is POSTed as JSON (a Slack incoming-webhook URL works as is). Logs show its host only; keep a URL whose path is a credential in the secret store.',
    // biome-ignore lint/suspicious/noTemplateCurlyInString: the config file's own ${...} syntax, not a template
    example: '${secret:slack_webhook_url}',
  },
  'alerts[].events': {
    description: 'Which events this webhook gets: `failed`, `partial`, `recovered`, `stale` (default all four).',
    example: '[failed, stale]',
  },
  'alerts[].secret': {
    description:
      'Key of the `X-ML-Connector-Signature` header (HMAC-SHA256 over timestamp and body; at least 16 characters). Unset: requests are not signed. See alerts.md.',
    // biome-ignore lint/suspicious/noTemplateCurlyInString: the config file's own ${...} syntax, not a template
    example: '${secret:alerts_hmac_key}',
  },
  'entities[].name': { description: 'Entity name (see the tables page) or `baq:<BAQID>`.', example: 'vendors' },
  'entities[].cursor': {
    description:
      'Another change cursor the entity offers (e.g. `ChangeDate`); for a BAQ, its cursor column (omitted: offset paging with overlap).',
    example: 'ChangeDate',
  },
  'entities[].lookbackMinutes': {
    description: 'Re-read this many minutes before the stored watermark (date cursors with late commits).',
    example: '10',
  },
  'entities[].keys': { description: 'Key columns of a BAQ (required for BAQs).', example: '[Company, OrderNum]' },
  'entities[].parameters': { description: 'BAQ parameters, sent as query options.', example: '{ Plant: MfgSys }' },
  'metrics.port': {
    description: 'Port of `/healthz` and `/metrics` served by `ml-connector run` (0 = any free port).',
  },
};
