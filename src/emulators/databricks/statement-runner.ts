import type { DuckDBConnection } from '@duckdb/node-api';
import { BIGINT, VARCHAR } from '@duckdb/node-api';
import { runDescribe, runShow } from './catalog-queries.ts';
import { runComment } from './comment-statements.ts';
import { runCopyInto } from './copy-into.ts';
import { runAlter, runCreate, runDrop, type StatementScope } from './ddl-statements.ts';
import { dq, type StatementParameter, sq, toDuck } from './duck-translate.ts';
import { assertMayCreate, runShowGrants } from './grants.ts';
import { runMerge } from './merge-statement.ts';
import type { RawResult, SqlEngine } from './sql-engine.ts';
import { DatabricksSqlError, fromDuckDbError, syntaxError } from './sql-error.ts';
import { isOp, isWord, SqlTokenError, type Token, tokenize } from './sql-tokens.ts';
import { checkSyntax } from './syntax-check.ts';

/** Per-statement settings from the API request. */
export interface StatementContext {
  catalog?: string;
  schema?: string;
  parameters?: StatementParameter[];
  /** Called with the DuckDB connection once the statement holds one (so it can be interrupted). */
  onConnection?: (conn: DuckDBConnection | undefined) => void;
  /** Aborted when the statement is canceled; checked before any work starts. */
  signal?: AbortSignal;
  /**
   * The statement's session: each Statement Execution request is one, starting in the warehouse's TIMEZONE.
   * `SET TIME ZONE` changes it for that session only. Casts between TIMESTAMP, DATE and text and the rendering of
   * TIMESTAMP results use it (DuckDB's TimeZone setting on the statement's connection does the casts).
   */
  session?: { timeZone: string };
}

const READS = ['SELECT', 'WITH', 'VALUES', 'FROM', 'TABLE', 'DESCRIBE', 'DESC', 'SHOW', 'SET'];

/** Parses and checks a statement; throws `[PARSE_SYNTAX_ERROR]` before anything runs. */
export function prepareStatement(sql: string): Token[] {
  let tokens: Token[];
  try {
    tokens = tokenize(sql);
  } catch (e) {
    if (e instanceof SqlTokenError) throw syntaxError('end of input');
    throw e;
  }
  // SHOW GRANTS / SHOW VOLUMES are Databricks-only (the Spark grammar lacks them); their own parsers check them.
  if (!(isWord(tokens[0], 'SHOW') && isWord(tokens[1], 'GRANTS', 'GRANT', 'VOLUMES'))) checkSyntax(tokens);
  while (isOp(tokens[tokens.length - 1], ';')) tokens.pop();
  return tokens;
}

/** Runs one Databricks SQL statement on DuckDB, atomically, returning its result set. */
export async function runStatement(engine: SqlEngine, tokens: Token[], ctx: StatementContext): Promise<RawResult> {
  const first = isOp(tokens[0], '(') ? 'SELECT' : tokens[0].value.toUpperCase();
  const defaults = { catalog: (ctx.catalog ?? 'main').toLowerCase(), schema: (ctx.schema ?? 'default').toLowerCase() };
  const params = new Map((ctx.parameters ?? []).map((p) => [p.name.toLowerCase(), p]));
  const isRead = READS.includes(first);
  const isCatalogDdl = first === 'CREATE' && isWord(tokens[1], 'CATALOG');
  const work = () =>
    engine.withConnection(async (conn) => {
      if (ctx.signal?.aborted)
        throw new DatabricksSqlError('OPERATION_CANCELED', 'The statement was canceled.', 'HY008', 'CANCELLED');
      ctx.onConnection?.(conn);
      const tctx = {
        dataDir: engine.dataDir,
        catalogAlias: (n: string) => engine.catalogAlias(n),
        hasVolume: (c: string, s: string, v: string) => engine.hasVolume(c, s, v),
        catalogNames: () => engine.catalogNames(),
        defaultCatalog: defaults.catalog,
        defaultSchema: defaults.schema,
        params,
      };
      const scope: StatementScope = { engine, conn, defaults, tctx };
      let open = false;
      try {
        const alias = engine.catalogAlias(defaults.catalog);
        if (!alias) {
          throw new DatabricksSqlError(
            'NO_SUCH_CATALOG_EXCEPTION',
            `Catalog '${defaults.catalog}' was not found.`,
            '42704',
          );
        }
        await conn.run(`USE ${dq(alias)}.${dq(defaults.schema)}`);
        const session = ctx.session ?? { timeZone: 'UTC' };
        await setTimeZone(conn, session.timeZone);
        if (first === 'SET') return await runSet(tokens, conn, session);
        if (!isRead && !isCatalogDdl) {
          await conn.run('BEGIN TRANSACTION');
          open = true;
        }
        const result = await dispatch(first, tokens, scope);
        if (open) await conn.run('COMMIT');
        open = false;
        return result;
      } catch (e) {
        if (open) await conn.run('ROLLBACK').catch(() => undefined);
        throw fromDuckDbError(e, (s) => engine.unalias(s));
      } finally {
        ctx.onConnection?.(undefined);
      }
    });
  return isRead ? work() : engine.exclusive(work);
}

