/** `check --only epicor`: reachable, API key accepted, authenticated, each company exists — one line each. */
import type { Clock } from '../../clock.ts';
import type { EpicorConfig } from '../../config/schema.ts';
import { ConnectorError, messageOf } from '../../errors.ts';
import { createHttpClient } from '../../http/http-client.ts';
import { networkError } from '../../http/network-error.ts';
import { createEpicorConnection } from './create-epicor-client.ts';

export interface CheckResult {
  name: string;
  ok: boolean;
  detail: string;
}

export interface CheckOptions {
  clock?: Clock;
  /** Retries for the checks (few and short by default: a check should answer quickly). */
  maxRetries?: number;
}

/** Runs the Epicor checks in order; later checks are reported as skipped when an earlier one decides them. */
export async function checkEpicor(config: EpicorConfig, opts: CheckOptions = {}): Promise<CheckResult[]> {
  const results: CheckResult[] = [];
  const first = config.companies[0];
  const probeUrl = `${config.baseUrl}/api/v2/odata/${encodeURIComponent(first)}/Erp.BO.CompanySvc/$metadata`;

  // 1. Reachable: any HTTP answer at all counts (even 401).
  const probe = createHttpClient({
    api: 'Epicor',
    concurrency: 1,
    timeoutMs: Math.min(config.timeoutSeconds, 30) * 1000,
    retry: { maxRetries: opts.maxRetries ?? 1, minTimeoutMs: 200, maxTimeoutMs: 1000 },
    caFile: config.caFile,
    clock: opts.clock,
    classify: (res, error) => (res ? null : networkError('Epicor', error)),
  });
  try {
    const res = await probe.request({ method: 'GET', url: probeUrl });
    results.push({ name: 'Epicor reachable', ok: true, detail: `${config.baseUrl} answered HTTP ${res.status}` });
  } catch (e) {
    results.push({
      name: 'Epicor reachable',
      ok: false,
      detail: `${config.baseUrl} cannot be reached: ${messageOf(e)}`,
    });
    return [...results, ...skipped(config, 'Epicor is not reachable')];
  } finally {
    await probe.close();
  }

  // 2-4. One authenticated read per company decides API key, credentials and company.
  const conn = createEpicorConnection(config, {
    clock: opts.clock,
    retry: { maxRetries: opts.maxRetries ?? 2, minTimeoutMs: 200, maxTimeoutMs: 2000, licenseBackoffMs: [5000] },
  });
  try {
    let authenticated = false;
    for (const company of config.companies) {
      let row: Record<string, unknown> | undefined;
      try {
        row = await conn.client.readCompany(company);
      } catch (e) {
        if (!authenticated) {
          const failure = authFailure(e);
          if (failure === 'api-key') {
            results.push({ name: 'API key accepted', ok: false, detail: messageOf(e) });
            return [...results, ...skipped(config, 'the API key was rejected', true)];
          }
          if (failure === 'credentials') {
            results.push({ name: 'API key accepted', ok: true, detail: 'Epicor accepted x-api-key' });
            results.push({ name: `Authenticated (${config.auth.type})`, ok: false, detail: messageOf(e) });
            return [...results, ...skipped(config, 'authentication failed', true, true)];
          }
        }
        results.push({ name: `Company ${company} exists`, ok: false, detail: messageOf(e) });
        continue;
      }
      if (!authenticated) {
        authenticated = true;
        results.push({ name: 'API key accepted', ok: true, detail: 'Epicor accepted x-api-key' });
        results.push({
          name: `Authenticated (${config.auth.type})`,
          ok: true,
          detail: 'an authenticated read succeeded',
        });
      }
      results.push(
        row
          ? { name: `Company ${company} exists`, ok: true, detail: String(row.Name ?? company) }
          : {
              name: `Company ${company} exists`,
              ok: false,
              detail: `Epicor company ${company} does not exist or this user cannot see it`,
            },
      );
    }
  } finally {
    await conn.close();
  }
  return results;
}

function authFailure(e: unknown): 'api-key' | 'credentials' | undefined {
  if (!(e instanceof ConnectorError)) return undefined;
  if (e.code !== 'AUTH_FAILED' && e.code !== 'FORBIDDEN') return undefined;
  if (e.details?.rejected === 'api-key') return 'api-key';
  return e.code === 'AUTH_FAILED' ? 'credentials' : undefined;
}

function skipped(config: EpicorConfig, why: string, keyDone = false, authDone = false): CheckResult[] {
  const out: CheckResult[] = [];
  if (!keyDone) out.push({ name: 'API key accepted', ok: false, detail: `not checked: ${why}` });
  if (!authDone) out.push({ name: `Authenticated (${config.auth.type})`, ok: false, detail: `not checked: ${why}` });
  for (const c of config.companies) out.push({ name: `Company ${c} exists`, ok: false, detail: `not checked: ${why}` });
  return out;
}
