import { ConnectorError } from '../../../errors.ts';

/** The BAD_RECORD error for a value a column cannot store, naming column, type and (clipped) value. */
export function badValue(column: string, type: string, value: unknown, why: string): ConnectorError {
  const shown = typeof value === 'bigint' ? `${value}` : JSON.stringify(value);
  return new ConnectorError('BAD_RECORD', `column ${column} (${type}): ${String(shown).slice(0, 60)} ${why}`, {
    details: { column, type },
  });
}
