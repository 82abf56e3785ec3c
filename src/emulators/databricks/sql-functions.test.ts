/**
 * Databricks SQL functions through the emulator's HTTP API. Every expected value and column name is written by
 * hand from Databricks' documentation (the examples on docs.databricks.com/sql/language-manual/functions/<name>
 * where there is one) and Spark's naming of unaliased columns — not by running the translation.
 */
import { describe, expect, it } from 'vitest';
import { useFunctionKit } from './function-test-kit.ts';

const kit = useFunctionKit();
const { check, typesOf, failure } = kit;

describe('string functions', () => {
  it('concatenates, cuts and searches 1-based', async () => {
    await check([
      ["concat('Spark', 'SQL')", 'concat(Spark, SQL)', 'SparkSQL'],
      ["concat('Spark', NULL)", 'concat(Spark, NULL)', null],
      ["'a' || 'b'", 'concat(a, b)', 'ab'],
      ["concat_ws(' ', 'Spark', 'SQL')", 'concat_ws( , Spark, SQL)', 'Spark SQL'],
      ["concat_ws(',', 'a', NULL, 'b')", 'concat_ws(,, a, NULL, b)', 'a,b'],
      ["substr('Spark SQL', 5)", 'substr(Spark SQL, 5, 2147483647)', 'k SQL'],
      ["substr('Spark SQL', -3)", 'substr(Spark SQL, -3, 2147483647)', 'SQL'],
      ["substr('Spark SQL', 5, 1)", 'substr(Spark SQL, 5, 1)', 'k'],
      ["substring('Spark SQL', 0, 2)", 'substring(Spark SQL, 0, 2)', 'Sp'],
      ["instr('SparkSQL', 'SQL')", 'instr(SparkSQL, SQL)', '6'],
      ["locate('bar', 'foobarbar')", 'locate(bar, foobarbar, 1)', '4'],
      ["locate('bar', 'foobarbar', 5)", 'locate(bar, foobarbar, 5)', '7'],
      ["left('Spark SQL', 3)", 'left(Spark SQL, 3)', 'Spa'],
      ["right('Spark SQL', 3)", 'right(Spark SQL, 3)', 'SQL'],
      ["length('Spark SQL ')", 'length(Spark SQL )', '10'],
      ["char_length('Spark SQL ')", 'char_length(Spark SQL )', '10'],
      ["position('bar' IN 'foobarbar')", 'locate(bar, foobarbar, 1)', '4'],
      ["substring('Spark SQL' FROM 5 FOR 1)", 'substring(Spark SQL, 5, 1)', 'k'],
      ["trim(BOTH 'x' FROM 'xxaxx')", 'TRIM(BOTH x FROM xxaxx)', 'a'],
      ["trim(LEADING FROM '  a ')", 'ltrim(  a )', 'a '],
    ]);
  });

  it('pads, splits, replaces and extracts with Java regular expressions', async () => {
    await check([
      ["lpad('hi', 5, '??')", 'lpad(hi, 5, ??)', '???hi'],
      ["lpad('hi', 1, '??')", 'lpad(hi, 1, ??)', 'h'],
      ["rpad('hi', 5, '??')", 'rpad(hi, 5, ??)', 'hi???'],
      ["lpad('7', 3, '0')", 'lpad(7, 3, 0)', '007'],
      ["split('oneAtwoBthreeC', '[ABC]')", 'split(oneAtwoBthreeC, [ABC], -1)', '["one","two","three",""]'],
      ["regexp_replace('100-200', '(\\\\d+)', 'num')", 'regexp_replace(100-200, (\\d+), num, 1)', 'num-num'],
      [
        "regexp_replace('2026-03-05', '(\\\\d+)-(\\\\d+)-(\\\\d+)', '$3.$2.$1')",
        'regexp_replace(2026-03-05, (\\d+)-(\\d+)-(\\d+), $3.$2.$1, 1)',
        '05.03.2026',
      ],
      ["regexp_extract('100-200', '(\\\\d+)-(\\\\d+)', 1)", 'regexp_extract(100-200, (\\d+)-(\\d+), 1)', '100'],
      ["regexp_extract('100-200', '(\\\\d+)-(\\\\d+)')", 'regexp_extract(100-200, (\\d+)-(\\d+), 1)', '100'],
    ]);
  });

  it('matches LIKE with the default escape \\, RLIKE anywhere in the text, and splits parts', async () => {
    await check([
      ["'a_b' LIKE 'a\\\\_b'", 'a_b LIKE a\\_b', 'true'],
      ["'axb' LIKE 'a\\\\_b'", 'axb LIKE a\\_b', 'false'],
      ["'ABC' ILIKE 'a%'", 'ilike(ABC, a%)', 'true'],
      ["'x%' LIKE 'x!%' ESCAPE '!'", "x% LIKE x!% ESCAPE '!'", 'true'],
      ["'foo123bar' RLIKE '[0-9]+'", 'foo123bar RLIKE [0-9]+', 'true'],
      ["'foo' REGEXP '^o'", 'foo RLIKE ^o', 'false'],
      ["split_part('a,b,c', ',', 2)", 'split_part(a,b,c, ,, 2)', 'b'],
      ["split_part('a,b,c', ',', -1)", 'split_part(a,b,c, ,, -1)', 'c'],
      ["split_part('a,b', ',', 5)", 'split_part(a,b, ,, 5)', ''],
      ["date('2026-01-05 10:00:00')", 'date(2026-01-05 10:00:00)', '2026-01-05'],
    ]);
    const r = await kit.ws.sql('SELECT current_catalog(), current_schema()', { catalog: 'main', schema: 'default' });
    expect(r.result.data_array).toEqual([['main', 'default']]);
  });

  it('changes case, trims, formats and hashes', async () => {
    await check([
      ["upper('SparkSql')", 'upper(SparkSql)', 'SPARKSQL'],
      ["lower('SparkSql')", 'lower(SparkSql)', 'sparksql'],
      ["initcap('sPark sql')", 'initcap(sPark sql)', 'Spark Sql'],
      ["trim('    SparkSQL   ')", 'trim(    SparkSQL   )', 'SparkSQL'],
      ['format_number(12332.123456, 4)', 'format_number(12332.123456, 4)', '12,332.1235'],
      ['format_number(1234567.891, 0)', 'format_number(1234567.891, 0)', '1,234,568'],
      ["sha2('Spark', 256)", 'sha2(Spark, 256)', '529bc3b07127ecb7e53a4dcf1991d9152c24537d919178022b2c42657f79a26b'],
      ["md5('Spark')", 'md5(Spark)', '8cde774d6f7333752ed72cacddb05126'],
    ]);
  });
});

