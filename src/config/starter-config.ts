/** Secrets the starter config references, in the order users should set them. */
export const STARTER_SECRETS = [
  'epicor_api_key',
  'epicor_client_secret',
  'databricks_client_id',
  'databricks_client_secret',
] as const;

/** Values `init --emulators` stores: the built-in emulators accept exactly these. */
export const EMULATOR_SECRETS: Readonly<Record<(typeof STARTER_SECRETS)[number], string>> = {
  epicor_api_key: 'demo-api-key',
  epicor_client_secret: 'demo-secret',
  databricks_client_id: 'demo-sp',
  databricks_client_secret: 'demo-sp-secret',
};

interface Endpoints {
  baseUrl: string;
  company: string;
  tokenUrl: string;
  clientId: string;
  scope: string;
  host: string;
  warehouseId: string;
}

const PRODUCTION: Endpoints = {
  baseUrl: 'https://your-server.epicorsaas.com/YourInstance',
  company: 'YOURCO',
  tokenUrl: 'https://login.example.com/connect/token',
  clientId: 'your-client-id',
  scope: '    scope: epicor_erp              # optional: OAuth scope, if your identity provider requires one\n',
  host: 'https://adb-1234567890123456.7.azuredatabricks.net',
  warehouseId: '1234567890abcdef',
};

/** Ports the `init --emulators` config expects the emulators on (`emulate` picks a free port unless told). */
export const EMULATOR_PORTS = { epicor: 8701, databricks: 8702 } as const;

const EMULATORS: Endpoints = {
  baseUrl: `http://127.0.0.1:${EMULATOR_PORTS.epicor}/kinetic`,
  company: 'EPIC06',
  tokenUrl: `http://127.0.0.1:${EMULATOR_PORTS.epicor}/kinetic/oauth/token`,
  clientId: 'ml-connector-demo',
  scope: '',
  host: `http://127.0.0.1:${EMULATOR_PORTS.databricks}`,
  warehouseId: 'emulated-warehouse',
};

