/** The targets, judged on one scale's results (and, for memory growth, a second scale's). */
import type { RunRow, ScaleResult } from './scale-run.ts';

export interface TargetVerdict {
  target: string;
  measured: string;
  verdict: 'PASS' | 'MISS' | 'n/a';
}

/** Scales at or above this count as the "~1M records" run. */
export const LARGE_SCALE = 40;

const find = (r: ScaleResult, mode: string, name?: string): RunRow | undefined =>
  r.runs.find((x) => x.mode === mode && (name === undefined || x.name.startsWith(name)));

/**
 * Peak RSS of the connector's sync runs, as sampled inside the client every 20 ms. The kernel's maxRSS of a child
 * spawned from the (large) emulator parent can carry the parent's peak from before exec, so it is not used here.
 */
export function syncPeakRss(r: ScaleResult): number {
  return Math.max(...r.runs.filter((x) => x.mode === 'sync').map((x) => x.sampledPeakRssMB ?? x.peakRssMB));
}

/** Ratios the report prints: full ÷ limit, naive ÷ full. */
export function ratios(r: ScaleResult): { fullOverLimit?: number; naiveOverFull?: number } {
  const limit = find(r, 'limit');
  const full = find(r, 'sync', 'full sync');
  const naive = find(r, 'naive');
  return {
    fullOverLimit: limit && full ? full.wallS / limit.wallS : undefined,
    naiveOverFull: naive && full ? naive.wallS / full.wallS : undefined,
  };
}

/** Judges every target; `small`/`large` are the ~200k and ~1M results when both exist. */
export function judge(r: ScaleResult, pair: { small?: ScaleResult; large?: ScaleResult }): TargetVerdict[] {
  const out: TargetVerdict[] = [];
  const v = (ok: boolean | undefined) => (ok === undefined ? 'n/a' : ok ? 'PASS' : 'MISS');
  const { fullOverLimit, naiveOverFull } = ratios(r);
  out.push({
    target: 'full sync ≤ 1.2 × extraction limit',
    measured: fullOverLimit === undefined ? '-' : `${fullOverLimit.toFixed(2)} ×`,
    verdict: v(fullOverLimit === undefined ? undefined : fullOverLimit <= 1.2),
  });
  out.push({
    target: 'naive ÷ full sync ≥ 5',
    measured: naiveOverFull === undefined ? 'naive not run' : `${naiveOverFull.toFixed(2)} ×`,
    verdict: v(naiveOverFull === undefined ? undefined : naiveOverFull >= 5),
  });
  const budget = 4 * r.entities + 6;
  const syncs = r.runs.filter((x) => x.mode === 'sync' && !x.name.startsWith('no-change'));
  const maxStatements = Math.max(...syncs.map((x) => x.statements));
  out.push({
    target: `statements per sync run ≤ 4 × ${r.entities} entities + 6 = ${budget}`,
    measured: syncs.map((x) => `${x.name}: ${x.statements}`).join(', '),
    verdict: v(maxStatements <= budget),
  });
  const inc = find(r, 'sync', 'incremental');
  const incLimit = r.runs.find((x) => x.name === 'limit of the changed pages');
  if (inc && incLimit) {
    out.push({
      target: 'incremental (~1% changed) ≤ extraction limit of the same changed pages + 1.0 s',
      measured: `${inc.wallS.toFixed(1)} s vs ${incLimit.wallS.toFixed(1)} s + 1.0 s (${inc.records} vs ${incLimit.records} records)`,
      verdict: v(inc.wallS <= incLimit.wallS + 1.0),
    });
  }
  const none = find(r, 'sync', 'no-change');
  if (none) {
    out.push({
      target: `no-change sync: ≤ 2 Epicor requests per entity (≤ ${2 * r.entities}), ≤ 6 statements, 0 rows written`,
      measured: `${none.epicorRequests} requests, ${none.statements} statements, ${none.rowsWritten} rows written`,
      verdict: v(none.epicorRequests <= 2 * r.entities && none.statements <= 6 && none.rowsWritten === 0),
    });
  }
  const rss = syncPeakRss(r);
  out.push({
    target: 'peak RSS ≤ 300 MB at ~1M records',
    measured: `${rss.toFixed(0)} MB at scale ${r.scale}`,
    verdict: r.scale >= LARGE_SCALE ? v(rss <= 300) : 'n/a',
  });
  const { small, large } = pair;
  if (small && large) {
    const growth = syncPeakRss(large) / syncPeakRss(small) - 1;
    out.push({
      target: 'peak RSS at ~1M < 20% above ~200k',
      measured: `${syncPeakRss(small).toFixed(0)} MB (scale ${small.scale}) → ${syncPeakRss(large).toFixed(0)} MB (scale ${large.scale}): +${(100 * growth).toFixed(0)}%`,
      verdict: v(growth < 0.2),
    });
  } else {
    out.push({ target: 'peak RSS at ~1M < 20% above ~200k', measured: 'needs runs at both scales', verdict: 'n/a' });
  }
  const cpu = find(r, 'sync', 'CPU-bound');
  if (cpu && r.fieldsPerRecord > 0 && cpu.records > 0) {
    const ns = (cpu.clientCpuS * 1e9) / (cpu.records * r.fieldsPerRecord);
    out.push({
      target: 'connector CPU ≤ 0.5 µs (500 ns) per field value, zero latency',
      measured: `${ns.toFixed(0)} ns (${((cpu.clientCpuS * 1e6) / cpu.records).toFixed(0)} µs/record, ${r.fieldsPerRecord.toFixed(0)} fields)`,
      verdict: v(ns <= 500),
    });
  }
  if (cpu) {
    out.push({
      target: 'CPU-bound ≥ 25,000 records/s end to end (emulators on the same 2 cores)',
      measured: `${Math.round(cpu.recordsPerS).toLocaleString('en-US')} records/s`,
      verdict: v(cpu.recordsPerS >= 25_000),
    });
  }
  return out;
}
