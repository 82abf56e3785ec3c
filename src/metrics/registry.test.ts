import { describe, expect, it } from 'vitest';
import { createConnectorMetrics } from './connector-metrics.ts';
import { MetricsRegistry } from './registry.ts';
import { parsePrometheusText } from './testing/parse-prometheus-text.ts';

describe('MetricsRegistry', () => {
  it('reading a value never creates a series: a scrape after get() shows only series that were written', () => {
    const r = new MetricsRegistry();
    const c = r.counter('reads_total', 'Reads.', ['kind']);
    const g = r.gauge('level', 'Level.', ['kind']);
    expect(c.get({ kind: 'never' })).toBe(0);
    expect(g.get({ kind: 'never' })).toBe(0);
    c.inc({ kind: 'seen' });
    expect(r.render()).toBe(
      '# HELP reads_total Reads.\n# TYPE reads_total counter\nreads_total{kind="seen"} 1\n# HELP level Level.\n# TYPE level gauge\n',
    );
  });

  it('renders counters, gauges and histograms in the text format with HELP and TYPE lines', () => {
    const r = new MetricsRegistry();
    const c = r.counter('jobs_total', 'Jobs done.', ['kind']);
    const g = r.gauge('queue_depth', 'Items waiting.');
    const h = r.histogram('job_seconds', 'Job time.', [], [0.5, 1, 5]);
    c.inc({ kind: 'a' });
    c.inc({ kind: 'a' }, 2);
    c.inc({ kind: 'b' });
    g.set(undefined, 7);
    for (const v of [0.2, 0.7, 3, 9]) h.observe(undefined, v);
    expect(r.render()).toBe(
      [
        '# HELP jobs_total Jobs done.',
        '# TYPE jobs_total counter',
        'jobs_total{kind="a"} 3',
        'jobs_total{kind="b"} 1',
        '# HELP queue_depth Items waiting.',
        '# TYPE queue_depth gauge',
        'queue_depth 7',
        '# HELP job_seconds Job time.',
        '# TYPE job_seconds histogram',
        'job_seconds_bucket{le="0.5"} 1',
        'job_seconds_bucket{le="1"} 2',
        'job_seconds_bucket{le="5"} 3',
        'job_seconds_bucket{le="+Inf"} 4',
        'job_seconds_sum 12.9',
        'job_seconds_count 4',
        '',
      ].join('\n'),
    );
  });

  it('escapes label values and help text so a strict parser reads them back unchanged', () => {
    const r = new MetricsRegistry();
    const nasty = 'C:\\path "quoted"\nsecond line';
    r.counter('weird_total', 'Help with \\ and\nnewline.', ['v']).inc({ v: nasty });
    const text = r.render();
    expect(text).toContain('weird_total{v="C:\\\\path \\"quoted\\"\\nsecond line"} 1');
    const parsed = parsePrometheusText(text);
    expect(parsed.samples[0].labels.v).toBe(nasty);
    expect(parsed.families.get('weird_total')).toEqual({ type: 'counter', help: 'Help with \\ and\nnewline.' });
  });

  it('rejects bad names, wrong label sets, negative counter steps and duplicates', () => {
    const r = new MetricsRegistry();
    expect(() => r.counter('bad-name', 'x')).toThrow(/invalid metric name/);
    expect(() => r.counter('ok_total', 'x', ['__reserved'])).toThrow(/invalid label name/);
    expect(() => r.histogram('h', 'x', ['le'], [1])).toThrow(/reserved/);
    const c = r.counter('c_total', 'x', ['a']);
    expect(() => c.inc({ b: '1' })).toThrow(/takes labels \[a\]/);
    expect(() => c.inc({})).toThrow(/takes labels/);
    expect(() => c.inc({ a: '1' }, -1)).toThrow(/cannot go down/);
    expect(() => r.counter('c_total', 'again')).toThrow(/already registered/);
  });
});

describe('createConnectorMetrics', () => {
  it('declares every connector metric before the first run and counts runs, records and HTTP events', () => {
    const m = createConnectorMetrics();
    const before = parsePrometheusText(m.registry.render());
    expect([...before.families.keys()].sort()).toEqual([
      'ml_connector_http_requests_total',
      'ml_connector_http_retries_total',
      'ml_connector_last_success_timestamp_seconds',
      'ml_connector_records_total',
      'ml_connector_run_duration_seconds',
      'ml_connector_run_in_progress',
      'ml_connector_runs_skipped_total',
      'ml_connector_runs_total',
      'ml_connector_token_refreshes_total',
    ]);
    expect(before.value('ml_connector_run_in_progress')).toBe(0);

    m.http.request?.('epicor', 200, 12);
    m.http.request?.('epicor', 200, 3);
    m.http.request?.('databricks', 'error', 1);
    m.http.retry?.('epicor', 'HTTP_503');
    m.tokenRefreshed('databricks');
    const counts = (status: string, fetched: number, error?: string) => ({
      fetched,
      inserted: fetched,
      updated: 0,
      unchanged: 0,
      bad: 0,
      pages: 1,
      requests: 2,
      watermark_from: null,
      watermark_to: null,
      status: status as 'succeeded',
      error,
    });
    m.runFinished(
      {
        status: 'partial',
        startedAt: new Date(1_000_000),
        finishedAt: new Date(1_010_000),
        entities: { vendors: counts('succeeded', 5), parts: counts('failed', 2, 'boom') },
      },
      10,
    );
    const after = parsePrometheusText(m.registry.render());
    expect(after.value('ml_connector_http_requests_total', { api: 'epicor', status: '200' })).toBe(2);
    expect(after.value('ml_connector_http_requests_total', { api: 'databricks', status: 'error' })).toBe(1);
    expect(after.value('ml_connector_http_retries_total', { api: 'epicor', code: 'HTTP_503' })).toBe(1);
    expect(after.value('ml_connector_token_refreshes_total', { api: 'databricks' })).toBe(1);
    expect(after.value('ml_connector_runs_total', { status: 'partial' })).toBe(1);
    expect(after.value('ml_connector_records_total', { entity: 'vendors', action: 'inserted' })).toBe(5);
    expect(after.value('ml_connector_records_total', { entity: 'parts', action: 'fetched' })).toBe(2);
    expect(after.value('ml_connector_last_success_timestamp_seconds', { entity: 'vendors' })).toBe(1010);
    expect(after.value('ml_connector_last_success_timestamp_seconds', { entity: 'parts' })).toBeUndefined();
    expect(after.value('ml_connector_run_duration_seconds_bucket', { le: '15' })).toBe(1);
    expect(after.value('ml_connector_run_duration_seconds_bucket', { le: '5' })).toBe(0);
    expect(after.value('ml_connector_run_duration_seconds_count')).toBe(1);
  });
});
