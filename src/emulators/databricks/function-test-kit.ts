/** Shared by the function tests: one emulator per test file and assertions on names, values and types. */
import { afterAll, beforeAll, expect } from 'vitest';
import { startWorkspace, type TestWorkspace } from './test-client.ts';

/** [expression, Databricks column name, value as JSON_ARRAY carries it]. */
export type Case = [expr: string, name: string, value: string | null];

/** A started workspace plus the assertions below bound to it. */
async function functionKit() {
  const ws: TestWorkspace = await startWorkspace();
  /** Runs `SELECT <exprs> <from>` and checks each column's name and value. */
  const check = async (cases: Case[], from = '') => {
    const r = await ws.sql(`SELECT ${cases.map((c) => c[0]).join(', ')} ${from}`);
    if (r.status.state !== 'SUCCEEDED') throw new Error(JSON.stringify(r.status));
    const names = r.manifest.schema.columns.map((c: { name: string }) => c.name);
    expect(names.map((n: string, i: number) => [cases[i][0], n])).toEqual(cases.map((c) => [c[0], c[1]]));
    expect(r.result.data_array[0].map((v: string | null, i: number) => [cases[i][0], v])).toEqual(
      cases.map((c) => [c[0], c[2]]),
    );
  };
  const typesOf = async (sql: string): Promise<string[]> => {
    const r = await ws.sql(sql);
    if (r.status.state !== 'SUCCEEDED') throw new Error(JSON.stringify(r.status));
    return r.manifest.schema.columns.map((c: { type_text: string }) => c.type_text);
  };
  const failure = async (sql: string): Promise<{ message: string; sqlState: string }> => {
    const r = await ws.sql(sql);
    expect(r.status.state).toBe('FAILED');
    return { message: r.status.error.message, sqlState: r.status.sql_state };
  };
  return { ws, check, typesOf, failure };
}

type Kit = Awaited<ReturnType<typeof functionKit>>;

/** Starts one workspace for the calling test file (closed after its tests); the assertions run against it. */
export function useFunctionKit() {
  let kit: Kit | undefined;
  beforeAll(async () => {
    kit = await functionKit();
  });
  afterAll(() => kit?.ws.emu.close());
  const started = (): Kit => {
    if (!kit) throw new Error('the function kit starts in beforeAll');
    return kit;
  };
  return {
    get ws(): TestWorkspace {
      return started().ws;
    },
    check: (...a: Parameters<Kit['check']>) => started().check(...a),
    typesOf: (...a: Parameters<Kit['typesOf']>) => started().typesOf(...a),
    failure: (...a: Parameters<Kit['failure']>) => started().failure(...a),
  };
}
