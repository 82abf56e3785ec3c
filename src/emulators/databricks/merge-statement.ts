import { BIGINT } from '@duckdb/node-api';
import { duckRef, type StatementScope } from './ddl-statements.ts';
import { dq, toDuck } from './duck-translate.ts';
import type { RawResult } from './sql-engine.ts';
import { DatabricksSqlError, syntaxError } from './sql-error.ts';
import { qualify, readName } from './sql-names.ts';
import { closingParen, isOp, isWord, splitTopLevel, type Token } from './sql-tokens.ts';

interface Clause {
  kind: 'MATCHED' | 'NOT_MATCHED' | 'NOT_MATCHED_BY_SOURCE';
  condition: Token[];
  action: Token[];
}

/**
 * MERGE INTO, run on DuckDB's own MERGE after expanding `UPDATE SET *` / `INSERT *` by column name (as Delta
 * does), checking Delta's one-source-row-per-target-row rule, and counting actions like Databricks.
 */
export async function runMerge(tokens: Token[], s: StatementScope): Promise<RawResult> {
  let i = 1;
  let evolve = false;
  if (isWord(tokens[1], 'WITH') && isWord(tokens[2], 'SCHEMA') && isWord(tokens[3], 'EVOLUTION')) {
    evolve = true;
    i = 4;
  }
  if (!isWord(tokens[i], 'INTO')) throw syntaxError(tokens[i]?.value ?? 'end of input');
  const target = readName(tokens, i + 1);
  const ref = duckRef(s.engine, qualify(target.parts, s.defaults));
  i = target.next;
  let tAlias = target.parts[target.parts.length - 1];
  [tAlias, i] = readAlias(tokens, i, tAlias, 'USING');
  if (!isWord(tokens[i], 'USING')) throw syntaxError(tokens[i]?.value ?? 'end of input');
  i++;
  let srcEnd: number;
  let sAlias = '__source';
  if (isOp(tokens[i], '(')) srcEnd = closingParen(tokens, i) + 1;
  else {
    const n = readName(tokens, i);
    sAlias = n.parts[n.parts.length - 1];
    srcEnd = isOp(tokens[n.next], '(') ? closingParen(tokens, n.next) + 1 : n.next;
  }
  const source = toDuck(tokens.slice(i, srcEnd), s.tctx);
  [sAlias, i] = readAlias(tokens, srcEnd, sAlias, 'ON');
  if (!isWord(tokens[i], 'ON')) throw syntaxError(tokens[i]?.value ?? 'end of input');
  const whens = splitAtWhen(tokens.slice(i + 1));
  const on = whens.shift()!;
  if (whens.length === 0) throw syntaxError('end of input');
  const clauses = whens.map(parseClause);

  const tCols = (await s.engine.read(s.conn, `SELECT * FROM ${ref} LIMIT 0`)).columns;
  const sShape = await s.engine.read(s.conn, `SELECT * FROM ${source} AS ${dq(sAlias)} LIMIT 0`);
  const sCols = new Map(sShape.columns.map((c) => [c.name.toLowerCase(), c]));
  const tNames = new Set(tCols.map((c) => c.name.toLowerCase()));
  const usesStar = clauses.some((c) => isOp(c.action[c.action.length - 1], '*'));
  if (evolve && usesStar) {
    for (const c of sShape.columns) {
      if (tNames.has(c.name.toLowerCase())) continue;
      await s.conn.run(`ALTER TABLE ${ref} ADD COLUMN ${dq(c.name)} ${c.type.toString()}`);
      tCols.push(c);
      tNames.add(c.name.toLowerCase());
    }
  }
  const missing = (verb: string, col: string) =>
    new DatabricksSqlError(
      'DELTA_MERGE_UNRESOLVED_EXPRESSION',
      `Cannot resolve ${dq(col).replaceAll('"', '`')} in ${verb} clause given columns ${sShape.columns.map((c) => `${sAlias}.${c.name}`).join(', ')}.`,
      '42601',
    );
  const sRef = (name: string) => `${dq(sAlias)}.${dq(sCols.get(name.toLowerCase())!.name)}`;

  const parts: string[] = [];
  // Per NOT MATCHED clause: the same insert as plain SQL, when its shape is simple enough to rewrite.
  const inserts: (PlainInsert | undefined)[] = [];
  for (const c of clauses) {
    const cond = c.condition.length ? ` AND ${toDuck(c.condition, s.tctx)}` : '';
    const head =
      c.kind === 'MATCHED'
        ? 'WHEN MATCHED'
        : c.kind === 'NOT_MATCHED'
          ? 'WHEN NOT MATCHED BY TARGET'
          : 'WHEN NOT MATCHED BY SOURCE';
    let action: string;
    const a = c.action;
    if (isWord(a[0], 'DELETE') && a.length === 1) action = 'DELETE';
    else if (isWord(a[0], 'UPDATE') && isWord(a[1], 'SET')) {
      if (isOp(a[2], '*') && a.length === 3) {
        if (c.kind !== 'MATCHED') throw syntaxError('*');
        const sets = tCols.flatMap((t) => {
          if (sCols.has(t.name.toLowerCase())) return [`${dq(t.name)} = ${sRef(t.name)}`];
          if (evolve) return [];
          throw missing('UPDATE', t.name);
        });
        action = `UPDATE SET ${sets.join(', ')}`;
      } else {
        const sets = splitTopLevel(a.slice(2)).map((asg) => {
          const eq = asg.findIndex((t) => isOp(t, '='));
          if (eq < 1) throw syntaxError(asg[0]?.value ?? 'end of input');
          const col = asg[eq - 1];
          return `${dq(col.value)} = ${toDuck(asg.slice(eq + 1), s.tctx)}`;
        });
        action = `UPDATE SET ${sets.join(', ')}`;
      }
    } else if (isWord(a[0], 'INSERT')) {
      if (c.kind !== 'NOT_MATCHED') throw syntaxError('INSERT');
      if (isOp(a[1], '*') && a.length === 2) {
        const cols = tCols.flatMap((t) => {
          if (sCols.has(t.name.toLowerCase())) return [t.name];
          if (evolve) return [];
          throw missing('INSERT', t.name);
        });
        action = `INSERT (${cols.map(dq).join(', ')}) VALUES (${cols.map(sRef).join(', ')})`;
        inserts.push({ cols: cols.map(dq), values: cols.map(sRef), cond: c.condition });
      } else {
        action = `INSERT ${toDuck(a.slice(1), s.tctx)}`;
        inserts.push(plainInsert(a.slice(1), c.condition, s));
      }
    } else throw syntaxError(a[0]?.value ?? 'end of input');
    parts.push(`${head}${cond} THEN ${action}`);
  }

  const onSql = toDuck(on, s.tctx);
  const matched = clauses.filter((c) => c.kind === 'MATCHED');
  const deleteOnly =
    matched.length === 1 && matched[0].condition.length === 0 && isWord(matched[0].action[0], 'DELETE');
  if (matched.length > 0 && !deleteOnly) {
    const dup = await s.engine.read(
      s.conn,
      `SELECT 1 FROM ${ref} AS ${dq(tAlias)} JOIN ${source} AS ${dq(sAlias)} ON ${onSql} GROUP BY ${dq(tAlias)}.rowid HAVING count(*) > 1 LIMIT 1`,
    );
    if (dup.rows.length > 0) {
      throw new DatabricksSqlError(
        'DELTA_MULTIPLE_SOURCE_ROW_MATCHING_TARGET_ROW_IN_MERGE',
        'Cannot perform Merge as multiple source rows matched and attempted to modify the same target row in the Delta table in possibly conflicting ways. By SQL semantics of Merge, when multiple source rows match on the same target row, the result may be ambiguous as it is unclear which source row should be used to update or delete the matching target row. You can preprocess the source table to eliminate the possibility of multiple matches.',
        '21506',
      );
    }
  }
  const merge = `MERGE INTO ${ref} AS ${dq(tAlias)} USING ${source} AS ${dq(sAlias)} ON ${onSql} ${parts.join(' ')}`;
  const notMatched = clauses.filter((c) => c.kind === 'NOT_MATCHED').length;
  const only = notMatched === 1 && inserts.length === 1 ? inserts[0] : undefined;
  let counts: [bigint, bigint, bigint];
  if (only && (await s.engine.read(s.conn, `SELECT 1 FROM ${ref} LIMIT 1`)).rows.length === 0) {
    // An empty target (a first load) matches nothing, so the MERGE is exactly its one NOT MATCHED insert; run as
    // a plain INSERT it skips DuckDB's MERGE join and per-row action choice. EXPLAIN still binds the whole MERGE
    // so a statement that would not bind fails the same way.
    await s.engine.read(s.conn, `EXPLAIN ${merge}`);
    const where = only.cond.length ? ` WHERE ${toDuck(only.cond, s.tctx)}` : '';
    const r = await s.engine.read(
      s.conn,
      `INSERT INTO ${ref} (${only.cols.join(', ')}) SELECT ${only.values.join(', ')} FROM ${source} AS ${dq(sAlias)}${where}`,
    );
    counts = [0n, 0n, BigInt(r.rows[0][0] as bigint)];
  } else counts = await runCounted(s, ref, merge, clauses);
  const [u, d, n] = counts;
  return {
    columns: ['num_affected_rows', 'num_updated_rows', 'num_deleted_rows', 'num_inserted_rows'].map((name) => ({
      name,
      type: BIGINT,
    })),
    rows: [[u + d + n, u, d, n]],
  };
}

