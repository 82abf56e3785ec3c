/**
 * Column names: Epicor PascalCase field names → snake_case identifiers (SPEC §4), with a global table of readable
 * business names and per-entity overrides from the catalog. Names are validated before they can reach SQL.
 */

/** A column name the destination may use unquoted-safe: lower snake_case, at most 128 characters. */
const IDENTIFIER = /^[a-z_][a-z0-9_]{0,127}$/;

/** True when `name` is a valid target column identifier (`__proto__` excluded: it is not an ordinary JS key). */
export function isValidIdentifier(name: string): boolean {
  return IDENTIFIER.test(name) && name !== '__proto__';
}

/**
 * Readable names for Epicor spellings the plain rule renders badly (or that Epicor renamed to avoid a clash with
 * the row type, like `Company1`). Applied to a whole field name, or to each `_`-separated part of one
 * (`PODetail_PONUM` in a BAQ → `po_detail_po_num`).
 */
export const GLOBAL_COLUMN_OVERRIDES: Readonly<Record<string, string>> = Object.freeze({
  VendorID: 'vendor_id',
  InvoiceNum: 'invoice_number',
  GLAccount1: 'gl_account',
  Company1: 'company',
  EMailAddress: 'email_address',
  REFPONum: 'ref_po_num',
  PONUM: 'po_num',
  InActive: 'inactive',
  PMUID: 'pm_uid',
});

/**
 * Plain PascalCase → snake_case. A word break goes before an upper-case letter that follows a lower-case letter or
 * digit, and before the last capital of an acronym run that starts a word (`COACode` → `coa_code`). Digits stay with
 * the word before them (`SegValue1` → `seg_value1`); existing underscores are kept (`Character01_c`).
 * The result is not validated: hostile input stays hostile (see `isValidIdentifier`).
 */
export function toSnakeCase(name: string): string {
  let out = '';
  for (let i = 0; i < name.length; i++) {
    const c = name[i];
    if (isUpper(c) && i > 0) {
      const prev = name[i - 1];
      const next = i + 1 < name.length ? name[i + 1] : '';
      if (isLower(prev) || isDigit(prev) || (isUpper(prev) && isLower(next))) out += '_';
    }
    out += c;
  }
  return out.toLowerCase();
}

/** The natural name with the global readable-name overrides applied per `_`-separated part. */
export function readableColumnName(fieldName: string): string {
  const whole = ownValue(GLOBAL_COLUMN_OVERRIDES, fieldName);
  if (whole !== undefined) return whole;
  if (!fieldName.includes('_')) return toSnakeCase(fieldName);
  return fieldName
    .split('_')
    .map((part) => ownValue(GLOBAL_COLUMN_OVERRIDES, part) ?? toSnakeCase(part))
    .join('_');
}

/** Own-property lookup, so a field called `constructor` never picks up Object.prototype members. */
function ownValue(table: Readonly<Record<string, string>> | undefined, key: string): string | undefined {
  return table !== undefined && Object.hasOwn(table, key) ? table[key] : undefined;
}

/** How a field came by its preferred column name; lower wins a collision (see `assignColumnNames`). */
export type NameOrigin = 'entity-override' | 'natural' | 'global-override';

export interface ColumnNameChoice {
  /** The name the field would like. */
  preferred: string;
  /** The plain snake_case name, the first fallback after a lost collision. */
  natural: string;
  origin: NameOrigin;
}

/** The preferred and fallback column names of one source field (not yet validated). */
export function columnNameChoice(
  fieldName: string,
  entityOverrides?: Readonly<Record<string, string>>,
): ColumnNameChoice {
  const natural = toSnakeCase(fieldName);
  const fromEntity = ownValue(entityOverrides, fieldName);
  if (fromEntity !== undefined) {
    return { preferred: fromEntity, natural, origin: 'entity-override' };
  }
  const readable = readableColumnName(fieldName);
  return { preferred: readable, natural, origin: readable === natural ? 'natural' : 'global-override' };
}

export interface NamedField {
  field: string;
  column: string;
}

