/**
 * `npm run build`: bundles the CLI (src/cli/main.ts) into dist/ with esbuild, so `ml-connector` starts on plain node
 * without transpiling TypeScript at every start. Packages in `dependencies` stay imports (they install with the
 * package); everything else is bundled — including dt-sql-parser, whose ESM build uses extensionless imports that
 * plain node cannot resolve. Code splitting keeps lazily imported parts (emulators, DuckDB) out of `--help`.
 * Type checking is `npm run lint`'s job (tsc --noEmit); this only emits.
 */
import { existsSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const runtime = Object.keys(pkg.dependencies ?? {});
const dist = join(root, 'dist');
// Built beside dist/ and swapped in whole, so a CLI started meanwhile (tests) never sees a half-written dist/.
const outdir = join(root, `dist.next-${process.pid}`);

rmSync(outdir, { recursive: true, force: true });
const result = await build({
  absWorkingDir: root,
  // The mapWorker thread's entry (src/pipeline/worker/) beside main.js: workers start from a file of their own.
  entryPoints: { main: 'src/cli/main.ts', 'map-write-worker': 'src/pipeline/worker/map-write-worker.ts' },
  outdir,
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  external: runtime.flatMap((name) => [name, `${name}/*`]),
  // Bundled CommonJS code (dt-sql-parser's dependencies) may call require for node built-ins.
  banner: {
    js: "import { createRequire as __mlcCreateRequire } from 'node:module'; const require = __mlcCreateRequire(import.meta.url);",
  },
  chunkNames: 'chunks/[name]-[hash]',
  metafile: true,
  logLevel: 'warning',
  legalComments: 'none',
});
writeFileSync(join(outdir, 'THIRD_PARTY_NOTICES.md'), thirdPartyNotices(Object.keys(result.metafile.inputs)));
rmSync(dist, { recursive: true, force: true });
renameSync(outdir, dist);
const bytes = Object.values(result.metafile.outputs).reduce((n, o) => n + o.bytes, 0);
if (!process.argv.includes('--quiet')) {
  console.log(`built dist/ (${Object.keys(result.metafile.outputs).length} files, ${(bytes / 1024).toFixed(0)} KiB)`);
}

/** The licence of every package bundled into dist/ (bundling copies their code, so their notices travel with it). */
function thirdPartyNotices(inputs) {
  const dirs = new Set();
  for (const input of inputs) {
    const m = /^(.*node_modules\/(?:@[^/]+\/)?[^/]+)\//.exec(input);
    if (m) dirs.add(m[1]);
  }
  const parts = ['# Third-party software bundled in dist/\n'];
  for (const dir of [...dirs].sort()) {
    const meta = JSON.parse(readFileSync(join(root, dir, 'package.json'), 'utf8'));
    const file = readdirSync(join(root, dir)).find((f) => /^(licen[cs]e|copying)(\.|$)/i.test(f));
    const text = file && existsSync(join(root, dir, file)) ? readFileSync(join(root, dir, file), 'utf8').trim() : '';
    parts.push(
      `## ${meta.name} ${meta.version} (${meta.license ?? 'see package'})\n\n${text ? `\`\`\`\n${text}\n\`\`\`` : ''}\n`,
    );
  }
  return parts.join('\n');
}
