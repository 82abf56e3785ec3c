/**
 * Databricks string, conditional, math, aggregate and window functions in DuckDB, with Databricks semantics
 * (docs.databricks.com/sql/language-manual/functions/*): `concat` is NULL when any argument is, `substr` is
 * 1-based with 0 read as 1, `collect_list` skips NULLs and gives `[]` for no rows, `percentile_approx` returns a
 * member of the data, `dayofweek` 1 = Sunday, `sum` of integers is a BIGINT.
 */
import { sq } from './duck-translate.ts';
import { type FunctionSpec, fn, notEmulated, same, stringArg } from './sql-function.ts';

const str = (x: string) => `CAST(${x} AS VARCHAR)`;
const text = (x: string) => `dbx_string(${x})`;
const nonNullList = (inner: string) => `coalesce(list_filter(${inner}, lambda v: v IS NOT NULL), [])`;
const distinct = (d: boolean) => (d ? 'DISTINCT ' : '');

/** Java regex replacement (`$1`) → RE2 (`\1`). */
function replacement(a: string, raw: string | undefined): string {
  if (raw === undefined) return a;
  return sq(raw.replaceAll('\\', '\\\\').replace(/\$(\d)/g, '\\$1'));
}

const STRING: Record<string, FunctionSpec> = {
  concat: fn(1, Infinity, (a) => `(${a.map(text).join(' || ')})`),
  concat_ws: fn(
    1,
    Infinity,
    (a) =>
      `concat_ws(${a[0]}${a
        .slice(1)
        .map((x) => `, ${x}`)
        .join('')})`,
  ),
  substr: fn(2, 3, (a) => `dbx_substr(${a[0]}, ${a[1]}, ${a[2] ?? '2147483647'})`),
  substring: fn(2, 3, (a) => `dbx_substr(${a[0]}, ${a[1]}, ${a[2] ?? '2147483647'})`),
  instr: fn(2, 2, (a) => `CAST(instr(${str(a[0])}, ${a[1]}) AS INTEGER)`),
  locate: fn(2, 3, (a) => `CAST(dbx_locate(${a[0]}, ${str(a[1])}, ${a[2] ?? '1'}) AS INTEGER)`),
  position: fn(2, 3, (a) => `CAST(dbx_locate(${a[0]}, ${str(a[1])}, ${a[2] ?? '1'}) AS INTEGER)`),
  lpad: fn(2, 3, (a) => `lpad(${str(a[0])}, ${a[1]}, ${a[2] ?? "' '"})`),
  rpad: fn(2, 3, (a) => `rpad(${str(a[0])}, ${a[1]}, ${a[2] ?? "' '"})`),
  split: fn(2, 3, (a, c) => {
    if (a.length === 3 && stringArg(c, 2) === undefined && !/^-?\d+$/.test(a[2])) throw notEmulated('split limits');
    if (a.length === 3 && Number(a[2]) > 0) throw notEmulated('split with a positive limit');
    return `regexp_split_to_array(${a[0]}, ${a[1]})`;
  }),
  regexp_replace: fn(3, 4, (a, c) => {
    if (a.length === 4 && a[3] !== '1') throw notEmulated('regexp_replace with a position');
    return `regexp_replace(${a[0]}, ${a[1]}, ${replacement(a[2], stringArg(c, 2))}, 'g')`;
  }),
  regexp_extract: fn(2, 3, (a) => `regexp_extract(${a[0]}, ${a[1]}, ${a[2] ?? '1'})`),
  regexp_like: fn(2, 2, (a) => `regexp_matches(${a[0]}, ${a[1]})`),
  rlike: fn(2, 2, (a) => `regexp_matches(${a[0]}, ${a[1]})`),
  upper: same(1),
  ucase: same(1, 1, 'upper'),
  lower: same(1),
  lcase: same(1, 1, 'lower'),
  initcap: fn(1, 1, (a) => `dbx_initcap(${a[0]})`),
  trim: same(1, 2),
  ltrim: same(1, 2),
  rtrim: same(1, 2),
  btrim: same(1, 2, 'trim'),
  length: fn(1, 1, (a) => `CAST(length(${str(a[0])}) AS INTEGER)`),
  char_length: fn(1, 1, (a) => `CAST(length(${str(a[0])}) AS INTEGER)`),
  character_length: fn(1, 1, (a) => `CAST(length(${str(a[0])}) AS INTEGER)`),
  len: fn(1, 1, (a) => `CAST(length(${str(a[0])}) AS INTEGER)`),
  left: fn(2, 2, (a) => `left(${str(a[0])}, ${a[1]})`),
  right: fn(2, 2, (a) => `right(${str(a[0])}, ${a[1]})`),
  replace: fn(2, 3, (a) => `replace(${a[0]}, ${a[1]}, ${a[2] ?? "''"})`),
  reverse: same(1),
  repeat: same(2),
  ascii: same(1),
  format_number: fn(2, 2, (a, c) => {
    const d = c.raw[1]?.length === 1 && c.raw[1][0].kind === 'number' ? Number(c.raw[1][0].value) : undefined;
    if (d === undefined) throw notEmulated('format_number with a pattern or non-literal scale');
    return `format('{:,.${d}f}', CAST(${a[0]} AS DOUBLE))`;
  }),
  sha2: fn(2, 2, (a) => {
    if (a[1] !== '256' && a[1] !== '0') throw notEmulated(`sha2 with bit length ${a[1]}`);
    return `sha256(${str(a[0])})`;
  }),
  sha: fn(1, 1, (a) => `sha1(${str(a[0])})`),
  sha1: fn(1, 1, (a) => `sha1(${str(a[0])})`),
  md5: fn(1, 1, (a) => `md5(${str(a[0])})`),
  startswith: fn(2, 2, (a) => `starts_with(${a[0]}, ${a[1]})`),
  endswith: fn(2, 2, (a) => `ends_with(${a[0]}, ${a[1]})`),
  contains: fn(2, 2, (a) => `contains(${a[0]}, ${a[1]})`),
  string: fn(1, 1, (a) => text(a[0])),
  int: fn(1, 1, (a) => `dbx_integer(${a[0]})`),
  bigint: fn(1, 1, (a) => `dbx_bigint(${a[0]})`),
  double: fn(1, 1, (a) => `CAST(${a[0]} AS DOUBLE)`),
  boolean: fn(1, 1, (a) => `CAST(${a[0]} AS BOOLEAN)`),
  split_part: fn(3, 3, (a) => `split_part(${str(a[0])}, ${a[1]}, ${a[2]})`),
  element_at: fn(2, 2, (a) => `list_extract(${a[0]}, ${a[1]})`),
  current_catalog: fn(0, 0, () => 'substr(current_database(), 3)'),
  current_schema: fn(0, 0, () => 'current_schema()'),
  current_database: fn(0, 0, () => 'current_schema()'),
};

