/**
 * Every generated part of docs/: whole pages (configuration, tables, ER diagram) and the generated block of
 * hand-written pages (the error-code table in troubleshooting.md, between GENERATED markers).
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { renderConfigReference } from './config-reference.ts';
import { renderErDiagram } from './er-diagram.ts';
import { renderErrorCodeTable } from './error-codes.ts';
import { renderTablesReference } from './tables-reference.ts';

export const DOCS_DIR = join(import.meta.dirname, '../../docs');

const BEGIN = '<!-- BEGIN GENERATED: error codes (npm run docs) -->';
const END = '<!-- END GENERATED: error codes -->';

/** `file name in docs/ → full expected content`. */
export function renderDocs(docsDir = DOCS_DIR): Map<string, string> {
  const pages = new Map<string, string>([
    ['configuration.md', renderConfigReference()],
    ['tables.md', renderTablesReference()],
    ['er-diagram.md', renderErDiagram()],
  ]);
  const troubleshooting = join(docsDir, 'troubleshooting.md');
  if (existsSync(troubleshooting)) {
    const text = readFileSync(troubleshooting, 'utf8');
    const start = text.indexOf(BEGIN);
    const end = text.indexOf(END);
    if (start < 0 || end < start) throw new Error(`${troubleshooting} lost its ${BEGIN} … ${END} markers`);
    pages.set(
      'troubleshooting.md',
      `${text.slice(0, start + BEGIN.length)}\n${renderErrorCodeTable()}\n${text.slice(end)}`,
    );
  }
  return pages;
}
