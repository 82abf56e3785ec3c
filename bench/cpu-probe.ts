/**
 * Dev probe: one CPU-bound full sync at a scale, with profiles of client and (optionally) emulators.
 * `node --import tsx bench/cpu-probe.ts <scale> [prof|realistic] [narrow]` (default: strict-iis, real widths).
 */
import { mkdtemp, readdir, writeFile } from 'node:fs/promises';
import { Session } from 'node:inspector/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startDatabricks, startEpicor } from './bench-emulators.ts';
import { summariseProfile } from './cpu-profile.ts';
import { REALISTIC, ZERO } from './latency-model.ts';
import { runChild } from './run-child.ts';

const scale = Number(process.argv[2] ?? 10);
const prof = process.argv[3] === 'prof';
// `realistic` as the third argument: the benchmark's latency model instead of zero latency.
const model = process.argv[3] === 'realistic' ? REALISTIC : ZERO;
const { url, epicor } = await startEpicor(1, scale, model, process.argv.includes('narrow') ? undefined : 'strict-iis');
const dbx = await startDatabricks(model);
const dir = await mkdtemp(join(tmpdir(), 'ml-connector-probe-'));
let session: Session | undefined;
if (prof) {
  session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.start');
}
const cpu0 = process.cpuUsage();
const dbxCpu0 = await dbx.cpuMs();
const child = await runChild(
  { mode: 'sync', epicorUrl: url, databricksHost: dbx.host, pageSize: 500, concurrency: 4 },
  { cpuProfDir: prof ? dir : undefined },
);
const cpu = process.cpuUsage(cpu0);
const dbxCpuMs = (await dbx.cpuMs()) - dbxCpu0;
console.log(
  `wall ${(child.wallMs / 1000).toFixed(2)} s, ${child.records} rec, ${Math.round(child.records / (child.wallMs / 1000))} rec/s, client cpu ${((child.cpuUserMs + child.cpuSystemMs) / 1000).toFixed(1)} s, emulators cpu ${((cpu.user + cpu.system) / 1e6 + dbxCpuMs / 1000).toFixed(1)} s (Databricks ${(dbxCpuMs / 1000).toFixed(1)}), sampled RSS ${child.sampledPeakRssMB.toFixed(0)} MB, status ${child.status}, at peak ${JSON.stringify(child.memoryAtPeakMB)}`,
);
if (child.epicorIntervals?.length) {
  const ep = child.epicorIntervals;
  const first = Math.min(...ep.map((i) => i[0]));
  const last = Math.max(...ep.map((i) => i[1]));
  const dbx = child.databricksRequests ?? [];
  const before = dbx.filter((i) => i[0] < first);
  const after = dbx.filter((i) => i[1] > last);
  // Time spent at each number of Epicor requests in flight (between the first request and the last answer).
  const events = ep.flatMap((i) => [
    [i[0], 1],
    [i[1], -1],
  ]);
  events.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  const at: number[] = [];
  let n = 0;
  let t = first;
  for (const [time, d] of events) {
    at[n] = (at[n] ?? 0) + (time - t);
    t = time;
    n += d;
  }
  const avgLatency = ep.reduce((a, i) => a + i[1] - i[0], 0) / ep.length;
  console.log(
    `Epicor requests in flight (s at 0/1/2/…): ${at.map((x) => ((x ?? 0) / 1000).toFixed(1)).join(' / ')}; ` +
      `mean latency ${avgLatency.toFixed(0)} ms over ${ep.length} requests`,
  );
  console.log(
    `first Epicor request at ${(first / 1000).toFixed(2)} s (${before.length} Databricks requests before), ` +
      `last Epicor answer at ${(last / 1000).toFixed(2)} s of ${(child.wallMs / 1000).toFixed(2)} s; after it: ` +
      after.map((i) => `${(i[0] / 1000).toFixed(2)}–${(i[1] / 1000).toFixed(2)}`).join(' '),
  );
}
if (session) {
  const { profile } = await session.post('Profiler.stop');
  await writeFile(join(dir, 'parent.cpuprofile.json'), JSON.stringify(profile));
  const files = (await readdir(dir)).filter((f) => f.endsWith('.cpuprofile'));
  const c = await summariseProfile(join(dir, files[0]!), 30);
  console.log('CLIENT', JSON.stringify(c.byArea.map((a) => `${a.area} ${a.selfMs.toFixed(0)}`)));
  for (const t of c.top) console.log(`  ${t.selfMs.toFixed(0)} ms ${t.name} ${t.where}`);
  const p = await summariseProfile(join(dir, 'parent.cpuprofile.json'), 30);
  console.log('PARENT', JSON.stringify(p.byArea.map((a) => `${a.area} ${a.selfMs.toFixed(0)}`)));
  for (const t of p.top) console.log(`  ${t.selfMs.toFixed(0)} ms ${t.name} ${t.where}`);
}
await epicor.close();
await dbx.close();
