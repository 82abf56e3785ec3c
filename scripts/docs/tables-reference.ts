/**
 * docs/tables.md from the entity catalog (src/source/epicor/catalog.ts) and the mapping code (src/mapping/): every
 * table with its grain, keys and references, and every column with its Epicor field and type. At run time the
 * columns come from the tenant's `$metadata`; here they come from the field lists the built-in Epicor emulator
 * serves for a standard tenant, run through the same buildTargetSchema the connector uses.
 */
import { currentViewName } from '../../src/destination/databricks/sql/ddl-sql.ts';
import { COMPANIES, isUdField, schemaFor } from '../../src/emulators/epicor/entity-schemas.ts';
import { buildTargetSchema } from '../../src/mapping/build-target-schema.ts';
import { LINEAGE_COLUMNS } from '../../src/mapping/lineage-columns.ts';
import type { TargetSchema } from '../../src/mapping/target-schema.ts';
import { ENTITIES, type EntityDef, surrogateKeyColumn } from '../../src/source/epicor/catalog.ts';
import type { SourceField } from '../../src/source/epicor/source-field.ts';
import { code, generatedNotice, table } from './markdown.ts';

/** What each lineage column means (SPEC §5); a column added to LINEAGE_COLUMNS without a line here shows its type only. */
export const LINEAGE_MEANINGS: Readonly<Record<string, string>> = {
  _source_system: 'always `epicor-kinetic`',
  _source_instance: 'the Epicor base URL (server + instance) the row came from',
  _source_company: 'the Epicor company',
  _source_entity: '`Service/EntitySet`, e.g. `Erp.BO.VendorSvc/Vendors`',
  _source_record_id: 'the Epicor `SysRowID` (BAQ: `RowIdent` or the configured key)',
  _source_rev: 'the Epicor `SysRevID` of the version loaded',
  _source_url: 'an OData URL that returns exactly this record',
  _sync_id: 'the sync run that wrote the row (see `_ml_connector_runs`)',
  _synced_at: 'when that run started (UTC)',
  _sync_date: 'the date of `_synced_at`; the table is clustered (or partitioned) by it',
  _is_deleted: 'true once `reconcile` found the record gone from Epicor',
};

/** The target schema of an entity as a standard tenant serves it, or undefined when no field list is known here. */
export function standardSchema(entity: EntityDef): TargetSchema | undefined {
  for (const company of COMPANIES) {
    let fields: SourceField[];
    try {
      fields = schemaFor(company, entity.entitySet)
        .fields.filter((f) => !isUdField(f.name))
        .map((f) => ({ name: f.name, edmType: f.type, precision: f.precision, scale: f.scale, nullable: f.nullable }));
    } catch {
      continue;
    }
    return buildTargetSchema(entity, fields).schema;
  }
  return undefined;
}

/** Renders the tables and columns page. */
export function renderTablesReference(): string {
  const parts: string[] = [
    generatedNotice('src/source/epicor/catalog.ts and src/mapping/'),
    '',
    '# Tables and columns',
    '',
    'Every table lives in `<catalog>.<schema>` from the configuration (`databricks.catalog`, `databricks.schema`).',
    'Column names are the Epicor field names in snake_case (`VendorNum` → `vendor_num`), with a few readable',
    'business names (`VendorID` → `vendor_id`, `InvoiceNum` → `invoice_number`, `GLAccount1` → `gl_account`).',
    'Types follow the source exactly: decimals stay `DECIMAL(p,s)` (never floating point), date-times become UTC',
    '`TIMESTAMP`, flags `BOOLEAN`, `SysRevID` `BIGINT`.',
    '',
    'The columns listed are those of a standard Kinetic tenant. Your tenant decides at run time: the connector reads',
    "each service's `$metadata`, so your user-defined fields (`…_c`) are added as columns by the same naming rule",
    '(`Character01_c` → `character01_c`) with `ALTER TABLE … ADD COLUMNS`, and fields your tenant lacks are absent.',
    '',
    '## Read this before you sum anything',
    '',
    '- **Fact tables hold every version of a record.** A fact row is one *(record, `_source_rev`)*: when a PO is',
    '  changed or cancelled in Epicor, a new row is appended and the old one stays. `SELECT SUM(invoice_amt) FROM',
    '  fact_ap_invoice` therefore counts a changed invoice once per version (a first attempt came out 2.8% high).',
    '  For "the invoices as they are now", query the view **`<table>_current`** (e.g. `fact_ap_invoice_current`): the',
    '  latest version of each record, without records deleted in Epicor.',
    '- **Dimension tables hold one row per Epicor record**, updated in place when a newer version arrives, and they',
    '  **keep rows of records deleted in Epicor** with `_is_deleted = true` (facts keep pointing at them). Filter',
    '  `WHERE NOT _is_deleted` when you want only live records.',
    '- Keys: every table has `<name>_key`, a deterministic hash of instance, company and the Epicor key fields, so',
    '  facts join dimensions on equal keys with no lookup (`fact_ap_invoice.vendor_key = dim_vendor.vendor_key`).',
    '',
    '## Tables',
    '',
    table(
      ['entity (config name)', 'table', 'kind', 'grain: one row per', 'Epicor source'],
      ENTITIES.map((e) => [code(e.name), code(e.table), e.kind, grainOf(e), code(`${e.service}/${e.entitySet}`)]),
    ),
    '',
    'The connector also keeps its own tables in the same schema: `_ml_connector_runs` (one row per sync run: trigger,',
    'start, end, status, per-entity counts and watermarks, error) and `_ml_connector_state` (the committed watermark',
    'of each entity and company). A watermark moves only after the rows it covers are committed.',
    '',
    '## Lineage columns (on every row of every table)',
    '',
    table(
      ['column', 'type', 'meaning'],
      LINEAGE_COLUMNS.map((c) => [code(c.name), c.type, LINEAGE_MEANINGS[c.name] ?? '']),
    ),
    '',
  ];
  for (const entity of ENTITIES) parts.push(renderEntity(entity), '');
  return `${parts.join('\n').trimEnd()}\n`;
}

