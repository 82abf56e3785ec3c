import { SparkSQL } from 'dt-sql-parser/dist/parser/spark/index.js';
import { syntaxError } from './sql-error.ts';
import { isOp, isWord, renderSpark, type Token } from './sql-tokens.ts';
import { functionBody } from './table-functions.ts';

let parser: SparkSQL | undefined;

/**
 * Statement shapes already found valid. A string literal's content cannot change whether a statement parses, so
 * shapes are keyed with literals blanked: a connector's repeated MERGEs (which differ only in their staging path)
 * are parsed once. The grammar is slow on long statements (~100 ms for a wide MERGE).
 */
const validShapes = new Set<string>();
const MAX_SHAPES = 1000;

/**
 * Checks a statement against the Spark grammar of dt-sql-parser, after smoothing over that grammar's known gaps
 * (three-part DDL/DML targets, CLUSTER BY, QUALIFY, MERGE WITH SCHEMA EVOLUTION, CATALOG/VOLUME DDL).
 * COPY INTO is checked by its own parser. Throws `[PARSE_SYNTAX_ERROR]`.
 */
export function checkSyntax(tokens: Token[]): void {
  if (tokens.length === 0) throw syntaxError('end of input');
  const semi = tokens.findIndex((t) => isOp(t, ';'));
  if (semi >= 0 && semi < tokens.length - 1) throw syntaxError(tokenText(tokens[semi + 1]));
  const body = semi >= 0 ? tokens.slice(0, semi) : tokens;
  if (isWord(body[0], 'COPY')) return;
  // `COMMENT ON COLUMN` (DBR 16.1+) and `COMMENT ON CATALOG` are not in the Spark 3 grammar; runComment parses
  // every COMMENT ON statement strictly itself.
  if (isWord(body[0], 'COMMENT') && isWord(body[1], 'ON')) return;
  // SQL functions are not in the Spark 3 grammar, and their bodies (a wide column list each) cost the grammar
  // seconds apiece: table-functions.ts parses the head, and DuckDB rejects a body that does not parse.
  if (functionBody(body)) return;
  const normalised = normalise(body);
  const shape = renderSpark(normalised.map((t) => (t.kind === 'string' ? { ...t, value: '' } : t)));
  if (validShapes.has(shape)) return;
  parser ??= new SparkSQL();
  const text = renderSpark(normalised);
  const errors = parser.validate(text);
  if (errors.length === 0) {
    if (validShapes.size >= MAX_SHAPES) validShapes.clear();
    validShapes.add(shape);
  }
  if (errors.length > 0) {
    const near = /^'(.*?)' is not valid/.exec(errors[0].message)?.[1] ?? /at '(.*?)'/.exec(errors[0].message)?.[1];
    throw syntaxError(near ?? text.split(/\s+/)[0]);
  }
}

function tokenText(t: Token): string {
  return t.kind === 'string' ? `'${t.value}'` : t.value;
}

function normalise(input: Token[]): Token[] {
  let tokens = mergeMultipartNames(input);
  const first = tokens[0]?.value.toUpperCase();
  if (isWord(tokens[0], 'MERGE') && isWord(tokens[1], 'WITH') && isWord(tokens[2], 'SCHEMA')) {
    tokens = [tokens[0], ...tokens.slice(4)];
  }
  if (isWord(tokens[0], 'CREATE', 'DROP')) {
    const kindAt = isWord(tokens[1], 'EXTERNAL') ? 2 : 1;
    if (isWord(tokens[kindAt], 'CATALOG', 'VOLUME')) {
      tokens = [tokens[0], { ...tokens[kindAt], value: 'DATABASE' }, ...tokens.slice(kindAt + 1)];
      // `CREATE CATALOG c MANAGED LOCATION 'p'` reads as the database form `LOCATION 'p'`.
      tokens = tokens.filter((t, i) => !(isWord(t, 'MANAGED') && isWord(tokens[i + 1], 'LOCATION')));
    }
  }
  const out: Token[] = [];
  const havingAtDepth: boolean[] = [false];
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    if (isOp(t, '(')) havingAtDepth.push(false);
    if (isOp(t, ')')) havingAtDepth.pop();
    if ((first === 'CREATE' || first === 'ALTER') && isWord(t, 'CLUSTER') && isWord(tokens[i + 1], 'BY')) {
      // Spark 3 lacks liquid clustering: drop `CLUSTER BY (cols)` / `CLUSTER BY AUTO|NONE`.
      if (isOp(tokens[i + 2], '(')) {
        let j = i + 3;
        while (j < tokens.length && !isOp(tokens[j], ')')) j++;
        i = j;
      } else i += 2;
      // `ALTER TABLE t CLUSTER BY …` alone would leave `ALTER TABLE t`: check it as a property change instead.
      if (first === 'ALTER') {
        const at = t.pos;
        out.push(
          { kind: 'word', value: 'SET', pos: at },
          { kind: 'word', value: 'TBLPROPERTIES', pos: at },
          { kind: 'op', value: '(', pos: at },
          { kind: 'string', value: 'clustering', pos: at },
          { kind: 'op', value: '=', pos: at },
          { kind: 'string', value: 'x', pos: at },
          { kind: 'op', value: ')', pos: at },
        );
      }
      continue;
    }
    if (isWord(t, 'EXCEPT') && isOp(tokens[i - 1], '*') && isOp(tokens[i + 1], '(')) {
      // Databricks' `* EXCEPT (cols)` is missing from the Spark 3 grammar: check the star alone.
      let depth = 0;
      let j = i + 1;
      for (; j < tokens.length; j++) {
        if (isOp(tokens[j], '(')) depth++;
        else if (isOp(tokens[j], ')') && --depth === 0) break;
      }
      i = j;
      continue;
    }
    if (isOp(t, '::')) {
      // Databricks' `expr::type` cast is missing from the Spark 3 grammar: check it as `expr + type`.
      out.push({ ...t, value: '+' });
      continue;
    }
    if (isWord(t, 'HAVING')) havingAtDepth[havingAtDepth.length - 1] = true;
    if (isWord(t, 'QUALIFY')) {
      const d = havingAtDepth.length - 1;
      out.push({ ...t, value: havingAtDepth[d] ? 'AND' : 'HAVING' });
      havingAtDepth[d] = true;
      continue;
    }
    out.push(t);
  }
  return out;
}

/** `a.b.c[.d]` → `a__b.c[.d]`: the Spark 3 grammar in dt-sql-parser rejects three-part names as targets. */
function mergeMultipartNames(tokens: Token[]): Token[] {
  const out: Token[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    const ident = (x: Token | undefined) => x?.kind === 'word' || x?.kind === 'quoted';
    const prevDot = isOp(tokens[i - 1], '.');
    if (!prevDot && ident(t) && isOp(tokens[i + 1], '.') && ident(tokens[i + 2]) && isOp(tokens[i + 3], '.')) {
      if (ident(tokens[i + 4])) {
        out.push({ kind: 'quoted', value: `${t.value}__${tokens[i + 2].value}`, pos: t.pos });
        i += 2;
        continue;
      }
    }
    out.push(t);
  }
  return out;
}
