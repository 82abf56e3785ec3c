/**
 * The import rule of `src/` (see src/README.md): a folder imports only the folders below it in the data flow.
 * Parsing the real import statements of every source file, this fails on any new import against the flow.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, normalize, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const SRC = join(import.meta.dirname, '../../src');

/** Which layers each layer may import (besides itself and the root files `errors.ts`, `clock.ts`). */
const MAY_IMPORT: Record<string, readonly string[]> = {
  root: [],
  http: [],
  log: [],
  secrets: [],
  runtime: [],
  metrics: ['http'],
  config: ['secrets'],
  auth: ['config', 'http'],
  'source/epicor': ['config', 'http', 'auth'],
  mapping: ['config', 'source/epicor'],
  'destination/databricks': ['config', 'http', 'auth', 'mapping', 'log'],
  // The job runner and its plans reach the adapters only through pipeline/ports.ts (and the catalog's types: see
  // PIPELINE_SOURCE_FILES below).
  pipeline: ['config', 'log', 'mapping', 'source/epicor'],
  // The concrete wiring of a job: opens the Epicor and Databricks adapters and runs a pipeline plan over them.
  jobs: ['config', 'http', 'log', 'mapping', 'source/epicor', 'destination/databricks', 'auth', 'pipeline'],
  analytics: ['config', 'log', 'mapping', 'source/epicor', 'destination/databricks'],
  alerts: ['config', 'http', 'log', 'pipeline', 'jobs', 'destination/databricks'],
  daemon: [
    'config',
    'http',
    'log',
    'metrics',
    'pipeline',
    'jobs',
    'analytics',
    'alerts',
    'destination/databricks',
    'source/epicor',
  ],
  'emulators/epicor': [],
  'emulators/databricks': [],
};

/** Ports are the contract the source and destination adapters implement: their type-only import of `pipeline/ports.ts` is not against the flow. */
const PORTS = 'pipeline/ports.ts';

/** What `pipeline` may use of `source/epicor`: the entity catalog and field descriptions, never the adapter itself. */
const PIPELINE_SOURCE_FILES: ReadonlySet<string> = new Set([
  'source/epicor/catalog.ts',
  'source/epicor/source-field.ts',
  'source/epicor/check-epicor-entities.ts', // the type of the sample mapper `check` hands in
]);

/** Known imports against the flow, kept until they are moved (file → imported file). New entries need a reason. */
const KNOWN: ReadonlySet<string> = new Set([
  // auth reuses the Epicor error body classifier for the token endpoint.
  'auth/epicor/token-endpoint-error-mapper.ts -> source/epicor/epicor-error-mapper.ts',
  // perf's map-and-write worker (a thread) encodes Parquet parts itself: until the destination offers part encoding
  // as a port, it reaches the destination's writer directly.
  'pipeline/worker/map-write-offload.ts -> destination/databricks/parquet/part-writer.ts',
  'pipeline/worker/map-write-worker.ts -> destination/databricks/parquet/part-writer.ts',
  'pipeline/worker/protocol.ts -> destination/databricks/parquet/parquet-file.ts',
  // entity names in the config are validated against the source catalog.
  'config/entity-selection.ts -> source/epicor/catalog.ts',
  'config/schema.ts -> source/epicor/catalog.ts', // `history:` accepts dimension entities only
]);

function layerOf(file: string): string {
  const parts = file.split('/');
  if (parts.length === 1) return 'root';
  if (['source', 'destination', 'emulators'].includes(parts[0]) && parts.length > 2) return `${parts[0]}/${parts[1]}`;
  return parts[0];
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = join(dir, e.name);
    if (e.isDirectory()) return e.name === 'testing' ? [] : sourceFiles(p);
    return e.name.endsWith('.ts') && !e.name.endsWith('.test.ts') ? [p] : [];
  });
}

const IMPORT = /^\s*(import|export)\s+(type\s+)?[^'";]*?from\s+'(\.[^']+)'/gm;

/** The imports of one file (path relative to src/, its text) that go against the flow and are not known. */
function againstFlow(file: string, text: string): string[] {
  const from = layerOf(file);
  const allowed = MAY_IMPORT[from];
  if (allowed === undefined) return []; // cli, demo, ui: the top, they may import anything
  const out: string[] = [];
  for (const m of text.matchAll(IMPORT)) {
    const target = normalize(join(dirname(file), m[3]));
    if (target.startsWith('..')) continue; // data from outside src/ (dashboards/*.json) belongs to no layer
    const to = layerOf(target);
    if (to === from || to === 'root') continue;
    if (from === 'pipeline' && to === 'source/epicor' && !PIPELINE_SOURCE_FILES.has(target)) {
      out.push(`${file} -> ${target}`);
      continue;
    }
    if (allowed.includes(to)) continue;
    const adapter = from.startsWith('source/') || from.startsWith('destination/');
    if (target === PORTS && m[2] && adapter) continue;
    const edge = `${file} -> ${target}`;
    if (!KNOWN.has(edge)) out.push(edge);
  }
  return out;
}

describe('import layers of src/', () => {
  it('no source file imports a folder above it in the data flow', () => {
    const against = sourceFiles(SRC).flatMap((abs) => againstFlow(relative(SRC, abs), readFileSync(abs, 'utf8')));
    expect(against).toEqual([]);
  });

  it('catches an import against the flow and lets a port type and a lower layer through', () => {
    const http = [
      "import { runSync } from '../pipeline/sync-run.ts';",
      "import { ConnectorError } from '../errors.ts';",
    ].join('\n');
    expect(againstFlow('http/example.ts', http)).toEqual(['http/example.ts -> pipeline/sync-run.ts']);
    const source = [
      "import type { SourcePort } from '../../pipeline/ports.ts';",
      "import { HttpClient } from '../../http/http-client.ts';",
      "import { SyncRun } from '../../pipeline/sync-run.ts';",
    ].join('\n');
    expect(againstFlow('source/epicor/example.ts', source)).toEqual([
      'source/epicor/example.ts -> pipeline/sync-run.ts',
    ]);
    const pipeline = [
      "import type { EntityDef } from '../source/epicor/catalog.ts';",
      "import { fetchByKeys } from '../source/epicor/key-scan.ts';",
      "import type { DatabricksDestination } from '../destination/databricks/destination.ts';",
    ].join('\n');
    expect(againstFlow('pipeline/example.ts', pipeline)).toEqual([
      'pipeline/example.ts -> source/epicor/key-scan.ts',
      'pipeline/example.ts -> destination/databricks/destination.ts',
    ]);
    expect(againstFlow('emulators/epicor/example.ts', source)).toEqual([
      'emulators/epicor/example.ts -> pipeline/ports.ts',
      'emulators/epicor/example.ts -> http/http-client.ts',
      'emulators/epicor/example.ts -> pipeline/sync-run.ts',
    ]);
  });
});
