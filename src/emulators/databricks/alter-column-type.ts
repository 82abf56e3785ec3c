/**
 * `ALTER TABLE t ALTER COLUMN c TYPE x` as Delta allows it: only on a table with `delta.enableTypeWidening` set,
 * and only the widenings Delta can apply without rewriting data files (Databricks "Type widening",
 * https://docs.databricks.com/aws/en/tables/features/type-widening): BYTE/SHORT/INT to a wider integer, INT/SHORT/
 * BYTE → DOUBLE or DECIMAL with ≥10 integer digits, BIGINT → DECIMAL with ≥20 integer digits, FLOAT → DOUBLE,
 * DECIMAL(p,s) → DECIMAL(p+k1,s+k2) with k1 ≥ k2 ≥ 0, DATE → TIMESTAMP_NTZ. Anything else — a narrowing, a change of
 * kind (INT → STRING), or any change without the property — is refused, as Databricks refuses it.
 */

import { describeType } from './databricks-types.ts';
import type { StatementScope } from './ddl-statements.ts';
import { dq, duckType } from './duck-translate.ts';
import type { RawResult } from './sql-engine.ts';
import { DatabricksSqlError, syntaxError } from './sql-error.ts';
import type { QualifiedName } from './sql-names.ts';
import { closingParen, isOp, type Token } from './sql-tokens.ts';

const INTEGRAL_RANK: Record<string, number> = { tinyint: 1, smallint: 2, int: 3, bigint: 4 };
const DECIMAL_DIGITS: Record<string, number> = { tinyint: 3, smallint: 5, int: 10, bigint: 20 };

/** Whether Delta widens a column of type `from` to `to` in place (lower-case Databricks type texts). */
export function deltaCanWiden(from: string, to: string): boolean {
  if (from === to) return true;
  const fr = INTEGRAL_RANK[from];
  const tr = INTEGRAL_RANK[to];
  if (fr !== undefined && tr !== undefined) return tr > fr;
  if (from === 'float' && to === 'double') return true;
  if (fr !== undefined && fr <= 3 && to === 'double') return true;
  if (from === 'date' && to === 'timestamp_ntz') return true;
  const td = /^decimal\((\d+),(\d+)\)$/.exec(to);
  if (!td) return false;
  const [p2, s2] = [Number(td[1]), Number(td[2])];
  if (fr !== undefined) return p2 - s2 >= DECIMAL_DIGITS[from];
  const fd = /^decimal\((\d+),(\d+)\)$/.exec(from);
  if (!fd) return false;
  const [p1, s1] = [Number(fd[1]), Number(fd[2])];
  return p2 - p1 >= s2 - s1 && s2 - s1 >= 0;
}

/** Runs `… ALTER COLUMN <col> TYPE <type>`; `at` is the index of the column name token. */
export async function alterColumnType(
  tokens: Token[],
  at: number,
  q: QualifiedName,
  ref: string,
  columns: readonly { name: string; type: Parameters<typeof describeType>[0] }[],
  props: Record<string, string>,
  s: StatementScope,
): Promise<RawResult> {
  const col = tokens[at]?.value;
  const found = columns.find((c) => c.name.toLowerCase() === col?.toLowerCase());
  if (!found) {
    throw new DatabricksSqlError(
      'DELTA_COLUMN_NOT_FOUND_IN_SCHEMA',
      `Couldn't find column ${col} in the table schema.`,
      '42703',
    );
  }
  let i = at + 2;
  const typeTok = tokens[i++];
  if (typeTok?.kind !== 'word') throw syntaxError(typeTok?.value ?? 'end of input');
  let typeText = typeTok.value;
  if (isOp(tokens[i], '(')) {
    const close = closingParen(tokens, i);
    typeText += `(${tokens
      .slice(i + 1, close)
      .map((t) => t.value)
      .join('')})`;
    i = close + 1;
  }
  if (i < tokens.length) throw syntaxError(tokens[i].value);
  const duck = duckType(typeText);
  const from = describeType(found.type);
  const to = duckToText(duck);
  if (from === to) return { columns: [], rows: [] };
  const enabled =
    String(props['delta.enableTypeWidening'] ?? '')
      .replace(/'/g, '')
      .toLowerCase() === 'true';
  if (!enabled || !deltaCanWiden(from, to)) {
    throw new DatabricksSqlError(
      'NOT_SUPPORTED_CHANGE_COLUMN',
      `ALTER TABLE ALTER/CHANGE COLUMN is not supported for changing ${q.catalog}.${q.schema}.${q.name}'s column ${found.name} with type ${from.toUpperCase()} to ${found.name} with type ${to.toUpperCase()}.` +
        (enabled
          ? ''
          : " Enable type widening first: ALTER TABLE … SET TBLPROPERTIES ('delta.enableTypeWidening' = 'true')."),
      '0A000',
    );
  }
  await s.conn.run(`ALTER TABLE ${ref} ALTER COLUMN ${dq(found.name)} TYPE ${duck}`);
  return { columns: [], rows: [] };
}

/** DuckDB type SQL (from duckType) → the lower-case Databricks text describeType would give. */
function duckToText(duck: string): string {
  const map: Record<string, string> = {
    TIMESTAMPTZ: 'timestamp',
    TIMESTAMP: 'timestamp_ntz',
    VARCHAR: 'string',
    INTEGER: 'int',
    BIGINT: 'bigint',
    SMALLINT: 'smallint',
    TINYINT: 'tinyint',
    FLOAT: 'float',
    DOUBLE: 'double',
    BOOLEAN: 'boolean',
    DATE: 'date',
    BLOB: 'binary',
  };
  return map[duck] ?? duck.toLowerCase();
}