/** The commented starter `ml-connector.yaml` (SPEC §3); `emulators` points it at the built-in emulators. */
export function starterConfigYaml(opts: { emulators?: boolean } = {}): string {
  const e = opts.emulators ? EMULATORS : PRODUCTION;
  const intro = opts.emulators
    ? `# Points at the built-in emulators: start them with \`ml-connector emulate epicor --port ${EMULATOR_PORTS.epicor}\` and\n` +
      `# \`ml-connector emulate databricks --port ${EMULATOR_PORTS.databricks}\` (or just run \`ml-connector demo\`).\n`
    : '# Replace the example hosts and ids below with yours, then store the credentials with\n' +
      '# `ml-connector secrets set <name>` (the value is read from stdin and kept encrypted in .ml-connector/).\n';
  return `# ml-connector configuration: Epicor Kinetic -> Databricks.
${intro}# Any value may use \${env:NAME} (environment variable) or \${secret:name} (encrypted secret store).

epicor:
  # Server + instance, exactly as in the browser address bar (http:// or https://).
  baseUrl: ${e.baseUrl}
  # Epicor company id; a list ([A, B]) syncs several companies.
  company: ${e.company}
  # REST v2 API key (Epicor: System Management > API Key Maintenance).
  apiKey: \${secret:epicor_api_key}
  auth:
    # oauth2 (client credentials) | basic | token-resource
    type: oauth2
    tokenUrl: ${e.tokenUrl}
    clientId: ${e.clientId}
    clientSecret: \${secret:epicor_client_secret}
${e.scope}    # For basic or token-resource instead:
    # type: basic
    # username: svc_user
    # password: \${secret:epicor_password}
  pageSize: 500                    # rows per request ($top), 1-10000
  concurrency: 4                   # parallel requests to this tenant, 1-32
  timeoutSeconds: 120              # per request, 1-3600
  maxQueryBytes: 2048              # longest query string sent, after percent-encoding (IIS default limit)
  # caFile: ./epicor-ca.pem        # extra CA bundle for on-prem servers with a private CA (relative to this file)
  timeZone: UTC                    # IANA zone (e.g. America/Chicago) of Epicor dates served without an offset

databricks:
  # Workspace URL.
  host: ${e.host}
  # SQL warehouse id (SQL Warehouses > your warehouse > Connection details).
  warehouseId: ${e.warehouseId}
  catalog: main                    # Unity Catalog catalog
  schema: epicor                   # schema the tables are written to (created if missing)
  volume: ml_connector_staging     # staging volume for Parquet files (created if missing)
  auth:
    # oauth-m2m (service principal) | pat (personal access token)
    type: oauth-m2m
    level: workspace               # workspace | account (account also needs accountId)
    accountId: null
    clientId: \${secret:databricks_client_id}
    clientSecret: \${secret:databricks_client_secret}
    # For a personal access token instead:
    # type: pat
    # token: \${secret:databricks_pat}
  layout: cluster                  # cluster (CLUSTER BY _sync_date) | partition (PARTITIONED BY _sync_date)
  stagingCompression: gzip         # gzip | none — none only pays on a fast link (≥ ~1 Gbit/s) to Databricks
  statementTimeoutSeconds: 21600   # longest wait for one statement (a first MERGE of a large tenant) before it is canceled

# When \`ml-connector run\` syncs: hourly | daily | manual | "cron: 15 */2 * * *"
schedule: hourly
# all, or a list such as [vendors, ap_invoices, "baq:MyBAQ"]; a BAQ needs its key columns:
#   - { name: "baq:MyBAQ", keys: [Company, OrderNum], cursor: SysRevID }
entities: all
# Dimensions that also keep SCD type 2 history (<table>_history: one row per version with _valid_from,
# _valid_to, _is_current), e.g. [vendors, customers, parts]. Costs one extra MERGE per listed entity per run.
history: []
# Fields never stored (exclude) or stored as a salted SHA-256 hex string (hash: the column becomes STRING; equal
# values hash equally in every table, so joins still work). Epicor still sends excluded fields (pages name no
# $select); each record drops them as it is read. Hashing needs a salt: \`ml-connector secrets set column_hash_salt\`.
# Known sensitive Epicor fields (tax ids, bank details) — uncomment what applies:
columns: {}
# columns:
#   salt: "\${secret:column_hash_salt}"
#   companies: { hash: [FEIN, StateTaxID] }
#   vendors: { hash: [TaxPayerID, INTaxRegistrationID, SalesTaxID, ServiceTaxID] }
#   customers: { hash: [ResaleID, FederalID, INTaxRegistrationID, SalesTaxID, ServiceTaxID] }
#   ap_invoices: { exclude: [IBANCode, BankGiroAcctNbr, VendBankBankAcctNumber, VendBankIBANCode, VendBankSwiftNum, CardHolderTaxID] }
#   payments: { exclude: [VendorBankAcctNumber, VendorBankIBANCode, VendorBankSwiftNum, MXBankAcctNumber] }
#   payment_lines: { exclude: [CardHolderTaxID] }
# When Epicor's fields change: allow (add columns, widen types in place, a new <column>__<type> column for other
# type changes) | columns-only (add columns, refuse type changes) | block (refuse any change); or per entity, e.g.
# { default: allow, vendors: block }. A refused entity fails with the fields named; the others load.
schemaChanges: allow
# Map and encode rows in a worker thread per entity (a second core); pays off only where cores are free.
mapWorker: false
# Webhooks told when a run fails, ends partial or recovers, and when an entity goes stale (no success for
# freshnessSlaHours; checked by \`run\`). JSON body with a Slack-compatible "text", so a Slack incoming-webhook URL
# works as is; with a secret each request carries X-ML-Connector-Signature (HMAC-SHA256; the docs' alerts page
# shows how to verify it).
#   - webhook: "\${secret:slack_webhook_url}"        # a Slack URL's path is its credential: keep it in the store
#     events: [failed, partial, recovered, stale]
#     secret: "\${secret:alerts_hmac_key}"
alerts: []
# Hours an entity may go without a successful sync before \`run\` sends \`stale\` (one alert per stale episode).
freshnessSlaHours: 26
# How often \`run\` reconciles deletes and late commits (same forms as schedule).
reconcile: daily
# Prometheus /metrics and /healthz for \`ml-connector run\`.
metrics:
  port: 9464
  # Address to listen on: loopback keeps the (unauthenticated) endpoints on this machine. In a container, use
  # 0.0.0.0 so Prometheus and the orchestrator's health probe can reach them through the published port.
  host: 127.0.0.1
# Local web console inside \`run\` (\`ml-connector ui\` serves it on demand): null = off, or
#   { port: 8765, host: 127.0.0.1, token: "\${secret:ui_token}" } (without token a new one is printed at start).
ui: null
# Finance and procurement views (mart_*) created after every successful sync; \`ml-connector analytics apply\` on demand.
analytics:
  enabled: true
  schema: null                     # null = the tables' schema
  cogsAccounts: []                 # GL accounts that are cost of goods sold, for DPO: "5000|100", "5*", "seg1:5*"
  priceTolerancePct: 2             # invoice vs PO unit cost beyond this percent is a three-way-match exception
  agingBasis: due                  # aging days counted from the due | invoice | apply date (Epicor's report offers all three)
`;
}
