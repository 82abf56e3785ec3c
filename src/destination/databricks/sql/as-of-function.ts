/** Which `<table>_as_of` table function a target table gets, if any (facts always; dimensions with history). */
import type { TargetSchema } from '../../../mapping/target-schema.ts';
import { factAsOfFunctionSql, historyAsOfFunctionSql } from './history-sql.ts';
import type { SchemaRef } from './identifier.ts';

export function asOfFunctionSql(ref: SchemaRef, schema: TargetSchema, hasHistory: boolean): string | undefined {
  if (schema.kind === 'fact') return factAsOfFunctionSql(ref, schema);
  return hasHistory ? historyAsOfFunctionSql(ref, schema) : undefined;
}