const DATA = "FROM VALUES (1, 'a', 10.50), (2, 'b', 20.25), (2, NULL, NULL), (NULL, 'c', 5.00) AS t(x, s, amt)";

describe('aggregate functions', () => {
  it('counts, sums and averages with Databricks names and types', async () => {
    await check(
      [
        ['count(*)', 'count(1)', '4'],
        ['count(1)', 'count(1)', '4'],
        ['COUNT(x)', 'count(x)', '3'],
        ['count(DISTINCT x)', 'count(DISTINCT x)', '2'],
        ['sum(x)', 'sum(x)', '5'],
        ['avg(x)', 'avg(x)', '1.6666666666666667'],
        ['min(s)', 'min(s)', 'a'],
        ['max(x)', 'max(x)', '2'],
        ['sum(amt)', 'sum(amt)', '35.75'],
        ['count_if(x = 2)', 'count_if((x = 2))', '2'],
        ['bool_or(x > 1)', 'bool_or((x > 1))', 'true'],
        ['bool_and(x > 1)', 'bool_and((x > 1))', 'false'],
        ['sort_array(collect_list(x))', 'sort_array(collect_list(x), true)', '[1,2,2]'],
        ['sort_array(collect_set(s))', 'sort_array(collect_set(s), true)', '["a","b","c"]'],
        ['size(array_agg(s))', 'size(array_agg(s))', '3'],
        ['percentile(x, 0.5)', 'percentile(x, 0.5, 1)', '2.0'],
        ['percentile_approx(x, 0.5)', 'percentile_approx(x, 0.5, 10000)', '2'],
        ['round(stddev(x), 6)', 'round(stddev(x), 6)', '0.57735'],
        ['any_value(x) IS NOT NULL', '(any_value(x) IS NOT NULL)', 'true'],
      ],
      DATA,
    );
    expect(await typesOf(`SELECT count(*), sum(x), avg(x), collect_list(s) ${DATA}`)).toEqual([
      'BIGINT',
      'BIGINT',
      'DOUBLE',
      'ARRAY<STRING>',
    ]);
  });

  it('collect_list over no rows is an empty array, count is 0, sum is NULL', async () => {
    await check(
      [
        ['collect_list(x)', 'collect_list(x)', '[]'],
        ['count(*)', 'count(1)', '0'],
        ['sum(x)', 'sum(x)', null],
      ],
      `${DATA} WHERE x > 100`,
    );
  });

  it('percentile_cont / percentile_disc WITHIN GROUP interpolate and pick as documented', async () => {
    const r = await kit.ws.sql(
      'SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY x) AS c, percentile_disc(0.5) WITHIN GROUP (ORDER BY x) AS d FROM VALUES (1), (2), (4), (8) AS t(x)',
    );
    expect(r.result.data_array).toEqual([['3.0', '2']]);
  });

  it('groups with first/last and percentile per group', async () => {
    const r = await kit.ws.sql(`SELECT s IS NULL AS n, count(*) AS c, max(x) ${DATA} GROUP BY 1 ORDER BY 1`);
    expect(r.manifest.schema.columns.map((c: { name: string }) => c.name)).toEqual(['n', 'c', 'max(x)']);
    expect(r.result.data_array).toEqual([
      ['false', '3', '2'],
      ['true', '1', '2'],
    ]);
  });
});

