/**
 * Identifier validation and quoting for Databricks SQL. Every name that reaches generated SQL passes through here,
 * so a hostile table, column or catalog name fails loudly instead of changing the statement.
 */
import { ConnectorError } from '../../../errors.ts';

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]{0,254}$/;

/** Throws CONFIG_INVALID unless `name` is a plain identifier (letter or _, then letters, digits or _; ≤ 255). */
export function validateIdentifier(name: string, what = 'identifier'): string {
  if (typeof name !== 'string' || !IDENTIFIER.test(name)) {
    throw new ConnectorError(
      'CONFIG_INVALID',
      `${what} ${JSON.stringify(String(name).slice(0, 80))} is not allowed: use a letter or _ followed by letters, digits or _ (at most 255 characters)`,
    );
  }
  return name;
}

/** The identifier validated and quoted with backticks: `name`. */
export function quoteIdentifier(name: string, what?: string): string {
  return `\`${validateIdentifier(name, what)}\``;
}

/** A catalog.schema.object name, each part validated and quoted. */
export function qualifiedName(catalog: string, schema: string, name: string): string {
  return `${quoteIdentifier(catalog, 'catalog')}.${quoteIdentifier(schema, 'schema')}.${quoteIdentifier(name, 'name')}`;
}

/** Where a table lives: the catalog and schema every generated statement targets. */
export interface SchemaRef {
  catalog: string;
  schema: string;
}

/** Shorthand for `qualifiedName(ref.catalog, ref.schema, name)`. */
export function tableName(ref: SchemaRef, name: string): string {
  return qualifiedName(ref.catalog, ref.schema, name);
}
