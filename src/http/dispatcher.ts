import { readFileSync } from 'node:fs';
import tls from 'node:tls';
import { Agent } from 'undici';
import { ConnectorError } from '../errors.ts';

/**
 * A keep-alive undici Agent. With `caFile`, https is verified against the default CAs plus that file; verification is
 * never turned off (plain http needs no TLS at all).
 */
export function createDispatcher(opts: { concurrency: number; caFile?: string }): Agent {
  let ca: string[] | undefined;
  if (opts.caFile) {
    let extra: string;
    try {
      extra = readFileSync(opts.caFile, 'utf8');
    } catch (e) {
      throw new ConnectorError('CONFIG_INVALID', `caFile ${opts.caFile} cannot be read.`, { cause: e });
    }
    ca = [...defaultCertificates(), extra];
  }
  return new Agent({
    connections: Math.max(1, opts.concurrency),
    keepAliveTimeout: 30_000,
    keepAliveMaxTimeout: 120_000,
    connect: ca ? { ca, rejectUnauthorized: true } : { rejectUnauthorized: true },
  });
}

/** The CAs node trusts by default (including NODE_EXTRA_CA_CERTS on versions that expose them). */
function defaultCertificates(): readonly string[] {
  const getter = (tls as { getCACertificates?: (kind: string) => string[] }).getCACertificates;
  return getter ? getter('default') : tls.rootCertificates;
}
