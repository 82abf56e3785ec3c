/**
 * Unity Catalog privileges, as far as `check` needs them: `SHOW GRANTS [principal] ON CATALOG|SCHEMA|VOLUME|TABLE x`
 * lists the grants that affect the object, inherited ones from its catalog and schema included (Databricks docs,
 * "SHOW GRANTS": columns principal, ActionType, ObjectType, ObjectKey), and CREATE SCHEMA / VOLUME / TABLE are refused
 * with PERMISSION_DENIED when the configured grants do not allow them. With no grants configured every principal
 * owns everything (the emulator's default: demo and tests run as an owner).
 */
import { VARCHAR } from '@duckdb/node-api';
import type { StatementScope } from './ddl-statements.ts';
import type { RawResult } from './sql-engine.ts';
import { DatabricksSqlError, syntaxError } from './sql-error.ts';
import { qualify, readName } from './sql-names.ts';
import { isWord, type Token } from './sql-tokens.ts';
import { DEMO } from './token-store.ts';

export interface EmulatedGrant {
  principal: string;
  /** e.g. `USE CATALOG`, `CREATE SCHEMA`, `ALL PRIVILEGES`, `OWN`. */
  action: string;
  objectType: 'CATALOG' | 'SCHEMA' | 'VOLUME' | 'TABLE';
  /** `main`, `main.epicor`, `main.epicor.staging`. */
  objectKey: string;
}

const grantsOf = new WeakMap<object, EmulatedGrant[]>();

/** Sets (or with undefined, clears) the grants of an emulator's engine. */
export function setEmulatedGrants(engine: object, grants: EmulatedGrant[] | undefined): void {
  if (grants === undefined) grantsOf.delete(engine);
  else
    grantsOf.set(
      engine,
      grants.map((g) => ({ ...g, action: g.action.toUpperCase(), objectKey: g.objectKey.toLowerCase() })),
    );
}

type ObjectType = EmulatedGrant['objectType'];

/** The object and its ancestors, nearest first: `main.epicor.v` → volume, schema `main.epicor`, catalog `main`. */
function lineage(type: ObjectType, key: string): { type: ObjectType; key: string }[] {
  const parts = key.split('.');
  const out: { type: ObjectType; key: string }[] = [{ type, key }];
  if (type === 'VOLUME' || type === 'TABLE') out.push({ type: 'SCHEMA', key: parts.slice(0, 2).join('.') });
  if (type !== 'CATALOG') out.push({ type: 'CATALOG', key: parts[0] });
  return out;
}

function affecting(engine: object, type: ObjectType, key: string, principal?: string): EmulatedGrant[] | undefined {
  const grants = grantsOf.get(engine);
  if (!grants) return undefined;
  const objects = lineage(type, key);
  return grants.filter(
    (g) =>
      objects.some((o) => o.type === g.objectType && o.key === g.objectKey) &&
      (principal === undefined || g.principal === principal || g.principal === 'account users'),
  );
}

/** `SHOW GRANTS [principal] ON <type> <name>`. */
export function runShowGrants(tokens: Token[], s: StatementScope): RawResult {
  let i = 2;
  let principal: string | undefined;
  if (!isWord(tokens[i], 'ON')) {
    const t = tokens[i];
    if (!t || (t.kind !== 'quoted' && t.kind !== 'word')) throw syntaxError(t?.value ?? 'end of input');
    principal = t.value;
    i++;
  }
  if (!isWord(tokens[i], 'ON')) throw syntaxError(tokens[i]?.value ?? 'end of input');
  const rawType = tokens[i + 1]?.value.toUpperCase();
  const type = (rawType === 'DATABASE' ? 'SCHEMA' : rawType) as ObjectType;
  if (!['CATALOG', 'SCHEMA', 'VOLUME', 'TABLE'].includes(type))
    throw syntaxError(tokens[i + 1]?.value ?? 'end of input');
  const { parts, next } = readName(tokens, i + 2);
  if (next < tokens.length) throw syntaxError(tokens[next].value);
  let key: string;
  if (type === 'CATALOG') {
    if (parts.length !== 1) throw syntaxError(parts.join('.'));
    key = parts[0].toLowerCase();
  } else if (type === 'SCHEMA') {
    if (parts.length > 2) throw syntaxError(parts.join('.'));
    key = (parts.length === 2 ? parts : [s.defaults.catalog, parts[0]]).join('.').toLowerCase();
  } else {
    const q = qualify(parts, s.defaults);
    key = `${q.catalog}.${q.schema}.${q.name}`;
  }
  const rows = affecting(s.engine, type, key, principal) ?? [
    { principal: principal ?? 'account users', action: 'OWN', objectType: 'CATALOG', objectKey: key.split('.')[0] },
  ];
  return {
    columns: ['principal', 'ActionType', 'ObjectType', 'ObjectKey'].map((name) => ({ name, type: VARCHAR })),
    rows: rows.map((g) => [g.principal, g.action, g.objectType, g.objectKey]),
  };
}

/** Fails a CREATE SCHEMA / VOLUME / TABLE that the configured grants do not allow (no grants configured: allowed). */
export function assertMayCreate(tokens: Token[], s: StatementScope): void {
  if (!grantsOf.has(s.engine)) return;
  // One identity per emulator: the demo service principal (a service principal's name is its application id).
  const principal = DEMO.clientId;
  let i = 1;
  while (isWord(tokens[i], 'OR', 'REPLACE', 'EXTERNAL', 'MANAGED', 'TEMPORARY', 'TEMP')) i++;
  const kind = tokens[i]?.value.toUpperCase();
  if (kind !== 'SCHEMA' && kind !== 'DATABASE' && kind !== 'VOLUME' && kind !== 'TABLE') return;
  i++;
  if (isWord(tokens[i], 'IF')) i += isWord(tokens[i + 1], 'NOT') ? 3 : 2;
  const { parts } = readName(tokens, i);
  const isSchema = kind === 'SCHEMA' || kind === 'DATABASE';
  const q = qualify(isSchema ? [...parts, '_'] : parts, s.defaults);
  const on = isSchema
    ? { type: 'CATALOG' as const, key: q.catalog, needs: 'CREATE SCHEMA' }
    : { type: 'SCHEMA' as const, key: `${q.catalog}.${q.schema}`, needs: `CREATE ${kind}` };
  const held = new Set((affecting(s.engine, on.type, on.key, principal) ?? []).map((g) => g.action));
  const has = (a: string) => held.has(a) || held.has('ALL PRIVILEGES') || held.has('OWN');
  const missing = ['USE CATALOG', ...(on.type === 'SCHEMA' ? ['USE SCHEMA'] : []), on.needs].filter((a) => !has(a));
  if (missing.length > 0) {
    throw new DatabricksSqlError(
      'PERMISSION_DENIED',
      `User does not have ${missing.join(', ')} on ${on.type === 'CATALOG' ? 'Catalog' : 'Schema'} '${on.key}'.`,
      '42501',
    );
  }
}
