import { describe, expect, it } from 'vitest';
import { fieldsOfEntitySet, parseCsdl } from './csdl.ts';
import { parseJsonLossless } from './lossless-json.ts';

const XML = `<?xml version="1.0" encoding="utf-8"?>
<edmx:Edmx Version="4.0" xmlns:edmx="http://docs.oasis-open.org/odata/ns/edmx">
  <edmx:DataServices>
    <Schema Namespace="Erp.BO.VendorSvc" xmlns="http://docs.oasis-open.org/odata/ns/edm">
      <EntityType Name="VendorRow">
        <Key><PropertyRef Name="Company"/><PropertyRef Name="VendorNum"/></Key>
        <Property Name="Company" Type="Edm.String" Nullable="false"/>
        <Property Name="VendorNum" Type="Edm.Int32" Nullable="false"/>
        <Property Type="Edm.Decimal" Name="CreditLimit" Precision="20" Scale="4"/>
        <Property Name="SysRevID" Type="Edm.Int64" Nullable="false"/>
        <Property Name="Rating_c" Type="Edm.String"/>
      </EntityType>
      <EntityContainer Name="Container">
        <EntitySet Name="Vendors" EntityType="Erp.BO.VendorSvc.VendorRow"/>
      </EntityContainer>
    </Schema>
  </edmx:DataServices>
</edmx:Edmx>`;

const EDMX = (schemas: string) => `<?xml version="1.0" encoding="utf-8"?>
<edmx:Edmx Version="4.0" xmlns:edmx="http://docs.oasis-open.org/odata/ns/edmx">
  <edmx:DataServices>${schemas}</edmx:DataServices>
</edmx:Edmx>`;

const CONTAINER = (set: string, type: string) =>
  `<EntityContainer Name="Container"><EntitySet Name="${set}" EntityType="${type}"/></EntityContainer>`;

/** Field name → "Edm.Type(p,s)" for compact expectations. */
function shape(xml: string, set = 'Vendors'): { keys: string[]; fields: string[] } {
  const type = fieldsOfEntitySet(parseCsdl(xml), set);
  if (!type) throw new Error(`no type for ${set}`);
  return {
    keys: type.keys,
    fields: type.fields.map(
      (f) => `${f.name}:${f.edmType}${f.precision !== undefined ? `(${f.precision},${f.scale})` : ''}`,
    ),
  };
}

const simple = (body: string, extraSchemas = '') =>
  EDMX(`<Schema Namespace="Erp.BO.VendorSvc" xmlns="http://docs.oasis-open.org/odata/ns/edm">
    <EntityType Name="VendorRow"><Key><PropertyRef Name="Company"/></Key>${body}</EntityType>
    ${CONTAINER('Vendors', 'Erp.BO.VendorSvc.VendorRow')}</Schema>${extraSchemas}`);