/** Sets the connection's zone (DuckDB/ICU), failing like Databricks for a zone it does not know. */
async function setTimeZone(conn: DuckDBConnection, zone: string): Promise<void> {
  try {
    await conn.run(`SET TimeZone = ${sq(zone)}`);
  } catch {
    throw new DatabricksSqlError(
      'INVALID_CONF_VALUE.TIME_ZONE',
      `The value '${zone}' in the config "spark.sql.session.timeZone" is invalid. Cannot resolve the given timezone.`,
      '22022',
    );
  }
}

/** `SET TIME ZONE 'zone' | LOCAL` and `SET TIMEZONE = 'zone'`, for this statement's session. */
async function runSet(tokens: Token[], conn: DuckDBConnection, session: { timeZone: string }): Promise<RawResult> {
  let i = 1;
  if (isWord(tokens[1], 'TIME') && isWord(tokens[2], 'ZONE')) i = 3;
  else if (isWord(tokens[1], 'TIMEZONE')) i = isOp(tokens[2], '=') ? 3 : 2;
  else throw new DatabricksSqlError('UNSUPPORTED_FEATURE', 'Only SET TIME ZONE is emulated.', '0A000');
  const t = tokens[i];
  if (isWord(t, 'LOCAL')) session.timeZone = 'UTC';
  else if (t?.kind === 'string') session.timeZone = t.value;
  else throw syntaxError(t?.value ?? 'end of input');
  await setTimeZone(conn, session.timeZone);
  return {
    columns: [
      { name: 'key', type: VARCHAR },
      { name: 'value', type: VARCHAR },
    ],
    rows: [['spark.sql.session.timeZone', session.timeZone]],
  };
}

async function dispatch(first: string, tokens: Token[], s: StatementScope): Promise<RawResult> {
  switch (first) {
    case 'SELECT':
    case 'WITH':
    case 'VALUES':
    case 'FROM':
    case 'TABLE':
      return s.engine.read(s.conn, toDuck(tokens, s.tctx));
    case 'DESCRIBE':
    case 'DESC':
      return runDescribe(tokens, s);
    case 'SHOW':
      return isWord(tokens[1], 'GRANTS', 'GRANT') ? runShowGrants(tokens, s) : runShow(tokens, s);
    case 'CREATE':
      assertMayCreate(tokens, s);
      return runCreate(tokens, s);
    case 'ALTER':
      return runAlter(tokens, s);
    case 'COMMENT':
      return runComment(tokens, s);
    case 'DROP':
      return runDrop(tokens, s);
    case 'MERGE':
      return runMerge(tokens, s);
    case 'COPY':
      return runCopyInto(tokens, s);
    case 'INSERT': {
      if (isWord(tokens[1], 'OVERWRITE')) {
        throw new DatabricksSqlError('UNSUPPORTED_FEATURE', 'INSERT OVERWRITE is not emulated.', '0A000');
      }
      const n = await countOf(s, toDuck(tokens, s.tctx));
      return counts(['num_affected_rows', 'num_inserted_rows'], [n, n]);
    }
    case 'UPDATE':
    case 'DELETE':
      return counts(['num_affected_rows'], [await countOf(s, toDuck(tokens, s.tctx))]);
    case 'TRUNCATE':
      await s.conn.run(toDuck(tokens, s.tctx));
      return { columns: [], rows: [] };
    default:
      throw syntaxError(tokens[0].value);
  }
}

async function countOf(s: StatementScope, sql: string): Promise<bigint> {
  const r = await s.engine.read(s.conn, sql);
  return BigInt((r.rows[0]?.[0] as bigint | number | undefined) ?? 0);
}

function counts(names: string[], values: bigint[]): RawResult {
  return { columns: names.map((name) => ({ name, type: BIGINT })), rows: [values] };
}
