/**
 * A small Prometheus registry: counters, gauges and histograms with labels, rendered in the text exposition format
 * with `# HELP`/`# TYPE` lines. Series appear in the order they were first touched, so output is stable.
 */
import { assertLabelName, assertMetricName, escapeHelp, formatLabels, formatValue } from './prometheus-text.ts';

export type Labels = Readonly<Record<string, string | number>>;

abstract class Metric<S> {
  protected readonly series = new Map<string, { values: string[]; state: S }>();

  constructor(
    readonly name: string,
    readonly help: string,
    readonly labelNames: readonly string[],
  ) {
    assertMetricName(name);
    for (const l of labelNames) assertLabelName(l);
  }

  abstract readonly type: 'counter' | 'gauge' | 'histogram';
  protected abstract fresh(): S;
  protected abstract sampleLines(values: string[], state: S): string[];

  /** The series for these labels (created on first use); every declared label must be given, no others. */
  protected at(labels: Labels = {}): S {
    const key = this.keyOf(labels);
    let entry = this.series.get(key);
    if (!entry) {
      entry = { values: JSON.parse(key) as string[], state: this.fresh() };
      this.series.set(key, entry);
    }
    return entry.state;
  }

  /** The series for these labels if it was ever touched; reading never creates one (no phantom series on a scrape). */
  protected peek(labels: Labels = {}): S | undefined {
    return this.series.get(this.keyOf(labels))?.state;
  }

  private keyOf(labels: Labels): string {
    const given = Object.keys(labels);
    const unknown = given.filter((k) => !this.labelNames.includes(k));
    const missing = this.labelNames.filter((k) => !(k in labels));
    if (unknown.length > 0 || missing.length > 0) {
      throw new RangeError(`${this.name} takes labels [${this.labelNames.join(', ')}], got [${given.join(', ')}]`);
    }
    return JSON.stringify(this.labelNames.map((n) => String(labels[n])));
  }

  render(): string {
    const lines = [`# HELP ${this.name} ${escapeHelp(this.help)}`, `# TYPE ${this.name} ${this.type}`];
    for (const { values, state } of this.series.values()) lines.push(...this.sampleLines(values, state));
    return lines.join('\n');
  }
}

/** A value that only goes up (resets only when the process restarts). */
export class Counter extends Metric<{ value: number }> {
  readonly type = 'counter';
  protected fresh() {
    return { value: 0 };
  }
  /** Adds `by` (default 1; must not be negative). */
  inc(labels?: Labels, by = 1): void {
    if (!(by >= 0)) throw new RangeError(`${this.name}: a counter cannot go down (${by})`);
    this.at(labels).value += by;
  }
  /** Current value (0 for a series never touched). */
  get(labels?: Labels): number {
    return this.peek(labels)?.value ?? 0;
  }
  protected sampleLines(values: string[], s: { value: number }) {
    return [`${this.name}${formatLabels(this.labelNames, values)} ${formatValue(s.value)}`];
  }
}

/** A value that goes up and down. */
export class Gauge extends Metric<{ value: number }> {
  readonly type = 'gauge';
  protected fresh() {
    return { value: 0 };
  }
  set(labels: Labels | undefined, value: number): void {
    this.at(labels).value = value;
  }
  get(labels?: Labels): number {
    return this.peek(labels)?.value ?? 0;
  }
  protected sampleLines(values: string[], s: { value: number }) {
    return [`${this.name}${formatLabels(this.labelNames, values)} ${formatValue(s.value)}`];
  }
}

interface HistogramState {
  counts: number[];
  sum: number;
  count: number;
}

/** Observations counted into cumulative `le` buckets, with `_sum` and `_count`. */
export class Histogram extends Metric<HistogramState> {
  readonly type = 'histogram';
  readonly buckets: readonly number[];

  constructor(name: string, help: string, labelNames: readonly string[], buckets: readonly number[]) {
    super(name, help, labelNames);
    if (labelNames.includes('le')) throw new RangeError(`${name}: "le" is reserved for histogram buckets`);
    const sorted = [...new Set(buckets)].filter((b) => Number.isFinite(b)).sort((a, b) => a - b);
    if (sorted.length === 0) throw new RangeError(`${name}: a histogram needs at least one finite bucket`);
    this.buckets = sorted;
  }

  protected fresh(): HistogramState {
    return { counts: this.buckets.map(() => 0), sum: 0, count: 0 };
  }

  observe(labels: Labels | undefined, value: number): void {
    const s = this.at(labels);
    for (let i = 0; i < this.buckets.length; i++) if (value <= this.buckets[i]) s.counts[i]++;
    s.sum += value;
    s.count++;
  }

  protected sampleLines(values: string[], s: HistogramState) {
    const names = [...this.labelNames, 'le'];
    const lines = this.buckets.map(
      (b, i) => `${this.name}_bucket${formatLabels(names, [...values, formatValue(b)])} ${s.counts[i]}`,
    );
    lines.push(`${this.name}_bucket${formatLabels(names, [...values, '+Inf'])} ${s.count}`);
    lines.push(`${this.name}_sum${formatLabels(this.labelNames, values)} ${formatValue(s.sum)}`);
    lines.push(`${this.name}_count${formatLabels(this.labelNames, values)} ${s.count}`);
    return lines;
  }
}

/** Holds metrics by name and renders them all for a scrape. */
export class MetricsRegistry {
  private readonly metrics = new Map<string, { render(): string }>();

  counter(name: string, help: string, labelNames: readonly string[] = []): Counter {
    return this.add(new Counter(name, help, labelNames));
  }

  gauge(name: string, help: string, labelNames: readonly string[] = []): Gauge {
    return this.add(new Gauge(name, help, labelNames));
  }

  histogram(name: string, help: string, labelNames: readonly string[], buckets: readonly number[]): Histogram {
    return this.add(new Histogram(name, help, labelNames, buckets));
  }

  /** The whole registry in the text exposition format (ends with a newline). */
  render(): string {
    return `${[...this.metrics.values()].map((m) => m.render()).join('\n')}\n`;
  }

  private add<M extends { name: string; render(): string }>(metric: M): M {
    if (this.metrics.has(metric.name)) throw new RangeError(`metric ${metric.name} is already registered`);
    this.metrics.set(metric.name, metric);
    return metric;
  }
}
