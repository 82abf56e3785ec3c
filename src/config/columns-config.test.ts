import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import type { ConnectorError } from '../errors.ts';
import { applyColumnRules } from '../mapping/column-rules.ts';
import { parseConfig } from './schema.ts';
import { starterConfigYaml } from './starter-config.ts';

function tree(extra: Record<string, unknown>): any {
  return {
    epicor: {
      baseUrl: 'https://host/SaaS5333',
      company: 'EPIC06',
      apiKey: 'k',
      auth: { type: 'basic', username: 'u', password: 'p' },
    },
    databricks: {
      host: 'https://adb-1.7.azuredatabricks.net',
      warehouseId: 'abc',
      catalog: 'main',
      schema: 'epicor',
      auth: { type: 'pat', token: 't' },
    },
    ...extra,
  };
}

function errorOf(extra: Record<string, unknown>): string {
  try {
    parseConfig(tree(extra), { configDir: '/cfg' });
  } catch (e) {
    expect((e as ConnectorError).code).toBe('CONFIG_INVALID');
    return (e as ConnectorError).message;
  }
  throw new Error('config was accepted');
}

const SALT = 'a-salt-of-sixteen-chars';

describe('columns and schemaChanges config', () => {
  it('defaults to no rules and allow', () => {
    const c = parseConfig(tree({}), { configDir: '/cfg' });
    expect(c.columns).toEqual({ entities: {} });
    expect(c.schemaChanges).toEqual({ default: 'allow', entities: {} });
  });

  it('accepts rules, a salt and a per-entity policy', () => {
    const c = parseConfig(
      tree({
        columns: { salt: SALT, vendors: { exclude: ['Comment'], hash: ['TaxPayerID', 'Region_c'] } },
        schemaChanges: { default: 'block', vendors: 'allow' },
      }),
      { configDir: '/cfg' },
    );
    expect(c.columns?.entities.vendors).toEqual({ exclude: ['Comment'], hash: ['TaxPayerID', 'Region_c'] });
    expect(c.columns?.salt).toBe(SALT);
    expect(c.schemaChanges).toEqual({ default: 'block', entities: { vendors: 'allow' } });
  });

  it('names the bad key: unknown entity, identity field, both lists, missing or short salt, bad policy', () => {
    expect(errorOf({ columns: { vendor: { exclude: ['Comment'] } } })).toMatch(
      /columns\.vendor: "vendor" is not an entity/,
    );
    expect(errorOf({ columns: { vendors: { hash: ['VendorNum'] }, salt: SALT } })).toMatch(
      /columns\.vendors\.hash\[0\]: VendorNum identifies vendors records/,
    );
    expect(errorOf({ columns: { salt: SALT, vendors: { exclude: ['TaxPayerID'], hash: ['TaxPayerID'] } } })).toMatch(
      /columns\.vendors\.hash\[0\]: TaxPayerID is also in exclude/,
    );
    expect(errorOf({ columns: { vendors: { hash: ['TaxPayerID'] } } })).toMatch(
      /columns\.salt: is required because columns\.vendors\.hash lists fields: store a salt with `ml-connector secrets set column_hash_salt`/,
    );
    expect(errorOf({ columns: { salt: 'short', vendors: { hash: ['TaxPayerID'] } } })).toMatch(
      /at least 16 characters/,
    );
    expect(errorOf({ columns: { vendors: { exclude: ['Tax Payer'] } } })).toMatch(/columns\.vendors\.exclude\[0\]/);
    expect(errorOf({ schemaChanges: 'sometimes' })).toMatch(/schemaChanges: must be allow, columns-only or block/);
    expect(errorOf({ schemaChanges: { vendorz: 'block' } })).toMatch(
      /schemaChanges\.vendorz: "vendorz" is not an entity/,
    );
  });
});

describe('applyColumnRules against $metadata', () => {
  const fields = [
    { name: 'VendorNum', edmType: 'Edm.Int32', nullable: false },
    { name: 'TaxPayerID', edmType: 'Edm.String', nullable: true },
    { name: 'PhoneNum', edmType: 'Edm.String', nullable: true },
  ];
  const vendors = { name: 'vendors', entitySet: 'Vendors' };

  it('drops excluded fields, marks hashed ones, allows UD fields that do not exist yet', () => {
    const r = applyColumnRules(vendors, fields, { exclude: ['PhoneNum', 'Later_c'], hash: ['TaxPayerID'], salt: SALT });
    expect(r.fields.map((f) => f.name)).toEqual(['VendorNum', 'TaxPayerID']);
    expect([...r.hashed]).toEqual(['TaxPayerID']);
    expect(r.excluded).toEqual(['PhoneNum']);
  });

  it('refuses a field the tenant does not have, naming entity, field and the spelling it has', () => {
    expect(() => applyColumnRules(vendors, fields, { exclude: ['PhoneNUM'], hash: [] })).toThrow(
      /columns\.vendors\.exclude\[0\]: Vendors has no field PhoneNUM in this tenant's \$metadata \(Epicor spells it PhoneNum/,
    );
    expect(() => applyColumnRules(vendors, fields, { exclude: [], hash: ['TaxPayerID'] })).toThrow(
      /columns\.vendors\.hash needs the salt: store one with `ml-connector secrets set column_hash_salt`/,
    );
  });
});

describe('starter config', () => {
  it('its commented sensitive-field defaults are valid once uncommented (with a salt)', () => {
    const text = starterConfigYaml({ emulators: true });
    const block = text.slice(text.indexOf('# columns:\n'), text.indexOf('# When Epicor'));
    const uncommented = block
      .split('\n')
      .map((l) => l.replace(/^# ?/, ''))
      .join('\n')
      .replace('"${secret:column_hash_salt}"', JSON.stringify(SALT));
    const yaml = text
      .replace('columns: {}\n', '')
      .replace(block, uncommented)
      .replace(/\$\{secret:[a-z_]+\}/g, 'x');
    const c = parseConfig(parse(yaml), { configDir: '/cfg' });
    expect(c.columns?.entities.vendors.hash).toContain('TaxPayerID');
    expect(Object.keys(c.columns?.entities ?? {})).toEqual([
      'companies',
      'vendors',
      'customers',
      'ap_invoices',
      'payments',
      'payment_lines',
    ]);
  });
});
