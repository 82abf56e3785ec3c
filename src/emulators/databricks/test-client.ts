import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  createDatabricksEmulator,
  type DatabricksEmulator,
  type DatabricksEmulatorOptions,
} from './databricks-emulator.ts';

/** A started emulator plus tiny HTTP helpers, for this folder's tests. */
export interface TestWorkspace {
  emu: DatabricksEmulator;
  host: string;
  dataDir: string;
  /** Submits a statement (wait 50s by default) with the PAT and returns the parsed body. */
  sql(statement: string, extra?: Record<string, unknown>): Promise<any>;
  /** Any API call with the PAT. */
  api(method: string, path: string, body?: string | Buffer, headers?: Record<string, string>): Promise<Response>;
}

/** Starts an emulator on a loopback port with a fresh (or given) data dir. */
export async function startWorkspace(opts: DatabricksEmulatorOptions = {}): Promise<TestWorkspace> {
  const dataDir = opts.dataDir ?? mkdtempSync(join(tmpdir(), 'dbx-emu-'));
  const emu = await createDatabricksEmulator({ ...opts, dataDir });
  const host = await emu.listen(0);
  const api = (method: string, path: string, body?: string | Buffer, headers: Record<string, string> = {}) =>
    fetch(host + path, { method, body, headers: { authorization: 'Bearer dapi-demo-token', ...headers } });
  const sql = async (statement: string, extra: Record<string, unknown> = {}) => {
    const r = await api(
      'POST',
      '/api/2.0/sql/statements',
      JSON.stringify({ statement, warehouse_id: 'emulated-warehouse', wait_timeout: '50s', ...extra }),
      { 'content-type': 'application/json' },
    );
    return r.json();
  };
  return { emu, host, dataDir, sql, api };
}
