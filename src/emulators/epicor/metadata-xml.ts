/** OData v4 CSDL (`$metadata`) for a service: one EntityType per row type, an EntityContainer with the sets. */
import type { FieldDef } from './entity-schemas.ts';

export interface MetadataEntity {
  entitySet: string;
  rowType: string;
  keys: readonly string[];
  fields: readonly FieldDef[];
}

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/"/g, '&quot;');

function property(f: FieldDef): string {
  const extra = f.type === 'Edm.Decimal' ? ` Precision="${f.precision ?? 20}" Scale="${f.scale ?? 4}"` : '';
  return `<Property Name="${esc(f.name)}" Type="${f.type}"${extra} Nullable="${f.nullable}"/>`;
}

/** The CSDL document of `namespace` listing `entities`. */
export function metadataXml(namespace: string, entities: readonly MetadataEntity[]): string {
  const lines = [
    '<?xml version="1.0" encoding="utf-8"?>',
    '<edmx:Edmx Version="4.0" xmlns:edmx="http://docs.oasis-open.org/odata/ns/edmx">',
    '<edmx:DataServices>',
    `<Schema Namespace="${esc(namespace)}" xmlns="http://docs.oasis-open.org/odata/ns/edm">`,
  ];
  for (const e of entities) {
    lines.push(`<EntityType Name="${esc(e.rowType)}">`);
    lines.push(`<Key>${e.keys.map((k) => `<PropertyRef Name="${esc(k)}"/>`).join('')}</Key>`);
    for (const f of e.fields) lines.push(property(f));
    lines.push('</EntityType>');
  }
  lines.push('<EntityContainer Name="Container">');
  for (const e of entities) {
    lines.push(`<EntitySet Name="${esc(e.entitySet)}" EntityType="${esc(namespace)}.${esc(e.rowType)}"/>`);
  }
  lines.push('</EntityContainer>', '</Schema>', '</edmx:DataServices>', '</edmx:Edmx>');
  return lines.join('\n');
}
