/**
 * DuckDB temporary macros behind the Databricks functions whose semantics DuckDB has no builtin for. Installed on
 * every engine connection (temporary objects are per connection; views stored in catalog files call them by name
 * and bind on the reading connection). Macros expand at bind time, so they cost nothing per row beyond their body.
 * Wall-clock parts are taken in the connection's TimeZone setting, which is the session time zone.
 */
const MACROS: [string, string][] = [
  // An instant or date read as session-local wall time.
  ['dbx_local(x)', 'CAST(CAST(x AS TIMESTAMPTZ) AS TIMESTAMP)'],
  // java.time LocalDateTime.until(end, MONTHS), which timestampdiff uses: whole months, day and time included.
  [
    'dbx_end_date(a, b)',
    `CASE WHEN CAST(b AS DATE) > CAST(a AS DATE) AND CAST(b AS TIME) < CAST(a AS TIME) THEN CAST(b AS DATE) - 1
          WHEN CAST(b AS DATE) < CAST(a AS DATE) AND CAST(b AS TIME) > CAST(a AS TIME) THEN CAST(b AS DATE) + 1
          ELSE CAST(b AS DATE) END`,
  ],
  ['dbx_packed_day(d)', '(year(d) * 12 + month(d) - 1) * 32 + day(d)'],
  [
    'dbx_months_until(a, b)',
    'CAST((dbx_packed_day(dbx_end_date(a, b)) - dbx_packed_day(CAST(a AS DATE))) // 32 AS BIGINT)',
  ],
  ['dbx_months_diff(a, b)', 'dbx_months_until(dbx_local(a), dbx_local(b))'],
  ['dbx_micros_diff(a, b)', 'epoch_us(CAST(b AS TIMESTAMPTZ)) - epoch_us(CAST(a AS TIMESTAMPTZ))'],
  // months_between(a, b, roundOff): whole months when the days match or both are month ends, else a 31-day month.
  ['dbx_day_secs(x)', 'hour(x) * 3600 + minute(x) * 60 + microsecond(x) / 1000000.0'],
  ['dbx_round8(v, r)', 'CASE WHEN r THEN floor(v * 1e8 + 0.5) / 1e8 ELSE v END'],
  [
    'dbx_mb(x, y, r)',
    `CASE WHEN day(x) = day(y) OR (CAST(x AS DATE) = last_day(x) AND CAST(y AS DATE) = last_day(y))
          THEN CAST((year(x) - year(y)) * 12 + month(x) - month(y) AS DOUBLE)
          ELSE dbx_round8((year(x) - year(y)) * 12 + month(x) - month(y)
            + ((day(x) - day(y)) * 86400 + dbx_day_secs(x) - dbx_day_secs(y)) / 2678400.0, r) END`,
  ],
  ['dbx_months_between(a, b, r)', 'dbx_mb(dbx_local(a), dbx_local(b), r)'],
  [
    'dbx_dow_num(s)',
    `CASE upper(s) WHEN 'MO' THEN 1 WHEN 'MON' THEN 1 WHEN 'MONDAY' THEN 1 WHEN 'TU' THEN 2 WHEN 'TUE' THEN 2
       WHEN 'TUESDAY' THEN 2 WHEN 'WE' THEN 3 WHEN 'WED' THEN 3 WHEN 'WEDNESDAY' THEN 3 WHEN 'TH' THEN 4
       WHEN 'THU' THEN 4 WHEN 'THURSDAY' THEN 4 WHEN 'FR' THEN 5 WHEN 'FRI' THEN 5 WHEN 'FRIDAY' THEN 5
       WHEN 'SA' THEN 6 WHEN 'SAT' THEN 6 WHEN 'SATURDAY' THEN 6 WHEN 'SU' THEN 7 WHEN 'SUN' THEN 7
       WHEN 'SUNDAY' THEN 7 END`,
  ],
  [
    'dbx_next_day(d, s)',
    `CASE WHEN dbx_dow_num(s) IS NULL AND s IS NOT NULL
       THEN error('[ILLEGAL_DAY_OF_WEEK] Illegal input for day of week: ' || s || '. SQLSTATE: 22009')
       ELSE CAST(d AS DATE) + CAST((dbx_dow_num(s) - isodow(CAST(d AS DATE)) + 6) % 7 + 1 AS INTEGER) END`,
  ],
  // Spark substr: position 0 means 1, a negative position counts from the end, a negative length gives ''.
  [
    'dbx_substr(s, p, n)',
    `CASE WHEN n < 1 THEN '' ELSE substring(CAST(s AS VARCHAR),
       CASE WHEN p = 0 THEN 1 WHEN p < 0 THEN greatest(length(CAST(s AS VARCHAR)) + p + 1, 1) ELSE p END,
       CASE WHEN p < 0 AND length(CAST(s AS VARCHAR)) + p + 1 < 1 THEN n + length(CAST(s AS VARCHAR)) + p ELSE n END) END`,
  ],
  [
    'dbx_locate(sub, s, p)',
    `CASE WHEN p < 1 THEN 0 WHEN instr(substring(s, p), sub) = 0 THEN 0 ELSE instr(substring(s, p), sub) + p - 1 END`,
  ],
  [
    'dbx_initcap(s)',
    `array_to_string(list_transform(string_split(lower(s), ' '), lambda w: upper(w[1]) || w[2:]), ' ')`,
  ],
  [
    'dbx_nonzero(x)',
    `CASE WHEN x = 0 THEN error('[DIVIDE_BY_ZERO] Division by zero. Use \`try_divide\` to tolerate divisor being 0 and return NULL instead. If necessary set "ansi_mode" to "false" to bypass this error. SQLSTATE: 22012') ELSE x END`,
  ],
  // DuckDB type text (duckdb_columns().data_type) → Databricks DATA_TYPE / FULL_DATA_TYPE / DESCRIBE type.
  [
    'dbx_type_name(t)',
    `CASE WHEN t LIKE 'DECIMAL(%' THEN 'DECIMAL' WHEN t LIKE '%[]' THEN 'ARRAY' WHEN t LIKE 'STRUCT(%' THEN 'STRUCT'
       WHEN t LIKE 'MAP(%' THEN 'MAP' ELSE CASE t WHEN 'VARCHAR' THEN 'STRING' WHEN 'INTEGER' THEN 'INT'
       WHEN 'TIMESTAMP WITH TIME ZONE' THEN 'TIMESTAMP' WHEN 'TIMESTAMP' THEN 'TIMESTAMP_NTZ' WHEN 'BLOB' THEN 'BINARY'
       WHEN 'HUGEINT' THEN 'DECIMAL' WHEN 'UBIGINT' THEN 'DECIMAL' ELSE t END END`,
  ],
  ['dbx_full_type_1(t)', `lower(CASE WHEN t LIKE 'DECIMAL(%' THEN t ELSE dbx_type_name(t) END)`],
  [
    'dbx_full_type(t)',
    `lower(CASE WHEN t LIKE 'DECIMAL(%' THEN t WHEN t = 'HUGEINT' OR t = 'UBIGINT' THEN 'DECIMAL(38,0)'
       WHEN t LIKE '%[]' THEN 'array<' || dbx_full_type_1(t[1:-3]) || '>' ELSE dbx_type_name(t) END)`,
  ],
  // Spark's CAST(x AS STRING) of a TIMESTAMP: session-local wall time, fraction only when non-zero, no offset.
  [
    'dbx_string(x)',
    `CASE WHEN typeof(x) = 'TIMESTAMP WITH TIME ZONE'
       THEN regexp_replace(strftime(TRY_CAST(x AS TIMESTAMPTZ), '%Y-%m-%d %H:%M:%S.%f'), '\\.?0+$', '')
       ELSE CAST(x AS VARCHAR) END`,
  ],
  // ANSI CAST of a fractional number to an integral type truncates toward zero (DuckDB rounds).
  ...['TINYINT', 'SMALLINT', 'INTEGER', 'BIGINT'].map((t): [string, string] => [
    `dbx_${t.toLowerCase()}(x)`,
    `CASE WHEN typeof(x) IN ('DOUBLE', 'FLOAT') THEN CAST(trunc(TRY_CAST(x AS DOUBLE)) AS ${t})
         WHEN typeof(x) LIKE 'DECIMAL%' THEN CAST(trunc(TRY_CAST(x AS DECIMAL(38,10))) AS ${t})
         ELSE CAST(x AS ${t}) END`,
  ]),
];

/** SQL that (re)creates every macro on a connection. */
export const MACRO_SQL = MACROS.map(([sig, body]) => `CREATE OR REPLACE TEMP MACRO ${sig} AS ${body};`).join('\n');
