/**
 * Every generated part of docs/: whole pages (configuration, tables, ER diagram) and generated blocks inside
 * hand-written pages, between `<!-- BEGIN GENERATED: <name> … -->` and `<!-- END GENERATED: <name> -->`.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ENTITIES } from '../../src/source/epicor/catalog.ts';
import { renderConfigReference } from './config-reference.ts';
import { renderErDiagram } from './er-diagram.ts';
import { renderErrorCodeTable } from './error-codes.ts';
import { code, table } from './markdown.ts';
import { renderTablesReference } from './tables-reference.ts';

export const DOCS_DIR = join(import.meta.dirname, '../../docs');

/** Blocks a hand-written page may embed, by name. */
const BLOCKS: Readonly<Record<string, () => string>> = {
  'error codes': renderErrorCodeTable,
  'epicor services': () => {
    const services = [...new Set(ENTITIES.map((e) => e.service))];
    return table(
      ['Epicor service', 'entity sets read', 'tables'],
      services.map((s) => {
        const of = ENTITIES.filter((e) => e.service === s);
        return [code(s), of.map((e) => e.entitySet).join(', '), of.map((e) => code(e.table)).join(', ')];
      }),
    );
  },
};

/** `file name in docs/ → full expected content`. */
export function renderDocs(docsDir = DOCS_DIR): Map<string, string> {
  const pages = new Map<string, string>([
    ['configuration.md', renderConfigReference()],
    ['tables.md', renderTablesReference()],
    ['er-diagram.md', renderErDiagram()],
  ]);
  for (const name of readdirSync(docsDir).filter((f) => f.endsWith('.md') && !pages.has(f))) {
    const text = readFileSync(join(docsDir, name), 'utf8');
    const filled = fillBlocks(text, name);
    if (filled !== undefined) pages.set(name, filled);
  }
  return pages;
}

const BLOCK = /(<!-- BEGIN GENERATED: ([a-z ]+?) (?:\(npm run docs\) )?-->)[\s\S]*?(<!-- END GENERATED: \2 -->)/g;

function fillBlocks(text: string, page: string): string | undefined {
  let found = false;
  const out = text.replace(BLOCK, (_all, begin: string, name: string, end: string) => {
    const render = BLOCKS[name];
    if (!render) throw new Error(`docs/${page}: unknown generated block "${name}"`);
    found = true;
    return `${begin}\n${render()}\n${end}`;
  });
  return found ? out : undefined;
}
