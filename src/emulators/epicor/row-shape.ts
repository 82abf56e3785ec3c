import type { EntitySchema, FieldDef } from './entity-schemas.ts';
import type { Row } from './entity-store.ts';
import type { Prng } from './prng.ts';
import { UD_STRINGS } from './reference-data.ts';
import { DATA_END, DAY_MS, dateTime, toMoney } from './values.ts';

type Shaper = (values: Row, prng: Prng) => Row;

const SHAPERS = new WeakMap<EntitySchema, Shaper>();

/**
 * Lays a bag of business values out in schema order, adds the system fields (`SysRevID` is set by the store,
 * `SysRowID` comes from the bag or the generator) and fills the company's `_c` fields. A business field missing
 * from the bag is a generator bug, so it throws.
 */
export function shapeRow(schema: EntitySchema, values: Row, prng: Prng): Row {
  let shaper = SHAPERS.get(schema);
  if (!shaper) {
    shaper = compileShaper(schema);
    SHAPERS.set(schema, shaper);
  }
  return shaper(values, prng);
}

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;

/**
 * Generates one function per schema that reads the bag by name and returns an object literal. Rows built field by
 * field with computed keys end up as slow dictionary objects in V8 (every later read, projection and
 * JSON.stringify of them is several times slower); a literal gives every row of an entity set one fast shape.
 * Field names come from our own schema table and are checked to be plain identifiers before they reach the code.
 */
function compileShaper(schema: EntitySchema): Shaper {
  const body: string[] = [];
  const props: string[] = [];
  schema.fields.forEach((f, i) => {
    if (!IDENTIFIER.test(f.name) || f.name === '__proto__') throw new Error(`unsupported field name ${f.name}`);
    body.push(`let v${i} = values.${f.name};`);
    body.push(`if (v${i} === undefined) v${i} = ${fallback(f, i)};`);
    props.push(`${f.name}: v${i}`);
  });
  body.push(`return { ${props.join(', ')} };`);
  const factory = new Function('udValue', 'fields', 'unset', `return (values, prng) => {\n${body.join('\n')}\n};`);
  const unset = (name: string): never => {
    throw new Error(`generator left ${schema.entitySet}.${name} unset`);
  };
  return factory(udValue, schema.fields, unset) as Shaper;
}

/** Code for the value of a field the bag left out (evaluated in schema order, so prng draws keep their order). */
function fallback(f: FieldDef, i: number): string {
  switch (f.name) {
    case 'SysRevID':
      return '0';
    case 'SysRowID':
      return 'prng.guid()';
    case 'RowMod':
      return "''";
    case 'BitFlag':
      return '0';
    default:
      return f.name.endsWith('_c') ? `udValue(fields[${i}].type, fields[${i}].nullable, prng)` : `unset('${f.name}')`;
  }
}

function udValue(type: string, nullable: boolean, prng: Prng): unknown {
  switch (type) {
    case 'Edm.Boolean':
      return prng.chance(0.3);
    case 'Edm.Decimal':
      return toMoney(prng.int(0, 50_000_000));
    case 'Edm.DateTimeOffset':
      return prng.chance(0.4) ? null : dateTime(DATA_END - prng.int(0, 700) * DAY_MS - prng.int(0, DAY_MS));
    default:
      if (nullable && prng.chance(0.25)) return null;
      return prng.pick(UD_STRINGS);
  }
}
