/**
 * Server profiles: switchable behaviours of a real Kinetic server on IIS that the connector must survive (the fit
 * rule: every such behaviour gets a switch here and a test with it on). A profile is a plain object of independent
 * switches; a named profile is a set of them, and `strict-iis` turns on the realistic set. Facts and sources:
 * `Request limits` in the Epicor reference notes (IIS `maxQueryString` 2048 → 404.15; ASP.NET `maxQueryStringLength`
 * 2048 → HTML 400; ASP.NET `executionTimeout` 110 s → HTML 500; servers capping rows per response below `$top`).
 *
 * Adding a switch: add an optional field to `ServerProfile` (undefined = off, today's behaviour), a named profile
 * with just that switch to `NAMED_PROFILES`, and — if a real server behaves that way — the switch to `STRICT_IIS`.
 */
import { ConnectorError } from '../../errors.ts';
import { aspNetQueryStringPage, aspNetTimeoutPage, iis40415Page } from './iis-pages.ts';
import type { Reply } from './reply.ts';
import { type SchemaProfile, STRICT_SCHEMA } from './schema-profile.ts';

/** Request-limit switches, plus how the tenant describes and filters its data (schema-profile.ts). */
export interface ServerProfile extends SchemaProfile {
  /** Rows per response at most, whatever `$top` asks (an admin row limit, a proxy, a BO's GetRows cap). */
  rowCap?: number;
  /** IIS request filtering `maxQueryString` (bytes as sent): a longer query string → HTTP 404.15, HTML. */
  iisMaxQueryString?: number;
  /** ASP.NET `httpRuntime maxQueryStringLength`: a longer query string → HTTP 400, HTML (checked after IIS). */
  aspNetMaxQueryStringLength?: number;
  /**
   * A collection answer of more rows than this → HTTP 500 "Request timed out." the way ASP.NET answers once
   * `executionTimeout` (110 s) elapses; answered at once (tests do not wait 110 s).
   */
  executionTimeoutRows?: number;
  /** Error pages as a remote client sees them: false = the generic custom pages without the detail (default true). */
  detailedErrors?: boolean;
}

/** The realistic set: what a default Kinetic install on IIS does. Other switches join it as they are modelled. */
export const STRICT_IIS: Readonly<ServerProfile> = {
  // Child filters applied to the parent stay a separate switch for now: sync and incrementals read child sets
  // safely under it (child-set-read.ts), but reconcile's key scans and replay's key fetches do not yet.
  ...STRICT_SCHEMA,
  childFilterOnParent: undefined,
  rowCap: 300,
  iisMaxQueryString: 2048,
  aspNetMaxQueryStringLength: 2048,
  executionTimeoutRows: 200,
};

/** Named profiles for `emulate epicor --profile <name>` and `createEpicorEmulator({ profile })`. */
export const NAMED_PROFILES: Readonly<Record<string, Readonly<ServerProfile>>> = {
  default: {},
  'row-cap': { rowCap: 100 },
  'iis-limits': { iisMaxQueryString: 2048 },
  'aspnet-limits': { aspNetMaxQueryStringLength: 2048 },
  'execution-timeout': { executionTimeoutRows: 200 },
  'tablesets-metadata': { tablesetsMetadata: true },
  'strict-dates': { strictDateLiterals: true },
  'child-filter-on-parent': { childFilterOnParent: true },
  'wide-rows': { wideRows: true },
  'strict-iis': STRICT_IIS,
};

/** Environment variable naming the profile of emulators created without one (run the demo or tests under it). */
export const PROFILE_ENV = 'ML_CONNECTOR_EPICOR_PROFILE';

/** A profile by name (`strict-iis`), or several joined with `+` (`row-cap+iis-limits`); USAGE error for unknown. */
export function serverProfile(spec: string | ServerProfile | undefined): ServerProfile {
  if (spec === undefined) return {};
  if (typeof spec !== 'string') return { ...spec };
  const out: ServerProfile = {};
  for (const name of spec.split('+').map((s) => s.trim())) {
    const p = NAMED_PROFILES[name];
    if (!p) {
      throw new ConnectorError(
        'USAGE',
        `unknown Epicor emulator profile "${name}"; known: ${Object.keys(NAMED_PROFILES).join(', ')}`,
      );
    }
    Object.assign(out, p);
  }
  return out;
}

const html = (status: number, body: string): Reply => ({
  status,
  body,
  contentType: 'text/html; charset=utf-8',
  headers: { Server: 'Microsoft-IIS/10.0', 'X-Powered-By': 'ASP.NET' },
});

/** IIS / ASP.NET refusal of a request by the length of its query string (`rawQuery`: as sent, without `?`). */
export function refuseByLength(profile: ServerProfile, rawQuery: string): Reply | undefined {
  const bytes = Buffer.byteLength(rawQuery, 'utf8');
  const detailed = profile.detailedErrors !== false;
  if (profile.iisMaxQueryString !== undefined && bytes > profile.iisMaxQueryString) {
    return html(404, iis40415Page(detailed));
  }
  if (profile.aspNetMaxQueryStringLength !== undefined && rawQuery.length > profile.aspNetMaxQueryStringLength) {
    return html(400, aspNetQueryStringPage(detailed));
  }
  return undefined;
}

/** ASP.NET's executionTimeout answer in place of a collection too large to produce in time. */
export function timeoutInstead(profile: ServerProfile, reply: Reply): Reply | undefined {
  const limit = profile.executionTimeoutRows;
  if (limit === undefined || reply.status !== 200 || (reply.rows ?? 0) <= limit) return undefined;
  return html(500, aspNetTimeoutPage(profile.detailedErrors !== false));
}