describe('parseCsdl', () => {
  it('reads entity types, keys, property facets and entity sets', () => {
    const type = fieldsOfEntitySet(parseCsdl(XML), 'Vendors')!;
    expect(type.keys).toEqual(['Company', 'VendorNum']);
    expect(type.fields).toEqual([
      { name: 'Company', edmType: 'Edm.String', nullable: false, precision: undefined, scale: undefined },
      { name: 'VendorNum', edmType: 'Edm.Int32', nullable: false, precision: undefined, scale: undefined },
      { name: 'CreditLimit', edmType: 'Edm.Decimal', nullable: true, precision: 20, scale: 4 },
      { name: 'SysRevID', edmType: 'Edm.Int64', nullable: false, precision: undefined, scale: undefined },
      { name: 'Rating_c', edmType: 'Edm.String', nullable: true, precision: undefined, scale: undefined },
    ]);
  });

  it('ignores a Property inside a comment', () => {
    const xml = simple(`<Property Name="Company" Type="Edm.String"/>
      <!-- <Property Name="Ghost" Type="Edm.String"/> -->
      <!-- multi
           line <Property Name="Ghost2" Type="Edm.Int32"/> -->
      <Property Name="Name" Type="Edm.String"/>`);
    expect(shape(xml).fields).toEqual(['Company:Edm.String', 'Name:Edm.String']);
  });

  it('reads a type whose closing tags carry whitespace (</EntityType >)', () => {
    const xml = EDMX(`<Schema Namespace="S" xmlns="http://docs.oasis-open.org/odata/ns/edm" >
      <EntityType Name="VendorRow" ><Key ><PropertyRef Name="Company" /></Key >
      <Property Name="Company" Type="Edm.String" ></Property >
      <Property Name="VendorNum" Type="Edm.Int32" /></EntityType >
      <EntityContainer Name="C"><EntitySet Name="Vendors" EntityType="S.VendorRow"></EntitySet ></EntityContainer >
      </Schema >`);
    expect(shape(xml)).toEqual({ keys: ['Company'], fields: ['Company:Edm.String', 'VendorNum:Edm.Int32'] });
  });

  it('folds BaseType inheritance in, base fields and key first, across schemas', () => {
    const xml = EDMX(`
      <Schema Namespace="Ice" xmlns="http://docs.oasis-open.org/odata/ns/edm">
        <EntityType Name="IceRow" Abstract="true">
          <Property Name="SysRevID" Type="Edm.Int64" Nullable="false"/>
          <Property Name="SysRowID" Type="Edm.Guid"/>
        </EntityType>
      </Schema>
      <Schema Namespace="Erp.Tablesets" xmlns="http://docs.oasis-open.org/odata/ns/edm">
        <EntityType Name="VendorBase" BaseType="Ice.IceRow">
          <Key><PropertyRef Name="Company"/><PropertyRef Name="VendorNum"/></Key>
          <Property Name="Company" Type="Edm.String"/><Property Name="VendorNum" Type="Edm.Int32"/>
        </EntityType>
        <EntityType Name="VendorRow" BaseType="Erp.Tablesets.VendorBase">
          <Property Name="Name" Type="Edm.String"/>
        </EntityType>
      </Schema>
      <Schema Namespace="Erp.BO.VendorSvc" xmlns="http://docs.oasis-open.org/odata/ns/edm">
        ${CONTAINER('Vendors', 'Erp.Tablesets.VendorRow')}
      </Schema>`);
    expect(shape(xml)).toEqual({
      keys: ['Company', 'VendorNum'],
      fields: [
        'SysRevID:Edm.Int64',
        'SysRowID:Edm.Guid',
        'Company:Edm.String',
        'VendorNum:Edm.Int32',
        'Name:Edm.String',
      ],
    });
  });

  it('decodes character references and entities in names', () => {
    const xml = simple(`<Property Name="Company" Type="Edm.String"/>
      <Property Name="Rating&#95;c" Type="Edm.String"/><Property Name="Size&#x5F;c" Type="Edm.Int32"/>`);
    expect(shape(xml).fields).toEqual(['Company:Edm.String', 'Rating_c:Edm.String', 'Size_c:Edm.Int32']);
  });

  it('gives Scale="Variable" decimals a type that holds every value (38,10), also with a precision', () => {
    const xml = simple(`<Property Name="Company" Type="Edm.String"/>
      <Property Name="Rate" Type="Edm.Decimal" Scale="Variable"/>
      <Property Name="Qty" Type="Edm.Decimal" Precision="18" Scale="Variable"/>
      <Property Name="Amt" Type="Edm.Decimal" Precision="20" Scale="4"/>`);
    expect(shape(xml).fields).toEqual([
      'Company:Edm.String',
      'Rate:Edm.Decimal(38,10)',
      'Qty:Edm.Decimal(38,10)',
      'Amt:Edm.Decimal(20,4)',
    ]);
  });

  it('gives decimals without facets the same wide type (never a guessed 4 places)', () => {
    const xml = simple(
      `<Property Name="Company" Type="Edm.String"/><Property Name="Rate" Type="Edm.Decimal" Nullable="false"/>`,
    );
    const type = fieldsOfEntitySet(parseCsdl(xml), 'Vendors')!;
    expect(type.fields[1]).toEqual({ name: 'Rate', edmType: 'Edm.Decimal', precision: 38, scale: 10, nullable: false });
  });

  it('resolves namespace aliases in EntityType, BaseType and the set', () => {
    const xml = EDMX(`
      <Schema Namespace="Erp.Tablesets" Alias="T" xmlns="http://docs.oasis-open.org/odata/ns/edm">
        <EntityType Name="Base"><Key><PropertyRef Name="Company"/></Key><Property Name="Company" Type="Edm.String"/></EntityType>
        <EntityType Name="VendorRow" BaseType="T.Base"><Property Name="VendorNum" Type="Edm.Int32"/></EntityType>
      </Schema>
      <Schema Namespace="Erp.BO.VendorSvc" Alias="Self" xmlns="http://docs.oasis-open.org/odata/ns/edm">
        ${CONTAINER('Vendors', 'T.VendorRow')}
      </Schema>`);
    const csdl = parseCsdl(xml);
    expect(csdl.entitySets.get('Vendors')).toBe('Erp.Tablesets.VendorRow');
    expect(csdl.entityTypes.get('T.VendorRow')).toBe(csdl.entityTypes.get('Erp.Tablesets.VendorRow'));
    expect(shape(xml)).toEqual({ keys: ['Company'], fields: ['Company:Edm.String', 'VendorNum:Edm.Int32'] });
  });

  it('takes the type the container names, not a decoy beside it or a type named like the set', () => {
    const xml = EDMX(`
      <Schema Namespace="Erp.Tablesets" xmlns="http://docs.oasis-open.org/odata/ns/edm">
        <EntityType Name="VendorListRow"><Key><PropertyRef Name="VendorNum"/></Key>
          <Property Name="VendorNum" Type="Edm.Int32"/><Property Name="Decoy" Type="Edm.String"/></EntityType>
        <EntityType Name="VendorRow"><Key><PropertyRef Name="Company"/></Key>
          <Property Name="Company" Type="Edm.String"/></EntityType>
        <EntityType Name="Vendors"><Property Name="Wrong" Type="Edm.String"/></EntityType>
      </Schema>
      <Schema Namespace="Erp.BO.VendorSvc" xmlns="http://docs.oasis-open.org/odata/ns/edm">
        <EntityContainer Name="C">
          <EntitySet Name="VendorList" EntityType="Erp.Tablesets.VendorListRow"/>
          <EntitySet Name="Vendors" EntityType="Erp.Tablesets.VendorRow"/>
        </EntityContainer>
      </Schema>`);
    expect(shape(xml)).toEqual({ keys: ['Company'], fields: ['Company:Edm.String'] });
    expect(fieldsOfEntitySet(parseCsdl(xml), 'Nope')).toBeUndefined();
  });

  it('treats CDATA as text, not markup', () => {
    const xml = simple(`<Property Name="Company" Type="Edm.String"/>
      <Documentation><![CDATA[<Property Name="Ghost" Type="Edm.String"/>]]></Documentation>
      <Property Name="Name" Type="Edm.String"><![CDATA[ <Property Name="Ghost2" Type="Edm.String"/> ]]></Property>`);
    expect(shape(xml).fields).toEqual(['Company:Edm.String', 'Name:Edm.String']);
  });

  it('skips Annotation children (and annotations naming properties)', () => {
    const xml = simple(`<Annotation Term="Core.Description" String="Vendor"/>
      <Property Name="Company" Type="Edm.String" Nullable="false">
        <Annotation Term="Core.Description"><String>&lt;Property Name="Ghost"/&gt;</String></Annotation>
      </Property>
      <Annotations Target="X"><Annotation Term="Y" Path="Z"/></Annotations>
      <NavigationProperty Name="Lines" Type="Collection(Erp.Tablesets.VendorRow)"/>
      <Property Name="Name" Type="Edm.String"/>`);
    expect(shape(xml).fields).toEqual(['Company:Edm.String', 'Name:Edm.String']);
  });

  it('reads types spread over several schemas with the container in the service schema', () => {
    const xml = EDMX(`
      <Schema Namespace="Erp.Tablesets" xmlns="http://docs.oasis-open.org/odata/ns/edm">
        <EntityType Name="PODetailRow"><Key><PropertyRef Name="PONUM"/></Key><Property Name="PONUM" Type="Edm.Int32"/></EntityType>
      </Schema>
      <Schema Namespace="Ice.Tablesets" xmlns="http://docs.oasis-open.org/odata/ns/edm">
        <EntityType Name="VendorRow"><Property Name="IceDecoy" Type="Edm.String"/></EntityType>
      </Schema>
      <Schema Namespace="Erp.Tablesets2" xmlns="http://docs.oasis-open.org/odata/ns/edm">
        <EntityType Name="VendorRow"><Key><PropertyRef Name="Company"/></Key><Property Name="Company" Type="Edm.String"/></EntityType>
      </Schema>
      <Schema Namespace="Erp.BO.POSvc" xmlns="http://docs.oasis-open.org/odata/ns/edm">
        <EntityContainer Name="C">
          <EntitySet Name="Vendors" EntityType="Erp.Tablesets2.VendorRow"/>
          <EntitySet Name="PODetails" EntityType="Erp.Tablesets.PODetailRow"/>
        </EntityContainer>
      </Schema>`);
    expect(shape(xml)).toEqual({ keys: ['Company'], fields: ['Company:Edm.String'] });
    expect(shape(xml, 'PODetails')).toEqual({ keys: ['PONUM'], fields: ['PONUM:Edm.Int32'] });
  });

  it('reads any namespace prefix on the CSDL elements', () => {
    const xml = `<?xml version="1.0"?><edmx:Edmx Version="4.0" xmlns:edmx="http://docs.oasis-open.org/odata/ns/edmx"
      xmlns:edm="http://docs.oasis-open.org/odata/ns/edm"><edmx:DataServices><edm:Schema Namespace="S">
      <edm:EntityType Name="VendorRow"><edm:Key><edm:PropertyRef Name="Company"/></edm:Key>
      <edm:Property Name="Company" Type="Edm.String"/></edm:EntityType>
      <edm:EntityContainer Name="C"><edm:EntitySet Name="Vendors" EntityType="S.VendorRow"/></edm:EntityContainer>
      </edm:Schema></edmx:DataServices></edmx:Edmx>`;
    expect(shape(xml)).toEqual({ keys: ['Company'], fields: ['Company:Edm.String'] });
  });

  it('fails clearly on malformed XML and on a BaseType it does not define', () => {
    expect(() => parseCsdl('<edmx:Edmx><Schema></edmx:Edmx>')).toThrow(/not well-formed XML/);
    const xml = simple('<Property Name="Company" Type="Edm.String"/>').replace(
      '<EntityType Name="VendorRow">',
      '<EntityType Name="VendorRow" BaseType="Erp.Missing">',
    );
    expect(() => parseCsdl(xml)).toThrow(/BaseType Erp.Missing, which it does not define/);
  });
});

describe('parseJsonLossless', () => {
  it('keeps numbers beyond double precision as exact text, leaves the rest alone', () => {
    const v = parseJsonLossless<{ value: Record<string, unknown>[] }>(
      '{"value":[{"SysRevID":9007199254740993,"Amt":12345678901234567.1234,"N":3000000000,"S":"x 12345678901234567890","D":1.5}]}',
    );
    expect(v.value[0]).toEqual({
      SysRevID: '9007199254740993',
      Amt: '12345678901234567.1234',
      N: 3000000000,
      S: 'x 12345678901234567890',
      D: 1.5,
    });
  });
  it('handles escaped quotes inside strings', () => {
    expect(parseJsonLossless('{"a":"say \\"12345678901234567890\\"","b":12345678901234567890}')).toEqual({
      a: 'say "12345678901234567890"',
      b: '12345678901234567890',
    });
  });
});
