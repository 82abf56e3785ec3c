/**
 * The target table of one entity from its `$metadata` fields: surrogate key, reference keys, lineage columns
 * (SPEC §4–§5), then the data columns in metadata order. Fields that cannot be mapped are reported, never guessed at.
 */
import { ConnectorError } from '../errors.ts';
import { type EntityDef, surrogateKeyColumn } from '../source/epicor/catalog.ts';
import type { SourceField } from '../source/epicor/source-field.ts';
import { applyColumnRules, type ColumnRules } from './column-rules.ts';
import { columnTypeFor } from './column-types.ts';
import { LINEAGE_COLUMNS } from './lineage-columns.ts';
import { assignColumnNames, isValidIdentifier } from './naming.ts';
import type { ColumnType, TargetColumn, TargetSchema } from './target-schema.ts';

export interface SkippedField {
  field: string;
  reason: string;
}

export interface BuiltTargetSchema {
  schema: TargetSchema;
  skipped: SkippedField[];
}

/**
 * Builds the target schema of `entity` from its source fields; unmappable fields come back in `skipped`. `rules`
 * (config `columns.<entity>`) drop excluded fields and make hashed ones STRING columns (column-rules.ts).
 */
export function buildTargetSchema(
  entity: EntityDef,
  sourceFields: readonly SourceField[],
  rules?: ColumnRules,
): BuiltTargetSchema {
  const ruled = applyColumnRules(entity, sourceFields, rules);
  const fields = ruled.fields;
  const keyColumn = surrogateKeyColumn(entity);
  requireIdentifier(entity.table, `table name of entity ${entity.name}`);
  requireIdentifier(keyColumn, `key column of entity ${entity.name}`);

  const head: TargetColumn[] = [{ name: keyColumn, type: 'STRING', role: 'key' }];
  for (const ref of entity.references) {
    requireIdentifier(ref.column, `reference column of entity ${entity.name}`);
    if (head.some((c) => c.name === ref.column)) {
      throw new ConnectorError('INTERNAL', `Entity ${entity.name} declares column ${ref.column} twice.`);
    }
    head.push({ name: ref.column, type: 'STRING', role: 'ref' });
  }

  const skipped: SkippedField[] = [];
  const typed: { field: SourceField; type: ColumnType }[] = [];
  for (const field of fields) {
    const t = columnTypeFor(field, entity.dateFields);
    if (t.ok) typed.push({ field, type: t.type });
    else skipped.push({ field: field.name, reason: t.reason });
  }

  const reserved = [...head.map((c) => c.name), ...LINEAGE_COLUMNS.map((c) => c.name)];
  const names = assignColumnNames(
    typed.map((t) => t.field.name),
    reserved,
    entity.columnOverrides,
  );
  skipped.push(...names.skipped);
  const columnOf = new Map(names.named.map((n) => [n.field, n.column]));

  const data: TargetColumn[] = [];
  for (const { field, type } of typed) {
    const name = columnOf.get(field.name);
    if (name === undefined) continue;
    if (ruled.hashed.has(field.name)) {
      data.push({
        name,
        type: 'STRING',
        sourceField: field.name,
        edmType: field.edmType,
        role: 'data',
        hashed: true,
        sourceType: type,
      });
    } else data.push({ name, type, sourceField: field.name, edmType: field.edmType, role: 'data' });
  }
  let excludedColumns: string[] | undefined;
  if (ruled.excluded.length > 0) {
    const named = assignColumnNames(ruled.excluded, reserved, entity.columnOverrides).named;
    excludedColumns = named.map((n) => n.column);
  }

  return {
    schema: {
      table: entity.table,
      kind: entity.kind,
      keyColumn,
      // Key, references and lineage first: Delta keeps file statistics on the first 32 columns only, and the
      // clustering/partition column `_sync_date` (and the lineage columns reads filter on) must have them
      // (DELTA_CLUSTERING_COLUMN_MISSING_STATS); Epicor entities have 60–540 fields.
      columns: [...head, ...LINEAGE_COLUMNS.map((c) => ({ ...c })), ...data],
      ...(ruled.excluded.length > 0 ? { excludedFields: ruled.excluded, excludedColumns } : {}),
    },
    skipped,
  };
}

function requireIdentifier(name: string, what: string): void {
  if (!isValidIdentifier(name)) {
    throw new ConnectorError(
      'CONFIG_INVALID',
      `The ${what} (${JSON.stringify(name)}) is not a valid column or table name: use letters, digits and underscores.`,
    );
  }
}
