/**
 * A pass-through HTTP proxy in front of the Databricks emulator that measures what the emulator does not report:
 * bytes uploaded to the volume (bytes staged), and when each statement and upload was in flight, so the report can
 * say how much of a run's wall time was spent waiting on MERGEs, DDL or uploads.
 */
import { Agent, createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type Interval, unionMs } from './intervals.ts';

export interface ProxyStats {
  bytesStaged: number;
  uploads: number;
  /** Statement intervals by kind (first SQL keyword, MERGE / CREATE / SELECT / INSERT …). */
  statements: Map<string, Interval[]>;
  uploadIntervals: Interval[];
}

export interface DatabricksProxy {
  /** Base URL clients use instead of the emulator's. */
  url: string;
  stats(): ProxyStats;
  reset(): void;
  close(): Promise<void>;
}

const STATEMENTS = /^\/api\/2\.0\/sql\/statements\/?$/;
const STATEMENT_ID = /^\/api\/2\.0\/sql\/statements\/([^/?]+)$/;

/** Starts the proxy on a loopback port, forwarding to `target` (`http://127.0.0.1:<port>`). */
export async function startDatabricksProxy(target: string): Promise<DatabricksProxy> {
  const upstream = new URL(target);
  const agent = new Agent({ keepAlive: true, maxSockets: 64 });
  let stats = emptyStats();
  const open = new Map<string, { kind: string; start: number }>();

  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      const path = (req.url ?? '/').split('?')[0];
      const start = performance.now();
      const isUpload = req.method === 'PUT' && path.startsWith('/api/2.0/fs/files/');
      const isSubmit = req.method === 'POST' && STATEMENTS.test(path);
      const poll = req.method === 'GET' ? STATEMENT_ID.exec(path) : null;
      const kind = isSubmit ? statementKind(body) : '';
      const up = request(
        {
          host: upstream.hostname,
          port: upstream.port,
          method: req.method,
          path: req.url,
          headers: { ...req.headers, host: upstream.host, 'content-length': String(body.length) },
          agent,
        },
        (upRes) => {
          const out: Buffer[] = [];
          upRes.on('data', (c: Buffer) => out.push(c));
          upRes.on('end', () => {
            const answer = Buffer.concat(out);
            const end = performance.now();
            if (isUpload && (upRes.statusCode ?? 0) < 300) {
              stats.bytesStaged += body.length;
              stats.uploads++;
              stats.uploadIntervals.push([start, end]);
            }
            if (isSubmit || poll) track(answer, isSubmit ? { kind, start } : undefined, end);
            res.writeHead(upRes.statusCode ?? 502, upRes.headers);
            res.end(answer);
          });
          upRes.on('error', () => res.destroy());
        },
      );
      up.on('error', () => res.destroy());
      up.end(body);
    });
  });

  // A statement is in flight from its submit until a response shows it terminal (submit or a later poll).
  function track(answer: Buffer, submitted: { kind: string; start: number } | undefined, end: number): void {
    let parsed: { statement_id?: string; status?: { state?: string } };
    try {
      parsed = JSON.parse(answer.toString('utf8'));
    } catch {
      return;
    }
    const id = parsed.statement_id;
    if (!id) return;
    if (submitted) open.set(id, submitted);
    const state = parsed.status?.state;
    if (state && state !== 'PENDING' && state !== 'RUNNING') {
      const o = open.get(id);
      if (!o) return;
      open.delete(id);
      const list = stats.statements.get(o.kind) ?? [];
      list.push([o.start, end]);
      stats.statements.set(o.kind, list);
    }
  }

  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`,
    stats: () => stats,
    reset() {
      stats = emptyStats();
      open.clear();
    },
    close: () =>
      new Promise<void>((r) => {
        server.close(() => r());
        server.closeAllConnections();
        agent.destroy();
      }),
  };
}

function emptyStats(): ProxyStats {
  return { bytesStaged: 0, uploads: 0, statements: new Map(), uploadIntervals: [] };
}

function statementKind(body: Buffer): string {
  try {
    const sql = String(JSON.parse(body.toString('utf8')).statement ?? '');
    return /^\s*(\w+)/.exec(sql)?.[1]?.toUpperCase() ?? '?';
  } catch {
    return '?';
  }
}

/** Wall time (ms) with at least one statement of the kinds in flight. */
export function statementWallMs(stats: ProxyStats, kinds?: string[]): number {
  const all: Interval[] = [];
  for (const [k, list] of stats.statements) if (!kinds || kinds.includes(k)) all.push(...list);
  return unionMs(all);
}
