/**
 * Maps one raw Epicor record (an OData JSON object) to a target row: surrogate and reference keys, converted data
 * columns, lineage (SPEC §4–§5). Everything that does not depend on the record is computed once in
 * `createRecordMapper`, so the per-record work is a loop over precompiled column converters plus the key hashes.
 *
 * Rules: a null/missing key field or SysRevID makes a bad record (empty-string keys such as FiscalYearSuffix are
 * valid); every unconvertible value is listed in the reason as `field <Name>: <why>`; a reference column is null when
 * any of its source fields is null, blank or numeric 0 (Epicor's "none", e.g. REFPONum = 0); fields in `raw` that
 * the schema does not know are ignored. `_source_record_id` is the record-id field as text (BAQ without it: the
 * readable key). Row objects share nothing mutable: `_synced_at` is a fresh Date per row.
 */
import type { EntityDef } from '../source/epicor/catalog.ts';
import { createValueHasher } from './column-rules.ts';
import { isEmptyReferenceValue, keyText } from './key-values.ts';
import { SOURCE_SYSTEM, syncDateOf } from './lineage-columns.ts';
import { createRowFactory } from './row-factory.ts';
import { createSourceUrlBuilder, keyLiteralKind } from './source-url.ts';
import { createKeyHasher, normaliseInstance } from './surrogate-key.ts';
import type { ColumnType, Row, RowValue, TargetSchema } from './target-schema.ts';
import { parseIsoMillis } from './timestamp-text.ts';
import { type Converter, converterFor, toBigInt, toStringValue, ValueError } from './value-converters.ts';

/**
 * A mapped record. `values` are the row's values in schema column order (what the Parquet writer takes, no object
 * in between); `row` and the readable `key` are built only when asked for.
 */
export interface MappedRecord {
  ok: true;
  values: readonly RowValue[];
  rev: bigint;
  readonly row: Row;
  readonly key: string;
}

export type MapResult = MappedRecord | { ok: false; key: string; reason: string };

class Mapped implements MappedRecord {
  readonly ok = true;
  private rowCache: Row | undefined;
  private keyCache: string | undefined;
  constructor(
    readonly values: RowValue[],
    readonly rev: bigint,
    private readonly makeRow: (v: readonly RowValue[]) => Row,
    private readonly keyFields: readonly string[],
    private readonly keyTexts: readonly string[],
  ) {}
  get row(): Row {
    this.rowCache ??= this.makeRow(this.values);
    return this.rowCache;
  }
  get key(): string {
    this.keyCache ??= readableKey(this.keyFields, this.keyTexts);
    return this.keyCache;
  }
}

export interface MapperContext {
  /** Epicor base URL (server + instance). */
  instance: string;
  company: string;
  syncId: string;
  /** When the run started. */
  syncedAt: Date;
  /** Marks every mapped row deleted (reconciliation of records gone from Epicor). */
  deleted?: boolean;
  /** IANA zone of date values Epicor serves without an offset (`epicor.timeZone`, default UTC). */
  timeZone?: string;
  /** Salt of hashed columns (config `columns.salt`); required when the schema has one. */
  hashSalt?: string;
}

export type RecordMapper = (raw: Record<string, unknown>) => MapResult;

interface DataColumn {
  slot: number;
  field: string;
  convert: Converter;
}

interface RefColumn {
  slot: number;
  fields: readonly string[];
  numeric: boolean[];
  hash: (texts: readonly string[]) => string;
}

/** Remembered reference keys per reference column (bounded memory, see createKeyHasher). */
const REF_CACHE_SIZE = 4096;

const NUMERIC_TYPES = new Set<string>(['INT', 'BIGINT', 'DOUBLE']);

function isNumericType(type: ColumnType | undefined): boolean {
  return type !== undefined && (NUMERIC_TYPES.has(type) || type.startsWith('DECIMAL'));
}

