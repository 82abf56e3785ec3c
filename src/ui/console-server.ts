/** Serves the console (`ml-connector ui`, or inside `run` when `ui.port` is set) on loopback unless told otherwise. */
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { ConnectorError, messageOf } from '../errors.ts';
import type { Logger } from '../log/create-logger.ts';
import { registerSecrets } from '../log/secret-registry.ts';
import { createConsoleApp } from './console-app.ts';
import type { ConsoleJobs } from './console-jobs.ts';
import { newToken } from './console-security.ts';

export interface ConsoleServerOptions {
  configPath: string;
  configDir: string;
  logger: Logger;
  port: number;
  host: string;
  /** Fixed login token (`ui.token`); otherwise a new random one. */
  token?: string;
}

export interface ConsoleServer {
  /** `http://host:port` */
  readonly url: string;
  /** The link to print once: opens the console and logs in. */
  readonly loginUrl: string;
  readonly jobs: ConsoleJobs;
  close(): Promise<void>;
}

export async function startConsoleServer(opts: ConsoleServerOptions): Promise<ConsoleServer> {
  const token = opts.token ?? newToken();
  registerSecrets([token]);
  let port = opts.port;
  const hostPart = opts.host.includes(':') ? `[${opts.host}]` : opts.host;
  const loopback = ['127.0.0.1', '::1', 'localhost'].includes(opts.host);
  const allowedHosts = () =>
    loopback
      ? [`${hostPart}:${port}`, `localhost:${port}`, `127.0.0.1:${port}`, `[::1]:${port}`]
      : [`${hostPart}:${port}`];
  const { app, jobs } = createConsoleApp({ ...opts, token, allowedHosts });
  const server = await new Promise<ReturnType<typeof serve>>((resolve, reject) => {
    const s = serve({ fetch: app.fetch, port: opts.port, hostname: opts.host }, (info: AddressInfo) => {
      port = info.port;
      resolve(s);
    });
    s.once('error', (e) =>
      reject(
        new ConnectorError(
          'USAGE',
          `cannot serve the console on ${opts.host}:${opts.port} (ui.host, ui.port or --port): ${messageOf(e)}`,
        ),
      ),
    );
  });
  const url = `http://${hostPart}:${port}`;
  return {
    url,
    loginUrl: `${url}/?token=${encodeURIComponent(token)}`,
    jobs,
    close: () =>
      new Promise<void>((resolve) => {
        // SSE streams stay open until the browser goes: end them instead of waiting.
        (server as unknown as { closeAllConnections?: () => void }).closeAllConnections?.();
        server.close(() => resolve());
      }),
  };
}
