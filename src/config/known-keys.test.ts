import { describe, expect, it } from 'vitest';
import { didYouMean, knownKeysAt } from './known-keys.ts';
import { configSchema } from './schema.ts';

describe('did you mean', () => {
  it('knows the keys of nested mappings and of every auth variant', () => {
    expect(knownKeysAt(configSchema, ['epicor'])).toContain('pageSize');
    expect(knownKeysAt(configSchema, ['epicor', 'auth'])).toEqual(expect.arrayContaining(['tokenUrl', 'password']));
    expect(knownKeysAt(configSchema, ['metrics'])).toEqual(['port', 'host']);
    expect(knownKeysAt(configSchema, ['nope'])).toEqual([]);
  });

  it('suggests by case first, then by a small edit distance, and nothing for far-off words', () => {
    expect(didYouMean('pagesize', ['pageSize', 'company'])).toBe('pageSize');
    expect(didYouMean('warehouseID', ['warehouseId'])).toBe('warehouseId');
    expect(didYouMean('schedul', ['schedule', 'entities'])).toBe('schedule');
    expect(didYouMean('concurency', ['concurrency'])).toBe('concurrency');
    expect(didYouMean('banana', ['pageSize', 'company'])).toBeUndefined();
  });
});
