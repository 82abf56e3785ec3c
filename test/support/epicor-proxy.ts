/**
 * A loopback HTTP proxy in front of the Epicor emulator for what the emulator has no option for: a new tenant user
 * field (`<Name>_c`) appearing on one entity set, as when an Epicor admin adds one (`$metadata` gains the property,
 * rows gain the value, `$select` lists naming it are accepted), and rows rewritten on the way out (a record Epicor
 * serves with a value that cannot be mapped). With nothing enabled it forwards everything unchanged.
 */
import { startLoopbackProxy } from './loopback-proxy.ts';

export interface AddedField {
  entitySet: string;
  /** Entity type in `$metadata`, e.g. `VendorRow`. */
  rowType: string;
  name: string;
  edmType: string;
  /** Value of the field on a row. */
  valueOf(row: Record<string, unknown>): unknown;
}

/** Changes rows of one entity set as they are served (return the row to send). */
export interface RowRewrite {
  entitySet: string;
  rewrite(row: Record<string, unknown>): Record<string, unknown>;
}

export interface EpicorProxy {
  /** The Epicor base URL to configure (same path as the emulator's, other port). */
  baseUrl: string;
  /** Makes the field appear from the next request on. */
  addField(field: AddedField): void;
  /** Rewrites rows from the next request on; returns a function that removes the rewrite. */
  rewriteRows(r: RowRewrite): () => void;
  close(): Promise<void>;
}

/** Starts the proxy for the emulator at `targetBaseUrl` (e.g. `http://127.0.0.1:1234/kinetic`). */
export async function startEpicorProxy(targetBaseUrl: string): Promise<EpicorProxy> {
  const fields: AddedField[] = [];
  const rewrites: RowRewrite[] = [];
  const proxy = await startLoopbackProxy(targetBaseUrl, async ({ url, forward, reply }) => {
    const active = fields.filter(
      (f) => url.pathname.includes(`/${f.entitySet}`) || url.pathname.endsWith('/$metadata'),
    );
    for (const f of active) stripSelect(url, f.name);
    const upstream = await forward(url);
    let body = upstream.text();
    const rowRewrites = rewrites.filter((r) => url.pathname.includes(`/${r.entitySet}`));
    if (upstream.ok) body = rewriteBody(url, body, active, rowRewrites);
    reply(upstream.status, upstream.headers, body);
  });
  return {
    ...proxy,
    addField: (f) => fields.push(f),
    rewriteRows(r) {
      rewrites.push(r);
      return () => {
        rewrites.splice(rewrites.indexOf(r), 1);
      };
    },
  };
}

function stripSelect(url: URL, name: string): void {
  const select = url.searchParams.get('$select');
  if (select === null) return;
  url.searchParams.set(
    '$select',
    select
      .split(',')
      .filter((s) => s.trim() !== name)
      .join(','),
  );
}

function rewriteBody(url: URL, body: string, active: AddedField[], rowRewrites: RowRewrite[]): string {
  if (active.length === 0 && rowRewrites.length === 0) return body;
  if (url.pathname.endsWith('/$metadata')) {
    for (const f of active) {
      const type = new RegExp(`(<EntityType Name="${f.rowType}">[\\s\\S]*?)(</EntityType>)`);
      body = body.replace(type, `$1<Property Name="${f.name}" Type="${f.edmType}" Nullable="true"/>\n$2`);
    }
    return body;
  }
  let json: { value?: Record<string, unknown>[] } & Record<string, unknown>;
  try {
    json = JSON.parse(body);
  } catch {
    return body;
  }
  let rows = Array.isArray(json.value) ? json.value : [json];
  for (const r of rowRewrites) rows = rows.map((row) => r.rewrite(row));
  for (const row of rows) for (const f of active) row[f.name] = f.valueOf(row);
  return JSON.stringify(Array.isArray(json.value) ? { ...json, value: rows } : rows[0]);
}
