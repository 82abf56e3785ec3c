/** A statement failure shaped like Databricks: `[ERROR_CLASS] message` with an error_code and SQLSTATE. */
export class DatabricksSqlError extends Error {
  readonly errorClass: string;
  readonly errorCode: string;
  readonly sqlState: string;

  /** An empty class or SQLSTATE leaves that part out of the message (some API errors carry neither). */
  constructor(errorClass: string, detail: string, sqlState = '42000', errorCode = 'BAD_REQUEST') {
    super(`${errorClass ? `[${errorClass}] ` : ''}${detail}${sqlState ? ` SQLSTATE: ${sqlState}` : ''}`);
    this.errorClass = errorClass;
    this.errorCode = errorCode;
    this.sqlState = sqlState;
  }
}

/** A `[PARSE_SYNTAX_ERROR]` near the given text. */
export function syntaxError(near: string): DatabricksSqlError {
  return new DatabricksSqlError('PARSE_SYNTAX_ERROR', `Syntax error at or near '${near}'.`, '42601');
}

type Rule = [RegExp[], (m: RegExpExecArray, detail: string) => DatabricksSqlError];

const E = (cls: string, state: string, text: (m: RegExpExecArray, detail: string) => string, code?: string) =>
  ((m: RegExpExecArray, detail: string) => new DatabricksSqlError(cls, text(m, detail), state, code)) as Rule[1];

/** DuckDB message patterns → Databricks error classes, first match wins. */
const RULES: Rule[] = [
  [
    // Raised by the emulator's own SQL (error('[CLASS] text SQLSTATE: xxxxx')), e.g. DIVIDE_BY_ZERO.
    [/^Invalid Input Error: \[([A-Z_.]+)\] (.*) SQLSTATE: (\w{5})$/],
    (m) => new DatabricksSqlError(m[1], m[2], m[3]),
  ],
  [
    [/Table with name "?([^"!]+)"? does not exist/, /Catalog "([^"]+)" does not exist/],
    E(
      'TABLE_OR_VIEW_NOT_FOUND',
      '42P01',
      (m) =>
        `The table or view \`${m[1]}\` cannot be found. Verify the spelling and correctness of the schema and catalog.`,
    ),
  ],
  [
    [/Catalog with name (\S+) does not exist/],
    E('NO_SUCH_CATALOG_EXCEPTION', '42704', (m) => `Catalog '${m[1]}' was not found.`),
  ],
  [
    [/Schema with name "?([^"!]+)"? does not exist/, /No catalog \+ schema named "([^"]+)"/],
    E('SCHEMA_NOT_FOUND', '42704', (m) => `The schema \`${m[1]}\` cannot be found.`),
  ],
  [
    [/(?:Table|View) with name "?([^"!]+)"? already exists/],
    E(
      'TABLE_OR_VIEW_ALREADY_EXISTS',
      '42P07',
      (m) => `Cannot create table or view \`${m[1]}\` because it already exists.`,
    ),
  ],
  [
    [/Referenced column "([^"]+)" not found/, /column "?([^" ]+)"? (?:does not exist|not found)/i],
    E(
      'UNRESOLVED_COLUMN.WITH_SUGGESTION',
      '42703',
      (m) => `A column, variable, or function parameter with name \`${m[1]}\` cannot be resolved.`,
    ),
  ],
  [
    [/Function with name (\S+) does not exist/],
    E('UNRESOLVED_ROUTINE', '42883', (m) => `Cannot resolve routine \`${m[1]}\`.`),
  ],
  [[/has \d+ columns but \d+ values were supplied/], E('INSERT_COLUMN_ARITY_MISMATCH', '21S01', (_, d) => d)],
  [[/NOT NULL constraint failed/], E('DELTA_NOT_NULL_CONSTRAINT_VIOLATED', '23502', (_, d) => d)],
  [
    [/^Conversion Error: Could not cast value/, /^Out of Range Error/],
    E('NUMERIC_VALUE_OUT_OF_RANGE', '22003', (_, d) => d),
  ],
  [[/^Conversion Error/], E('CAST_INVALID_INPUT', '22018', (_, d) => d)],
  [[/^Parser Error(?:.*at or near "([^"]*)")?/], (m) => syntaxError(m[1] ?? 'end of input')],
  [[/^Binder Error.*type/i], E('DATATYPE_MISMATCH', '42K09', (_, d) => d)],
  [[/INTERRUPT/i], E('OPERATION_CANCELED', 'HY008', () => 'The statement was canceled.', 'CANCELLED')],
];

/** Maps a DuckDB error message onto the Databricks error class a real workspace would report. */
export function fromDuckDbError(e: unknown, unalias: (s: string) => string): DatabricksSqlError {
  if (e instanceof DatabricksSqlError) return e;
  const msg = unalias(e instanceof Error ? e.message : String(e)).split('\n')[0];
  const detail = msg.replace(/^[\w ]+ Error: /, '');
  for (const [patterns, make] of RULES) {
    for (const re of patterns) {
      const m = re.exec(msg);
      if (m) return make(m, detail);
    }
  }
  return new DatabricksSqlError('INTERNAL_ERROR', detail, 'XX000', 'INTERNAL_ERROR');
}