describe('window functions', () => {
  const W = "FROM VALUES ('a', 1, 10), ('a', 2, 20), ('a', 3, 20), ('b', 1, 5) AS t(k, seq, v)";
  it('ranks, offsets and running sums per partition, named with their frames', async () => {
    const r = await kit.ws.sql(
      `SELECT k, seq, row_number() OVER (PARTITION BY k ORDER BY seq), rank() OVER (PARTITION BY k ORDER BY v),
         dense_rank() OVER (PARTITION BY k ORDER BY v), lag(v) OVER (PARTITION BY k ORDER BY seq),
         lead(v, 1, 0) OVER (PARTITION BY k ORDER BY seq), sum(v) OVER (PARTITION BY k ORDER BY seq),
         first_value(v) OVER (PARTITION BY k ORDER BY seq DESC), sum(v) OVER (PARTITION BY k) ${W} ORDER BY k, seq`,
    );
    expect(r.manifest.schema.columns.map((c: { name: string }) => c.name)).toEqual([
      'k',
      'seq',
      'row_number() OVER (PARTITION BY k ORDER BY seq ASC NULLS FIRST ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW)',
      'rank() OVER (PARTITION BY k ORDER BY v ASC NULLS FIRST ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW)',
      'dense_rank() OVER (PARTITION BY k ORDER BY v ASC NULLS FIRST ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW)',
      'lag(v, 1, NULL) OVER (PARTITION BY k ORDER BY seq ASC NULLS FIRST ROWS BETWEEN -1 FOLLOWING AND -1 FOLLOWING)',
      'lead(v, 1, 0) OVER (PARTITION BY k ORDER BY seq ASC NULLS FIRST ROWS BETWEEN 1 FOLLOWING AND 1 FOLLOWING)',
      'sum(v) OVER (PARTITION BY k ORDER BY seq ASC NULLS FIRST RANGE BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW)',
      'first_value(v) OVER (PARTITION BY k ORDER BY seq DESC NULLS LAST RANGE BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW)',
      'sum(v) OVER (PARTITION BY k ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING)',
    ]);
    expect(r.result.data_array).toEqual([
      ['a', '1', '1', '1', '1', null, '20', '10', '20', '50'],
      ['a', '2', '2', '2', '2', '10', '20', '30', '20', '50'],
      ['a', '3', '3', '2', '2', '20', '0', '50', '20', '50'],
      ['b', '1', '1', '1', '1', null, '0', '5', '5', '5'],
    ]);
  });

  it('QUALIFY keeps the newest row per key', async () => {
    const r = await kit.ws.sql(
      `SELECT k, v ${W} QUALIFY row_number() OVER (PARTITION BY k ORDER BY seq DESC) = 1 ORDER BY k`,
    );
    expect(r.result.data_array).toEqual([
      ['a', '20'],
      ['b', '5'],
    ]);
  });
});

