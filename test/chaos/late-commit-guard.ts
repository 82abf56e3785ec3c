/**
 * The Epicor emulator's late commits pick any record this activity stretch has not written, so one can take a
 * held-back revision BELOW the record's own current revision — impossible in Epicor (the row is locked between its
 * writes). By the only order there is (newest `SysRevID` wins), such a version is older than the one the target may
 * already hold, so no MERGE loads it. The guard remembers every version a record had before such a commit, and
 * builds a ground truth that accepts the target holding the higher-revision version instead of the emulator's
 * current row — and nothing else. It counts how often that happened, so the report shows the artifact.
 */
import type { ActivityOptions, ActivityReport, EpicorEmulator } from '../../src/emulators/epicor/index.ts';
import { ENTITIES } from '../../src/source/epicor/catalog.ts';
import type { Query, SourceTruth } from '../support/ground-truth.ts';

type Row = Record<string, unknown>;

export interface LateCommitGuard {
  /** `epicor.advance(activity)` with the versions needed to judge its late commits remembered. */
  advance(activity: ActivityOptions): ActivityReport;
  /** Late commits that went below the record's own revision so far. */
  impossible(): number;
  /** Ground truth whose rows of such records follow the target where it holds a newer remembered version. */
  truth(query: Query, schema: string): Promise<{ source: SourceTruth; substituted: number }>;
}

/** Wraps `epicor` for one company. */
export function lateCommitGuard(epicor: EpicorEmulator, company: string): LateCommitGuard {
  /** entitySet → SysRowID → versions seen before an impossible late commit. */
  const versions = new Map<string, Map<string, Row[]>>();
  let impossible = 0;

  return {
    advance(activity) {
      const late = (activity.lateCommits ?? 0) > 0;
      const before = new Map<string, Row[]>();
      if (late) for (const set of LATE_SETS) before.set(set, epicor.records(company, set));
      const report = epicor.advance({ ...activity, company });
      for (const [set, a] of Object.entries(report.companies[company] ?? {})) {
        for (const l of a.lateCommits) {
          const prior = before.get(set)?.find((r) => matches(r, l.key));
          if (!prior || Number(prior.SysRevID) <= l.revision) continue;
          impossible++;
          const bySet = versions.get(set) ?? new Map<string, Row[]>();
          versions.set(set, bySet);
          const id = String(prior.SysRowID);
          bySet.set(id, [...(bySet.get(id) ?? []), prior]);
        }
      }
      return report;
    },
    impossible: () => impossible,
    async truth(query, schema) {
      let substituted = 0;
      const replaced = new Map<string, Map<string, Row>>();
      for (const [set, bySet] of versions) {
        const def = ENTITIES.find((e) => e.entitySet === set);
        if (!def) continue;
        const view = def.kind === 'fact' ? `${def.table}_current` : def.table;
        for (const [id, olds] of bySet) {
          const current = epicor.records(company, set).find((r) => String(r.SysRowID) === id);
          if (!current) continue;
          const rows = await query(
            `SELECT CAST(_source_rev AS VARCHAR) AS rev FROM ${schema}.${view} ` +
              `WHERE _source_record_id = '${id.replaceAll("'", "''")}' AND _source_company = '${company}'`,
          ).catch(() => []);
          const held = rows.length === 1 ? Number(rows[0].rev) : undefined;
          if (held === undefined || held <= Number(current.SysRevID)) continue;
          const older = olds.find((o) => Number(o.SysRevID) === held);
          if (!older) continue;
          const m = replaced.get(set) ?? new Map<string, Row>();
          replaced.set(set, m);
          m.set(id, older);
          substituted++;
        }
      }
      const source: SourceTruth = {
        records: (c, set) =>
          epicor.records(c, set).map((r) => (c === company ? (replaced.get(set)?.get(String(r.SysRowID)) ?? r) : r)),
        deleted: (c, set) => epicor.deleted(c, set),
      };
      return { source, substituted };
    },
  };
}

/** Entity sets the emulator's late commits write to. */
const LATE_SETS = ['Vendors', 'Parts', 'POes', 'GLAccounts', 'PORels'];

function matches(row: Row, key: Row): boolean {
  return Object.entries(key).every(([k, v]) => row[k] === v);
}