/** Builds the mapper of one entity for one run (schema and lineage fixed for the run). */
export function createRecordMapper(entity: EntityDef, schema: TargetSchema, ctx: MapperContext): RecordMapper {
  const instance = normaliseInstance(ctx.instance);
  const typeOfField = new Map<string, ColumnType>();
  const edmOfField = new Map<string, string>();
  for (const c of schema.columns) {
    if (c.role === 'data' && c.sourceField !== undefined) {
      typeOfField.set(c.sourceField, c.type);
      if (c.edmType !== undefined) edmOfField.set(c.sourceField, c.edmType);
    }
  }

  const keyFields = entity.keys;
  const keyCount = keyFields.length;
  const keyNumeric = keyFields.map((f) => isNumericType(typeOfField.get(f)));
  const hashOwnKey = createKeyHasher(instance, ctx.company, entity.name);
  const sourceUrl = createSourceUrlBuilder(
    entity,
    instance,
    ctx.company,
    keyFields.map((f) => keyLiteralKind(edmOfField.get(f), typeOfField.get(f))),
    ctx.timeZone,
  );

  // Every column gets a slot; slots not filled below (a ref this entity no longer declares, unknown lineage) stay null.
  const width = schema.columns.length;
  const indexOf = new Map(schema.columns.map((c, i) => [c.name, i]));
  const slot = (name: string) => indexOf.get(name) ?? -1;
  const keySlot = slot(schema.keyColumn);
  const refs: RefColumn[] = [];
  const data: DataColumn[] = [];
  let hash: ReturnType<typeof createValueHasher> | undefined;
  schema.columns.forEach((c, i) => {
    if (c.role === 'ref') {
      const ref = entity.references.find((r) => r.column === c.name);
      if (ref === undefined) return;
      refs.push({
        slot: i,
        fields: ref.fields,
        numeric: ref.fields.map((f) => isNumericType(typeOfField.get(f))),
        hash: createKeyHasher(instance, ctx.company, ref.target, REF_CACHE_SIZE),
      });
    } else if (c.role === 'data' && c.sourceField !== undefined) {
      if (c.hashed) {
        // Converted to the field's own type first, so the hashed text is the value the column would have held.
        hash ??= createValueHasher(ctx.hashSalt, entity.name);
        const h = hash;
        const typed = converterFor(c.sourceType ?? 'STRING', ctx.timeZone);
        const what = c.sourceType ?? 'STRING';
        const convert: Converter = (v) => {
          try {
            return h(typed(v));
          } catch (e) {
            // The report must not show the value it was asked to hide.
            if (e instanceof ValueError) throw new ValueError(`not a valid ${what} (value withheld: a hashed field)`);
            throw e;
          }
        };
        data.push({ slot: i, field: c.sourceField, convert });
      } else data.push({ slot: i, field: c.sourceField, convert: converterFor(c.type, ctx.timeZone) });
    }
  });
  const dropped = schema.excludedFields ?? [];
  const lineage = {
    system: slot('_source_system'),
    instance: slot('_source_instance'),
    company: slot('_source_company'),
    entity: slot('_source_entity'),
    recordId: slot('_source_record_id'),
    rev: slot('_source_rev'),
    url: slot('_source_url'),
    syncId: slot('_sync_id'),
    syncedAt: slot('_synced_at'),
    syncDate: slot('_sync_date'),
    deleted: slot('_is_deleted'),
  };
  const makeRow = createRowFactory(schema.columns.map((c) => c.name));

  const readRev = revisionReader(entity, ctx.timeZone);
  const recordIdField = entity.recordIdField;
  const isBaq = entity.service === 'BaqSvc';
  const sourceEntity = `${entity.service}/${entity.entitySet}`;
  const syncedAtMs = ctx.syncedAt.getTime();
  const syncDate = syncDateOf(syncedAtMs);
  const deleted = ctx.deleted ?? false;
  const { company, syncId } = ctx;
  const at = (s: number) => (s < 0 ? width : s);

  if (dropped.length > 0) {
    // Excluded values leave the record as soon as it is mapped: nothing later (reports, retries) can see them.
    return (raw) => {
      const r = mapOne(raw);
      for (let i = 0; i < dropped.length; i++) raw[dropped[i]] = undefined;
      return r;
    };
  }
  return mapOne;

  function mapOne(raw: Record<string, unknown>): MapResult {
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
    if (missing !== undefined)
      return { ok: false, key: readableKey(keyFields, texts), reason: `missing key field ${missing}` };

    const rev = readRev(raw);
    if (typeof rev === 'string') return { ok: false, key: readableKey(keyFields, texts), reason: rev };

    // One fresh array per record (rows share nothing); slot -1 (absent column) writes land in v[width].
    const v = new Array<RowValue>(width + 1).fill(null);
    let problems: string[] | undefined;
    for (let d = 0; d < data.length; d++) {
      const col = data[d];
      try {
        v[col.slot] = col.convert(raw[col.field]);
      } catch (e) {
        if (!(e instanceof ValueError)) throw e;
        const problem = `field ${col.field}: ${e.message}`;
        if (problems === undefined) problems = [problem];
        else problems.push(problem);
      }
    }
    if (problems !== undefined) return { ok: false, key: readableKey(keyFields, texts), reason: problems.join('; ') };

    v[at(keySlot)] = hashOwnKey(texts);
    for (let r = 0; r < refs.length; r++) v[refs[r].slot] = referenceKey(refs[r], raw);
    let recordId = toStringValue(raw[recordIdField]);
    if (recordId === null && isBaq) recordId = readableKey(keyFields, texts);
    v[at(lineage.system)] = SOURCE_SYSTEM;
    v[at(lineage.instance)] = instance;
    v[at(lineage.company)] = company;
    v[at(lineage.entity)] = sourceEntity;
    v[at(lineage.recordId)] = recordId;
    v[at(lineage.rev)] = rev;
    v[at(lineage.url)] = sourceUrl(values);
    v[at(lineage.syncId)] = syncId;
    v[at(lineage.syncedAt)] = new Date(syncedAtMs);
    v[at(lineage.syncDate)] = syncDate;
    v[at(lineage.deleted)] = deleted;
    v.length = width;
    return new Mapped(v, rev, makeRow, keyFields, texts);
  }
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
 * Reads `_source_rev`: SysRevID for entity sets (required). For BAQs, the configured cursor column when it holds an
 * integer (taken as is) or a date/time (taken as epoch milliseconds); 0 without a cursor or for other values, since a
 * BAQ has no revision of its own. Returns a reason string when a required value is unusable.
 */
function revisionReader(entity: EntityDef, timeZone?: string): (raw: Record<string, unknown>) => bigint | string {
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
  const cursor = entity.cursor;
  if (!('field' in cursor)) return () => 0n;
  const field = cursor.field;
  return (raw) => {
    const v = raw[field];
    if (typeof v === 'number' && Number.isSafeInteger(v)) return BigInt(v);
    if (typeof v !== 'string') return 0n;
    const t = v.trim();
    if (/^-?\d{1,18}$/.test(t)) return BigInt(t);
    const ms = parseIsoMillis(t, timeZone);
    return ms === undefined ? 0n : BigInt(ms);
  };
}
