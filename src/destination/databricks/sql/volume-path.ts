/**
 * Paths inside the staging volume. They are built only from validated identifiers and safe path segments, so the
 * one place a path enters SQL (`read_files('<path>')`) can be a plain string literal with nothing to escape.
 */
import { ConnectorError } from '../../../errors.ts';
import { type SchemaRef, validateIdentifier } from './identifier.ts';

const SEGMENT = /^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$/;
const SAFE_PATH = /^\/Volumes(\/[A-Za-z0-9_][A-Za-z0-9_.-]*)+\/?$/;

/** Throws unless `segment` is one safe path segment (letters, digits, `_ . -`, no leading dot, ≤ 128). */
export function validateSegment(segment: string, what: string): string {
  if (!SEGMENT.test(segment) || segment.includes('..')) {
    throw new ConnectorError('INTERNAL', `${what} ${JSON.stringify(segment)} cannot be used in a staging path`);
  }
  return segment;
}

/** `/Volumes/<catalog>/<schema>/<volume>` */
export function volumeRoot(ref: SchemaRef, volume: string): string {
  return `/Volumes/${validateIdentifier(ref.catalog, 'catalog')}/${validateIdentifier(ref.schema, 'schema')}/${validateIdentifier(volume, 'volume')}`;
}

/** Folder name for an entity (`baq:ABC` → `baq-ABC`). */
export function entityFolderName(entity: string): string {
  return validateSegment(entity.replace(/:/g, '-'), 'entity name');
}

/** `/Volumes/<c>/<s>/<v>/<sync_id>` */
export function runFolder(root: string, syncId: string): string {
  return `${root}/${validateSegment(syncId, 'sync id')}`;
}

/** `/Volumes/<c>/<s>/<v>/<sync_id>/<entity>` */
export function entityFolder(root: string, syncId: string, entity: string): string {
  return `${runFolder(root, syncId)}/${entityFolderName(entity)}`;
}

/** `part-00000.parquet` */
export function partFileName(index: number): string {
  return `part-${String(index).padStart(5, '0')}.parquet`;
}

/** A volume path as a SQL string literal; rejects anything that is not a plain, safe volume path. */
export function pathLiteral(path: string): string {
  if (!SAFE_PATH.test(path) || path.includes('..')) {
    throw new ConnectorError('INTERNAL', `refusing to put path ${JSON.stringify(path)} into SQL`);
  }
  return `'${path}'`;
}
