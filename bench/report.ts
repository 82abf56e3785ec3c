/** The printed report of one scale: the runs table, ratios, targets, and the CPU-bound run's breakdown and profile. */
import { formatTable } from '../src/cli/format-table.ts';
import type { Breakdown, ScaleResult } from './scale-run.ts';
import { ratios, type TargetVerdict } from './targets.ts';

const n0 = (x: number) => Math.round(x).toLocaleString('en-US');
const s1 = (x: number) => x.toFixed(1);

/** Renders one scale's report. */
export function formatScaleReport(r: ScaleResult, verdicts: TargetVerdict[]): string {
  const lines: string[] = [];
  const full = r.runs.find((x) => x.name === 'full sync') ?? r.runs.find((x) => x.mode === 'sync');
  lines.push(
    `== scale ${r.scale} (${full ? n0(full.records) : '?'} records, ${r.entities} entities, company EPIC06, ` +
      `Epicor profile ${r.serverProfile ?? 'none (narrow rows)'}), ` +
      `pageSize ${r.pageSize}, concurrency ${r.concurrency}, seed ${r.seed}`,
  );
  lines.push(
    formatTable(
      [
        'run',
        'wall s',
        'records',
        'records/s',
        'Epicor req',
        'DBX stmts',
        'MB staged',
        'peak RSS MB',
        'sampled RSS MB',
        'client CPU s',
        'emul. CPU s',
        'rows written',
        'load',
      ],
      r.runs.map((x) => [
        x.name + (x.status === 'succeeded' ? '' : ` [${x.status}]`),
        s1(x.wallS),
        x.records,
        Math.round(x.recordsPerS),
        x.epicorRequests,
        x.statements,
        (x.bytesStaged / 1048576).toFixed(1),
        x.peakRssMB.toFixed(0),
        (x.sampledPeakRssMB ?? 0).toFixed(0),
        s1(x.clientCpuS),
        s1(x.emulatorCpuS),
        x.rowsWritten ?? '-',
        x.loadAvg === undefined ? '-' : x.loadAvg.toFixed(1),
      ]),
    ),
  );
  lines.push('');
  lines.push(
    `per record (${r.serverProfile ?? 'narrow'} rows: ${r.fieldsPerRecord.toFixed(0)} fields per record as served); ` +
      'head = run start to first Epicor request, tail = last Epicor answer to ledger written',
  );
  lines.push(
    formatTable(
      ['run', 'CPU µs/record', 'ns/field value', 'bytes staged/record', 'Epicor timeouts', 'head s', 'tail s'],
      r.runs
        .filter((x) => x.mode !== 'naive')
        .map((x) => {
          const us = x.records > 0 ? (x.clientCpuS * 1e6) / x.records : undefined;
          return [
            x.name,
            us === undefined ? '-' : us.toFixed(1),
            us === undefined || !r.fieldsPerRecord ? '-' : ((us * 1000) / r.fieldsPerRecord).toFixed(0),
            x.records > 0 && x.bytesStaged > 0 ? n0(x.bytesStaged / x.records) : '-',
            x.epicorTimeouts ?? '-',
            x.firstEpicorS === undefined ? '-' : x.firstEpicorS.toFixed(2),
            x.tailS === undefined ? '-' : x.tailS.toFixed(2),
          ];
        }),
    ),
  );
  const q = ratios(r);
  lines.push(
    `ratios: full sync ÷ extraction limit = ${q.fullOverLimit?.toFixed(2) ?? '-'}; ` +
      `naive ÷ full sync = ${q.naiveOverFull?.toFixed(2) ?? '- (naive not run)'}`,
  );
  for (const x of r.runs.filter((y) => y.note)) lines.push(`${x.name}: ${x.note}`);
  const floor = Math.max(...r.runs.map((x) => x.rssAfterImportsMB ?? 0));
  lines.push(
    `client RSS once its code is loaded (tsx + imports, before any work): ~${floor.toFixed(0)} MB — the floor of every row; ` +
      "'load' = 1-min load average at the end of the run (other work on these 2 cores stretches wall times)",
  );
  if (r.activity) {
    lines.push(`incremental input: ${r.activity.inserted} records inserted, ${r.activity.updated} updated in Epicor`);
  }
  lines.push('');
  lines.push(
    formatTable(
      ['target', 'measured', 'verdict'],
      verdicts.map((v) => [v.target, v.measured, v.verdict]),
    ),
  );
  if (r.fullBreakdown) lines.push('', formatBreakdown('full sync (realistic latency)', r.fullBreakdown));
  if (r.cpuBreakdown) lines.push('', formatBreakdown('CPU-bound full sync', r.cpuBreakdown));
  const p = r.profile;
  if (p) {
    lines.push('');
    lines.push(`profile of the connector process (the profiled CPU-bound run, ${n0(p.totalMs)} ms sampled):`);
    lines.push(
      formatTable(
        ['area', 'self ms', '%'],
        p.byArea.map((a) => [a.area, Math.round(a.selfMs), a.pct.toFixed(1)]),
      ),
    );
    lines.push('');
    lines.push(
      formatTable(
        ['top self-time function', 'where', 'self ms', '%'],
        p.top.map((f) => [f.name, f.where, Math.round(f.selfMs), f.pct.toFixed(1)]),
      ),
    );
  }
  return lines.join('\n');
}

function formatBreakdown(title: string, b: Breakdown): string {
  return [
    `${title}, where the ${s1(b.wallS)} s went: connector CPU ${s1(b.clientCpuS)} s, emulators CPU ${s1(b.emulatorCpuS)} s ` +
      `(2 cores = ${s1(2 * b.wallS)} core-s available)`,
    `  wall time with ≥1 in flight: Epicor request ${s1(b.epicorInFlightS)} s, MERGE ${s1(b.mergeInFlightS)} s, ` +
      `other statements ${s1(b.otherStatementsInFlightS)} s, uploads ${s1(b.uploadsInFlightS)} s`,
    `  statements by kind: ${Object.entries(b.statementsByKind)
      .map(([k, x]) => `${k} ${x.count} (${s1(x.inFlightS)} s)`)
      .join(', ')}`,
  ].join('\n');
}
