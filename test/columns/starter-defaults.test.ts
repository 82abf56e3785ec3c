/**
 * The sensitive-field defaults the starter config lists (commented) name real Kinetic fields: each is in the row
 * type of a live tenant (the emulator's wide rows, taken from swagger-generated client code of live tenants), so
 * uncommenting them never fails the $metadata check.
 */
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { starterConfigYaml } from '../../src/config/starter-config.ts';
import { wideSchemaFor } from '../../src/emulators/epicor/entity-schemas.ts';
import { entityByName } from '../../src/source/epicor/catalog.ts';

describe('starter config column defaults', () => {
  it('name fields a live tenant has', () => {
    const text = starterConfigYaml({ emulators: true });
    const block = text.slice(text.indexOf('# columns:\n'), text.indexOf('# When Epicor'));
    const listed = parse(block.replace(/^# ?/gm, '')).columns as Record<
      string,
      { exclude?: string[]; hash?: string[] }
    >;
    const missing: string[] = [];
    let checked = 0;
    for (const [entity, rules] of Object.entries(listed)) {
      if (entity === 'salt') continue;
      const def = entityByName(entity);
      expect(def, entity).toBeDefined();
      const fields = wideSchemaFor('EPIC06', def!.entitySet).fieldMap;
      for (const f of [...(rules.exclude ?? []), ...(rules.hash ?? [])]) {
        checked++;
        if (!fields.has(f)) missing.push(`${entity}.${f}`);
      }
    }
    expect(checked).toBeGreaterThan(10);
    expect(missing).toEqual([]);
  });
});
