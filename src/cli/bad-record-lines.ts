import type { BadRecord } from '../pipeline/job-runner.ts';

/** Bad records shown at the end of a job: the first 20, then how many more (every job reports them the same way). */
export function badRecordLines(bad: readonly BadRecord[]): string[] {
  const lines = bad.slice(0, 20).map((b) => `bad record: ${b.entity} [${b.key}]: ${b.reason}`);
  if (bad.length > 20) lines.push(`… and ${bad.length - 20} more bad records`);
  return lines;
}
