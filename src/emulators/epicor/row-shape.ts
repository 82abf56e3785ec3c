import type { EntitySchema } from './entity-schemas.ts';
import type { Row } from './entity-store.ts';
import type { Prng } from './prng.ts';
import { UD_STRINGS } from './reference-data.ts';
import { DATA_END, DAY_MS, dateTime, toMoney } from './values.ts';

/**
 * Lays a bag of business values out in schema order, adds the system fields (`SysRevID` is set by the store,
 * `SysRowID` comes from the bag or the generator) and fills the company's `_c` fields. A business field missing
 * from the bag is a generator bug, so it throws.
 */
export function shapeRow(schema: EntitySchema, values: Row, prng: Prng): Row {
  const row: Row = {};
  for (const f of schema.fields) {
    const v = values[f.name];
    if (v !== undefined) {
      row[f.name] = v;
      continue;
    }
    switch (f.name) {
      case 'SysRevID':
        row[f.name] = 0;
        break;
      case 'SysRowID':
        row[f.name] = prng.guid();
        break;
      case 'RowMod':
        row[f.name] = '';
        break;
      case 'BitFlag':
        row[f.name] = 0;
        break;
      default:
        if (!f.name.endsWith('_c')) throw new Error(`generator left ${schema.entitySet}.${f.name} unset`);
        row[f.name] = udValue(f.type, f.nullable, prng);
    }
  }
  return row;
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
