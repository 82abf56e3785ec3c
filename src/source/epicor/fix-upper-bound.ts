import type { EntityDef } from './catalog.ts';
import { revisionText } from './cursor-codec.ts';
import type { EpicorClient } from './epicor-client.ts';

export const REVISION_FIELD = 'SysRevID';

/**
 * The highest `SysRevID` of the entity in this company right now (null when the set is empty): fixed when a run
 * starts, nothing above it is read in that run. One request: `$orderby=SysRevID desc&$top=1&$select=SysRevID`.
 */
export async function fixUpperBound(
  client: EpicorClient,
  entity: EntityDef,
  company: string,
  signal?: AbortSignal,
): Promise<string | null> {
  const rows = await client.query(
    company,
    entity,
    { select: [REVISION_FIELD], orderby: [{ field: REVISION_FIELD, desc: true }], top: 1 },
    signal,
  );
  const value = rows[0]?.[REVISION_FIELD];
  return value === undefined || value === null ? null : revisionText(value);
}
