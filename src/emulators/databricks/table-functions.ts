/**
 * SQL table functions: `CREATE [OR REPLACE] FUNCTION c.s.f(p TYPE, …) RETURNS TABLE (col TYPE, …) [COMMENT '…']
 * RETURN query` (Databricks "CREATE FUNCTION (SQL and Python)", docs.databricks.com/sql/language-manual/
 * sql-ref-syntax-ddl-create-sql-function) as a DuckDB table macro in the catalog's database. The query's columns
 * take the declared names; calls are written with the function's three-part name in FROM
 * (`SELECT * FROM main.epicor.f(TIMESTAMP'2026-06-30')`). Parameter types are not enforced here: DuckDB casts
 * arguments where they are compared, as Databricks casts them on the call. Scalar SQL functions are not emulated.
 */

import type { StatementScope } from './ddl-statements.ts';
import { dq, toDuck } from './duck-translate.ts';
import type { RawResult } from './sql-engine.ts';
import { DatabricksSqlError, syntaxError } from './sql-error.ts';
import type { QualifiedName } from './sql-names.ts';
import { closingParen, isOp, isWord, splitTopLevel, type Token } from './sql-tokens.ts';

/** Runs the rest of a `CREATE FUNCTION` from the parameter list at `at`. */
export async function createTableFunction(
  tokens: Token[],
  at: number,
  q: QualifiedName,
  replace: boolean,
  ifNotExists: boolean,
  s: StatementScope,
): Promise<RawResult> {
  if (!isOp(tokens[at], '(')) throw syntaxError(tokens[at]?.value ?? 'end of input');
  const close = closingParen(tokens, at);
  const params = splitTopLevel(tokens.slice(at + 1, close)).map((p) => {
    if (p[0]?.kind !== 'word' || !p[1]) throw syntaxError(p[0]?.value ?? ')');
    return p[0].value;
  });
  let i = close + 1;
  if (!isWord(tokens[i], 'RETURNS')) throw syntaxError(tokens[i]?.value ?? 'end of input');
  if (!isWord(tokens[i + 1], 'TABLE')) {
    throw new DatabricksSqlError('UNSUPPORTED_FEATURE', 'Only SQL table functions are emulated.', '0A000');
  }
  i += 2;
  let columns: string[] = [];
  if (isOp(tokens[i], '(')) {
    const end = closingParen(tokens, i);
    columns = splitTopLevel(tokens.slice(i + 1, end)).map((c) => c[0].value);
    i = end + 1;
  }
  // Characteristics (COMMENT, DETERMINISTIC, READS SQL DATA, LANGUAGE SQL) up to the body.
  while (i < tokens.length && !isWord(tokens[i], 'RETURN')) i++;
  if (i >= tokens.length - 1) throw syntaxError('end of input');
  const body = toDuck(tokens.slice(i + 1), s.tctx);
  const alias = s.engine.catalogAlias(q.catalog)!;
  const named = columns.length > 0 ? `SELECT * FROM (${body}) AS __f(${columns.map(dq).join(', ')})` : body;
  const head = `CREATE ${replace ? 'OR REPLACE ' : ''}MACRO ${ifNotExists ? 'IF NOT EXISTS ' : ''}`;
  await s.conn.run(`${head}${dq(alias)}.${dq(q.schema)}.${dq(q.name)}(${params.map(dq).join(', ')}) AS TABLE ${named}`);
  return { columns: [], rows: [] };
}

/**
 * The body query of a `CREATE FUNCTION` statement, or undefined for any other statement (the syntax check leaves
 * these to this file and DuckDB: the Spark 3 grammar it uses predates SQL functions).
 */
export function functionBody(tokens: Token[]): Token[] | undefined {
  if (!isWord(tokens[0], 'CREATE')) return undefined;
  let i = 1;
  if (isWord(tokens[i], 'OR') && isWord(tokens[i + 1], 'REPLACE')) i += 2;
  if (isWord(tokens[i], 'TEMP', 'TEMPORARY')) i++;
  if (!isWord(tokens[i], 'FUNCTION')) return undefined;
  let depth = 0;
  for (let j = i + 1; j < tokens.length; j++) {
    if (isOp(tokens[j], '(')) depth++;
    else if (isOp(tokens[j], ')')) depth--;
    else if (depth === 0 && isWord(tokens[j], 'RETURN')) return tokens.slice(j + 1);
  }
  throw syntaxError('end of input');
}
