/**
 * The error-code table of docs/troubleshooting.md: every code of the one error tree (src/errors.ts), read from its
 * source so a code added there appears here, with the exit code the CLI gives for it and what to do.
 */
import { readFileSync } from 'node:fs';
import { ConnectorError, type ErrorCode } from '../../src/errors.ts';
import { code, table } from './markdown.ts';

/** What a user does about each code; a new code without a line here is listed with its source comment only. */
export const ERROR_ADVICE: Readonly<Record<string, string>> = {
  CONFIG_INVALID:
    'The message names the key path and what it must be. Fix `ml-connector.yaml` (see the configuration reference); nothing was contacted or written.',
  USAGE: 'Check the command line against `ml-connector <command> --help`.',
  SECRET_STORE:
    'The secret store `.ml-connector/secrets.enc` cannot be opened with the master key found: set `ML_CONNECTOR_MASTER_KEY` (or restore the key file `.ml-connector/master.key`) to the key the store was created with. See operations: backing up the master key.',
  SECRET_MISSING:
    // biome-ignore lint/suspicious/noTemplateCurlyInString: the config file's own ${...} syntax, not a template
    'The config references `${secret:name}` that is not stored: `printf %s "$VALUE" | ml-connector secrets set name`; `ml-connector secrets list` shows what is stored.',
  HTTP_TRANSIENT:
    'Epicor or Databricks kept answering 429/5xx or dropping connections after every retry. Usually an outage or overload: re-run later (nothing is lost, the watermark did not move); if it persists, lower `epicor.concurrency`.',
  HTTP_PERMANENT:
    'A request was refused in a way retrying cannot fix (4xx). The message names the URL and status; check the base URL, the service path and the API key scope.',
  TIMEOUT:
    'No complete answer in time. For Epicor raise `epicor.timeoutSeconds` or lower `epicor.pageSize`; for Databricks check that the warehouse is running and sized for the load.',
  AUTH_FAILED:
    'Credentials were rejected: check the API key, the OAuth client id/secret or user/password (Epicor) and the service principal secret or token (Databricks); `ml-connector check` tells which side.',
  FORBIDDEN:
    'Signed in, but not allowed: the Epicor API key scope or user lacks access to a service, or the Databricks principal lacks a grant. The message names what was refused; see getting started for the full list.',
  NOT_FOUND:
    'A URL, warehouse, catalog, schema or table does not exist. Check `epicor.baseUrl` (server + instance), `databricks.host`, `databricks.warehouseId`, `databricks.catalog`.',
  EPICOR_LICENSE:
    'Epicor has no free licence seat for the integration user; the connector waits and retries with long backoff. Ask the Epicor admin for a dedicated integration licence, or schedule syncs outside peak hours.',
  EPICOR_ODATA:
    'Epicor rejected a query (a field or filter it does not know). Usually a `cursor` or BAQ key in `entities:` that the service does not have; `ml-connector check` lists what each entity offers.',
  EPICOR_METADATA:
    "A service's `$metadata` could not be read (malformed XML, a type it does not define). Check that `epicor.baseUrl` points at Kinetic REST v2 (not a proxy's error page); report the service named in the message.",
  EPICOR_COMPANY: 'The company in `epicor.company` does not exist or the integration user cannot see it.',
  STATEMENT_FAILED:
    'Databricks ran a statement and it failed; the message carries the Databricks error class (e.g. a missing grant or a type conflict). Nothing half-written stays: the MERGE is one transaction.',
  STATEMENT_CANCELED: 'A statement was cancelled (by the warehouse, an admin or a stop signal). Re-run the sync.',
  SCHEMA_CHANGE_BLOCKED:
    "The source's fields changed (new, removed or retyped) and `schemaChanges` refuses it for this entity: the message names the fields and the key to change. Nothing of the entity was loaded and its watermark stayed; set the policy to accept (or run `ml-connector resync <entity>`) and sync again. The other entities loaded (exit 4, partial).",
  BAD_RECORD:
    'A record could not be mapped (the summary names entity, key and reason). The other records were loaded and the run ends partial (exit 4); fix the record in Epicor or report the reason.',
  LOCKED:
    'Another run holds the destination lock (a scheduled `run`, or a run on another machine with the same config). Wait for it; a lock of a crashed run expires and is taken over.',
  ABORTED: 'The run was stopped by Ctrl-C or SIGTERM. What was committed stays; re-running continues from there.',
  INTERNAL: 'A bug: re-run with `--verbose` and report the stack trace.',
};

/** Codes in declaration order with their source comment. */
export function errorCodes(): { code: ErrorCode; comment: string }[] {
  const text = readFileSync(new URL('../../src/errors.ts', import.meta.url), 'utf8');
  const union = /export type ErrorCode =([\s\S]*?);/.exec(text)?.[1] ?? '';
  return [...union.matchAll(/\|\s*'([A-Z_]+)'\s*(?:\/\/\s*(.*))?/g)].map((m) => ({
    code: m[1] as ErrorCode,
    comment: (m[2] ?? '').trim(),
  }));
}

export function renderErrorCodeTable(): string {
  return table(
    ['code', 'exit code', 'meaning and what to do'],
    errorCodes().map(({ code: c, comment }) => [
      code(c),
      String(new ConnectorError(c, '').exitCode),
      ERROR_ADVICE[c] ?? comment,
    ]),
  );
}
