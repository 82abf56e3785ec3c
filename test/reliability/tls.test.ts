/**
 * Epicor over HTTPS with a private CA (on-prem servers): without `epicor.caFile` the connector refuses the
 * certificate — `check` exits 3 with a sentence naming caFile, a sync fails Epicor's entities and writes nothing —
 * and with `caFile` pointing at the CA both succeed. Certificates are made fresh by the `openssl` CLI per run.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { emulatedConfig } from '../../src/demo/emulated-config.ts';
import { syncOnce } from '../../src/jobs/sync-once.ts';
import { emulatorYaml, runCli } from '../support/cli-harness.ts';
import { type E2eEnv, startE2eEnv } from '../support/e2e-env.ts';
import { checkGroundTruth, formatReport } from '../support/ground-truth.ts';
import { RETRY } from './reliability-env.ts';

const hasOpenssl = (() => {
  try {
    execFileSync('openssl', ['version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();

/** A throwaway CA and a server certificate for 127.0.0.1 signed by it (EC keys: fast to make). */
function makeCertificates(dir: string): { ca: string; key: string; cert: string } {
  const run = (...args: string[]) => execFileSync('openssl', args, { cwd: dir, stdio: 'pipe' });
  const ec = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes'];
  run('req', '-x509', ...ec, '-keyout', 'ca.key', '-out', 'ca.pem', '-days', '2', '-subj', '/CN=ml-connector test CA');
  run('req', ...ec, '-keyout', 'server.key', '-out', 'server.csr', '-subj', '/CN=127.0.0.1');
  writeFileSync(join(dir, 'ext.cnf'), 'basicConstraints=CA:FALSE\nsubjectAltName=IP:127.0.0.1\n');
  run(
    'x509',
    '-req',
    '-in',
    'server.csr',
    '-CA',
    'ca.pem',
    '-CAkey',
    'ca.key',
    '-CAcreateserial',
    '-out',
    'server.pem',
    '-days',
    '2',
    '-extfile',
    'ext.cnf',
  );
  return { ca: join(dir, 'ca.pem'), key: join(dir, 'server.key'), cert: join(dir, 'server.pem') };
}

let env: E2eEnv;
let dir: string;
let ca: string;
let httpsUrl: string;
let server: Server;

describe.skipIf(!hasOpenssl)('Epicor over HTTPS with a private CA', () => {
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'mlc-tls-'));
    const pems = makeCertificates(dir);
    ca = pems.ca;
    env = await startE2eEnv({ epicor: { scale: 0.05 } });
    server = createServer({ key: readFileSync(pems.key), cert: readFileSync(pems.cert) }, env.epicor.handler);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    httpsUrl = `https://127.0.0.1:${(server.address() as AddressInfo).port}/kinetic`;
  });
  afterAll(async () => {
    await new Promise<void>((resolve) => {
      if (!server) return resolve();
      server.close(() => resolve());
      server.closeAllConnections();
    });
    await env?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  const writeYaml = (name: string, caFile?: string) => {
    const file = join(dir, name);
    let yaml = emulatorYaml({ epicorUrl: httpsUrl, host: env.host, schema: 'tls' });
    if (caFile) yaml = yaml.replace(`  baseUrl: ${httpsUrl}\n`, `  baseUrl: ${httpsUrl}\n  caFile: ${caFile}\n`);
    writeFileSync(file, yaml);
    return file;
  };

  it('check refuses the certificate without caFile (exit 3, names caFile) and accepts it with caFile', async () => {
    const [refused, accepted] = await Promise.all([
      runCli(['--config', writeYaml('no-ca.yaml'), 'check', '--only', 'epicor']),
      runCli(['--config', writeYaml('with-ca.yaml', ca), 'check', '--only', 'epicor']),
    ]);
    expect(refused.code, refused.stdout + refused.stderr).toBe(3);
    expect(refused.stdout).toMatch(/✗ Epicor reachable: .*TLS certificate could not be verified.*set caFile/);
    expect(accepted.code, accepted.stdout + accepted.stderr).toBe(0);
    expect(accepted.stdout).toContain('✓ Epicor reachable');
    expect(accepted.stdout).toContain('✓ Company EPIC06 exists');
  });

  it('a sync without caFile writes nothing and says why; with caFile it loads exactly', async () => {
    const base = emulatedConfig(httpsUrl, env.host, { pageSize: 20 });
    const refused = await syncOnce(base, { logger: env.logger, retry: RETRY, only: ['vendors'] });
    expect(refused.run.status).not.toBe('succeeded');
    expect(JSON.stringify(refused.run)).toMatch(/TLS certificate could not be verified.*set caFile/);
    const tables = await env.query(
      "SELECT table_name FROM information_schema.tables WHERE table_schema = 'epicor' AND table_name = 'dim_vendor'",
    );
    expect(tables).toEqual([]);

    const trusted = { ...base, epicor: { ...base.epicor, caFile: ca } };
    const ok = await syncOnce(trusted, { logger: env.logger, retry: RETRY, only: ['vendors', 'gl_accounts'] });
    expect(ok.run.status, ok.run.error).toBe('succeeded');
    const report = await checkGroundTruth({
      source: env.epicor,
      query: env.query,
      company: 'EPIC06',
      instance: httpsUrl,
      entities: ['vendors', 'gl_accounts'],
    });
    expect(report.ok, formatReport(report)).toBe(true);
    expect(report.tables[0].actual).toBeGreaterThan(0);
  });
});