describe('conditional functions, casts and names of expressions', () => {
  it('answers coalesce/nvl/nvl2/ifnull/if/iff/nullif/case like Databricks', async () => {
    await check([
      ['coalesce(NULL, 1, 2)', 'coalesce(NULL, 1, 2)', '1'],
      ['nvl(NULL, 2)', 'nvl(NULL, 2)', '2'],
      ['nvl2(NULL, 2, 1)', 'nvl2(NULL, 2, 1)', '1'],
      ["ifnull(NULL, 'x')", 'ifnull(NULL, x)', 'x'],
      ["if(1 < 2, 'a', 'b')", '(IF((1 < 2), a, b))', 'a'],
      ["iff(1 > 2, 'a', 'b')", '(IF((1 > 2), a, b))', 'b'],
      ['nullif(2, 2)', 'nullif(2, 2)', null],
      ["CASE WHEN 1 = 1 THEN 'y' ELSE 'n' END", 'CASE WHEN (1 = 1) THEN y ELSE n END', 'y'],
      [
        "CASE 3 WHEN 1 THEN 'one' WHEN 3 THEN 'three' END",
        'CASE WHEN (3 = 1) THEN one WHEN (3 = 3) THEN three END',
        'three',
      ],
      ['try_divide(3, 0)', 'try_divide(3, 0)', null],
      ['try_divide(3, 2)', 'try_divide(3, 2)', '1.5'],
    ]);
  });

  it('casts with ANSI semantics: integral casts truncate, strings of timestamps carry no offset', async () => {
    await check([
      ["CAST('2026-01-05' AS DATE)", 'CAST(2026-01-05 AS DATE)', '2026-01-05'],
      [
        "CAST('2026-01-05 10:00:00' AS TIMESTAMP)",
        'CAST(2026-01-05 10:00:00 AS TIMESTAMP)',
        '2026-01-05T10:00:00.000Z',
      ],
      [
        "CAST(TIMESTAMP'2026-01-05 10:00:00' AS STRING)",
        "CAST(TIMESTAMP '2026-01-05 10:00:00' AS STRING)",
        '2026-01-05 10:00:00',
      ],
      ['CAST(1.239 AS DECIMAL(5,2))', 'CAST(1.239 AS DECIMAL(5,2))', '1.24'],
      ['CAST(2.7 AS INT)', 'CAST(2.7 AS INT)', '2'],
      ['CAST(-2.7D AS BIGINT)', 'CAST(-2.7 AS BIGINT)', '-2'],
      ["CAST('42' AS INT)", 'CAST(42 AS INT)', '42'],
      ['CAST(3 AS DOUBLE)', 'CAST(3 AS DOUBLE)', '3.0'],
      ["'12'::INT", 'CAST(12 AS INT)', '12'],
      ['2.7::INT', 'CAST(2.7 AS INT)', '2'],
      ['-2.7D::BIGINT', 'CAST(-2.7 AS BIGINT)', '-2'],
      ["try_cast('abc' AS INT)", 'TRY_CAST(abc AS INT)', null],
    ]);
    const bad = await failure("SELECT CAST('abc' AS INT)");
    expect(bad.message).toMatch(/^\[CAST_INVALID_INPUT\]/);
  });

  it('names operators, literals and columns as Spark prints them', async () => {
    await check(
      [
        ['x + 1', '(x + 1)', '3'],
        ['t.x * 2 - 1', '((x * 2) - 1)', '3'],
        ['-x', '(- x)', '-2'],
        ['x IS NULL', '(x IS NULL)', 'false'],
        ['x IN (1, 2)', '(x IN (1, 2))', 'true'],
        ['x <> 3', '(NOT (x = 3))', 'true'],
        ["NOT x = 3 AND s LIKE 'a%'", '((NOT (x = 3)) AND s LIKE a%)', 'true'],
        ['1.50', '1.50', '1.50'],
        ["'text'", 'text', 'text'],
        ['NULL', 'NULL', null],
        ['true', 'true', 'true'],
        ['round(2.5)', 'round(2.5, 0)', '3'],
        ['abs(-x)', 'abs((- x))', '2'],
        ['`x`', 'x', '2'],
        ['x AS renamed', 'renamed', '2'],
        ['upper(s) shout', 'shout', 'AB'],
      ],
      "FROM VALUES (2, 'ab') AS t(x, s)",
    );
  });

  it('names the columns of a view the same way', async () => {
    await kit.ws.sql('CREATE SCHEMA IF NOT EXISTS main.names');
    const r = await kit.ws.sql(
      "CREATE OR REPLACE VIEW main.names.v AS SELECT count(*), datediff(DATE'2026-02-01', DATE'2026-01-01') FROM VALUES (1) AS t(x)",
    );
    expect(r.status.state).toBe('SUCCEEDED');
    const c = await kit.ws.sql("SELECT `count(1)`, `datediff(DATE '2026-02-01', DATE '2026-01-01')` FROM main.names.v");
    expect(c.result.data_array).toEqual([['1', '31']]);
  });
});

