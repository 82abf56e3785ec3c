/** Dev probe: one CPU-bound full sync at a scale, with profiles of client and (optionally) emulators. */
import { mkdtemp, readdir, writeFile } from 'node:fs/promises';
import { Session } from 'node:inspector/promises';
import { join } from 'node:path';
import { startDatabricks, startEpicor } from './bench-emulators.ts';
import { summariseProfile } from './cpu-profile.ts';
import { REALISTIC, ZERO } from './latency-model.ts';
import { runChild } from './run-child.ts';

const scale = Number(process.argv[2] ?? 10);
const prof = process.argv[3] === 'prof';
// `realistic` as the third argument: the benchmark's latency model instead of zero latency.
const model = process.argv[3] === 'realistic' ? REALISTIC : ZERO;
const { url, epicor } = await startEpicor(1, scale, model);
const dbx = await startDatabricks(model);
const dir = await mkdtemp('/tmp/prof/p-');
let session: Session | undefined;
if (prof) {
  session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.start');
}
const cpu0 = process.cpuUsage();
const child = await runChild(
  { mode: 'sync', epicorUrl: url, databricksHost: dbx.host, pageSize: 500, concurrency: 4 },
  { cpuProfDir: prof ? dir : undefined },
);
const cpu = process.cpuUsage(cpu0);
console.log(
  `wall ${(child.wallMs / 1000).toFixed(2)} s, ${child.records} rec, ${Math.round(child.records / (child.wallMs / 1000))} rec/s, client cpu ${((child.cpuUserMs + child.cpuSystemMs) / 1000).toFixed(1)} s, emulators cpu ${((cpu.user + cpu.system) / 1e6).toFixed(1)} s, sampled RSS ${child.sampledPeakRssMB.toFixed(0)} MB, status ${child.status}, at peak ${JSON.stringify(child.memoryAtPeakMB)}`,
);
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
