import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** A parsed `/Volumes/<catalog>/<schema>/<volume>/<rest>` path. */
export interface VolumePath {
  catalog: string;
  schema: string;
  volume: string;
  /** Path inside the volume, without leading slash ('' for the volume root). */
  rest: string;
}

/** Parses a `/Volumes/...` path (a `dbfs:` prefix is accepted); undefined when it is not one. */
export function parseVolumePath(path: string): VolumePath | undefined {
  const m = /^(?:dbfs:)?\/Volumes\/([^/]+)\/([^/]+)\/([^/]+)(?:\/(.*))?$/.exec(path);
  if (!m) return undefined;
  const rest = (m[4] ?? '').replace(/\/+$/, '');
  if (rest.split('/').some((p) => p === '..' || p === '.')) return undefined;
  return { catalog: m[1].toLowerCase(), schema: m[2].toLowerCase(), volume: m[3].toLowerCase(), rest };
}

/** Local directory holding a volume's files. */
export function volumeDir(dataDir: string, v: Pick<VolumePath, 'catalog' | 'schema' | 'volume'>): string {
  return join(dataDir, 'volumes', v.catalog, v.schema, v.volume);
}

/** Local path for a volume path. */
export function localPath(dataDir: string, v: VolumePath): string {
  return v.rest ? join(volumeDir(dataDir, v), ...v.rest.split('/')) : volumeDir(dataDir, v);
}

/**
 * Data files under a local path, recursively, sorted, skipping hidden names (`_`/`.` prefix) as Spark does.
 * Returns paths relative to `root` with '/' separators; undefined when the path does not exist.
 */
export function listDataFiles(root: string): string[] | undefined {
  if (!existsSync(root)) return undefined;
  if (statSync(root).isFile()) return [''];
  const out: string[] = [];
  const walk = (dir: string, rel: string) => {
    for (const e of readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      if (e.name.startsWith('_') || e.name.startsWith('.')) continue;
      const r = rel ? `${rel}/${e.name}` : e.name;
      if (e.isDirectory()) walk(join(dir, e.name), r);
      else out.push(r);
    }
  };
  walk(root, '');
  return out;
}
