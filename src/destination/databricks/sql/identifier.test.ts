import { describe, expect, it } from 'vitest';
import { qualifiedName, quoteIdentifier, validateIdentifier } from './identifier.ts';
import { entityFolder, pathLiteral, volumeRoot } from './volume-path.ts';

describe('identifiers', () => {
  it.each([['dim_vendor'], ['_ml_connector_state'], ['A1'], ['_'], ['x'.repeat(255)]])('accepts %s', (name) => {
    expect(validateIdentifier(name)).toBe(name);
    expect(quoteIdentifier(name)).toBe(`\`${name}\``);
  });

  it.each([
    ['back`tick'],
    ["single'quote"],
    ['double"quote'],
    ['semi;colon'],
    ['dash--comment'],
    ['with space'],
    ['x'.repeat(256)],
    [''],
    ['1starts_with_digit'],
    ['dot.ted'],
    ['new\nline'],
    ['ünïcode'],
    ['a/*b*/'],
  ])('rejects %j with a clear CONFIG_INVALID error', (name) => {
    expect(() => quoteIdentifier(name, 'table')).toThrow(/table .* is not allowed: use a letter or _/);
    try {
      validateIdentifier(name);
    } catch (e) {
      expect((e as { code: string }).code).toBe('CONFIG_INVALID');
    }
  });

  it('quotes three-part names part by part', () => {
    expect(qualifiedName('main', 'epicor', 'dim_vendor')).toBe('`main`.`epicor`.`dim_vendor`');
    expect(() => qualifiedName('main', 'epi`cor', 't')).toThrow(/schema/);
  });
});

describe('staging paths', () => {
  const root = volumeRoot({ catalog: 'main', schema: 'epicor' }, 'staging');
  it('builds /Volumes/<c>/<s>/<v>/<sync>/<entity>', () => {
    expect(root).toBe('/Volumes/main/epicor/staging');
    expect(entityFolder(root, '20260101T000000Z-ab12', 'vendors')).toBe(
      '/Volumes/main/epicor/staging/20260101T000000Z-ab12/vendors',
    );
    expect(entityFolder(root, 's1', 'baq:MyBaq')).toBe('/Volumes/main/epicor/staging/s1/baq-MyBaq');
  });
  it.each([
    [{ catalog: 'main', schema: 'epi/cor' }, 'staging'],
    [{ catalog: "ma'in", schema: 'epicor' }, 'staging'],
    [{ catalog: 'main', schema: 'epicor' }, '../staging'],
  ])('volume root rejects %j %j', (ref, volume) => {
    expect(() => volumeRoot(ref, volume)).toThrow(/not allowed/);
  });
  it.each([["s'1"], ['../x'], ['a/b'], ['.hidden'], ['a b'], ['']])('rejects sync id %j', (id) => {
    expect(() => entityFolder(root, id, 'vendors')).toThrow();
  });
  it('puts only safe paths into SQL literals', () => {
    expect(pathLiteral('/Volumes/main/epicor/staging/s1/vendors/')).toBe("'/Volumes/main/epicor/staging/s1/vendors/'");
    expect(() => pathLiteral("/Volumes/main/x'; DROP TABLE t; --/")).toThrow();
    expect(() => pathLiteral('/Volumes/main/../etc')).toThrow();
    expect(() => pathLiteral('/tmp/x')).toThrow();
  });
});
