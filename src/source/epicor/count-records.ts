import { ConnectorError } from '../../errors.ts';
import type { ReadPlan } from '../../pipeline/ports.ts';
import type { EpicorClient } from './epicor-client.ts';
import { REVISION_FIELD } from './fix-upper-bound.ts';
import { and, field, integerLiteral, queryString } from './odata-query.ts';

/**
 * How many records a revision-cursor read of `plan` covers (`SysRevID` above the watermark, up to the fixed bound),
 * from OData `$count=true` on a one-row request — for progress bars only. Null when the read has no revision range
 * or the server does not return `@odata.count` (support for `$count` in Epicor REST v2 is unconfirmed).
 */
export async function countRecords(client: EpicorClient, plan: ReadPlan): Promise<number | null> {
  const rev = plan.entity.cursor.type === 'revision';
  // Date cursors: only a full read is a plain revision range.
  if (plan.bound.kind !== 'revision' || (!rev && plan.watermark !== null)) return null;
  const filter = and(
    rev && plan.watermark !== null ? `${field(REVISION_FIELD)} gt ${integerLiteral(plan.watermark)}` : undefined,
    `${field(REVISION_FIELD)} le ${integerLiteral(plan.bound.rev)}`,
  );
  const qs = queryString({
    select: [REVISION_FIELD],
    filter,
    top: 1,
    params: { ...plan.entity.parameters, $count: 'true' },
  });
  client.requests++;
  const res = await client.http.request({
    method: 'GET',
    url: `${client.entityUrl(plan.company, plan.entity)}?${qs}`,
    headers: { accept: 'application/json' },
    signal: plan.signal,
  });
  let count: unknown;
  try {
    count = res.json<Record<string, unknown>>()['@odata.count'];
  } catch (e) {
    throw new ConnectorError('HTTP_PERMANENT', 'Epicor answered a count request with something other than JSON', {
      cause: e,
    });
  }
  const n = typeof count === 'string' ? Number(count) : count;
  return typeof n === 'number' && Number.isSafeInteger(n) && n >= 0 ? n : null;
}
