import { randomBytes } from 'node:crypto';

/** A sortable, unique run id: `20261127T231500Z-3f9a1c`. */
export function newSyncId(startedAt: Date): string {
  const stamp = startedAt
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d+Z$/, 'Z');
  return `${stamp}-${randomBytes(3).toString('hex')}`;
}
