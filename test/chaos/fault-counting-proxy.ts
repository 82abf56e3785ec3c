/**
 * A loopback proxy in front of the Databricks emulator that classifies every answer the connector receives, so the
 * chaos suite can say how many faults of each kind really reached the client: 429, 503, 500 before any work,
 * ambiguous 500 (the statement committed — found in the emulator's statement log — yet the client saw 500), a reset
 * socket (the emulator's ambiguous reset), and everything else by status.
 */
import { createServer, request, type Server } from 'node:http';
import type { DatabricksEmulator } from '../../src/emulators/databricks/databricks-emulator.ts';
import { listenOnLoopback } from '../support/loopback-proxy.ts';

export interface FaultCountingProxy {
  /** The host to configure instead of the emulator's. */
  url: string;
  /** Answers by kind: `429`, `503`, `500`, `ambiguous-500`, `ambiguous-reset`, `200`, … */
  counts(): Record<string, number>;
  /** Requests received by route: `PUT files`, `DELETE files`, `DELETE directories`, `POST statements`, … */
  requests(): Record<string, number>;
  close(): Promise<void>;
}

const STATEMENTS = /^\/api\/2\.0\/sql\/statements\/?$/;

/** Starts the proxy for `emulator` (listening at `target`). */
export async function startFaultCountingProxy(
  target: string,
  emulator: DatabricksEmulator,
): Promise<FaultCountingProxy> {
  const to = new URL(target);
  const counts: Record<string, number> = {};
  const routes: Record<string, number> = {};
  const bump = (k: string) => {
    counts[k] = (counts[k] ?? 0) + 1;
  };
  const logged = (text: string) => emulator.statementLog().filter((s) => s.statement === text).length;

  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      const path = (req.url ?? '/').split('?')[0];
      const route = `${req.method} ${/^\/api\/2\.0\/(?:fs\/|sql\/)?([a-z]+)/.exec(path)?.[1] ?? path}`;
      routes[route] = (routes[route] ?? 0) + 1;
      const submit = req.method === 'POST' && STATEMENTS.test(path);
      let text: string | undefined;
      if (submit) {
        try {
          text = String(JSON.parse(body.toString('utf8')).statement ?? '');
        } catch {
          text = undefined;
        }
      }
      const before = text === undefined ? 0 : logged(text);
      const up = request(
        { host: to.hostname, port: to.port, method: req.method, path: req.url, headers: req.headers },
        (upRes) => {
          const out: Buffer[] = [];
          upRes.on('data', (c: Buffer) => out.push(c));
          upRes.on('error', () => {
            bump('ambiguous-reset');
            res.destroy();
          });
          upRes.on('end', () => {
            const status = upRes.statusCode ?? 0;
            // A 500 for a statement that the emulator nevertheless logged is the ambiguous kind.
            if (status === 500 && text !== undefined && logged(text) > before) bump('ambiguous-500');
            else bump(String(status));
            res.writeHead(status, upRes.headers);
            res.end(Buffer.concat(out));
          });
        },
      );
      up.on('error', () => {
        // Only the emulator's ambiguous fault drops a connection.
        bump('ambiguous-reset');
        res.destroy();
      });
      up.end(body);
    });
  });
  const listening = await listenOnLoopback(server);
  return {
    url: listening.baseUrl,
    counts: () => ({ ...counts }),
    requests: () => ({ ...routes }),
    close: listening.close,
  };
}
