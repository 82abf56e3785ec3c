/** What the Databricks emulator process (databricks-child.ts) and the benchmark say to each other. */

export const READY_PREFIX = 'DBX_READY ';

/** What `GET /stats` returns (the proxy's Map as entries). */
export interface DatabricksChildStats {
  statements: number;
  bytesStaged: number;
  uploads: number;
  statementIntervals: [string, [number, number][]][];
  uploadIntervals: [number, number][];
  cpuMs: number;
}
