/**
 * `node --import tsx bench/request-sizes.ts [--profile strict-iis] [--scale 1]`: runs a full sync, a no-change sync,
 * an incremental after a day of activity, reconcile (after deletes and late commits) and a replay of the full sync
 * against both emulators, and prints — from the Epicor emulator's own request log — the longest query string per
 * request kind and the Epicor requests per run.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { emulatedConfig } from '../src/demo/emulated-config.ts';
import { createDatabricksEmulator } from '../src/emulators/databricks/databricks-emulator.ts';
import { createEpicorEmulator, type RequestLogEntry } from '../src/emulators/epicor/index.ts';
import { reconcileOnce, replayOnce } from '../src/jobs/ops-once.ts';
import { syncOnce } from '../src/jobs/sync-once.ts';
import { createLogger } from '../src/log/create-logger.ts';

/** What a request was, from its path and query string as sent. */
export function requestKind(r: RequestLogEntry): string {
  const q = decodeURIComponent(r.query);
  if (r.path.endsWith('/$metadata')) return '$metadata';
  if (r.path.endsWith('/Companies') && q.includes('Company1 eq')) return 'company check';
  if (/SysRowID eq |\) or \(/.test(q) && !q.includes('$orderby')) return 'key batch';
  if (q.includes('$orderby=SysRevID desc') && q.includes('$top=1')) return 'bound';
  if (q.includes('$select=SysRevID&') && q.includes('$top=1')) return 'range start';
  if (q.includes('$select=') && q.includes('$orderby=SysRevID')) return 'key-scan page';
  if (q.includes('$orderby=')) return 'page';
  return 'other';
}

function summary(log: RequestLogEntry[]): string {
  const by = new Map<string, { n: number; max: number; refused: number }>();
  for (const r of log) {
    const k = requestKind(r);
    const s = by.get(k) ?? { n: 0, max: 0, refused: 0 };
    s.n++;
    s.max = Math.max(s.max, r.queryBytes);
    if (r.status !== 200) s.refused++;
    by.set(k, s);
  }
  return [...by]
    .map(
      ([k, s]) => `    ${k.padEnd(14)} ${String(s.n).padStart(6)} requests, longest ${s.max} B, non-200: ${s.refused}`,
    )
    .join('\n');
}

async function main() {
  const { values } = parseArgs({
    options: { profile: { type: 'string', default: 'strict-iis' }, scale: { type: 'string', default: '1' } },
  });
  const dir = mkdtempSync(join(tmpdir(), 'mlc-sizes-'));
  const epicor = createEpicorEmulator({ seed: 1, scale: Number(values.scale), profile: values.profile });
  const databricks = await createDatabricksEmulator({ dataDir: dir });
  const config = emulatedConfig(await epicor.listen(0), await databricks.listen(0));
  const logger = createLogger({ format: 'text', level: 'silent', secrets: [] });
  const out = (s: string) => process.stdout.write(`${s}\n`);
  out(`profile ${values.profile}, scale ${values.scale}, epicor.maxQueryBytes ${config.epicor.maxQueryBytes}`);
  const phase = async (name: string, run: () => Promise<{ run: { status: string } }>) => {
    epicor.resetStats();
    const r = await run();
    const s = epicor.stats();
    out(`  ${name}: ${r.run.status}, ${s.log.length} Epicor requests, longest query string ${s.maxQueryBytes} B`);
    out(summary(s.log));
    return r;
  };
  try {
    const full = (await phase('full sync', () => syncOnce(config, { logger }))) as Awaited<ReturnType<typeof syncOnce>>;
    await phase('no-change sync', () => syncOnce(config, { logger }));
    epicor.advance();
    await phase('incremental after a day', () => syncOnce(config, { logger }));
    epicor.advance({ inserts: 0, updates: 0, deletes: 20, lateCommits: 30 });
    await phase('incremental (deletes, late commits)', () => syncOnce(config, { logger }));
    await phase('reconcile', () => reconcileOnce(config, { logger }));
    await phase('replay of the full sync', () => replayOnce(config, full.run.syncId, { logger }));
  } finally {
    await epicor.close();
    await databricks.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  main().catch((e) => {
    process.stderr.write(`${e instanceof Error ? e.stack : String(e)}\n`);
    process.exit(1);
  });
}
