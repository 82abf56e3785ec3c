/** A statement failure shaped like Databricks: `[ERROR_CLASS] message` with an error_code and SQLSTATE. */
export class DatabricksSqlError extends Error {
  readonly errorClass: string;
  readonly errorCode: string;
  readonly sqlState: string;

  constructor(errorClass: string, detail: string, sqlState = '42000', errorCode = 'BAD_REQUEST') {
    super(`[${errorClass}] ${detail} SQLSTATE: ${sqlState}`);
    this.errorClass = errorClass;
    this.errorCode = errorCode;
    this.sqlState = sqlState;
  }
}

/** A `[PARSE_SYNTAX_ERROR]` near the given text. */
export function syntaxError(near: string): DatabricksSqlError {
  return new DatabricksSqlError('PARSE_SYNTAX_ERROR', `Syntax error at or near '${near}'.`, '42601');
}

/** Maps a DuckDB error message onto the Databricks error class a real workspace would report. */
export function fromDuckDbError(e: unknown, unalias: (s: string) => string): DatabricksSqlError {
  if (e instanceof DatabricksSqlError) return e;
  const raw = unalias(e instanceof Error ? e.message : String(e));
  const msg = raw.split('\n')[0];
  let m: RegExpExecArray | null;
  if (
    (m = /Table with name "?([^"!]+)"? does not exist/.exec(msg)) ||
    (m = /Catalog "([^"]+)" does not exist/.exec(msg))
  ) {
    return new DatabricksSqlError(
      'TABLE_OR_VIEW_NOT_FOUND',
      `The table or view \`${m[1]}\` cannot be found. Verify the spelling and correctness of the schema and catalog.`,
      '42P01',
    );
  }
  if ((m = /Catalog with name (\S+) does not exist/.exec(msg))) {
    return new DatabricksSqlError('NO_SUCH_CATALOG_EXCEPTION', `Catalog '${m[1]}' was not found.`, '42704');
  }
  if (
    (m = /Schema with name "?([^"!]+)"? does not exist/.exec(msg)) ||
    (m = /No catalog \+ schema named "([^"]+)"/.exec(msg))
  ) {
    return new DatabricksSqlError('SCHEMA_NOT_FOUND', `The schema \`${m[1]}\` cannot be found.`, '42704');
  }
  if ((m = /(?:Table|View) with name "?([^"!]+)"? already exists/.exec(msg))) {
    return new DatabricksSqlError(
      'TABLE_OR_VIEW_ALREADY_EXISTS',
      `Cannot create table or view \`${m[1]}\` because it already exists.`,
      '42P07',
    );
  }
  if (
    (m = /Referenced column "([^"]+)" not found/.exec(msg)) ||
    (m = /column "?([^" ]+)"? (?:does not exist|not found)/i.exec(msg))
  ) {
    return new DatabricksSqlError(
      'UNRESOLVED_COLUMN.WITH_SUGGESTION',
      `A column, variable, or function parameter with name \`${m[1]}\` cannot be resolved.`,
      '42703',
    );
  }
  if ((m = /Function with name (\S+) does not exist/.exec(msg))) {
    return new DatabricksSqlError('UNRESOLVED_ROUTINE', `Cannot resolve routine \`${m[1]}\`.`, '42883');
  }
  if (/has \d+ columns but \d+ values were supplied/.test(msg)) {
    return new DatabricksSqlError('INSERT_COLUMN_ARITY_MISMATCH', msg.replace(/^\w+ Error: /, ''), '21S01');
  }
  if (/NOT NULL constraint failed/.test(msg)) {
    return new DatabricksSqlError('DELTA_NOT_NULL_CONSTRAINT_VIOLATED', msg.replace(/^\w+ Error: /, ''), '23502');
  }
  if (/^Conversion Error: Could not cast value/.test(msg) || /^Out of Range Error/.test(msg)) {
    return new DatabricksSqlError('NUMERIC_VALUE_OUT_OF_RANGE', msg.replace(/^[\w ]+ Error: /, ''), '22003');
  }
  if (/^Conversion Error/.test(msg)) {
    return new DatabricksSqlError('CAST_INVALID_INPUT', msg.replace(/^\w+ Error: /, ''), '22018');
  }
  if (/^Parser Error/.test(msg)) {
    const near = /at or near "([^"]*)"/.exec(msg)?.[1] ?? 'end of input';
    return syntaxError(near);
  }
  if (/^Binder Error/.test(msg) && /type/i.test(msg)) {
    return new DatabricksSqlError('DATATYPE_MISMATCH', msg.replace(/^\w+ Error: /, ''), '42K09');
  }
  if (/INTERRUPT/i.test(msg)) {
    return new DatabricksSqlError('OPERATION_CANCELED', 'The statement was canceled.', 'HY008', 'CANCELLED');
  }
  return new DatabricksSqlError('INTERNAL_ERROR', msg, 'XX000', 'INTERNAL_ERROR');
}
