/**
 * Reads the OData v4 CSDL Epicor serves at `$metadata` with a real XML parser (fast-xml-parser): entity types with
 * their properties and keys, and which entity type each entity set holds. Comments, CDATA and `Annotation`s are not
 * data; entities (`&#95;`, `&amp;`) are decoded; `BaseType` inheritance is followed across schemas; names qualified
 * by a schema `Alias` resolve to the namespace. The reference sheet expects row types in an `Erp.Tablesets` schema
 * and the `EntityContainer` in the service's own schema, with unrelated types beside them, so an entity set's type
 * is taken only from its container's `EntityType` attribute.
 */
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { ConnectorError } from '../../errors.ts';
import type { SourceField } from './source-field.ts';

export interface CsdlEntityType {
  /** Qualified name, e.g. `Erp.Tablesets.VendorRow`. */
  name: string;
  keys: string[];
  /** Inherited fields first (base type's order), then the type's own. */
  fields: SourceField[];
}

export interface Csdl {
  /** By qualified name (namespace and, where a schema declares one, alias). */
  entityTypes: Map<string, CsdlEntityType>;
  /** Entity set name → qualified entity type name (namespace-qualified, aliases resolved). */
  entitySets: Map<string, string>;
}

/**
 * Precision and scale given to an `Edm.Decimal` whose scale is not a number (`Scale="Variable"`, which Microsoft's
 * OData stack writes when the scale is unset) or absent: wide enough for every value Epicor stores (28 integer
 * digits, 10 places). A value with more places becomes a bad record in mapping; it is never rounded to fit.
 */
export const VARIABLE_DECIMAL_PRECISION = 38;
export const VARIABLE_DECIMAL_SCALE = 10;

type XmlNode = Record<string, unknown>;

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@',
  // `edmx:Edmx`, `edm:Schema`: the prefix a server picks carries no meaning here.
  removeNSPrefix: true,
  // Every element as an array, so one Property and many Properties read the same way.
  isArray: (_name, _path, _leaf, isAttribute) => !isAttribute,
  ignoreDeclaration: true,
  ignorePiTags: true,
  parseAttributeValue: false,
  parseTagValue: false,
  processEntities: true,
  // Numeric character references (`&#95;`, `&#x5F;`) as well as the five XML entities.
  htmlEntities: true,
});

interface RawType {
  qualified: string;
  baseType?: string;
  keys: string[];
  fields: SourceField[];
}

/** Parses a `$metadata` document; malformed XML fails with EPICOR_METADATA naming the problem. */
export function parseCsdl(xml: string): Csdl {
  const valid = XMLValidator.validate(xml);
  if (valid !== true) {
    throw new ConnectorError(
      'EPICOR_METADATA',
      `Epicor's $metadata is not well-formed XML (line ${valid.err.line}: ${valid.err.msg}).`,
    );
  }
  const doc = parser.parse(xml) as XmlNode;
  const schemas = children(doc, 'Edmx')
    .flatMap((e) => children(e, 'DataServices'))
    .flatMap((d) => children(d, 'Schema'));

  // Aliases are document-wide in CSDL: any schema may refer to a type by another schema's alias.
  const aliases = new Map<string, string>();
  for (const s of schemas) {
    const ns = attr(s, 'Namespace');
    const alias = attr(s, 'Alias');
    if (ns && alias) aliases.set(alias, ns);
  }
  const resolve = (name: string): string => {
    const dot = name.lastIndexOf('.');
    if (dot < 0) return name;
    const ns = aliases.get(name.slice(0, dot));
    return ns ? `${ns}.${name.slice(dot + 1)}` : name;
  };

  const raw = new Map<string, RawType>();
  const entitySets = new Map<string, string>();
  for (const s of schemas) {
    const ns = attr(s, 'Namespace') ?? '';
    for (const et of children(s, 'EntityType')) {
      const name = attr(et, 'Name');
      if (!name) continue;
      const base = attr(et, 'BaseType');
      raw.set(`${ns}.${name}`, {
        qualified: `${ns}.${name}`,
        baseType: base ? resolve(base) : undefined,
        keys: children(et, 'Key')
          .flatMap((k) => children(k, 'PropertyRef'))
          .map((r) => attr(r, 'Name'))
          .filter((n): n is string => n !== undefined),
        fields: children(et, 'Property').flatMap((p) => {
          const f = sourceField(p);
          return f ? [f] : [];
        }),
      });
    }
    for (const container of children(s, 'EntityContainer')) {
      for (const set of children(container, 'EntitySet')) {
        const name = attr(set, 'Name');
        const type = attr(set, 'EntityType');
        if (name && type) entitySets.set(name, resolve(type));
      }
    }
  }

  const entityTypes = new Map<string, CsdlEntityType>();
  for (const t of raw.values()) entityTypes.set(t.qualified, flatten(t, raw));
  for (const [alias, ns] of aliases) {
    for (const [qualified, t] of [...entityTypes]) {
      if (qualified.startsWith(`${ns}.`) && qualified.lastIndexOf('.') === ns.length) {
        entityTypes.set(`${alias}.${qualified.slice(ns.length + 1)}`, t);
      }
    }
  }
  return { entityTypes, entitySets };
}

