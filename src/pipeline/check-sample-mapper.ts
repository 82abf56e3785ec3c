/** The sample-row mapping `check` uses: the same target schema and record mapper a sync builds for the entity. */
import { type ColumnsConfig, columnRulesOf } from '../config/columns-config.ts';
import { buildTargetSchema } from '../mapping/build-target-schema.ts';
import { PLUMBING_FIELDS } from '../mapping/column-types.ts';
import { createRecordMapper } from '../mapping/record-mapper.ts';
import type { SampleMapper } from '../source/epicor/check-epicor-entities.ts';

/**
 * Maps one row for `instance` (the Epicor base URL) as sync would (with the `columns:` rules), reporting skipped
 * fields and a bad record.
 */
export function sampleMapper(instance: string, columns?: ColumnsConfig): SampleMapper {
  return (entity, fields, row, company) => {
    const built = buildTargetSchema(entity, fields, columnRulesOf(columns, entity.name));
    const skipped = built.skipped.filter((s) => !PLUMBING_FIELDS.has(s.field));
    const mapper = createRecordMapper(entity, built.schema, {
      instance,
      company,
      syncId: 'check',
      syncedAt: new Date(),
      hashSalt: columns?.salt,
    });
    const mapped = mapper(row);
    return {
      columns: built.schema.columns.length,
      skipped,
      ...(mapped.ok ? {} : { bad: { key: mapped.key, reason: mapped.reason } }),
    };
  };
}