const CONDITIONAL: Record<string, FunctionSpec> = {
  coalesce: same(1, Infinity),
  nvl: fn(2, 2, (a) => `coalesce(${a[0]}, ${a[1]})`),
  ifnull: fn(2, 2, (a) => `coalesce(${a[0]}, ${a[1]})`),
  nvl2: fn(3, 3, (a) => `CASE WHEN ${a[0]} IS NOT NULL THEN ${a[1]} ELSE ${a[2]} END`),
  if: fn(3, 3, (a) => `CASE WHEN ${a[0]} THEN ${a[1]} ELSE ${a[2]} END`),
  iff: fn(3, 3, (a) => `CASE WHEN ${a[0]} THEN ${a[1]} ELSE ${a[2]} END`),
  nullif: same(2),
  nullifzero: fn(1, 1, (a) => `nullif(${a[0]}, 0)`),
  zeroifnull: fn(1, 1, (a) => `coalesce(${a[0]}, 0)`),
  isnull: fn(1, 1, (a) => `(${a[0]} IS NULL)`),
  isnotnull: fn(1, 1, (a) => `(${a[0]} IS NOT NULL)`),
  greatest: same(2, Infinity),
  least: same(2, Infinity),
  try_divide: fn(2, 2, (a) => `CASE WHEN ${a[1]} = 0 THEN NULL ELSE ${a[0]} / ${a[1]} END`),
};

const MATH: Record<string, FunctionSpec> = {
  abs: same(1),
  round: fn(1, 2, (a) => `round(${a[0]}, ${a[1] ?? '0'})`),
  ceil: fn(1, 1, (a) => `CAST(ceil(${a[0]}) AS BIGINT)`),
  ceiling: fn(1, 1, (a) => `CAST(ceil(${a[0]}) AS BIGINT)`),
  floor: fn(1, 1, (a) => `CAST(floor(${a[0]}) AS BIGINT)`),
  sqrt: same(1),
  exp: same(1),
  ln: same(1),
  log10: same(1),
  log2: same(1),
  log: fn(1, 2, (a) => (a.length === 1 ? `ln(${a[0]})` : `(ln(${a[1]}) / ln(${a[0]}))`)),
  power: fn(2, 2, (a) => `pow(${a[0]}, ${a[1]})`),
  pow: fn(2, 2, (a) => `pow(${a[0]}, ${a[1]})`),
  mod: fn(2, 2, (a) => `(${a[0]} % ${a[1]})`),
  pmod: fn(2, 2, (a) => `(((${a[0]} % ${a[1]}) + ${a[1]}) % ${a[1]})`),
  sign: fn(1, 1, (a) => `CAST(sign(${a[0]}) AS DOUBLE)`),
  signum: fn(1, 1, (a) => `CAST(sign(${a[0]}) AS DOUBLE)`),
  pi: fn(0, 0, () => 'pi()'),
  rand: fn(0, 1, () => 'random()'),
  random: fn(0, 1, () => 'random()'),
  uuid: fn(0, 0, () => 'CAST(uuid() AS VARCHAR)'),
};

