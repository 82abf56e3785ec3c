/** Rules a real workspace enforces that the emulator enforces too (issue 13), seen on the wire. */
import { afterEach, describe, expect, it } from 'vitest';
import { startWorkspace, type TestWorkspace } from './test-client.ts';

let ws: TestWorkspace | undefined;
afterEach(async () => {
  await ws?.emu.close();
  ws = undefined;
});

describe('session time zone', () => {
  it('starts each request in the warehouse zone; SET TIME ZONE lasts for its own session only', async () => {
    ws = await startWorkspace({ timeZone: 'America/Chicago' });
    const q =
      "SELECT CAST(TIMESTAMP '2026-07-01 03:00:00Z' AS DATE) AS d, TIMESTAMP '2026-07-01 03:00:00Z' AS t, CAST('2026-07-01 00:00:00' AS TIMESTAMP) AS local";
    const chicago = await ws.sql(q);
    expect(chicago.result.data_array).toEqual([
      ['2026-06-30', '2026-06-30T22:00:00.000-05:00', '2026-07-01T00:00:00.000-05:00'],
    ]);
    const set = await ws.sql("SET TIME ZONE 'UTC'");
    expect(set.result.data_array).toEqual([['spark.sql.session.timeZone', 'UTC']]);
    // A new request is a new session: back in the warehouse zone.
    expect((await ws.sql(q)).result.data_array).toEqual(chicago.result.data_array);
    const bad = await ws.sql("SET TIME ZONE 'Mars/Olympus'");
    expect(bad.status.error.message).toMatch(/^\[INVALID_CONF_VALUE\.TIME_ZONE\]/);
  });

  it('renders TIMESTAMPs in UTC with Z by default', async () => {
    ws = await startWorkspace();
    const r = await ws.sql(
      "SELECT TIMESTAMP '2026-07-01 03:00:00Z' AS t, CAST(TIMESTAMP '2026-07-01 03:00:00Z' AS DATE) AS d",
    );
    expect(r.result.data_array).toEqual([['2026-07-01T03:00:00.000Z', '2026-07-01']]);
  });
});

describe('limits and failures', () => {
  it('fails an INLINE result over the cap with BAD_REQUEST and the real wording, no class or SQLSTATE', async () => {
    ws = await startWorkspace({ inlineLimitBytes: 1_000 });
    const r = await ws.sql("SELECT id, repeat('x', 50) AS pad FROM range(100) AS t(id)");
    expect(r.status.state).toBe('FAILED');
    expect(r.status.sql_state).toBeUndefined();
    expect(r.status.error).toEqual({
      error_code: 'BAD_REQUEST',
      message:
        'Inline byte limit exceeded. Statements executed with disposition=INLINE can have a result size of at most 1000 bytes. Please execute the statement with disposition=EXTERNAL_LINKS if you want to download the full result.',
    });
    expect((await ws.sql('SELECT 1 AS one')).status.state).toBe('SUCCEEDED');
  });

  it('raises a planned write conflict with SQLSTATE 2D521 on the matching statement only, changing nothing', async () => {
    ws = await startWorkspace({
      faults: { writeConflicts: [{ errorClass: 'DELTA_METADATA_CHANGED', statement: 'INSERT', times: 1 }] },
    });
    await ws.sql('CREATE TABLE main.default.t (a INT)');
    const first = await ws.sql('INSERT INTO main.default.t VALUES (1)');
    expect(first.status.sql_state).toBe('2D521');
    expect(first.status.error.message).toMatch(/^\[DELTA_METADATA_CHANGED\] MetadataChangedException/);
    expect((await ws.sql('INSERT INTO main.default.t VALUES (1)')).status.state).toBe('SUCCEEDED');
    expect((await ws.sql('SELECT COUNT(*) AS n FROM main.default.t')).result.data_array).toEqual([['1']]);
  });

  it('without metastore storage, CREATE CATALOG needs MANAGED LOCATION — checked before IF NOT EXISTS', async () => {
    ws = await startWorkspace({ metastoreStorage: false });
    for (const sql of ['CREATE CATALOG erp', 'CREATE CATALOG IF NOT EXISTS main']) {
      const r = await ws.sql(sql);
      expect(r.status.state).toBe('FAILED');
      expect(r.status.error.message).toMatch(/ErrorClass=INVALID_STATE\] Metastore storage root URL does not exist/);
    }
    const ok = await ws.sql("CREATE CATALOG erp MANAGED LOCATION 's3://bucket/erp'");
    expect(ok.status.state).toBe('SUCCEEDED');
  });
});
