// biome-ignore-all lint/suspicious/noTemplateCurlyInString: these tests are about ${...} references in config text
import { describe, expect, it } from 'vitest';
import { ConnectorError } from '../errors.ts';
import { interpolate, type ReferenceResolver } from './interpolate.ts';

const resolver = (env: Record<string, string>, secrets: Record<string, string>): ReferenceResolver => ({
  env: (n) => env[n],
  secret: async (n) => secrets[n],
});

async function failure(tree: unknown, r: ReferenceResolver): Promise<ConnectorError> {
  try {
    await interpolate(tree, r);
  } catch (e) {
    expect(e).toBeInstanceOf(ConnectorError);
    return e as ConnectorError;
  }
  throw new Error('expected a failure');
}

describe('interpolate', () => {
  it('replaces env and secret references anywhere in strings, and collects the values', async () => {
    const tree = {
      a: { url: 'https://${env:HOST}/x/${env:INST}', n: 5, t: true, nothing: null },
      list: ['${secret:one}', 'plain'],
      whole: '${ secret:two }',
    };
    const { value, substituted } = await interpolate(
      tree,
      resolver({ HOST: 'h.example.com', INST: 'SaaS1' }, { one: 's1', two: 's2' }),
    );
    expect(value).toEqual({
      a: { url: 'https://h.example.com/x/SaaS1', n: 5, t: true, nothing: null },
      list: ['s1', 'plain'],
      whole: 's2',
    });
    expect(substituted.sort()).toEqual(['SaaS1', 'h.example.com', 's1', 's2']);
  });

  it('does not re-scan substituted text', async () => {
    const { value } = await interpolate({ k: '${env:A}' }, resolver({ A: '${secret:nope}' }, {}));
    expect(value).toEqual({ k: '${secret:nope}' });
  });

  it('names the key path and variable when an env variable is unset', async () => {
    const e = await failure({ epicor: { auth: { clientId: '${env:EPICOR_CLIENT}' } } }, resolver({}, {}));
    expect(e.code).toBe('CONFIG_INVALID');
    expect(e.message).toBe('epicor.auth.clientId: environment variable EPICOR_CLIENT is not set');
  });

  it('names the secret and how to set it when a secret is missing', async () => {
    const e = await failure({ entities: [{ parameters: { p: '${secret:baq_param}' } }] }, resolver({}, {}));
    expect(e.code).toBe('SECRET_MISSING');
    expect(e.message).toBe(
      'entities[0].parameters.p: secret baq_param is not stored: run `ml-connector secrets set baq_param`',
    );
  });

  it.each([
    ['${foo:bar}', 'unknown reference ${foo:bar}'],
    ['${HOME}', 'unknown reference ${HOME}'],
    ['${env:1BAD}', 'is not a valid environment variable name'],
    ['${secret:Bad-Name}', 'is not a valid secret name'],
  ])('rejects the malformed reference %s', async (ref, expected) => {
    const e = await failure({ k: ref }, resolver({}, {}));
    expect(e.code).toBe('CONFIG_INVALID');
    expect(e.message).toContain(`k: `);
    expect(e.message).toContain(expected);
  });
});