export interface NameAssignment {
  /** Assigned names, in the input order of the fields that got one. */
  named: NamedField[];
  skipped: { field: string; reason: string }[];
}

const ORIGIN_RANK: Record<NameOrigin, number> = { 'entity-override': 0, natural: 1, 'global-override': 2 };

/**
 * Gives each source field a unique, valid column name, deterministically for a given set of fields (metadata order
 * does not matter, so a reordered `$metadata` never moves data between columns):
 * - invalid names (quotes, backticks, `;`, `-`, spaces, non-ASCII, over 128 chars): an invalid override falls back to
 *   the natural name; if that is invalid too the field is skipped and reported — it never reaches SQL;
 * - `reserved` names (surrogate key, reference and lineage columns) are never given to a data field;
 * - when several fields want one name, the winner is the one whose name came from an entity override, then from the
 *   plain rule, then from the global override table; ties go to the ordinally smallest field name. Losers (in ordinal
 *   order) take their natural name if free, else the first free `<natural>_2`, `<natural>_3`, …
 * - a field name listed twice keeps its first occurrence; the repeat is skipped.
 */
export function assignColumnNames(
  fieldNames: readonly string[],
  reserved: Iterable<string>,
  entityOverrides?: Readonly<Record<string, string>>,
): NameAssignment {
  const skipped: { field: string; reason: string }[] = [];
  const seen = new Set<string>();
  const candidates: { field: string; index: number; choice: ColumnNameChoice }[] = [];
  fieldNames.forEach((field, index) => {
    if (seen.has(field)) {
      skipped.push({ field, reason: 'field listed twice in $metadata' });
      return;
    }
    seen.add(field);
    const choice = columnNameChoice(field, entityOverrides);
    const naturalOk = isValidIdentifier(choice.natural);
    if (!isValidIdentifier(choice.preferred)) {
      if (!naturalOk) {
        skipped.push({ field, reason: `field name cannot become a valid column name (${describeName(field)})` });
        return;
      }
      choice.preferred = choice.natural;
      choice.origin = 'natural';
    }
    candidates.push({ field, index, choice });
  });

  const taken = new Set<string>(reserved);
  const columnOf = new Map<string, string>();
  const byPriority = [...candidates].sort(
    (a, b) => ORIGIN_RANK[a.choice.origin] - ORIGIN_RANK[b.choice.origin] || ordinal(a.field, b.field),
  );
  const losers: typeof candidates = [];
  for (const c of byPriority) {
    if (taken.has(c.choice.preferred)) losers.push(c);
    else {
      taken.add(c.choice.preferred);
      columnOf.set(c.field, c.choice.preferred);
    }
  }
  losers.sort((a, b) => ordinal(a.field, b.field));
  for (const c of losers) {
    const name = firstFree(c.choice.natural, taken);
    if (name === undefined) {
      skipped.push({ field: c.field, reason: `no free column name for ${c.choice.natural}` });
      continue;
    }
    taken.add(name);
    columnOf.set(c.field, name);
  }

  const named: NamedField[] = [];
  for (const c of candidates) {
    const column = columnOf.get(c.field);
    if (column !== undefined) named.push({ field: c.field, column });
  }
  return { named, skipped };
}

function firstFree(natural: string, taken: ReadonlySet<string>): string | undefined {
  if (isValidIdentifier(natural) && !taken.has(natural)) return natural;
  for (let n = 2; n < 10_000; n++) {
    const suffix = `_${n}`;
    const name = natural.slice(0, 128 - suffix.length) + suffix;
    if (!taken.has(name)) return name;
  }
  return undefined;
}

/** A printable, bounded rendering of a hostile name for reports (never used in SQL). */
function describeName(field: string): string {
  const shown = field.length > 60 ? `${field.slice(0, 60)}… (${field.length} chars)` : field;
  return JSON.stringify(shown);
}

function ordinal(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function isUpper(c: string): boolean {
  return c >= 'A' && c <= 'Z';
}
function isLower(c: string): boolean {
  return c >= 'a' && c <= 'z';
}
function isDigit(c: string): boolean {
  return c >= '0' && c <= '9';
}
