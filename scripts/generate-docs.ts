/**
 * `npm run docs`: regenerates the generated parts of docs/ from the code (config schema, entity catalog, mapping,
 * error codes). `--check` writes nothing and exits 1 when docs/ is stale (the test suite does the same check).
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DOCS_DIR, renderDocs } from './docs/render-docs.ts';

const check = process.argv.includes('--check');
const stale: string[] = [];
for (const [name, content] of renderDocs()) {
  const file = join(DOCS_DIR, name);
  const current = existsSync(file) ? readFileSync(file, 'utf8') : undefined;
  if (current === content) continue;
  stale.push(name);
  if (!check) writeFileSync(file, content);
}
if (check && stale.length > 0) {
  process.stderr.write(`docs/ is stale (${stale.join(', ')}): run \`npm run docs\` and commit the result.\n`);
  process.exit(1);
}
process.stdout.write(stale.length === 0 ? 'docs/ is up to date\n' : `updated docs/${stale.join(', docs/')}\n`);
