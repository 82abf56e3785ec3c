/** The daemon's HTTP endpoint: `GET /healthz` (JSON, 200/503) and `GET /metrics` (Prometheus text). */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { PROMETHEUS_CONTENT_TYPE } from '../metrics/prometheus-text.ts';
import type { HealthReport } from './health-report.ts';

export interface HealthServerHandlers {
  health(): HealthReport;
  metrics(): string;
}

export interface HealthServer {
  /** The port actually bound (useful with port 0). */
  readonly port: number;
  close(): Promise<void>;
}

/** Starts serving on `port` (0 = any free port) and `host` (`metrics.host`; every interface when omitted). */
export function startHealthServer(handlers: HealthServerHandlers, port: number, host?: string): Promise<HealthServer> {
  const server: Server = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0];
    const send = (status: number, type: string, body: string) => {
      res.writeHead(status, { 'content-type': type, 'cache-control': 'no-store' });
      res.end(req.method === 'HEAD' ? undefined : body);
    };
    if (path !== '/healthz' && path !== '/metrics') {
      send(404, 'text/plain; charset=utf-8', 'not found: try /healthz or /metrics\n');
      return;
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.setHeader('allow', 'GET, HEAD');
      send(405, 'text/plain; charset=utf-8', 'method not allowed\n');
      return;
    }
    try {
      if (path === '/metrics') {
        send(200, PROMETHEUS_CONTENT_TYPE, handlers.metrics());
        return;
      }
      const report = handlers.health();
      send(report.httpStatus, 'application/json; charset=utf-8', `${JSON.stringify(report.body, null, 2)}\n`);
    } catch (e) {
      send(500, 'text/plain; charset=utf-8', `internal error: ${e instanceof Error ? e.message : String(e)}\n`);
    }
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve({
        port: (server.address() as AddressInfo).port,
        close: () =>
          new Promise<void>((done) => {
            server.close(() => done());
            server.closeAllConnections();
          }),
      });
    });
  });
}
