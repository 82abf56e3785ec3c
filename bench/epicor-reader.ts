/**
 * The bare HTTP side the extraction limit and the naive baseline share: one undici pool to the Epicor emulator,
 * Basic auth plus API key, a GET that returns the body bytes. No retries, no JSON model — nothing our product adds.
 */
import { Pool } from 'undici';
import { DEMO_CREDENTIALS } from '../src/emulators/epicor/index.ts';
import type { EntityDef } from '../src/source/epicor/catalog.ts';

export interface EpicorReader {
  /** GET `<entity set>?<query>`; resolves the raw body. Throws on a non-200 answer. */
  get(entity: EntityDef, query: Record<string, string>): Promise<Buffer>;
  /**
   * A page of at most `top` rows: on ASP.NET's executionTimeout answer (HTTP 500) it asks again for half the rows,
   * and the entity's next pages start at the size learnt — the same policy as the connector's (keyset-pages.ts), so
   * a strict-iis comparison measures the client's work, not a different page schedule.
   */
  page(entity: EntityDef, query: Record<string, string>, top: number): Promise<{ body: Buffer; top: number }>;
  readonly requests: number;
  /** Pages asked again after a timeout. */
  readonly timeouts: number;
  close(): Promise<void>;
}

/** Opens a pool of `connections` sockets to the Epicor base URL for one company. */
export function createEpicorReader(baseUrl: string, company: string, connections: number): EpicorReader {
  const url = new URL(baseUrl);
  const pool = new Pool(url.origin, { connections, pipelining: 1 });
  const auth = `Basic ${Buffer.from(`${DEMO_CREDENTIALS.username}:${DEMO_CREDENTIALS.password}`).toString('base64')}`;
  const headers = { 'x-api-key': DEMO_CREDENTIALS.apiKey, authorization: auth, accept: 'application/json' };
  let requests = 0;
  let timeouts = 0;
  const learnt = new Map<string, number>();
  const reader: EpicorReader = {
    get requests() {
      return requests;
    },
    get timeouts() {
      return timeouts;
    },
    async page(entity, query, top) {
      let t = Math.min(top, learnt.get(entity.name) ?? top);
      for (;;) {
        try {
          return { body: await reader.get(entity, { ...query, $top: String(t) }), top: t };
        } catch (e) {
          if (!(e instanceof TimeoutAnswer) || t <= 10) throw e;
          timeouts++;
          const known = learnt.get(entity.name) ?? t;
          t = known < t ? known : Math.max(10, Math.floor(t / 2));
          learnt.set(entity.name, t);
        }
      }
    },
    async get(entity, query) {
      requests++;
      const qs = new URLSearchParams(query).toString().replace(/\+/g, '%20');
      const path = `${url.pathname}/api/v2/odata/${company}/${entity.service}/${entity.entitySet}?${qs}`;
      const res = await pool.request({ method: 'GET', path, headers });
      const chunks: Buffer[] = [];
      for await (const c of res.body) chunks.push(c as Buffer);
      const body = Buffer.concat(chunks);
      if (res.statusCode === 500) throw new TimeoutAnswer(path);
      if (res.statusCode !== 200) {
        throw new Error(`Epicor answered ${res.statusCode} for ${path}: ${body.toString('utf8').slice(0, 200)}`);
      }
      return body;
    },
    close: () => pool.close(),
  };
  return reader;
}

/** ASP.NET's "Request timed out." page (strict-iis `executionTimeoutRows`). */
class TimeoutAnswer extends Error {
  constructor(path: string) {
    super(`Epicor timed out on ${path}`);
  }
}

const REV_KEY = Buffer.from('"SysRevID":');

/** Rows in a collection body: one `"SysRevID":` per row (the field every catalog entity has). */
export function countRows(body: Buffer): number {
  let n = 0;
  let at = body.indexOf(REV_KEY);
  while (at >= 0) {
    n++;
    at = body.indexOf(REV_KEY, at + REV_KEY.length);
  }
  return n;
}

/** SysRevID of the last row of a collection body (rows ordered by it), without parsing the JSON. */
export function lastRevision(body: Buffer): bigint | null {
  const at = body.lastIndexOf(REV_KEY);
  if (at < 0) return null;
  let i = at + REV_KEY.length;
  while (body[i] === 0x20) i++;
  let end = i;
  while (body[end] >= 0x30 && body[end] <= 0x39) end++;
  return end > i ? BigInt(body.toString('latin1', i, end)) : null;
}
