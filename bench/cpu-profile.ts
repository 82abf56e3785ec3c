/** Reads a V8 `.cpuprofile`: top functions by self time, and self time grouped by the part of the code it is in. */
import { readFile } from 'node:fs/promises';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number };
}

interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

export interface ProfileSummary {
  totalMs: number;
  top: { name: string; where: string; selfMs: number; pct: number }[];
  byArea: { area: string; selfMs: number; pct: number }[];
}

/** Which part of the code a frame belongs to (first match wins). */
const AREAS: [string, (url: string, fn: string) => boolean][] = [
  ['idle (waiting on I/O)', (_u, f) => f === '(idle)'],
  ['garbage collection', (_u, f) => f === '(garbage collector)'],
  ['V8/native (program)', (_u, f) => f === '(program)'],
  ['startup (tsx/esbuild loader)', (u) => /node_modules\/(tsx|esbuild|get-tsconfig)/.test(u)],
  ['mapping', (u) => u.includes('/src/mapping/')],
  ['Parquet writing', (u) => u.includes('/parquet/')],
  ['extraction (Epicor source)', (u) => u.includes('/src/source/')],
  ['HTTP client (ours + undici)', (u) => u.includes('/src/http/') || u.includes('node_modules/undici')],
  ['destination (uploads, statements)', (u) => u.includes('/src/destination/')],
  ['pipeline', (u) => u.includes('/src/pipeline/')],
  ['auth', (u) => u.includes('/src/auth/')],
  ['logging (pino)', (u) => u.includes('/src/log/') || u.includes('node_modules/pino')],
  ['Node internals (streams, buffers, net)', (u) => u.startsWith('node:')],
  ['other', () => true],
];

/** Summarises one profile; `topN` functions by self time. */
export async function summariseProfile(file: string, topN = 15): Promise<ProfileSummary> {
  const profile = JSON.parse(await readFile(file, 'utf8')) as CpuProfile;
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const selfById = new Map<number, number>();
  let totalUs = 0;
  for (let i = 0; i < profile.samples.length; i++) {
    const dt = profile.timeDeltas[i] ?? 0;
    totalUs += dt;
    selfById.set(profile.samples[i], (selfById.get(profile.samples[i]) ?? 0) + dt);
  }
  const byFunction = new Map<string, { name: string; where: string; us: number }>();
  const byArea = new Map<string, number>();
  for (const [id, us] of selfById) {
    const f = byId.get(id)!.callFrame;
    // tsx hands V8 transpiled code, so line:column point into that, not the .ts source; they still tell functions apart.
    const where = f.url ? `${shortUrl(f.url)}:${f.lineNumber + 1}:${f.columnNumber + 1}` : '(native)';
    const name = f.functionName || '(anonymous)';
    const key = `${name}@${where}`;
    const e = byFunction.get(key) ?? { name, where, us: 0 };
    e.us += us;
    byFunction.set(key, e);
    const area = AREAS.find(([, test]) => test(f.url, f.functionName))![0];
    byArea.set(area, (byArea.get(area) ?? 0) + us);
  }
  const pct = (us: number) => (totalUs > 0 ? (100 * us) / totalUs : 0);
  return {
    totalMs: totalUs / 1000,
    top: [...byFunction.values()]
      .sort((a, b) => b.us - a.us)
      .slice(0, topN)
      .map((e) => ({ name: e.name, where: e.where, selfMs: e.us / 1000, pct: pct(e.us) })),
    byArea: [...byArea.entries()]
      .sort((a, b) => b[1] - a[1])
      .map(([area, us]) => ({ area, selfMs: us / 1000, pct: pct(us) })),
  };
}

function shortUrl(url: string): string {
  const nm = url.lastIndexOf('node_modules/');
  if (nm >= 0) return url.slice(nm + 'node_modules/'.length);
  const src = url.indexOf('/src/');
  if (src >= 0) return url.slice(src + 1);
  return url.replace(/^file:\/\//, '');
}
