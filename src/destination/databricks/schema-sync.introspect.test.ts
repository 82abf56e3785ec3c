import { afterEach, describe, expect, it } from 'vitest';
import { createDatabricksClient, type DatabricksClient } from './client/databricks-client.ts';
import { FakeWorkspace, type SeenRequest, SteppingClock } from './client/testing/fake-workspace.ts';
import { introspect } from './schema-sync.ts';
import { INTROSPECTION_SQL } from './sql/introspection-sql.ts';

let fake: FakeWorkspace | undefined;
let client: DatabricksClient | undefined;
afterEach(async () => {
  await client?.close();
  await fake?.close();
});

/** A workspace answering every statement with these rows (kind, object_name, column_name, column_position, column_type). */
async function answering(rows: (string | null)[][]) {
  const clock = new SteppingClock();
  const seen: SeenRequest[] = [];
  fake = await FakeWorkspace.start({
    clock,
    pat: 'dapi-test',
    route: (req) => {
      seen.push(req);
      return {
        status: 200,
        body: {
          statement_id: 's1',
          status: { state: 'SUCCEEDED' },
          manifest: {
            schema: {
              columns: ['kind', 'object_name', 'column_name', 'column_position', 'column_type'].map((name) => ({
                name,
                type_name: 'STRING',
              })),
            },
            total_chunk_count: 1,
          },
          result: { chunk_index: 0, row_count: rows.length, data_array: rows },
        },
      };
    },
  });
  client = createDatabricksClient(
    fake.config({ warehouseId: 'w', catalog: 'Main', schema: 'Epicor', volume: 'stg', stagingCompression: 'none' }),
    { clock },
  );
  return { client, seen };
}

describe('introspect', () => {
  it('sends one statement with lower-cased :parameters and reads tables, columns, views and catalog objects', async () => {
    const { client, seen } = await answering([
      ['catalog', 'main', null, null, null],
      ['schema', 'epicor', null, null, null],
      ['volume', 'stg', null, null, null],
      ['table', 'DIM_VENDOR', null, null, null],
      ['table', 'fact_x', null, null, null],
      ['view', 'fact_x_current', null, null, null],
      ['column', 'dim_vendor', 'name', '1', 'string'],
      ['column', 'dim_vendor', 'Vendor_Key', '0', 'STRING'],
      ['column', 'fact_x', 'x_key', '0', 'STRING'],
      ['column', 'fact_x', 'due_date', '1', 'TIMESTAMP'],
      ['column', 'fact_x_current', 'x_key', '0', 'STRING'],
    ]);
    const snap = await introspect(client, { catalog: 'Main', schema: 'Epicor' }, 'STG');
    expect(seen).toHaveLength(1);
    const body = seen[0].json();
    expect(body.statement).toBe(INTROSPECTION_SQL);
    expect(body.parameters).toEqual([
      { name: 'catalog', value: 'main' },
      { name: 'schema', value: 'epicor' },
      { name: 'volume', value: 'stg' },
    ]);
    expect(snap).toEqual({
      catalogExists: true,
      schemaExists: true,
      volumeExists: true,
      tables: new Map([
        ['dim_vendor', new Set(['vendor_key', 'name'])],
        ['fact_x', new Set(['x_key', 'due_date'])],
      ]),
      // In table order by position, whatever order the rows came in; types as the metastore names them.
      columnOrder: new Map([
        ['dim_vendor', ['vendor_key', 'name']],
        ['fact_x', ['x_key', 'due_date']],
      ]),
      columnTypes: new Map([
        [
          'dim_vendor',
          new Map([
            ['vendor_key', 'STRING'],
            ['name', 'STRING'],
          ]),
        ],
        [
          'fact_x',
          new Map([
            ['x_key', 'STRING'],
            ['due_date', 'TIMESTAMP'],
          ]),
        ],
      ]),
      views: new Set(['fact_x_current']),
    });
  });

  it('reports a missing catalog, schema and volume', async () => {
    const { client } = await answering([]);
    expect(await introspect(client, { catalog: 'main', schema: 'epicor' }, 'stg')).toMatchObject({
      catalogExists: false,
      schemaExists: false,
      volumeExists: false,
    });
  });
});
