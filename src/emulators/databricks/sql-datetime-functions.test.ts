/**
 * Databricks SQL functions through the emulator's HTTP API. Every expected value and column name is written by
 * hand from Databricks' documentation (the examples on docs.databricks.com/sql/language-manual/functions/<name>
 * where there is one) and Spark's naming of unaliased columns — not by running the translation.
 */
import { describe, expect, it } from 'vitest';
import { useFunctionKit } from './function-test-kit.ts';
import { startWorkspace } from './test-client.ts';

const kit = useFunctionKit();
const { check, typesOf } = kit;

describe('date and time functions', () => {
  it('datediff(end, start) counts days; datediff(unit, a, b) counts whole elapsed units', async () => {
    await check([
      ["datediff('2009-07-31', '2009-07-30')", 'datediff(2009-07-31, 2009-07-30)', '1'],
      ["datediff('2009-07-30', '2009-07-31')", 'datediff(2009-07-30, 2009-07-31)', '-1'],
      ["datediff(DATE'2026-03-01', DATE '2026-01-01')", "datediff(DATE '2026-03-01', DATE '2026-01-01')", '59'],
      [
        "datediff(MONTH, TIMESTAMP'2021-02-28 12:00:00', TIMESTAMP'2021-03-28 11:59:59')",
        "datediff(MONTH, TIMESTAMP '2021-02-28 12:00:00', TIMESTAMP '2021-03-28 11:59:59')",
        '0',
      ],
      [
        "datediff(MONTH, TIMESTAMP'2021-02-28 12:00:00', TIMESTAMP'2021-03-28 12:00:00')",
        "datediff(MONTH, TIMESTAMP '2021-02-28 12:00:00', TIMESTAMP '2021-03-28 12:00:00')",
        '1',
      ],
      [
        "datediff(YEAR, DATE'2021-01-01', DATE'1900-03-28')",
        "datediff(YEAR, DATE '2021-01-01', DATE '1900-03-28')",
        '-120',
      ],
      [
        "timestampdiff(HOUR, TIMESTAMP'2026-01-01 00:00:00', TIMESTAMP'2026-01-02 05:30:00')",
        "timestampdiff(HOUR, TIMESTAMP '2026-01-01 00:00:00', TIMESTAMP '2026-01-02 05:30:00')",
        '29',
      ],
      [
        "DATEDIFF(DAY, DATE'2026-01-31', DATE'2026-01-01')",
        "datediff(DAY, DATE '2026-01-31', DATE '2026-01-01')",
        '-30',
      ],
    ]);
    expect(
      await typesOf("SELECT datediff('2009-07-31', '2009-07-30'), datediff(DAY, DATE'2026-01-01', DATE'2026-01-31')"),
    ).toEqual(['INT', 'BIGINT']);
  });

  it('adds days and months, with month ends clamped', async () => {
    await check([
      ["date_add('2016-07-30', 1)", 'date_add(2016-07-30, 1)', '2016-07-31'],
      ["date_sub('2016-07-30', 1)", 'date_sub(2016-07-30, 1)', '2016-07-29'],
      ["dateadd('2016-07-30', 2)", 'dateadd(2016-07-30, 2)', '2016-08-01'],
      ["add_months('2016-08-31', 1)", 'add_months(2016-08-31, 1)', '2016-09-30'],
      ["add_months(DATE'2024-03-31', -1)", "add_months(DATE '2024-03-31', -1)", '2024-02-29'],
      [
        "months_between('1997-02-28 10:30:00', '1996-10-30')",
        'months_between(1997-02-28 10:30:00, 1996-10-30, true)',
        '3.94959677',
      ],
      [
        "months_between('1997-02-28 10:30:00', '1996-10-30', false)",
        'months_between(1997-02-28 10:30:00, 1996-10-30, false)',
        '3.9495967741935485',
      ],
      [
        "months_between(DATE'2026-03-31', DATE'2026-02-28')",
        "months_between(DATE '2026-03-31', DATE '2026-02-28', true)",
        '1.0',
      ],
    ]);
  });

  it('truncates with date_trunc(unit, ts) and trunc(date, fmt); last_day, make_date, next_day', async () => {
    await check([
      [
        "date_format(date_trunc('MONTH', TIMESTAMP'2015-03-05 09:32:05.359'), 'yyyy-MM-dd HH:mm:ss')",
        "date_format(date_trunc(MONTH, TIMESTAMP '2015-03-05 09:32:05.359'), yyyy-MM-dd HH:mm:ss)",
        '2015-03-01 00:00:00',
      ],
      [
        "date_trunc('YEAR', '2015-03-05T09:32:05.359')",
        'date_trunc(YEAR, 2015-03-05T09:32:05.359)',
        '2015-01-01T00:00:00.000Z',
      ],
      [
        "date_trunc('HOUR', TIMESTAMP'2015-03-05 09:32:05')",
        "date_trunc(HOUR, TIMESTAMP '2015-03-05 09:32:05')",
        '2015-03-05T09:00:00.000Z',
      ],
      ["trunc('2019-08-04', 'MM')", 'trunc(2019-08-04, MM)', '2019-08-01'],
      ["trunc('2019-08-04', 'YEAR')", 'trunc(2019-08-04, YEAR)', '2019-01-01'],
      ["trunc('2019-08-04', 'QUARTER')", 'trunc(2019-08-04, QUARTER)', '2019-07-01'],
      ["trunc('2019-08-04', 'DD')", 'trunc(2019-08-04, DD)', null],
      ["last_day('2009-01-12')", 'last_day(2009-01-12)', '2009-01-31'],
      ["last_day(DATE'2024-02-10')", "last_day(DATE '2024-02-10')", '2024-02-29'],
      ['make_date(2013, 7, 15)', 'make_date(2013, 7, 15)', '2013-07-15'],
      [
        'make_timestamp(2014, 12, 28, 6, 30, 45.887)',
        'make_timestamp(2014, 12, 28, 6, 30, 45.887)',
        '2014-12-28T06:30:45.887Z',
      ],
      ["next_day('2015-01-14', 'TU')", 'next_day(2015-01-14, TU)', '2015-01-20'],
      ["next_day('2015-01-20', 'tuesday')", 'next_day(2015-01-20, tuesday)', '2015-01-27'],
    ]);
    expect(await typesOf("SELECT date_trunc('MONTH', DATE'2026-05-17'), trunc(DATE'2026-05-17', 'MM')")).toEqual([
      'TIMESTAMP',
      'DATE',
    ]);
  });

  it('parses and formats with Java datetime patterns', async () => {
    await check([
      ["to_date('2009-07-30 04:17:52')", 'to_date(2009-07-30 04:17:52)', '2009-07-30'],
      ["to_date('2016-12-31', 'yyyy-MM-dd')", 'to_date(2016-12-31, yyyy-MM-dd)', '2016-12-31'],
      ["to_date('31/12/2016', 'dd/MM/yyyy')", 'to_date(31/12/2016, dd/MM/yyyy)', '2016-12-31'],
      ["to_timestamp('2016-12-31 00:12:00')", 'to_timestamp(2016-12-31 00:12:00)', '2016-12-31T00:12:00.000Z'],
      ["to_timestamp('2016-12-31', 'yyyy-MM-dd')", 'to_timestamp(2016-12-31, yyyy-MM-dd)', '2016-12-31T00:00:00.000Z'],
      ["date_format('2016-04-08', 'y')", 'date_format(2016-04-08, y)', '2016'],
      [
        "date_format(TIMESTAMP'2026-03-05 14:07:09', 'dd.MM.yyyy HH:mm')",
        "date_format(TIMESTAMP '2026-03-05 14:07:09', dd.MM.yyyy HH:mm)",
        '05.03.2026 14:07',
      ],
      [
        "date_format(DATE'2026-03-05', 'EEE, d MMM yy')",
        "date_format(DATE '2026-03-05', EEE, d MMM yy)",
        'Thu, 5 Mar 26',
      ],
      [
        "date_format(DATE'2026-03-05', \"yyyy-MM 'week'\")",
        "date_format(DATE '2026-03-05', yyyy-MM 'week')",
        '2026-03 week',
      ],
      ["unix_timestamp('2016-04-08', 'yyyy-MM-dd')", 'unix_timestamp(2016-04-08, yyyy-MM-dd)', '1460073600'],
      [
        "unix_timestamp(TIMESTAMP'1970-01-02 00:00:01')",
        "unix_timestamp(TIMESTAMP '1970-01-02 00:00:01', yyyy-MM-dd HH:mm:ss)",
        '86401',
      ],
      ['from_unixtime(0)', 'from_unixtime(0, yyyy-MM-dd HH:mm:ss)', '1970-01-01 00:00:00'],
      ["from_unixtime(86400, 'yyyy/MM/dd')", 'from_unixtime(86400, yyyy/MM/dd)', '1970/01/02'],
    ]);
  });

  it('extracts fields: year, month, day, dayofweek (1 = Sunday), weekofyear (ISO), quarter, hour, extract, date_part', async () => {
    await check([
      ["year('2016-07-30')", 'year(2016-07-30)', '2016'],
      ["month('2016-07-30')", 'month(2016-07-30)', '7'],
      ["day('2016-07-30')", 'day(2016-07-30)', '30'],
      ["dayofmonth('2016-07-30')", 'dayofmonth(2016-07-30)', '30'],
      ["dayofweek('2009-07-30')", 'dayofweek(2009-07-30)', '5'],
      ["dayofweek(DATE'2026-03-01')", "dayofweek(DATE '2026-03-01')", '1'],
      ["weekofyear('2008-02-20')", 'weekofyear(2008-02-20)', '8'],
      ["quarter('2016-08-31')", 'quarter(2016-08-31)', '3'],
      ["hour('2009-07-30 12:58:59')", 'hour(2009-07-30 12:58:59)', '12'],
      ["minute('2009-07-30 12:58:59')", 'minute(2009-07-30 12:58:59)', '58'],
      ["second('2009-07-30 12:58:59')", 'second(2009-07-30 12:58:59)', '59'],
      ["dayofyear('2016-04-09')", 'dayofyear(2016-04-09)', '100'],
      [
        "extract(YEAR FROM TIMESTAMP '2019-08-12 01:00:00.123456')",
        "extract(YEAR FROM TIMESTAMP '2019-08-12 01:00:00.123456')",
        '2019',
      ],
      [
        "extract(SECOND FROM TIMESTAMP '2019-10-01 00:00:01.000001')",
        "extract(SECOND FROM TIMESTAMP '2019-10-01 00:00:01.000001')",
        '1.000001',
      ],
      ["extract(DOW FROM DATE'2026-03-01')", "extract(DOW FROM DATE '2026-03-01')", '1'],
      ["date_part('MONTH', DATE'2019-08-12')", "date_part(MONTH, DATE '2019-08-12')", '8'],
      ["date_part('week', TIMESTAMP'2019-08-12 01:00:00')", "date_part(week, TIMESTAMP '2019-08-12 01:00:00')", '33'],
    ]);
    expect(await typesOf("SELECT year('2016-07-30'), extract(SECOND FROM TIMESTAMP '2019-10-01 00:00:01')")).toEqual([
      'INT',
      'DECIMAL(8,6)',
    ]);
  });

  it('current_date(), current_timestamp() and now() name themselves with parentheses and agree', async () => {
    const r = await kit.ws.sql('SELECT current_date(), current_date, current_timestamp(), now()');
    expect(r.manifest.schema.columns.map((c: { name: string; type_text: string }) => [c.name, c.type_text])).toEqual([
      ['current_date()', 'DATE'],
      ['current_date()', 'DATE'],
      ['current_timestamp()', 'TIMESTAMP'],
      ['now()', 'TIMESTAMP'],
    ]);
    const [d1, d2, ts, now] = r.result.data_array[0];
    expect(d1).toBe(d2);
    expect(ts.slice(0, 10)).toBe(d1);
    expect(Math.abs(Date.parse(now) - Date.now())).toBeLessThan(60_000);
  });
});

describe('in a session west of UTC', () => {
  it('reads wall-clock parts, formats and dates in the session time zone', async () => {
    const chicago = await startWorkspace({ timeZone: 'America/Chicago' });
    try {
      const r = await chicago.sql(
        `SELECT hour(ts), date_format(ts, 'yyyy-MM-dd HH:mm'), to_date(ts), CAST(ts AS STRING), dayofweek(ts),
           date_format(date_trunc('DAY', ts), 'yyyy-MM-dd HH:mm'), datediff(ts, DATE'2026-01-01'),
           unix_timestamp(ts), datediff(DAY, TIMESTAMP'2026-01-01 00:00:00', ts)
         FROM (SELECT TIMESTAMP'2026-01-05 03:00:00Z' AS ts)`,
      );
      expect(r.status.state).toBe('SUCCEEDED');
      // 03:00 UTC is 21:00 the previous evening in Chicago (UTC-6 in January).
      expect(r.result.data_array).toEqual([
        [
          '21',
          '2026-01-04 21:00',
          '2026-01-04',
          '2026-01-04 21:00:00',
          '1',
          '2026-01-04 00:00',
          '3',
          '1767582000',
          '3',
        ],
      ]);
    } finally {
      await chicago.emu.close();
    }
  });
});
