/**
 * docs/ must match the code it documents: the configuration reference, the tables page, the ER diagram and the
 * error-code table are regenerated in memory and compared with the committed files.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { errorCodes } from '../../scripts/docs/error-codes.ts';
import { DOCS_DIR, renderDocs } from '../../scripts/docs/render-docs.ts';
import { ENTITIES } from '../../src/source/epicor/catalog.ts';

describe('generated docs', () => {
  it('are up to date with the config schema, the entity catalog, the mapping and the error codes', () => {
    const stale = [...renderDocs()].filter(([name, content]) => readFileSync(join(DOCS_DIR, name), 'utf8') !== content);
    expect(
      stale.map(([name]) => name),
      'docs/ is stale: run `npm run docs` and commit the result',
    ).toEqual([]);
  });

  it('cover every config key, every table and every error code', () => {
    const docs = renderDocs();
    const config = docs.get('configuration.md')!;
    for (const key of ['epicor.baseUrl', 'epicor.auth.tokenUrl', 'databricks.auth.token', 'metrics.port']) {
      expect(config).toContain(`\`${key}\``);
    }
    for (const e of ENTITIES) expect(docs.get('tables.md')).toContain(`## \`${e.table}\``);
    for (const { code } of errorCodes()) expect(docs.get('troubleshooting.md')).toContain(`\`${code}\``);
  });
});
