import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { canonicalNumberText, keyText } from './key-values.ts';
import { createKeyHasher, normaliseInstance, surrogateKey } from './surrogate-key.ts';

const BASE = 'https://centralusdtapp73.epicorsaas.com/SaaS5333';

describe('surrogateKey', () => {
  it('is the documented SHA-256 of length-prefixed parts, 32 hex chars', () => {
    const parts = ['mlc-key-v1', BASE, 'EPIC06', 'vendors', 'EPIC06', '123'];
    const expected = createHash('sha256')
      .update(parts.map((p) => `${p.length}:${p}`).join(''))
      .digest('hex')
      .slice(0, 32);
    expect(surrogateKey(BASE, 'EPIC06', 'vendors', ['EPIC06', 123])).toBe(expected);
    expect(expected).toMatch(/^[0-9a-f]{32}$/);
  });

  it('is deterministic and normalises values and the base URL', () => {
    const k = surrogateKey(BASE, 'EPIC06', 'vendors', ['EPIC06', 123]);
    expect(surrogateKey(`${BASE}/`, 'EPIC06', 'vendors', ['EPIC06', 123])).toBe(k);
    expect(surrogateKey(BASE.toUpperCase().replace('SAAS5333', 'SaaS5333'), 'EPIC06', 'vendors', ['EPIC06', 123])).toBe(
      k,
    );
    expect(surrogateKey(BASE, 'EPIC06', 'vendors', ['EPIC06', '123'], [false, true])).toBe(k);
    expect(surrogateKey(BASE, 'EPIC06', 'vendors', ['EPIC06', '123.0'], [false, true])).toBe(k);
    expect(surrogateKey(BASE, 'EPIC06', 'vendors', ['EPIC06', 123n])).toBe(k);
  });

  it('differs when any identity part differs, and separators cannot be forged', () => {
    const k = surrogateKey(BASE, 'EPIC06', 'vendors', ['EPIC06', 123]);
    expect(surrogateKey(BASE, 'EPIC07', 'vendors', ['EPIC06', 123])).not.toBe(k);
    expect(surrogateKey('https://other/SaaS1', 'EPIC06', 'vendors', ['EPIC06', 123])).not.toBe(k);
    expect(surrogateKey(BASE, 'EPIC06', 'customers', ['EPIC06', 123])).not.toBe(k);
    expect(surrogateKey(BASE, 'EPIC06', 'vendors', ['EPIC06', 124])).not.toBe(k);
    // Strings are kept as they are: leading zeros matter on a string key.
    expect(surrogateKey(BASE, 'E', 'parts', ['E', '007'])).not.toBe(surrogateKey(BASE, 'E', 'parts', ['E', '7']));
    // ("a", "b:c") vs ("a", "b", "c") style ambiguity.
    expect(surrogateKey(BASE, 'E', 'x', ['a1:b', 'c'])).not.toBe(surrogateKey(BASE, 'E', 'x', ['a', '1:b', 'c']));
    expect(surrogateKey(BASE, 'E', 'x', ['ab', ''])).not.toBe(surrogateKey(BASE, 'E', 'x', ['a', 'b']));
  });

  it('gives the same keys with a small cache that keeps being emptied', () => {
    const cached = createKeyHasher(BASE, 'EPIC06', 'vendors', 3);
    for (let round = 0; round < 3; round++) {
      for (let i = 0; i < 10; i++) {
        expect(cached(['EPIC06', String(i % 7)])).toBe(surrogateKey(BASE, 'EPIC06', 'vendors', ['EPIC06', i % 7]));
      }
    }
  });

  it('normalises the instance URL', () => {
    expect(normaliseInstance(' HTTPS://Host.Example.com:443/SaaS5333/ ')).toBe('https://host.example.com/SaaS5333');
    expect(normaliseInstance('http://127.0.0.1:8080')).toBe('http://127.0.0.1:8080');
  });
});

describe('keyText', () => {
  it('canonicalises numbers, booleans and numeric strings on numeric fields', () => {
    expect(keyText(123, false)).toBe('123');
    expect(keyText(-0, false)).toBe('0');
    expect(keyText(1.5, false)).toBe('1.5');
    expect(keyText(1e21, false)).toBe('1000000000000000000000');
    expect(keyText(true, false)).toBe('true');
    expect(keyText(' 0012.500 ', true)).toBe('12.5');
    expect(keyText('0012', false)).toBe('0012');
    expect(keyText('ABC', true)).toBe('ABC');
    expect(keyText(null, false)).toBeUndefined();
    expect(keyText('', false)).toBe('');
    expect(canonicalNumberText('-1.50e1')).toBe('-15');
    expect(canonicalNumberText('1e-3')).toBe('0.001');
  });
});
