/**
 * The benchmark's latency model — the one place it is set, printed at the top of every run. Values approximate a
 * Kinetic SaaS tenant (a REST page costs a fixed round trip plus server work per row) and a small serverless SQL
 * warehouse (each statement has a fixed overhead, a few run at once, uploads to the volume cost time per MB).
 */
export interface LatencyModel {
  epicor: { fixedMs: number; jitterMs: number; perRowMs: number };
  databricks: { statementLatencyMs: number; maxConcurrentStatements: number; uploadMsPerMB: number };
}

export const REALISTIC: LatencyModel = {
  epicor: { fixedMs: 150, jitterMs: 50, perRowMs: 0.1 },
  // 160 ms per MB = a 50 Mbit/s uplink (6.25 MB/s), a plant's link to the cloud.
  databricks: { statementLatencyMs: 300, maxConcurrentStatements: 4, uploadMsPerMB: 160 },
};

/** CPU-bound run: nothing injected, so the wall time is what the code itself costs. */
export const ZERO: LatencyModel = {
  epicor: { fixedMs: 0, jitterMs: 0, perRowMs: 0 },
  databricks: { statementLatencyMs: 0, maxConcurrentStatements: 10, uploadMsPerMB: 0 },
};

/** One line describing a model, for the report header. */
export function describeLatency(m: LatencyModel): string {
  const e = m.epicor;
  const d = m.databricks;
  return (
    `Epicor ${e.fixedMs} ms + 0..${e.jitterMs} ms jitter per request + ${e.perRowMs} ms per row; ` +
    `Databricks ${d.statementLatencyMs} ms per statement, ${d.maxConcurrentStatements} statements at once (queue), ` +
    `${d.uploadMsPerMB} ms per MB uploaded`
  );
}

/** The model with every latency multiplied by `f` (the `--quick` smoke test uses 0.1). */
export function scaledLatency(m: LatencyModel, f: number): LatencyModel {
  const e = m.epicor;
  const d = m.databricks;
  return {
    epicor: { fixedMs: e.fixedMs * f, jitterMs: e.jitterMs * f, perRowMs: e.perRowMs * f },
    databricks: { ...d, statementLatencyMs: d.statementLatencyMs * f, uploadMsPerMB: d.uploadMsPerMB * f },
  };
}
