import { describe, expect, it } from 'vitest';
import { baqEntity, entityByName } from '../source/epicor/catalog.ts';
import { createSourceUrlBuilder, odataLiteral } from './source-url.ts';

const BASE = 'https://centralusdtapp73.epicorsaas.com/SaaS5333/';

describe('_source_url', () => {
  it('addresses one entity-set record by its keys in key order', () => {
    const url = createSourceUrlBuilder(entityByName('vendors')!, BASE, 'EPIC06', ['text', 'integer']);
    expect(url(['EPIC06', 123])).toBe(
      "https://centralusdtapp73.epicorsaas.com/SaaS5333/api/v2/odata/EPIC06/Erp.BO.VendorSvc/Vendors('EPIC06',123)",
    );
    // A numeric key sent as text is still written bare.
    expect(url(['EPIC06', '123'])).toMatch(/Vendors\('EPIC06',123\)$/);
  });

  it("escapes quotes as '' and percent-encodes spaces, slashes, commas and unicode", () => {
    const url = createSourceUrlBuilder(entityByName('parts')!, BASE, 'EPIC 06', ['text', 'text']);
    const u = url(['EPIC06', "O'Brien Ñandú/10,5 €"]);
    expect(u).toBe(
      "https://centralusdtapp73.epicorsaas.com/SaaS5333/api/v2/odata/EPIC%2006/Erp.BO.PartSvc/Parts('EPIC06'," +
        "'O''Brien%20%C3%91and%C3%BA%2F10%2C5%20%E2%82%AC')",
    );
    // The key segment decodes back to the OData literal.
    const segment = u.slice(u.indexOf('Parts(') + 6, -1).split(',')[1];
    expect(decodeURIComponent(segment)).toBe("'O''Brien Ñandú/10,5 €'");
    expect(() => new URL(u)).not.toThrow();
  });

  it('writes booleans and composite keys bare, in key order', () => {
    const url = createSourceUrlBuilder(entityByName('payment_lines')!, BASE, 'EPIC06', [
      'text',
      'integer',
      'integer',
      'text',
      'boolean',
    ]);
    expect(url(['EPIC06', 7, 1, 'INV-1', false])).toMatch(/APTrans\('EPIC06',7,1,'INV-1',false\)$/);
    expect(odataLiteral(true)).toBe('true');
    expect(odataLiteral(12.5)).toBe('12.5');
  });

  it('uses $filter on a BAQ, with its parameters', () => {
    const baq = baqEntity({ id: 'Open POs', keys: ['POHeader_PONum', 'Vendor_Name'], parameters: { Plant: 'MfgSys' } });
    const url = createSourceUrlBuilder(baq, BASE, 'EPIC06', ['integer', 'text']);
    const u = url([42, "O'Brien & Sons"]);
    expect(u).toBe(
      'https://centralusdtapp73.epicorsaas.com/SaaS5333/api/v2/odata/EPIC06/BaqSvc/Open%20POs/Data?$filter=' +
        "POHeader_PONum%20eq%2042%20and%20Vendor_Name%20eq%20'O''Brien%20%26%20Sons'&Plant=MfgSys",
    );
    expect(new URL(u).searchParams.get('$filter')).toBe("POHeader_PONum eq 42 and Vendor_Name eq 'O''Brien & Sons'");
  });
});