/** A type with its base types' keys and fields folded in (base first); a cycle or a missing base fails clearly. */
function flatten(t: RawType, raw: ReadonlyMap<string, RawType>): CsdlEntityType {
  const chain: RawType[] = [];
  const seen = new Set<string>();
  for (let cur: RawType | undefined = t; cur; ) {
    if (seen.has(cur.qualified)) {
      throw new ConnectorError('EPICOR_METADATA', `Epicor's $metadata has a BaseType cycle at ${cur.qualified}.`);
    }
    seen.add(cur.qualified);
    chain.unshift(cur);
    if (!cur.baseType) break;
    const base = raw.get(cur.baseType);
    if (!base) {
      throw new ConnectorError(
        'EPICOR_METADATA',
        `Epicor's $metadata declares ${cur.qualified} with BaseType ${cur.baseType}, which it does not define.`,
      );
    }
    cur = base;
  }
  const fields: SourceField[] = [];
  const names = new Set<string>();
  for (const c of chain) {
    for (const f of c.fields) {
      if (names.has(f.name)) continue;
      names.add(f.name);
      fields.push(f);
    }
  }
  // CSDL: the key is declared once, on the type at the root of the chain that has one.
  const keys = chain.find((c) => c.keys.length > 0)?.keys ?? [];
  return { name: t.qualified, keys: [...keys], fields };
}

function sourceField(p: XmlNode): SourceField | undefined {
  const name = attr(p, 'Name');
  const edmType = attr(p, 'Type');
  if (!name || !edmType) return undefined;
  const field: SourceField = {
    name,
    edmType,
    precision: intOrUndefined(attr(p, 'Precision')),
    scale: intOrUndefined(attr(p, 'Scale')),
    nullable: attr(p, 'Nullable') !== 'false',
  };
  if (edmType === 'Edm.Decimal' && field.scale === undefined) {
    field.precision = VARIABLE_DECIMAL_PRECISION;
    field.scale = VARIABLE_DECIMAL_SCALE;
  }
  return field;
}

function children(node: unknown, name: string): XmlNode[] {
  if (node === null || typeof node !== 'object') return [];
  const v = (node as XmlNode)[name];
  return Array.isArray(v) ? v.filter((c): c is XmlNode => c !== null && typeof c === 'object') : [];
}

function attr(node: XmlNode, name: string): string | undefined {
  const v = node[`@${name}`];
  return typeof v === 'string' ? v.trim() : undefined;
}

function intOrUndefined(v: string | undefined): number | undefined {
  if (v === undefined || !/^\d+$/.test(v)) return undefined;
  return Number(v);
}

/**
 * The type behind an entity set, as its `EntityContainer` declares it. Only a document without any container
 * (some BAQ `$metadata`) and exactly one entity type falls back to that type.
 */
export function fieldsOfEntitySet(csdl: Csdl, entitySet: string): CsdlEntityType | undefined {
  const typeName = csdl.entitySets.get(entitySet);
  if (typeName) return csdl.entityTypes.get(typeName);
  if (csdl.entitySets.size === 0) {
    const distinct = new Set(csdl.entityTypes.values());
    if (distinct.size === 1) return [...distinct][0];
  }
  return undefined;
}
