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