function grainOf(e: EntityDef): string {
  const keys = e.keys.join(', ');
  return e.kind === 'fact' ? `version of a record (${keys}, _source_rev)` : `record (${keys})`;
}

function renderEntity(entity: EntityDef): string {
  const schema = standardSchema(entity);
  const keyColumn = surrogateKeyColumn(entity);
  const columnOf = new Map(schema?.columns.filter((c) => c.sourceField).map((c) => [c.sourceField!, c.name]));
  const keyColumns = entity.keys.map((k) => code(columnOf.get(k) ?? k)).join(', ');
  const lines = [
    `## \`${entity.table}\``,
    '',
    `- Entity \`${entity.name}\`, read from \`${entity.service}/${entity.entitySet}\`; ${entity.kind}.`,
    entity.kind === 'fact'
      ? `- Grain: one row per version of a record — key ${keyColumns} plus \`_source_rev\`. Current rows: view \`${currentViewName(entity.table)}\`.`
      : `- Grain: one row per Epicor record — key ${keyColumns}; deleted records stay with \`_is_deleted = true\`.`,
    `- Surrogate key: \`${keyColumn}\`${entity.kind === 'fact' ? ' (the same for every version of a record)' : ''}.`,
    `- Change cursor: \`${cursorText(entity.cursor)}\`${
      entity.alternativeCursors.length
        ? `; alternatives: ${entity.alternativeCursors.map((c) => `\`${cursorText(c)}\``).join(', ')}`
        : ''
    }.`,
  ];
  if (entity.references.length > 0) {
    lines.push(
      `- References: ${entity.references
        .map((r) => {
          const target = ENTITIES.find((e) => e.name === r.target);
          return `\`${r.column}\` → ${target ? `\`${target.table}.${surrogateKeyColumn(target)}\`` : `\`${r.target}\``} (from ${r.fields.join(', ')})`;
        })
        .join('; ')}.`,
    );
  }
  lines.push('');
  if (!schema) {
    lines.push('Columns come from the service `$metadata` of your tenant (no standard field list is bundled).');
    return lines.join('\n');
  }
  lines.push(
    table(
      ['column', 'type', 'Epicor field', 'Epicor type'],
      schema.columns
        .filter((c) => c.role !== 'lineage')
        .map((c) => {
          const src = c.sourceField ? fieldOf(entity, c.sourceField) : undefined;
          const what =
            c.role === 'key'
              ? 'surrogate key of this table'
              : c.role === 'ref'
                ? `key of ${refTarget(entity, c.name)}`
                : (c.sourceField ?? '');
          return [code(c.name), c.type, c.role === 'data' ? code(what) : what, src ? edmText(src) : ''];
        }),
    ),
    '',
    `Then the ${LINEAGE_COLUMNS.length} lineage columns.`,
  );
  return lines.join('\n');
}

function refTarget(entity: EntityDef, column: string): string {
  const ref = entity.references.find((r) => r.column === column);
  const target = ref && ENTITIES.find((e) => e.name === ref.target);
  return target ? `\`${target.table}\`` : (ref?.target ?? '');
}

function fieldOf(entity: EntityDef, name: string): SourceField | undefined {
  for (const company of COMPANIES) {
    try {
      const f = schemaFor(company, entity.entitySet).fieldMap.get(name);
      if (f) return { name: f.name, edmType: f.type, precision: f.precision, scale: f.scale, nullable: f.nullable };
    } catch {}
  }
  return undefined;
}

function edmText(f: SourceField): string {
  const facets = f.precision !== undefined ? `(${f.precision},${f.scale ?? 0})` : '';
  return `${f.edmType}${facets}${f.nullable ? '' : ', not null'}`;
}

function cursorText(c: EntityDef['cursor']): string {
  switch (c.type) {
    case 'revision':
    case 'datetime':
    case 'column':
      return c.field;
    case 'date+seconds':
      return `${c.dateField} + ${c.secondsField}`;
    case 'offset':
      return 'offset paging';
  }
}
