/**
 * How the server reads the `$filter`s the connector sends:
 * - date literals with an offset (`ChangeDate gt 2000-01-01T00:00:00Z`) must be accepted — OData v4 requires the
 *   offset and Microsoft.OData rejects a literal without one; whether the server also takes offset-less literals is
 *   reported for information (the connector never sends them).
 * - child sets (PODetails, PORels, APInvDtls, APTrans) are served through the BO's GetRows, where a `$filter` may be
 *   applied to the parent table (reference, "URLs"): a filter only one child row satisfies (`SysRevID eq` that row's
 *   revision — revisions are unique database-wide, so no parent row has it) must return exactly that row.
 */
import { messageOf } from '../../errors.ts';
import { answerOf } from './check-epicor-answer.ts';
import type { ProbeContext, ReadableEntity } from './check-epicor-entities.ts';
import { epicorErrorMessage } from './epicor-error-mapper.ts';
import { integerLiteral, queryString } from './odata-query.ts';

const REVISION = 'SysRevID';
const DATE_TYPES = new Set(['Edm.DateTimeOffset', 'Edm.DateTime']);
/** Child entity sets and the parent set their BO's GetRows filters (reference, "URLs"). */
export const CHILD_SETS: Readonly<Record<string, string>> = {
  PODetails: 'POes',
  PORels: 'POes',
  APInvDtls: 'APInvoices',
  APTrans: 'PaymentEntries',
};
const LITERAL = '2000-01-01T00:00:00Z';

/** One request with an offset literal, one without (information only). */
export async function probeDateLiterals(ctx: ProbeContext, readable: readonly ReadableEntity[]): Promise<void> {
  const { conn, log, company } = ctx;
  const id = 'epicor.date-literals';
  const title = 'Date literals';
  // A date field of an entity that has rows; the cursor-capable ones first.
  let pick: { entity: ReadableEntity; field: string } | undefined;
  for (const entity of readable) {
    const f = entity.fields.find((x) => DATE_TYPES.has(x.edmType) && /Chang|Create/.test(x.name));
    const any = f ?? entity.fields.find((x) => DATE_TYPES.has(x.edmType));
    if (any && (!pick || (f && !/Chang|Create/.test(pick.field)))) pick = { entity, field: any.name };
  }
  if (!pick) {
    log.ok(id, title, 'not measured: no configured entity has a date/time field.');
    return;
  }
  const { entity, field } = pick;
  const set = `${entity.def.service}/${entity.def.entitySet}`;
  const url = (literal: string) =>
    `${conn.client.entityUrl(company, entity.def)}?${queryString({
      filter: `${field} gt ${literal}`,
      select: [field],
      top: 1,
      params: entity.def.parameters,
    })}`;
  try {
    const withOffset = await conn.get(url(LITERAL), `a date filter on ${set}`);
    if (withOffset.status !== 200 || answerOf(withOffset).kind !== 'odata') {
      const said = epicorErrorMessage(withOffset);
      log.failed(
        id,
        title,
        `${set} rejected \`${field} gt ${LITERAL}\` (HTTP ${withOffset.status}${said ? `: ${said}` : ''}).`,
        'use the SysRevID cursor (the default) for entities whose date cursor the server cannot filter',
      );
      return;
    }
    const sample = withOffset.json<{ value: Record<string, unknown>[] }>().value[0]?.[field];
    const without = await conn.get(url(LITERAL.slice(0, -1)), `a date filter without offset on ${set}`);
    const strict = without.status >= 400;
    const served =
      typeof sample === 'string' && !/(Z|[+-]\d{2}:?\d{2})$/.test(sample)
        ? ` Values come without an offset (e.g. ${sample}) and are read in epicor.timeZone.`
        : '';
    log.ok(
      id,
      title,
      `\`${field} gt ${LITERAL}\` accepted on ${set}; ${
        strict
          ? 'literals without an offset are rejected (strict OData v4) — the connector always sends one.'
          : 'literals without an offset are accepted too (the connector always sends one).'
      }${served}`,
    );
  } catch (e) {
    log.failed(id, title, `filtering ${set} on ${field}: ${messageOf(e)}`);
  }
}

/** One request per configured child set that has a row. */
export async function probeChildFilters(ctx: ProbeContext, readable: readonly ReadableEntity[]): Promise<void> {
  const { conn, log, company } = ctx;
  for (const entity of readable) {
    const parent = CHILD_SETS[entity.def.entitySet];
    if (!parent || entity.def.service === 'BaqSvc') continue;
    const id = `epicor.child-filter.${entity.def.name}`;
    const title = `Child-set filter ${entity.def.entitySet}`;
    const rev = entity.row?.[REVISION];
    if (rev === undefined || rev === null) {
      log.ok(id, title, `not measured: ${entity.def.entitySet} has no rows yet.`);
      continue;
    }
    const revText = integerLiteral(rev as string | number | bigint);
    const url = `${conn.client.entityUrl(company, entity.def)}?${queryString({
      filter: `${REVISION} eq ${revText}`,
      select: [REVISION],
      top: 2,
    })}`;
    try {
      const res = await conn.get(url, `a child-row filter on ${entity.def.entitySet}`);
      if (res.status !== 200 || answerOf(res).kind !== 'odata') {
        const said = epicorErrorMessage(res);
        log.failed(
          id,
          title,
          `${entity.def.entitySet} rejected \`${REVISION} eq ${revText}\` (HTTP ${res.status}${said ? `: ${said}` : ''}).`,
        );
        continue;
      }
      const rows = res.json<{ value: Record<string, unknown>[] }>().value;
      const exact = rows.length === 1 && String(rows[0][REVISION]) === revText;
      if (exact) {
        log.ok(
          id,
          title,
          `a filter only one ${entity.def.entitySet} row satisfies returned exactly that row: the server filters child rows.`,
        );
      } else {
        log.adapted(
          id,
          title,
          `\`${REVISION} eq ${revText}\` (one ${entity.def.entitySet} row) returned ${rows.length} row(s): the server applies $filter on ${entity.def.entitySet} to the parent ${parent} rows; adapted: sync reads ${entity.def.entitySet} by parent key and applies the change window itself (slower, never wrong).`,
        );
      }
    } catch (e) {
      log.failed(id, title, `filtering ${entity.def.entitySet}: ${messageOf(e)}`);
    }
  }
}