const AGGREGATE: Record<string, FunctionSpec> = {
  count: fn(1, Infinity, (a, c) => {
    if (c.distinct && a.length > 1) return `count(DISTINCT (${a.join(', ')}))`;
    return `count(${distinct(c.distinct)}${a.join(', ')})`;
  }),
  sum: fn(1, 1, (a, c) => `sum(${distinct(c.distinct)}${a[0]})`),
  avg: same(1),
  mean: same(1, 1, 'avg'),
  min: same(1),
  max: same(1),
  collect_list: { min: 1, max: 1, sql: (a) => `list(${a[0]})`, wrap: nonNullList },
  array_agg: { min: 1, max: 1, sql: (a) => `list(${a[0]})`, wrap: nonNullList },
  collect_set: { min: 1, max: 1, sql: (a) => `list(DISTINCT ${a[0]})`, wrap: nonNullList },
  any_value: fn(1, 2, (a) => `any_value(${a[0]})`),
  first: fn(1, 2, (a) => (a[1] === 'true' ? `any_value(${a[0]})` : `first(${a[0]})`)),
  first_value: fn(1, 2, (a) => (a[1] === 'true' ? `first_value(${a[0]} IGNORE NULLS)` : `first_value(${a[0]})`)),
  last: fn(1, 2, (a) => (a[1] === 'true' ? `last(${a[0]}) FILTER (WHERE ${a[0]} IS NOT NULL)` : `last(${a[0]})`)),
  last_value: fn(1, 2, (a) => (a[1] === 'true' ? `last_value(${a[0]} IGNORE NULLS)` : `last_value(${a[0]})`)),
  percentile: fn(2, 3, (a) => `quantile_cont(${a[0]}, ${a[1]})`),
  percentile_approx: fn(2, 3, (a) => `quantile_disc(${a[0]}, ${a[1]})`),
  approx_percentile: fn(2, 3, (a) => `quantile_disc(${a[0]}, ${a[1]})`),
  median: fn(1, 1, (a) => `quantile_cont(${a[0]}, 0.5)`),
  // `percentile_cont(p) WITHIN GROUP (ORDER BY x)`: DuckDB reads the same syntax.
  percentile_cont: same(1),
  percentile_disc: same(1),
  stddev: same(1, 1, 'stddev_samp'),
  std: same(1, 1, 'stddev_samp'),
  stddev_samp: same(1),
  stddev_pop: same(1),
  variance: same(1, 1, 'var_samp'),
  var_samp: same(1),
  var_pop: same(1),
  corr: same(2),
  covar_pop: same(2),
  covar_samp: same(2),
  count_if: fn(1, 1, (a) => `count_if(${a[0]})`),
  bool_or: same(1),
  bool_and: same(1),
  every: same(1, 1, 'bool_and'),
  some: same(1, 1, 'bool_or'),
  any: same(1, 1, 'bool_or'),
  max_by: same(2, 2, 'arg_max'),
  min_by: same(2, 2, 'arg_min'),
  approx_count_distinct: fn(1, 2, (a) => `approx_count_distinct(${a[0]})`),
  listagg: fn(1, 2, (a, c) => `string_agg(${distinct(c.distinct)}${a[0]}, ${a[1] ?? "''"})`),
  string_agg: fn(1, 2, (a, c) => `string_agg(${distinct(c.distinct)}${a[0]}, ${a[1] ?? "''"})`),
};

const WINDOW: Record<string, FunctionSpec> = {
  row_number: same(0),
  rank: same(0),
  dense_rank: same(0),
  percent_rank: same(0),
  cume_dist: same(0),
  ntile: same(1),
  lag: same(1, 3),
  lead: same(1, 3),
  nth_value: same(2),
};

const COLLECTION: Record<string, FunctionSpec> = {
  array: fn(0, Infinity, (a) => `[${a.join(', ')}]`),
  size: fn(1, 1, (a) => `CAST(coalesce(len(${a[0]}), -1) AS INTEGER)`),
  // In a select list (not LATERAL VIEW): one row per element, nothing for an empty or NULL array.
  explode: fn(1, 1, (a) => `unnest(${a[0]})`),
  array_contains: fn(2, 2, (a) => `list_contains(${a[0]}, ${a[1]})`),
  array_join: fn(2, 3, (a) => `array_to_string(${a[0]}, ${a[1]})`),
  array_distinct: fn(1, 1, (a) => `list_distinct(${a[0]})`),
  sort_array: fn(1, 2, (a) => `list_sort(${a[0]}${a[1] === 'false' ? ", 'DESC'" : ''})`),
};

export const COMMON_FUNCTIONS: Record<string, FunctionSpec> = {
  ...STRING,
  ...CONDITIONAL,
  ...MATH,
  ...AGGREGATE,
  ...WINDOW,
  ...COLLECTION,
};
