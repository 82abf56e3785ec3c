/**
 * The Databricks emulator (behind the counting proxy) in its own process, as the real warehouse is a separate
 * system: its DuckDB result handling, statement parsing and upload copies then never hold up the Epicor emulator's
 * event loop in the benchmark's main process. Usage: `node --import tsx bench/databricks-child.ts '<latency JSON>'`;
 * prints `DBX_READY {"url", "admin"}`. The admin server answers `GET /stats` (statement count, proxy figures, this
 * process's CPU) and `POST /reset` (proxy figures back to zero); SIGTERM closes everything and removes the data.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createDatabricksEmulator } from '../src/emulators/databricks/databricks-emulator.ts';
import type { DatabricksChildStats } from './databricks-child-protocol.ts';
import { READY_PREFIX } from './databricks-child-protocol.ts';
import { startDatabricksProxy } from './databricks-proxy.ts';
import type { LatencyModel } from './latency-model.ts';
import { warmGrammar } from './warm-grammar.ts';

warmGrammar();
const model = JSON.parse(process.argv[2] ?? '{}') as LatencyModel['databricks'];
const dataDir = await mkdtemp(join(tmpdir(), 'ml-connector-bench-'));
const emulator = await createDatabricksEmulator({ dataDir, ...model });
const proxy = await startDatabricksProxy(await emulator.listen(0));
const admin = createServer((req, res) => {
  if (req.method === 'POST' && req.url === '/reset') {
    proxy.reset();
    res.end('{}');
    return;
  }
  const s = proxy.stats();
  const cpu = process.cpuUsage();
  const body: DatabricksChildStats = {
    statements: emulator.statementLog().length,
    bytesStaged: s.bytesStaged,
    uploads: s.uploads,
    statementIntervals: [...s.statements.entries()],
    uploadIntervals: s.uploadIntervals,
    cpuMs: (cpu.user + cpu.system) / 1000,
  };
  res.setHeader('content-type', 'application/json');
  res.end(JSON.stringify(body));
});
await new Promise<void>((r) => admin.listen(0, '127.0.0.1', r));
process.stdout.write(
  `${READY_PREFIX}${JSON.stringify({ url: proxy.url, admin: `http://127.0.0.1:${(admin.address() as AddressInfo).port}` })}\n`,
);
process.once('SIGTERM', async () => {
  // Keep-alive sockets can hold a graceful close open; the data directory is removed either way.
  setTimeout(() => {
    rm(dataDir, { recursive: true, force: true }).finally(() => process.exit(0));
  }, 3000).unref();
  admin.close();
  await proxy.close();
  await emulator.close();
  await rm(dataDir, { recursive: true, force: true });
  process.exit(0);
});
