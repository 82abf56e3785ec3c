/**
 * A loopback proxy in front of the Epicor emulator that serves what a hostile or broken Epicor (or the IIS/gateway
 * in front of it) can send: canned replies instead of the upstream answer (an HTML page or an error body with
 * status 200, a truncated body), rewritten collection pages (wrong types, odd dates, duplicated rows, huge or exotic
 * strings) and rewritten `$metadata`. Every rule is scoped to one entity set and can be removed again. With no rule
 * it forwards everything unchanged.
 */
import { startLoopbackProxy } from '../support/loopback-proxy.ts';

export type Row = Record<string, unknown>;

export interface CannedReply {
  status: number;
  contentType: string;
  body: string;
  /** Send the body and then cut the connection (no Content-Length): a truncated response. */
  cut?: boolean;
}

/** What the rules see of a data request. */
export interface DataRequest {
  url: URL;
  /** 1-based count of data requests to this entity set so far (including this one). */
  n: number;
}

export interface HostileProxy {
  baseUrl: string;
  /** Answers data requests of `entitySet` with `reply(req)` instead of Epicor whenever it returns one. */
  intercept(entitySet: string, reply: (req: DataRequest) => CannedReply | undefined): () => void;
  /** Rewrites the rows of each collection page of `entitySet` (the whole page, so rows can be added or copied). */
  rewritePage(entitySet: string, rewrite: (rows: Row[], req: DataRequest) => Row[]): () => void;
  /** Drops `field` from `$select` of `entitySet` before forwarding (a field only the proxy knows). */
  unselect(entitySet: string, field: string): () => void;
  /** Rewrites the `$metadata` XML of every service. */
  rewriteMetadata(rewrite: (xml: string) => string): () => void;
  /** Canned replies served so far, per entity set. */
  readonly canned: Record<string, number>;
  close(): Promise<void>;
}

interface Rule<F> {
  entitySet: string;
  fn: F;
}

/** Starts the proxy in front of the emulator at `targetBaseUrl` (e.g. `http://127.0.0.1:1234/kinetic`). */
export async function startHostileProxy(targetBaseUrl: string): Promise<HostileProxy> {
  const intercepts: Rule<(req: DataRequest) => CannedReply | undefined>[] = [];
  const pages: Rule<(rows: Row[], req: DataRequest) => Row[]>[] = [];
  const metadata: ((xml: string) => string)[] = [];
  const unselected: Rule<string>[] = [];
  const counts = new Map<string, number>();
  const canned: Record<string, number> = {};
  const setOf = (url: URL) => /\/api\/v2\/odata\/[^/]+\/[^/]+\/([^/?(]+)/.exec(url.pathname)?.[1];

  const proxy = await startLoopbackProxy(targetBaseUrl, async ({ res, url, forward, reply }) => {
    const isMetadata = url.pathname.endsWith('/$metadata');
    const set = isMetadata ? undefined : setOf(url);
    let dataReq: DataRequest | undefined;
    if (set !== undefined) {
      const n = (counts.get(set) ?? 0) + 1;
      counts.set(set, n);
      dataReq = { url, n };
      for (const rule of intercepts.filter((r) => r.entitySet === set)) {
        const answer = rule.fn(dataReq);
        if (!answer) continue;
        canned[set] = (canned[set] ?? 0) + 1;
        res.writeHead(answer.status, { 'content-type': answer.contentType });
        if (answer.cut) res.write(answer.body, () => res.destroy());
        else res.end(answer.body);
        return;
      }
    }
    const select = url.searchParams.get('$select');
    const hidden = unselected.filter((u) => u.entitySet === set).map((u) => u.fn);
    if (select !== null && hidden.length > 0) {
      url.searchParams.set(
        '$select',
        select
          .split(',')
          .filter((f) => !hidden.includes(f.trim()))
          .join(','),
      );
    }
    const upstream = await forward(url);
    let body = upstream.text();
    if (upstream.ok && isMetadata) for (const m of metadata) body = m(body);
    const rules = pages.filter((r) => r.entitySet === set);
    if (upstream.ok && dataReq && rules.length > 0) {
      const json = JSON.parse(body) as { value?: Row[] };
      if (Array.isArray(json.value)) {
        let rows = json.value;
        for (const r of rules) rows = r.fn(rows, dataReq);
        body = JSON.stringify({ ...json, value: rows });
      }
    }
    reply(upstream.status, upstream.headers, body);
  });
  const remover =
    <T>(list: T[], item: T) =>
    () => {
      const i = list.indexOf(item);
      if (i >= 0) list.splice(i, 1);
    };
  return {
    ...proxy,
    intercept(entitySet, fn) {
      const rule = { entitySet, fn };
      intercepts.push(rule);
      return remover(intercepts, rule);
    },
    rewritePage(entitySet, fn) {
      const rule = { entitySet, fn };
      pages.push(rule);
      return remover(pages, rule);
    },
    unselect(entitySet, fn) {
      const rule = { entitySet, fn };
      unselected.push(rule);
      return remover(unselected, rule);
    },
    rewriteMetadata(fn) {
      metadata.push(fn);
      return remover(metadata, fn);
    },
    canned,
  };
}

/** Rewrites each row of a page (a shorthand for `rewritePage`). */
export const eachRow =
  (fn: (row: Row) => Row) =>
  (rows: Row[]): Row[] =>
    rows.map(fn);
