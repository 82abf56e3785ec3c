/**
 * The fit check's "preview 20 rows": one `$metadata` read and one page of `$top=20` from Epicor, mapped by the same
 * target schema and record mapper a sync builds. Read only: nothing is written to Databricks, no lock is taken.
 */

import { columnRulesOf } from '../config/columns-config.ts';
import type { Config } from '../config/schema.ts';
import { ConnectorError } from '../errors.ts';
import { buildTargetSchema } from '../mapping/build-target-schema.ts';
import { PLUMBING_FIELDS } from '../mapping/column-types.ts';
import { createRecordMapper } from '../mapping/record-mapper.ts';
import { sampleRow } from '../pipeline/dry-run-preview.ts';
import { planEntities } from '../pipeline/entity-plan.ts';
import { createEpicorConnection } from '../source/epicor/create-epicor-client.ts';

export const PREVIEW_ROWS = 20;

export interface EntityRowsPreview {
  entity: string;
  table: string;
  company: string;
  columns: string[];
  rows: Record<string, unknown>[];
  /** Rows read that do not map (key and reason), as a sync would report them. */
  bad: { key: string; reason: string }[];
  /** Source fields not loaded (Epicor's plumbing fields left out). */
  skipped: { field: string; reason: string }[];
}

export async function previewEntity(config: Config, entity: string, signal?: AbortSignal): Promise<EntityRowsPreview> {
  const planned = planEntities(config).find((p) => p.def.name === entity);
  if (!planned) {
    throw new ConnectorError('USAGE', `${entity} is not one of the configured entities (entities: in the config)`);
  }
  const def = planned.def;
  const company = config.epicor.companies[0];
  const conn = createEpicorConnection(config.epicor, { retry: { maxRetries: 1 } });
  try {
    const fields = await conn.client.fields(company, def, signal);
    const built = buildTargetSchema(def, fields, columnRulesOf(config.columns, def.name));
    const records = await conn.client.query(company, def, { top: PREVIEW_ROWS }, signal);
    const mapper = createRecordMapper(def, built.schema, {
      instance: config.epicor.baseUrl,
      company,
      syncId: 'preview',
      syncedAt: new Date(),
      timeZone: config.epicor.timeZone,
      hashSalt: config.columns?.salt,
    });
    const out: EntityRowsPreview = {
      entity,
      table: def.table,
      company,
      columns: built.schema.columns.map((c) => c.name),
      rows: [],
      bad: [],
      skipped: built.skipped.filter((s) => !PLUMBING_FIELDS.has(s.field)),
    };
    for (const raw of records.slice(0, PREVIEW_ROWS)) {
      const m = mapper(raw);
      if (m.ok) out.rows.push(sampleRow(built.schema, m.values));
      else out.bad.push({ key: m.key, reason: m.reason });
    }
    return out;
  } finally {
    await conn.close();
  }
}
