/**
 * Turns a row of an entity set's narrow schema into a row of its wide schema (`wideRows` switch): the narrow values
 * under their names, every other field a constant of its type ('' text, 0 numbers, false flags, null dates), which is
 * what most of a real tenant's hundreds of columns hold. Compiled once per schema pair into one object literal, so
 * wide rows share one V8 shape and a scale-1 emulator still generates quickly.
 */
import type { EntitySchema, FieldDef } from './entity-schemas.ts';
import type { Row } from './entity-store.ts';

export type Widener = (row: Row) => Row;

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;

function constantOf(f: FieldDef): string {
  switch (f.type) {
    case 'Edm.String':
      return "''";
    case 'Edm.Boolean':
      return 'false';
    case 'Edm.Int32':
    case 'Edm.Int64':
    case 'Edm.Decimal':
      return '0';
    default:
      return 'null';
  }
}

/** The widener from `narrow` rows to `wide` rows (wide must contain every narrow field). */
export function compileWidener(narrow: EntitySchema, wide: EntitySchema): Widener {
  const own = new Set(narrow.fields.map((f) => f.name));
  const props = wide.fields.map((f) => {
    if (!IDENTIFIER.test(f.name) || f.name === '__proto__') throw new Error(`unsupported field name ${f.name}`);
    return `${f.name}: ${own.has(f.name) ? `row.${f.name}` : constantOf(f)}`;
  });
  return new Function('row', `return { ${props.join(', ')} };`) as Widener;
}
