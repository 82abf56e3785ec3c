/**
 * Alerts through the real CLI against both emulators and a local receiver: `alerts test` delivers a signed sample,
 * a failing `sync` sends `failed` with the entity errors, the next good one `recovered`, and a dead receiver leaves
 * the sync's exit code alone (logging neither the webhook's path nor the secret).
 */
import { writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SIGNATURE_HEADER, verifySignature } from '../../src/alerts/alert-signature.ts';
import { emulatorYaml, runCli, writeConfig } from '../support/cli-harness.ts';
import { type E2eEnv, startE2eEnv } from '../support/e2e-env.ts';

const SECRET = 'cli-alert-secret-0123456789';
const PATH = '/services/T1/B2/pathIsTheCredential';
let env: E2eEnv;
let server: Server;
let url: string;
const got: { body: string; signature: string }[] = [];

function config(webhook: string, apiKey?: string): string {
  const file = writeConfig({ epicorUrl: env.epicorUrl, host: env.host });
  const yaml = emulatorYaml({ epicorUrl: env.epicorUrl, host: env.host, apiKey }).replace(
    'entities: all',
    `entities: [companies]\nalerts:\n  - webhook: ${webhook}\n    secret: ${SECRET}\n`,
  );
  writeFileSync(file, yaml);
  return file;
}

beforeAll(async () => {
  env = await startE2eEnv();
  server = createServer((req, res) => {
    let body = '';
    req.on('data', (d) => (body += d));
    req.on('end', () => {
      got.push({ body, signature: String(req.headers[SIGNATURE_HEADER.toLowerCase()]) });
      res.end('ok');
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}${PATH}`;
}, 30_000);
afterAll(async () => {
  await new Promise<void>((r) => server.close(() => r()));
  await env?.close();
});

const events = () => got.map((g) => JSON.parse(g.body).event);

describe.sequential('alerts from the CLI', () => {
  it('alerts test delivers a signed sample and prints the outcome', async () => {
    const r = await runCli(['alerts', 'test', '--config', config(url)]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/http:\/\/127\.0\.0\.1:\d+\/… +yes +delivered \(HTTP 200\)/);
    expect(r.stdout + r.stderr).not.toContain(PATH);
    expect(got).toHaveLength(1);
    expect(JSON.parse(got[0].body)).toMatchObject({ test: true, event: 'partial' });
    expect(verifySignature(SECRET, got[0].body, got[0].signature, Date.now())).toBe(true);
  }, 60_000);

  it('a failing sync alerts failed with the entity error; the next good sync alerts recovered', async () => {
    got.length = 0;
    const bad = await runCli(['sync', '--config', config(url, 'wrong-api-key')]);
    expect(bad.code).toBe(1);
    expect(events()).toEqual(['failed']);
    const failed = JSON.parse(got[0].body);
    expect(failed.entities[0]).toMatchObject({ entity: 'companies', status: 'failed' });
    expect(failed.entities[0].error).toMatch(/API key/i);
    expect(failed.text).toContain('companies:');
    const good = await runCli(['sync', '--config', config(url)]);
    expect(good.code).toBe(0);
    expect(events()).toEqual(['failed', 'recovered']);
    expect(verifySignature(SECRET, got[1].body, got[1].signature, Date.now())).toBe(true);
  }, 90_000);

  it('a dead receiver does not change the exit code and leaks nothing', async () => {
    const dead = createServer();
    await new Promise<void>((r) => dead.listen(0, '127.0.0.1', r));
    const port = (dead.address() as AddressInfo).port;
    await new Promise<void>((r) => dead.close(() => r()));
    const r = await runCli(['sync', '--config', config(`http://127.0.0.1:${port}${PATH}`, 'wrong-api-key')]);
    expect(r.code).toBe(1); // the run's own outcome (failed, as above), not the alert's
    expect(r.stderr).toContain('alert not delivered');
    expect(r.stderr + r.stdout).not.toContain(PATH);
    expect(r.stderr + r.stdout).not.toContain(SECRET);
  }, 90_000);
});
