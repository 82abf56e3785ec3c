/** Standalone emulator for `ml-connector emulate epicor`: listens on 127.0.0.1 until SIGINT/SIGTERM. */

import { createEpicorEmulator } from './emulator.ts';
import { DEMO_CREDENTIALS } from './emulator-auth.ts';

export interface ServeEpicorOptions {
  port?: number;
  seed?: number;
  scale?: number;
  /** Fixed latency added to every API answer. */
  latencyMs?: number;
  /** Server profile name (`strict-iis`, `row-cap+iis-limits`, …); see server-profile.ts. */
  profile?: string;
  /** Where the start-up line goes (default stdout). */
  print?: (line: string) => void;
  /** Stops the server when aborted (besides SIGINT/SIGTERM). */
  signal?: AbortSignal;
}

/** Starts the emulator, prints its URL and demo credentials, and resolves once it has stopped. */
export async function serveEpicorEmulator(opts: ServeEpicorOptions = {}): Promise<void> {
  const emulator = createEpicorEmulator({
    seed: opts.seed,
    scale: opts.scale,
    latency: opts.latencyMs ? { fixedMs: opts.latencyMs } : undefined,
    profile: opts.profile,
  });
  const profile = Object.entries(emulator.profile());
  const url = await emulator.listen(opts.port ?? 0, '127.0.0.1');
  const c = DEMO_CREDENTIALS;
  (opts.print ?? ((l) => process.stdout.write(`${l}\n`)))(
    `Epicor emulator at ${url} (companies EPIC06, EPIC07) — x-api-key: ${c.apiKey}; basic: ${c.username}/${c.password}; ` +
      `oauth client: ${c.clientId}/${c.clientSecret} at ${url}/oauth/token` +
      (profile.length ? `; server profile: ${profile.map(([k, v]) => `${k}=${JSON.stringify(v)}`).join(', ')}` : ''),
  );
  await new Promise<void>((resolve) => {
    const stop = () => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      opts.signal?.removeEventListener('abort', stop);
      resolve();
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
    if (opts.signal?.aborted) stop();
    else opts.signal?.addEventListener('abort', stop, { once: true });
  });
  await emulator.close();
}