type Action = 'UPDATE' | 'DELETE' | 'INSERT';

/** A NOT MATCHED clause's insert as DuckDB column names and source expressions. */
interface PlainInsert {
  cols: string[];
  values: string[];
  cond: Token[];
}

/** `(c, ...) VALUES (e, ...)` as a PlainInsert; undefined for any other shape (the MERGE then runs as written). */
function plainInsert(tokens: Token[], cond: Token[], s: StatementScope): PlainInsert | undefined {
  if (!isOp(tokens[0], '(')) return undefined;
  const colsEnd = closingParen(tokens, 0);
  if (!isWord(tokens[colsEnd + 1], 'VALUES') || !isOp(tokens[colsEnd + 2], '(')) return undefined;
  const valuesEnd = closingParen(tokens, colsEnd + 2);
  if (valuesEnd !== tokens.length - 1) return undefined;
  const cols = splitTopLevel(tokens.slice(1, colsEnd));
  const values = splitTopLevel(tokens.slice(colsEnd + 3, valuesEnd));
  if (cols.length === 0 || cols.length !== values.length || cols.some((c) => c.length !== 1)) return undefined;
  return { cols: cols.map((c) => toDuck(c, s.tctx)), values: values.map((v) => toDuck(v, s.tctx)), cond };
}

