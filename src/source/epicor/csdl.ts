/**
 * A small reader for the OData v4 CSDL Epicor serves at `$metadata`: entity types with their properties and keys,
 * and which entity type each entity set holds. Only what extraction and mapping need.
 */
import type { SourceField } from './source-field.ts';

export interface CsdlEntityType {
  /** Qualified name, e.g. `Erp.BO.VendorSvc.VendorRow`. */
  name: string;
  keys: string[];
  fields: SourceField[];
}

export interface Csdl {
  entityTypes: Map<string, CsdlEntityType>;
  /** Entity set name → qualified entity type name. */
  entitySets: Map<string, string>;
}

const ENTITIES: Record<string, string> = { '&lt;': '<', '&gt;': '>', '&quot;': '"', '&apos;': "'", '&amp;': '&' };

function attributes(tag: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const m of tag.matchAll(/([\w:.]+)\s*=\s*("([^"]*)"|'([^']*)')/g)) {
    out[m[1]] = (m[3] ?? m[4]).replace(/&(lt|gt|quot|apos|amp);/g, (e) => ENTITIES[e]);
  }
  return out;
}

function intOrUndefined(v: string | undefined): number | undefined {
  if (v === undefined || !/^\d+$/.test(v)) return undefined;
  return Number(v);
}

/** Parses a `$metadata` document. */
export function parseCsdl(xml: string): Csdl {
  const entityTypes = new Map<string, CsdlEntityType>();
  const entitySets = new Map<string, string>();
  for (const schema of xml.matchAll(/<(?:\w+:)?Schema\b([^>]*)>([\s\S]*?)<\/(?:\w+:)?Schema>/g)) {
    const namespace = attributes(schema[1]).Namespace ?? '';
    const alias = attributes(schema[1]).Alias;
    const body = schema[2];
    for (const et of body.matchAll(/<(?:\w+:)?EntityType\b([^>]*?)(?:\/>|>([\s\S]*?)<\/(?:\w+:)?EntityType>)/g)) {
      const name = attributes(et[1]).Name;
      const inner = et[2] ?? '';
      const keys = [
        ...(inner.match(/<(?:\w+:)?Key>([\s\S]*?)<\/(?:\w+:)?Key>/)?.[1] ?? '').matchAll(
          /<(?:\w+:)?PropertyRef\b([^>]*)\/?>/g,
        ),
      ].map((m) => attributes(m[1]).Name);
      const fields: SourceField[] = [];
      for (const p of inner.matchAll(/<(?:\w+:)?Property\b([^>]*?)\/?>/g)) {
        const a = attributes(p[1]);
        if (!a.Name || !a.Type) continue;
        fields.push({
          name: a.Name,
          edmType: a.Type,
          precision: intOrUndefined(a.Precision),
          scale: intOrUndefined(a.Scale),
          nullable: a.Nullable !== 'false',
        });
      }
      const type: CsdlEntityType = { name: `${namespace}.${name}`, keys, fields };
      entityTypes.set(type.name, type);
      if (alias) entityTypes.set(`${alias}.${name}`, type);
    }
    for (const es of body.matchAll(/<(?:\w+:)?EntitySet\b([^>]*?)\/?>/g)) {
      const a = attributes(es[1]);
      if (a.Name && a.EntityType) entitySets.set(a.Name, a.EntityType);
    }
  }
  return { entityTypes, entitySets };
}

/** The fields of the type behind an entity set (falls back to a type named like the set when no container lists it). */
export function fieldsOfEntitySet(csdl: Csdl, entitySet: string): CsdlEntityType | undefined {
  const typeName = csdl.entitySets.get(entitySet);
  if (typeName) return csdl.entityTypes.get(typeName);
  if (csdl.entityTypes.size === 1) return [...csdl.entityTypes.values()][0];
  return undefined;
}
