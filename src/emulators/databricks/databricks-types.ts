import { type DuckDBType, DuckDBTypeId } from '@duckdb/node-api';

/** One manifest column as the Statement Execution API describes it. */
export interface ColumnInfo {
  name: string;
  position: number;
  type_name: string;
  type_text: string;
  type_precision?: number;
  type_scale?: number;
}

/** Databricks `type_name` / `type_text` for a DuckDB column type. */
export function databricksType(t: DuckDBType): Omit<ColumnInfo, 'name' | 'position'> {
  switch (t.typeId) {
    case DuckDBTypeId.BOOLEAN:
      return { type_name: 'BOOLEAN', type_text: 'BOOLEAN' };
    case DuckDBTypeId.TINYINT:
      return { type_name: 'BYTE', type_text: 'TINYINT' };
    case DuckDBTypeId.SMALLINT:
      return { type_name: 'SHORT', type_text: 'SMALLINT' };
    case DuckDBTypeId.INTEGER:
      return { type_name: 'INT', type_text: 'INT' };
    case DuckDBTypeId.BIGINT:
    case DuckDBTypeId.UINTEGER:
    // DuckDB widens sum() of integers to HUGEINT; Databricks' sum of an integral type is a BIGINT.
    case DuckDBTypeId.HUGEINT:
      return { type_name: 'LONG', type_text: 'BIGINT' };
    case DuckDBTypeId.UBIGINT:
      return { type_name: 'DECIMAL', type_text: 'DECIMAL(38,0)', type_precision: 38, type_scale: 0 };
    case DuckDBTypeId.FLOAT:
      return { type_name: 'FLOAT', type_text: 'FLOAT' };
    case DuckDBTypeId.DOUBLE:
      return { type_name: 'DOUBLE', type_text: 'DOUBLE' };
    case DuckDBTypeId.DECIMAL: {
      const d = t as unknown as { width: number; scale: number };
      return {
        type_name: 'DECIMAL',
        type_text: `DECIMAL(${d.width},${d.scale})`,
        type_precision: d.width,
        type_scale: d.scale,
      };
    }
    case DuckDBTypeId.DATE:
      return { type_name: 'DATE', type_text: 'DATE' };
    case DuckDBTypeId.TIMESTAMP_TZ:
      return { type_name: 'TIMESTAMP', type_text: 'TIMESTAMP' };
    case DuckDBTypeId.TIMESTAMP:
    case DuckDBTypeId.TIMESTAMP_MS:
    case DuckDBTypeId.TIMESTAMP_S:
    case DuckDBTypeId.TIMESTAMP_NS:
      return { type_name: 'TIMESTAMP_NTZ', type_text: 'TIMESTAMP_NTZ' };
    case DuckDBTypeId.BLOB:
      return { type_name: 'BINARY', type_text: 'BINARY' };
    case DuckDBTypeId.LIST:
    case DuckDBTypeId.ARRAY: {
      const child = databricksType((t as unknown as { valueType: DuckDBType }).valueType);
      return { type_name: 'ARRAY', type_text: `ARRAY<${child.type_text}>` };
    }
    case DuckDBTypeId.STRUCT:
      return { type_name: 'STRUCT', type_text: 'STRUCT' };
    case DuckDBTypeId.MAP:
      return { type_name: 'MAP', type_text: 'MAP' };
    case DuckDBTypeId.SQLNULL:
      return { type_name: 'NULL', type_text: 'VOID' };
    default:
      return { type_name: 'STRING', type_text: 'STRING' };
  }
}

/** Lower-case type text as DESCRIBE TABLE shows it (`bigint`, `decimal(18,4)`, `timestamp`). */
export function describeType(t: DuckDBType): string {
  return databricksType(t).type_text.toLowerCase();
}

/**
 * Renders a DuckDB value the way JSON_ARRAY results carry it: a string, or null. A TIMESTAMP (an instant) is
 * shown in the session's time zone, with that zone's offset (`Z` in UTC), so the text names the same instant.
 */
