/**
 * What the HTTP layer and the statement client report, as log lines: every retry at warn (what failed, why, when
 * the next attempt goes out), long statement waits at info, and with `--verbose` (debug) one trace line per HTTP
 * attempt (method, URL without credentials, status, time) and per SQL statement (text, id, state, time).
 */
import type { StatementClientOptions } from '../destination/databricks/client/statement-client.ts';
import type { HttpEvents } from '../http/http-client.ts';
import type { Logger } from '../log/create-logger.ts';

/** `base` plus logging through `logger` (the same object when there is no logger). */
export function loggedHttpEvents(base: HttpEvents | undefined, logger: Logger | undefined): HttpEvents | undefined {
  if (!logger) return base;
  return {
    ...base,
    attempt(i) {
      base?.attempt?.(i);
      if (!logger.isLevelEnabled('debug')) return;
      // The message carries method, URL, status and time; the fields only what it does not say.
      logger.debug(
        i.attempt > 1 ? { api: i.api, attempt: i.attempt } : { api: i.api },
        `http ${i.method} ${i.url} → ${i.status} in ${i.ms} ms`,
      );
    },
    retrying(i) {
      base?.retrying?.(i);
      logger.warn(
        { api: i.api, method: i.method, url: i.url, code: i.code, attempt: i.attempt, of: i.maxAttempts },
        `${i.api}: ${i.method} ${shortUrl(i.url)} failed (${i.reason.replace(/\.$/, '')}); attempt ${i.attempt + 1} of ${i.maxAttempts} in ${seconds(i.delayMs)}`,
      );
    },
  };
}

/** Statement client hooks that log through `logger`. */
export function loggedStatementHooks(
  logger: Logger | undefined,
): Pick<StatementClientOptions, 'onStatement' | 'onWaiting'> {
  if (!logger) return {};
  return {
    onStatement(t) {
      if (!logger.isLevelEnabled('debug')) return;
      logger.debug(
        t.error ? { error: t.error } : {},
        `sql ${t.statementId ?? '(no id)'} ${t.state} in ${t.ms} ms: ${oneLine(t.sql)}`,
      );
    },
    onWaiting(w) {
      logger.info(
        { statementId: w.statementId, state: w.state, waitedSeconds: Math.round(w.waitedMs / 1000) },
        `waiting for Databricks: statement ${w.statementId} still ${w.state} after ${seconds(w.waitedMs)} (is SQL warehouse ${w.warehouseId} starting? databricks.warehouseId)`,
      );
    },
  };
}

function seconds(ms: number): string {
  return ms < 10_000 ? `${(ms / 1000).toFixed(1)} s` : `${Math.round(ms / 1000)} s`;
}

/** Path and query only, cut to a readable length: the full URL is in the `url` field. */
function shortUrl(url: string): string {
  const m = /^[a-z]+:\/\/[^/]+(\/.*)?$/i.exec(url);
  const path = m?.[1] ?? url;
  return path.length > 120 ? `${path.slice(0, 117)}…` : path;
}

/** SQL on one line, long statements cut (a MERGE lists every column). */
function oneLine(sql: string): string {
  const flat = sql.replace(/\s+/g, ' ').trim();
  return flat.length > 400 ? `${flat.slice(0, 397)}…` : flat;
}