/**
 * Runs the DuckDB MERGE and returns [updated, deleted, inserted]. DuckDB reports only the total, so when at most
 * two kinds of action can happen the split follows from the total and the target's row count before and after
 * (inserts add a row, deletes remove one, updates neither); otherwise each action is returned and counted, which
 * costs a result row per affected row.
 */
async function runCounted(
  s: StatementScope,
  ref: string,
  merge: string,
  clauses: Clause[],
): Promise<[bigint, bigint, bigint]> {
  const kinds = new Set<Action>(clauses.map((c) => c.action[0].value.toUpperCase() as Action));
  if (kinds.size === 3) {
    const merged = await s.engine.read(s.conn, `${merge} RETURNING merge_action`);
    const count = (k: Action) => BigInt(merged.rows.filter((r) => r[0] === k).length);
    return [count('UPDATE'), count('DELETE'), count('INSERT')];
  }
  const rows = async () => BigInt((await s.engine.read(s.conn, `SELECT count(*) FROM ${ref}`)).rows[0][0] as bigint);
  const before = kinds.size === 2 ? await rows() : 0n;
  const total = BigInt((await s.engine.read(s.conn, merge)).rows[0][0] as bigint);
  if (kinds.size === 1) {
    const [k] = kinds;
    return [k === 'UPDATE' ? total : 0n, k === 'DELETE' ? total : 0n, k === 'INSERT' ? total : 0n];
  }
  const net = (await rows()) - before; // inserted − deleted
  const both = kinds.has('INSERT') && kinds.has('DELETE');
  const inserted = kinds.has('INSERT') ? (both ? (total + net) / 2n : net) : 0n;
  const deleted = kinds.has('DELETE') ? (both ? (total - net) / 2n : -net) : 0n;
  return [total - inserted - deleted, deleted, inserted];
}

function readAlias(tokens: Token[], i: number, fallback: string, stop: string): [string, number] {
  if (isWord(tokens[i], 'AS')) {
    const t = tokens[i + 1];
    if (!t || (t.kind !== 'word' && t.kind !== 'quoted')) throw syntaxError(t?.value ?? 'end of input');
    return [t.value, i + 2];
  }
  const t = tokens[i];
  if (t && (t.kind === 'quoted' || (t.kind === 'word' && !isWord(t, stop)))) return [t.value, i + 1];
  return [fallback, i];
}

function splitAtWhen(tokens: Token[]): Token[][] {
  const out: Token[][] = [[]];
  let depth = 0;
  for (const t of tokens) {
    if (isOp(t, '(')) depth++;
    if (isOp(t, ')')) depth--;
    if (depth === 0 && isWord(t, 'WHEN') && out.length >= 1 && !inCase(out[out.length - 1])) out.push([]);
    else out[out.length - 1].push(t);
  }
  return out;
}

/** True while inside an unfinished CASE expression (its WHENs are not merge clauses). */
function inCase(tokens: Token[]): boolean {
  let open = 0;
  for (const t of tokens) {
    if (isWord(t, 'CASE')) open++;
    if (isWord(t, 'END')) open--;
  }
  return open > 0;
}

function parseClause(tokens: Token[]): Clause {
  let i = 0;
  let kind: Clause['kind'];
  if (isWord(tokens[0], 'MATCHED')) {
    kind = 'MATCHED';
    i = 1;
  } else if (isWord(tokens[0], 'NOT') && isWord(tokens[1], 'MATCHED')) {
    i = 2;
    kind = 'NOT_MATCHED';
    if (isWord(tokens[2], 'BY')) {
      if (isWord(tokens[3], 'SOURCE')) kind = 'NOT_MATCHED_BY_SOURCE';
      else if (!isWord(tokens[3], 'TARGET')) throw syntaxError(tokens[3]?.value ?? 'end of input');
      i = 4;
    }
  } else throw syntaxError(tokens[0]?.value ?? 'end of input');
  let condition: Token[] = [];
  if (isWord(tokens[i], 'AND')) {
    const then = tokens.findIndex((t, k) => k > i && isWord(t, 'THEN'));
    condition = tokens.slice(i + 1, then);
    i = then;
  }
  if (!isWord(tokens[i], 'THEN')) throw syntaxError(tokens[i]?.value ?? 'end of input');
  return { kind, condition, action: tokens.slice(i + 1) };
}
