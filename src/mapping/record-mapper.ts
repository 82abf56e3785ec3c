/**
 * Maps one raw Epicor record (an OData JSON object) to a target row: surrogate and reference keys, converted data
 * columns, lineage (SPEC §4–§5). Everything that does not depend on the record is computed once in
 * `createRecordMapper`, so the per-record work is a loop over precompiled column converters plus the key hashes.
 */
import type { EntityDef } from '../source/epicor/catalog.ts';
import { isEmptyReferenceValue, keyText } from './key-values.ts';
import { SOURCE_SYSTEM } from './lineage-columns.ts';
import { createSourceUrlBuilder, keyLiteralKind } from './source-url.ts';
import { createKeyHasher, normaliseInstance } from './surrogate-key.ts';
import type { ColumnType, Row, RowValue, TargetSchema } from './target-schema.ts';
import { parseIsoMillis, utcDateText } from './timestamp-text.ts';
import { type Converter, converterFor, describe, toBigInt, toStringValue, ValueError } from './value-converters.ts';

export type MapResult = { ok: true; row: Row; key: string; rev: bigint } | { ok: false; key: string; reason: string };

export interface MapperContext {
  /** Epicor base URL (server + instance). */
  instance: string;
  company: string;
  syncId: string;
  /** When the run started. */
  syncedAt: Date;
  /** Marks every mapped row deleted (reconciliation of records gone from Epicor). */
  deleted?: boolean;
}

export type RecordMapper = (raw: Record<string, unknown>) => MapResult;

interface DataColumn {
  name: string;
  field: string;
  convert: Converter;
}

interface RefColumn {
  name: string;
  fields: readonly string[];
  numeric: boolean[];
  hash: (texts: readonly string[]) => string;
}

const NUMERIC_TYPES = new Set<string>(['INT', 'BIGINT', 'DOUBLE']);

function isNumericType(type: ColumnType | undefined): boolean {
  return type !== undefined && (NUMERIC_TYPES.has(type) || type.startsWith('DECIMAL'));
}

/** Builds the mapper of one entity for one run (schema and lineage fixed for the run). */
export function createRecordMapper(entity: EntityDef, schema: TargetSchema, ctx: MapperContext): RecordMapper {
  const instance = normaliseInstance(ctx.instance);
  const typeOfField = new Map<string, ColumnType>();
  for (const c of schema.columns)
    if (c.role === 'data' && c.sourceField !== undefined) typeOfField.set(c.sourceField, c.type);

  const keyFields = entity.keys;
  const keyCount = keyFields.length;
  const keyNumeric = keyFields.map((f) => isNumericType(typeOfField.get(f)));
  const hashOwnKey = createKeyHasher(instance, ctx.company, entity.name);
  const sourceUrl = createSourceUrlBuilder(
    entity,
    instance,
    ctx.company,
    keyFields.map((f) => keyLiteralKind(typeOfField.get(f))),
  );

  const refs: RefColumn[] = [];
  const data: DataColumn[] = [];
  for (const c of schema.columns) {
    if (c.role === 'ref') {
      const ref = entity.references.find((r) => r.column === c.name);
      if (ref === undefined) continue; // a ref column this entity no longer declares stays null
      refs.push({
        name: c.name,
        fields: ref.fields,
        numeric: ref.fields.map((f) => isNumericType(typeOfField.get(f))),
        hash: createKeyHasher(instance, ctx.company, ref.target),
      });
    } else if (c.role === 'data' && c.sourceField !== undefined) {
      data.push({ name: c.name, field: c.sourceField, convert: converterFor(c.type) });
    }
  }
  const refByName = new Set(refs.map((r) => r.name));
  const orphanRefs = schema.columns.filter((c) => c.role === 'ref' && !refByName.has(c.name)).map((c) => c.name);

  const readRev = revisionReader(entity);
  const recordIdField = entity.recordIdField;
  const isBaq = entity.service === 'BaqSvc';
  const keyColumn = schema.keyColumn;
  const sourceEntity = `${entity.service}/${entity.entitySet}`;
  const syncedAtMs = ctx.syncedAt.getTime();
  const syncDate = utcDateText(syncedAtMs);
  const deleted = ctx.deleted ?? false;
  const { company, syncId } = ctx;

  return (raw) => {
    const values: unknown[] = new Array(keyCount);
    const texts: string[] = new Array(keyCount);
    let missing: string | undefined;
    for (let i = 0; i < keyCount; i++) {
      const v = raw[keyFields[i]];
      values[i] = v;
      const t = keyText(v, keyNumeric[i]);
      if (t === undefined) missing ??= keyFields[i];
      else texts[i] = t;
    }
    const key = readableKey(keyFields, texts);
    if (missing !== undefined) return { ok: false, key, reason: `missing key field ${missing}` };

    const rev = readRev(raw);
    if (typeof rev === 'string') return { ok: false, key, reason: rev };

    const row: Row = {};
    row[keyColumn] = hashOwnKey(texts);
    for (let r = 0; r < refs.length; r++) {
      const ref = refs[r];
      row[ref.name] = referenceKey(ref, raw);
    }
    for (let r = 0; r < orphanRefs.length; r++) row[orphanRefs[r]] = null;

    let problems: string[] | undefined;
    for (let d = 0; d < data.length; d++) {
      const col = data[d];
      try {
        row[col.name] = col.convert(raw[col.field]);
      } catch (e) {
        if (!(e instanceof ValueError)) throw e;
        const problem = `field ${col.field}: ${e.message}`;
        if (problems === undefined) problems = [problem];
        else problems.push(problem);
      }
    }
    if (problems !== undefined) return { ok: false, key, reason: problems.join('; ') };

    let recordId = toStringValue(raw[recordIdField]);
    if (recordId === null && isBaq) recordId = key;
    row._source_system = SOURCE_SYSTEM;
    row._source_instance = instance;
    row._source_company = company;
    row._source_entity = sourceEntity;
    row._source_record_id = recordId;
    row._source_rev = rev;
    row._source_url = sourceUrl(values);
    row._sync_id = syncId;
    row._synced_at = new Date(syncedAtMs);
    row._sync_date = syncDate;
    row._is_deleted = deleted;
    return { ok: true, row, key, rev };
  };
}