export function renderValue(v: unknown, t: DuckDBType, timeZone = 'UTC'): string | null {
  if (v === null || v === undefined) return null;
  switch (t.typeId) {
    case DuckDBTypeId.BOOLEAN:
      return v ? 'true' : 'false';
    case DuckDBTypeId.FLOAT:
    case DuckDBTypeId.DOUBLE:
      return renderDouble(Number(v));
    case DuckDBTypeId.TIMESTAMP_TZ:
      return renderZonedTimestamp((v as { micros: bigint }).micros, timeZone);
    case DuckDBTypeId.TIMESTAMP:
      return renderTimestamp((v as { micros: bigint }).micros, '');
    case DuckDBTypeId.BLOB:
      return Buffer.from((v as { bytes: Uint8Array }).bytes).toString('base64');
    case DuckDBTypeId.LIST:
    case DuckDBTypeId.ARRAY:
      return jsonText(v, t);
    default:
      return String(v);
  }
}

/** Arrays travel as JSON text in JSON_ARRAY results (`["a","b"]`, `[1,2]`). */
function jsonText(v: unknown, t: DuckDBType): string {
  if (v === null || v === undefined) return 'null';
  if (t.typeId === DuckDBTypeId.LIST || t.typeId === DuckDBTypeId.ARRAY) {
    const child = (t as unknown as { valueType: DuckDBType }).valueType;
    return `[${(v as { items: unknown[] }).items.map((x) => jsonText(x, child)).join(',')}]`;
  }
  const text = renderValue(v, t)!;
  const bare = NUMERIC.has(t.typeId) || t.typeId === DuckDBTypeId.BOOLEAN;
  return bare ? text : JSON.stringify(text);
}

const NUMERIC = new Set([
  DuckDBTypeId.TINYINT,
  DuckDBTypeId.SMALLINT,
  DuckDBTypeId.INTEGER,
  DuckDBTypeId.BIGINT,
  DuckDBTypeId.HUGEINT,
  DuckDBTypeId.UINTEGER,
  DuckDBTypeId.UBIGINT,
  DuckDBTypeId.FLOAT,
  DuckDBTypeId.DOUBLE,
  DuckDBTypeId.DECIMAL,
]);

/** Java's Double.toString, which Spark uses: `1.0`, `1.5E10`, `1.0E-4`. */
export function renderDouble(n: number): string {
  if (Number.isNaN(n)) return 'NaN';
  if (!Number.isFinite(n)) return n > 0 ? 'Infinity' : '-Infinity';
  const a = Math.abs(n);
  if (a === 0 || (a >= 1e-3 && a < 1e7)) {
    const s = String(n);
    return s.includes('.') ? s : `${s}.0`;
  }
  const [mant, exp] = n.toExponential().split('e');
  return `${mant.includes('.') ? mant : `${mant}.0`}E${exp.replace('+', '')}`;
}

function renderZonedTimestamp(micros: bigint, timeZone: string): string {
  if (timeZone === 'UTC' || timeZone === 'Etc/UTC') return renderTimestamp(micros, 'Z');
  const offsetMin = zoneOffsetMinutes(Number(micros / 1000n), timeZone);
  const sign = offsetMin < 0 ? '-' : '+';
  const a = Math.abs(offsetMin);
  const suffix = `${sign}${String(Math.floor(a / 60)).padStart(2, '0')}:${String(a % 60).padStart(2, '0')}`;
  return renderTimestamp(micros + BigInt(offsetMin) * 60_000_000n, suffix);
}

/** Offset of `timeZone` from UTC at instant `ms`, in minutes (east positive). */
function zoneOffsetMinutes(ms: number, timeZone: string): number {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  }).formatToParts(new Date(ms));
  const n = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  const wall = Date.UTC(n('year'), n('month') - 1, n('day'), n('hour'), n('minute'), n('second'));
  return Math.round((wall - Math.floor(ms / 1000) * 1000) / 60_000);
}

function renderTimestamp(micros: bigint, suffix: string): string {
  const ms = micros / 1000n;
  const sub = Number(((micros % 1000n) + 1000n) % 1000n);
  const iso = new Date(Number(ms - (micros < 0n && sub !== 0 ? 1n : 0n))).toISOString().slice(0, -1);
  return (sub === 0 ? iso : iso + String(sub).padStart(3, '0')) + suffix;
}
