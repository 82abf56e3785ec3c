/**
 * Hand-built Epicor data for tests that compute expected results by hand: an emulator started with a fixture
 * holds exactly these rows (no generated data). Rows name only the fields that matter; every other field of the
 * row type gets a neutral value (empty string, 0, false, null date), so a row still has its real shape.
 */
import type { EntitySchema, FieldDef } from './entity-schemas.ts';
import type { Row } from './entity-store.ts';
import type { EpicorDatabase } from './epicor-database.ts';
import { Prng } from './prng.ts';

/** Rows per company, then per entity set. */
export type FixtureRows = Record<string, Record<string, Row[]>>;

export class EpicorFixture {
  private db: EpicorDatabase | undefined;
  private readonly guids = new Prng(0x5eed);

  constructor(private readonly initial: FixtureRows) {}

  /** Fills an empty database with the fixture's rows (called once by the database). */
  load(db: EpicorDatabase): void {
    if (this.db) throw new Error('an Epicor fixture serves one emulator');
    this.db = db;
    for (const [company, sets] of Object.entries(this.initial)) {
      for (const [entitySet, rows] of Object.entries(sets)) for (const r of rows) this.upsert(company, entitySet, r);
    }
  }

  /** Inserts a row, or updates the row with the same key (a new SysRevID either way). */
  upsert(company: string, entitySet: string, values: Row): void {
    const db = this.attached();
    const store = db.requireStore(company, entitySet);
    const own = store.schema.fieldMap.has('Company') ? { Company: company, ...values } : values;
    const full = completeRow(store.schema, own, this.guids);
    const at = store.findByKey(store.schema.keys.map((k) => full[k]));
    if (at === undefined) store.insert(full, db.counter.next());
    else {
      const { SysRowID: _keep, SysRevID: _rev, ...changes } = { ...values };
      store.update(at, changes, db.counter.next());
    }
  }

  /** Deletes the row with these key values (as Epicor deleting the record). */
  remove(company: string, entitySet: string, key: Row): void {
    const store = this.attached().requireStore(company, entitySet);
    const at = store.findByKey(store.schema.keys.map((k) => (k === 'Company' ? company : key[k])));
    if (at === undefined) throw new Error(`no ${entitySet} row with key ${JSON.stringify(key)} in ${company}`);
    store.remove(at);
  }

  private attached(): EpicorDatabase {
    if (!this.db) throw new Error('the fixture is not attached to an emulator yet');
    return this.db;
  }
}

/** A row with every schema field in schema order; a field the schema does not have is a test bug. */
function completeRow(schema: EntitySchema, values: Row, guids: Prng): Row {
  for (const k of Object.keys(values)) {
    if (!schema.fieldMap.has(k)) throw new Error(`${schema.entitySet} has no field ${k}`);
  }
  const row: Row = {};
  for (const f of schema.fields) row[f.name] = f.name in values ? values[f.name] : neutral(f, guids);
  return row;
}

function neutral(f: FieldDef, guids: Prng): unknown {
  if (f.name === 'SysRowID') return guids.guid();
  switch (f.type) {
    case 'Edm.String':
      return '';
    case 'Edm.Boolean':
      return false;
    case 'Edm.DateTimeOffset':
      return null;
    case 'Edm.Guid':
      return guids.guid();
    default:
      return 0;
  }
}
