/**
 * Schema drift of one company's entity set (the fit rule for `schemaChanges`): a tenant admin adds a UD field
 * (`…_c`), an upgrade drops or retypes a field. Real Kinetic changes `$metadata` and the rows together; so does this
 * switch — the metadata lists the drifted fields, rows carry added fields, lose removed ones and send retyped ones
 * in their new form. Rows and revisions stay as they are (Epicor does not touch SysRevID for a schema change).
 */
import type { EdmType, EntitySchema, FieldDef } from './entity-schemas.ts';
import type { Row } from './entity-store.ts';

export interface DriftField {
  name: string;
  type: EdmType;
  precision?: number;
  scale?: number;
}

export interface SchemaDrift {
  /** New fields, after the existing ones; `value` gives each row's value (default null). */
  add?: (DriftField & { value?: (row: Row) => unknown })[];
  /** Fields no longer in metadata or rows. */
  remove?: string[];
  /** Fields with a new Edm type; `convert` turns the stored value into the new form (default: unchanged). */
  retype?: (DriftField & { convert?: (value: unknown) => unknown })[];
}

/** The entity schema as `$metadata` shows it under `drift`. */
export function driftedSchema(schema: EntitySchema, drift: SchemaDrift | undefined): EntitySchema {
  if (!drift) return schema;
  const removed = new Set(drift.remove ?? []);
  const retyped = new Map((drift.retype ?? []).map((r) => [r.name, r]));
  const fields: FieldDef[] = schema.fields
    .filter((f) => !removed.has(f.name))
    .map((f) => {
      const r = retyped.get(f.name);
      return r ? { name: f.name, nullable: f.nullable, type: r.type, precision: r.precision, scale: r.scale } : f;
    });
  for (const a of drift.add ?? []) {
    fields.push({ name: a.name, type: a.type, nullable: true, precision: a.precision, scale: a.scale });
  }
  return { ...schema, fields, fieldMap: new Map(fields.map((f) => [f.name, f])) };
}

/** A row as served under `drift` (a copy; the stored row is untouched). */
export function driftedRow(row: Row, drift: SchemaDrift | undefined): Row {
  if (!drift) return row;
  const out: Row = { ...row };
  for (const name of drift.remove ?? []) delete out[name];
  for (const r of drift.retype ?? []) if (r.name in out && r.convert) out[r.name] = r.convert(out[r.name]);
  for (const a of drift.add ?? []) out[a.name] = a.value ? a.value(row) : null;
  return out;
}