describe('routines Databricks does not have', () => {
  it.each([
    ["SELECT strftime(now(), '%Y')", 'strftime'],
    ['SELECT list_value(1, 2)', 'list_value'],
    ["SELECT no_such_fn('x')", 'no_such_fn'],
    ['SELECT epoch_ms(1)', 'epoch_ms'],
  ])('%s fails with UNRESOLVED_ROUTINE (42883)', async (sql, name) => {
    const f = await failure(sql);
    expect(f.sqlState).toBe('42883');
    expect(f.message).toMatch(
      new RegExp(
        `^\\[UNRESOLVED_ROUTINE\\] Cannot resolve routine \`${name}\` on search path \\[\`system\`\\.\`builtin\`, \`system\`\\.\`session\`, \`main\`\\.\`default\`\\]\\. Verify the spelling`,
      ),
    );
    expect(f.message).toMatch(/SQLSTATE: 42883$/);
  });

  it('a known function with the wrong number of arguments fails with WRONG_NUM_ARGS (42605)', async () => {
    const f = await failure("SELECT datediff(DATE'2026-01-01')");
    expect(f.sqlState).toBe('42605');
    expect(f.message).toMatch(
      /^\[WRONG_NUM_ARGS\.WITHOUT_SUGGESTION\] The `datediff` requires \[2, 3\] parameters but the actual number is 1\./,
    );
  });

  it('dividing by zero fails with DIVIDE_BY_ZERO (22012) as ANSI mode does; try_divide gives NULL', async () => {
    for (const sql of ['SELECT 1 / 0', 'SELECT x / (x - 1) FROM VALUES (1) AS t(x)', 'SELECT 5 % 0']) {
      const f = await failure(sql);
      expect(f.sqlState).toBe('22012');
      expect(f.message).toMatch(/^\[DIVIDE_BY_ZERO\] Division by zero\. Use `try_divide`/);
    }
    await check([
      ['7 / 2', '(7 / 2)', '3.5'],
      ['-6 / -2 * 3', '((-6 / -2) * 3)', '9.0'],
      ['10 / (2 + 3)', '(10 / (2 + 3))', '2.0'],
      ['try_divide(1, 0)', 'try_divide(1, 0)', null],
    ]);
  });

  it('an invalid unit fails instead of answering', async () => {
    const f = await failure("SELECT datediff(FORTNIGHT, DATE'2026-01-01', DATE'2026-02-01')");
    expect(f.message).toMatch(/^\[INVALID_PARAMETER_VALUE\.DATETIME_UNIT\]/);
  });
});

describe('select lists', () => {
  it('explode(array) gives one row per element in a column named col', async () => {
    const r = await kit.ws.sql(
      "SELECT k, explode(split(v, ',')) FROM VALUES ('a', 'x,y'), ('b', 'z') AS t(k, v) ORDER BY 1, 2",
    );
    expect(r.manifest.schema.columns.map((c: { name: string }) => c.name)).toEqual(['k', 'col']);
    expect(r.result.data_array).toEqual([
      ['a', 'x'],
      ['a', 'y'],
      ['b', 'z'],
    ]);
  });

  it('SELECT * EXCEPT (cols) drops the named columns; a set-operation EXCEPT still works', async () => {
    const r = await kit.ws.sql('SELECT * EXCEPT (b), a + c FROM VALUES (1, 2, 3) AS t(a, b, c)');
    expect(r.manifest.schema.columns.map((c: { name: string }) => c.name)).toEqual(['a', 'c', '(a + c)']);
    expect(r.result.data_array).toEqual([['1', '3', '4']]);
    const e = await kit.ws.sql('SELECT a FROM VALUES (1), (2) AS t(a) EXCEPT SELECT 2 AS a');
    expect(e.result.data_array).toEqual([['1']]);
  });
});

describe('ordering', () => {
  it('sorts NULLs first ascending and last descending, in ORDER BY and in windows, as Spark does', async () => {
    const data = 'FROM VALUES (1), (NULL), (2) AS t(x)';
    expect((await kit.ws.sql(`SELECT x ${data} ORDER BY x`)).result.data_array).toEqual([[null], ['1'], ['2']]);
    expect((await kit.ws.sql(`SELECT x ${data} ORDER BY x DESC`)).result.data_array).toEqual([['2'], ['1'], [null]]);
    const w = await kit.ws.sql(`SELECT x, row_number() OVER (ORDER BY x) AS rn ${data} ORDER BY rn`);
    expect(w.result.data_array).toEqual([
      [null, '1'],
      ['1', '2'],
      ['2', '3'],
    ]);
  });
});
