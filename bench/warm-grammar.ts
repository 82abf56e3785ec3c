/**
 * Warms the Databricks emulator's SQL grammar (dt-sql-parser/antlr builds its parsing tables lazily: the first
 * statements of each kind cost hundreds of ms, later ones a few). A real warehouse has no such per-client cost, so the
 * benchmark's Databricks process pays it before it reports ready, on the connector's own statement kinds built by
 * the connector's SQL builders for a small table of every column type.
 */
import {
  createCurrentViewSql,
  createSchemaSql,
  createTableSql,
  createVolumeSql,
} from '../src/destination/databricks/sql/ddl-sql.ts';
import { INTROSPECTION_SQL } from '../src/destination/databricks/sql/introspection-sql.ts';
import { mergeSql } from '../src/destination/databricks/sql/merge-sql.ts';
import {
  acquireLockSql,
  createStateTablesSql,
  finishRunSql,
  readWatermarksSql,
  releaseLockSql,
  startRunSql,
  writeWatermarkSql,
} from '../src/destination/databricks/sql/state-sql.ts';
import { tokenize } from '../src/emulators/databricks/sql-tokens.ts';
import { checkSyntax } from '../src/emulators/databricks/syntax-check.ts';
import type { TargetSchema } from '../src/mapping/target-schema.ts';

const ref = { catalog: 'warmup', schema: 'warmup' };
const types = ['STRING', 'BIGINT', 'INT', 'DOUBLE', 'BOOLEAN', 'TIMESTAMP', 'DATE', 'DECIMAL(18,4)'];
const table = (kind: 'dimension' | 'fact'): TargetSchema =>
  ({
    table: `warm_${kind}`,
    kind,
    keyColumn: 'warm_key',
    columns: [
      { name: 'warm_key', type: 'STRING', role: 'key' },
      ...types.map((type, i) => ({ name: `c${i}`, type, role: 'data' as const })),
      { name: '_source_rev', type: 'BIGINT', role: 'lineage' as const },
      { name: '_sync_date', type: 'DATE', role: 'lineage' as const },
      { name: '_is_deleted', type: 'BOOLEAN', role: 'lineage' as const },
    ],
  }) as unknown as TargetSchema;

/** Runs the connector's statement kinds through the syntax check once; returns how long it took (ms). */
export function warmGrammar(): number {
  const started = performance.now();
  const statements = [
    'SELECT 1',
    INTROSPECTION_SQL,
    createSchemaSql(ref),
    createVolumeSql(ref, 'stg'),
    ...Object.values(createStateTablesSql(ref)),
    readWatermarksSql(ref),
    writeWatermarkSql(ref),
    startRunSql(ref),
    finishRunSql(ref),
    acquireLockSql(ref),
    releaseLockSql(ref),
  ];
  for (const kind of ['dimension', 'fact'] as const) {
    const schema = table(kind);
    statements.push(createTableSql(ref, schema, 'cluster'), mergeSql(ref, schema, '/Volumes/warmup/warmup/stg/x/y'));
    if (kind === 'fact') statements.push(createCurrentViewSql(ref, schema));
  }
  for (const sql of statements) {
    try {
      checkSyntax(tokenize(sql));
    } catch {
      // Only the warming matters here; the statements themselves are checked for real when a run sends them.
    }
  }
  return performance.now() - started;
}
