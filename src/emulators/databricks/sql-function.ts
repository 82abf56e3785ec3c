import { DatabricksSqlError } from './sql-error.ts';
import type { Token } from './sql-tokens.ts';

/** What a function translation sees of one call. */
export interface FunctionCall {
  /** Lower-case name as written. */
  name: string;
  /** Arguments as Databricks tokens (for literal arguments such as units and patterns). */
  raw: Token[][];
  distinct: boolean;
}

/** One Databricks function: its arity and how it reads in DuckDB (arguments already translated). */
export interface FunctionSpec {
  min: number;
  max: number;
  sql(args: string[], call: FunctionCall): string;
  /** Wraps the call after its `OVER (...)` clause, for aggregates that need a fix-up of their result. */
  wrap?: (inner: string) => string;
}

/** Spec helper: same name and meaning in DuckDB. */
export const same = (min: number, max = min, duckName?: string): FunctionSpec => ({
  min,
  max,
  sql: (a, c) => `${duckName ?? c.name}(${c.distinct ? 'DISTINCT ' : ''}${a.join(', ')})`,
});

/** Spec helper: a fixed translation. */
export const fn = (min: number, max: number, sql: FunctionSpec['sql']): FunctionSpec => ({ min, max, sql });

export const ts = (x: string) => `CAST(${x} AS TIMESTAMPTZ)`;
export const dt = (x: string) => `CAST(${x} AS DATE)`;
export const int = (x: string) => `CAST(${x} AS INTEGER)`;

/** The literal string value of an argument, when it is one. */
export function stringArg(call: FunctionCall, i: number): string | undefined {
  const r = call.raw[i];
  return r?.length === 1 && r[0].kind === 'string' ? r[0].value : undefined;
}

/** A bare keyword argument (`DAY` in `datediff(DAY, a, b)`), or a string literal, upper-cased. */
export function unitArg(call: FunctionCall, i: number): string | undefined {
  const r = call.raw[i];
  if (r?.length !== 1) return undefined;
  return r[0].kind === 'word' || r[0].kind === 'string' ? r[0].value.toUpperCase() : undefined;
}

/** `[UNRESOLVED_ROUTINE]` as Databricks reports an unknown function (SQLSTATE 42883). */
export function unresolvedRoutine(name: string, current?: string): DatabricksSqlError {
  const path = ['`system`.`builtin`', '`system`.`session`', ...(current ? [current] : [])].join(', ');
  return new DatabricksSqlError(
    'UNRESOLVED_ROUTINE',
    `Cannot resolve routine \`${name}\` on search path [${path}]. ` +
      `Verify the spelling of \`${name}\`, check that the routine exists, and confirm you have \`USE\` privilege ` +
      'on the catalog and schema, and EXECUTE on the routine.',
    '42883',
  );
}

/** `[WRONG_NUM_ARGS]` (SQLSTATE 42605). */
export function wrongArgs(name: string, spec: FunctionSpec, actual: number): DatabricksSqlError {
  const expected =
    spec.min === spec.max ? `${spec.min}` : spec.max === Infinity ? `>= ${spec.min}` : `[${spec.min}, ${spec.max}]`;
  return new DatabricksSqlError(
    'WRONG_NUM_ARGS.WITHOUT_SUGGESTION',
    `The \`${name}\` requires ${expected} parameters but the actual number is ${actual}.`,
    '42605',
  );
}

/** A Databricks function the emulator knows but cannot answer faithfully for these arguments. */
export function notEmulated(what: string): DatabricksSqlError {
  return new DatabricksSqlError('UNSUPPORTED_FEATURE', `The emulator does not support ${what}.`, '0A000');
}
