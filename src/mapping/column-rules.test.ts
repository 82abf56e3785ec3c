import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { entityByName } from '../source/epicor/catalog.ts';
import type { SourceField } from '../source/epicor/source-field.ts';
import { buildTargetSchema } from './build-target-schema.ts';
import { createRecordMapper } from './record-mapper.ts';

const SALT = 'unit-salt-0123456789';
const f = (name: string, edmType: string, extra: Partial<SourceField> = {}): SourceField => ({
  name,
  edmType,
  nullable: true,
  ...extra,
});
const FIELDS = [
  f('Company', 'Edm.String'),
  f('VendorNum', 'Edm.Int32'),
  f('VendorID', 'Edm.String'),
  f('TaxPayerID', 'Edm.String'),
  f('PhoneNum', 'Edm.String'),
  f('CreditLimit', 'Edm.Decimal', { precision: 18, scale: 3 }),
  f('SysRevID', 'Edm.Int64'),
  f('SysRowID', 'Edm.Guid'),
];
const vendors = entityByName('vendors')!;
const rules = { exclude: ['PhoneNum'], hash: ['TaxPayerID', 'CreditLimit'], salt: SALT };
const ctx = { instance: 'https://h/x', company: 'EPIC06', syncId: 's', syncedAt: new Date(0), hashSalt: SALT };
const sha = (t: string) =>
  createHash('sha256')
    .update(SALT + t)
    .digest('hex');
const raw = (over: Record<string, unknown> = {}): Record<string, unknown> => ({
  Company: 'EPIC06',
  VendorNum: 1,
  VendorID: 'ACME01',
  TaxPayerID: '12-3456789',
  PhoneNum: '555-0101',
  CreditLimit: 1500.5,
  SysRevID: 7,
  SysRowID: '00000000-0000-0000-0000-000000000001',
  ...over,
});

describe('column rules in the target schema and the mapper', () => {
  const { schema } = buildTargetSchema(vendors, FIELDS, rules);

  it('has no column for an excluded field and STRING columns for hashed ones', () => {
    const byName = new Map(schema.columns.map((c) => [c.name, c]));
    expect(byName.has('phone_num')).toBe(false);
    expect(byName.get('tax_payer_id')).toMatchObject({ type: 'STRING', hashed: true, sourceType: 'STRING' });
    expect(byName.get('credit_limit')).toMatchObject({ type: 'STRING', hashed: true, sourceType: 'DECIMAL(18,3)' });
    expect(schema.excludedColumns).toEqual(['phone_num']);
  });

  it('hashes the converted value, and drops excluded values from the record once mapped', () => {
    const mapper = createRecordMapper(vendors, schema, ctx);
    const record = raw();
    const r = mapper(record);
    if (!r.ok) throw new Error(r.reason);
    expect(r.row.tax_payer_id).toBe(sha('12-3456789'));
    expect(r.row.credit_limit).toBe(sha('1500.500')); // the DECIMAL(18,3) text
    expect(record.PhoneNum).toBeUndefined();
    expect(r.values.map(String).join('|')).not.toContain('555-0101');
  });

  it('reports a bad hashed value without the value', () => {
    const mapper = createRecordMapper(vendors, schema, ctx);
    const r = mapper(raw({ CreditLimit: 'not-a-number-SECRET' }));
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.reason).toBe('field CreditLimit: not a valid DECIMAL(18,3) (value withheld: a hashed field)');
  });

  it('refuses to map hashed fields without the salt, naming the secret', () => {
    expect(() => createRecordMapper(vendors, schema, { ...ctx, hashSalt: undefined })).toThrow(/column_hash_salt/);
  });
});
