/**
 * The tokens of an emulator `$filter`: identifiers, parentheses and literals (single-quoted strings with '' escapes,
 * integers, decimals, true/false, null, unquoted ISO datetimes with or without Z/offset, GUIDs).
 */
import { ODataError } from './odata-error.ts';

export type Literal =
  | { kind: 'string'; value: string }
  | { kind: 'number'; value: number }
  | { kind: 'boolean'; value: boolean }
  | { kind: 'null' }
  | { kind: 'datetime'; value: number }
  | { kind: 'guid'; value: string };

export type Token =
  | { t: 'ident'; v: string; at: number }
  | { t: 'lit'; v: Literal; at: number }
  | { t: '(' | ')'; at: number }
  | { t: 'end'; at: number };

const DATETIME = /^(\d{4}-\d{2}-\d{2})(?:T(\d{2}:\d{2}(?::\d{2}(?:\.\d{1,7})?)?)(Z|[+\- ]\d{2}:\d{2})?)?/;
const GUID = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}/;
const NUMBER = /^-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?[mMdDlLfF]?/;
const IDENT = /^[A-Za-z_][A-Za-z0-9_]*/;

/** Parses an ISO datetime literal (or field value) to epoch ms; no offset means UTC. */
export function parseInstant(text: string): number {
  const m = DATETIME.exec(text);
  if (!m || m[0].length !== text.length) return Number.NaN;
  const time = m[2] ?? '00:00:00';
  let offset = m[3] ?? 'Z';
  if (offset.startsWith(' ')) offset = `+${offset.slice(1)}`; // an unencoded '+' arrives as a space
  const full = `${m[1]}T${time.length === 5 ? `${time}:00` : time}${offset}`;
  return Date.parse(full.replace(/(\.\d{3})\d+/, '$1'));
}

export interface FilterOptions {
  /**
   * Refuse date-time literals without `Z` or an offset, with the message of Microsoft.OData's URI parser
   * (OData/odata.net issue #534; the reference sheet: OData v4 requires the offset).
   */
  strictDateLiterals?: boolean;
}

/** Splits a `$filter` into tokens; throws ODataError at the first character that starts none. */
export function tokenize(src: string, opts: FilterOptions = {}): Token[] {
  const out: Token[] = [];
  let i = 0;
  while (i < src.length) {
    const ch = src[i];
    if (ch === ' ' || ch === '\t') {
      i++;
      continue;
    }
    if (ch === '(' || ch === ')') {
      out.push({ t: ch, at: i++ });
      continue;
    }
    if (ch === "'") {
      let value = '';
      let j = i + 1;
      for (;;) {
        if (j >= src.length) throw new ODataError(`Unterminated string literal at position ${i} in '${src}'.`);
        if (src[j] === "'") {
          if (src[j + 1] === "'") {
            value += "'";
            j += 2;
            continue;
          }
          break;
        }
        value += src[j++];
      }
      out.push({ t: 'lit', v: { kind: 'string', value }, at: i });
      i = j + 1;
      continue;
    }
    const rest = src.slice(i);
    const guid = GUID.exec(rest);
    if (guid) {
      out.push({ t: 'lit', v: { kind: 'guid', value: guid[0].toLowerCase() }, at: i });
      i += guid[0].length;
      continue;
    }
    const dt = DATETIME.exec(rest);
    if (dt) {
      if (opts.strictDateLiterals && dt[2] !== undefined && dt[3] === undefined) {
        throw new ODataError(
          `The time zone information is missing on the DateTimeOffset value '${dt[0]}'. ` +
            'A DateTimeOffset value must contain the time zone information.',
        );
      }
      const value = parseInstant(dt[0]);
      if (Number.isNaN(value)) throw new ODataError(`Invalid datetime literal '${dt[0]}' at position ${i}.`);
      out.push({ t: 'lit', v: { kind: 'datetime', value }, at: i });
      i += dt[0].length;
      continue;
    }
    const num = NUMBER.exec(rest);
    if (num) {
      out.push({ t: 'lit', v: { kind: 'number', value: Number(num[0].replace(/[mMdDlLfF]$/, '')) }, at: i });
      i += num[0].length;
      continue;
    }
    const id = IDENT.exec(rest);
    if (id) {
      const v = id[0];
      if (v === 'true' || v === 'false') out.push({ t: 'lit', v: { kind: 'boolean', value: v === 'true' }, at: i });
      else if (v === 'null') out.push({ t: 'lit', v: { kind: 'null' }, at: i });
      else out.push({ t: 'ident', v, at: i });
      i += v.length;
      continue;
    }
    throw new ODataError(`Syntax error at position ${i} in '${src}'.`);
  }
  out.push({ t: 'end', at: src.length });
  return out;
}
