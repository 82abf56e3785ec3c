/**
 * Whether this principal's Unity Catalog grants allow what the first sync does: create the schema (USE CATALOG +
 * CREATE SCHEMA on the catalog) or, in an existing schema, create tables and the staging volume and use it. Read
 * with `SHOW GRANTS \`<principal>\` ON …`, which lists the grants that affect the object, inherited ones included
 * (Databricks SQL reference, SHOW GRANTS); a principal may always show its own grants. Grants reaching it through a
 * group, or metastore-admin rights, do not show there: the message says so when something looks missing.
 */

import type { ProbeLog } from '../../../check-probe.ts';
import { messageOf } from '../../../errors.ts';
import { quoteIdentifier } from '../sql/identifier.ts';
import type { RunSql } from './check-databricks.ts';

export interface GrantTarget {
  catalog: string;
  schema: string;
  volume: string;
  schemaExists: boolean;
  volumeExists: boolean;
}

type Securable = 'CATALOG' | 'SCHEMA' | 'VOLUME';

interface Need {
  action: string;
  on: Securable;
  /** Quoted name for SQL. */
  name: string;
  /** Readable name for messages. */
  shown: string;
}

/** Backtick-quoted principal (service principals are application ids, users e-mail addresses). */
function principalSql(p: string): string {
  return `\`${p.replace(/`/g, '``')}\``;
}

function needsOf(t: GrantTarget): Need[] {
  const cat = { name: quoteIdentifier(t.catalog, 'catalog'), shown: t.catalog };
  const sch = { name: `${cat.name}.${quoteIdentifier(t.schema, 'schema')}`, shown: `${t.catalog}.${t.schema}` };
  const vol = { name: `${sch.name}.${quoteIdentifier(t.volume, 'volume')}`, shown: `${sch.shown}.${t.volume}` };
  const needs: Need[] = [{ action: 'USE CATALOG', on: 'CATALOG', ...cat }];
  if (!t.schemaExists) {
    // The creator owns the new schema, so its tables and volume need nothing more.
    needs.push({ action: 'CREATE SCHEMA', on: 'CATALOG', ...cat });
    return needs;
  }
  needs.push({ action: 'USE SCHEMA', on: 'SCHEMA', ...sch }, { action: 'CREATE TABLE', on: 'SCHEMA', ...sch });
  if (!t.volumeExists) needs.push({ action: 'CREATE VOLUME', on: 'SCHEMA', ...sch });
  else needs.push({ action: 'READ VOLUME', on: 'VOLUME', ...vol }, { action: 'WRITE VOLUME', on: 'VOLUME', ...vol });
  return needs;
}

/** One probe line: the grants the first sync needs, held or missing. */
export async function probeGrants(
  log: ProbeLog,
  sql: RunSql,
  target: GrantTarget,
  fallbackPrincipal: string | undefined,
): Promise<void> {
  const id = 'databricks.grants';
  const title = 'Databricks grants';
  let principal: string | undefined;
  try {
    principal = (await sql('SELECT current_user()'))[0]?.[0] ?? undefined;
  } catch {
    principal = fallbackPrincipal;
  }
  if (!principal) {
    log.adapted(
      id,
      title,
      'grants not verified: the principal of this token is unknown; the first sync reports a missing grant when it meets one.',
    );
    return;
  }
  const needs = needsOf(target);
  const held = new Map<string, Set<string>>();
  try {
    for (const n of needs) {
      const key = `${n.on} ${n.name}`;
      if (held.has(key)) continue;
      const rows = await sql(`SHOW GRANTS ${principalSql(principal)} ON ${n.on} ${n.name}`);
      held.set(key, new Set(rows.map((r) => String(r[1] ?? '').toUpperCase())));
    }
  } catch (e) {
    log.adapted(
      id,
      title,
      `grants of ${principal} not verified (SHOW GRANTS failed: ${messageOf(e)}); the first sync reports a missing grant when it meets one.`,
    );
    return;
  }
  const has = (n: Need) => {
    const set = held.get(`${n.on} ${n.name}`)!;
    return set.has(n.action) || set.has('ALL PRIVILEGES') || set.has('OWN') || set.has('OWNER');
  };
  const missing = needs.filter((n) => !has(n));
  const what = target.schemaExists
    ? target.volumeExists
      ? `load tables into ${target.catalog}.${target.schema} and stage files in its volume ${target.volume}`
      : `create tables and the staging volume ${target.volume} in ${target.catalog}.${target.schema}`
    : `create schema ${target.catalog}.${target.schema} (with its tables and staging volume)`;
  const listOf = (ns: Need[]) => {
    const objects = [...new Set(ns.map((n) => `${n.on.toLowerCase()} ${n.shown}`))];
    return objects
      .map(
        (o) =>
          `${ns
            .filter((n) => `${n.on.toLowerCase()} ${n.shown}` === o)
            .map((n) => n.action)
            .join(', ')} on ${o}`,
      )
      .join('; ');
  };
  if (missing.length === 0) {
    log.ok(id, title, `${principal} holds ${listOf(needs)}: the first sync can ${what}.`);
    return;
  }
  const grants = [...new Set(missing.map((n) => `${n.on} ${n.name}`))].map((obj) => {
    const actions = missing.filter((n) => `${n.on} ${n.name}` === obj).map((n) => n.action);
    return `GRANT ${actions.join(', ')} ON ${obj} TO ${principalSql(principal)}`;
  });
  log.failed(
    id,
    title,
    `${principal} lacks ${listOf(missing)}, which the first sync needs to ${what} (SHOW GRANTS lists its own grants; grants through a group or admin rights do not show there)`,
    `have an admin run: ${grants.join('; ')}`,
  );
}