/** The reference's key, or null when any of its source fields is empty (no such related record). */
function referenceKey(ref: RefColumn, raw: Record<string, unknown>): RowValue {
  const texts: string[] = new Array(ref.fields.length);
  for (let i = 0; i < ref.fields.length; i++) {
    const v = raw[ref.fields[i]];
    if (isEmptyReferenceValue(v)) return null;
    texts[i] = keyText(v, ref.numeric[i])!;
  }
  return ref.hash(texts);
}

/** `Company=EPIC06, VendorNum=123` for reports; missing values show as null. */
function readableKey(fields: readonly string[], texts: readonly (string | undefined)[]): string {
  let s = '';
  for (let i = 0; i < fields.length; i++) {
    if (i > 0) s += ', ';
    const t = texts[i];
    s += `${fields[i]}=${t === undefined ? 'null' : t.length > 80 ? `${t.slice(0, 80)}…` : t}`;
  }
  return s;
}

/**
 * Reads `_source_rev`: SysRevID for entity sets (required); for BAQs the configured cursor column (integer, or a
 * date/time taken as epoch milliseconds) or 0 without one. Returns a reason string when the value is unusable.
 */
function revisionReader(entity: EntityDef): (raw: Record<string, unknown>) => bigint | string {
  if (entity.service !== 'BaqSvc') {
    return (raw) => {
      const v = raw.SysRevID;
      if (v === null || v === undefined) return 'missing SysRevID';
      try {
        return toBigInt(v) as bigint;
      } catch (e) {
        return `field SysRevID: ${(e as Error).message}`;
      }
    };
  }
  if (entity.cursor.type !== 'revision') return () => 0n;
  const field = entity.cursor.field;
  return (raw) => {
    const v = raw[field];
    if (v === null || v === undefined) return `missing cursor field ${field}`;
    try {
      return toBigInt(v) as bigint;
    } catch {
      const ms = typeof v === 'string' ? parseIsoMillis(v.trim()) : undefined;
      if (ms !== undefined) return BigInt(ms);
      return `field ${field}: ${describe(v)} is neither an integer nor a date/time`;
    }
  };
}
