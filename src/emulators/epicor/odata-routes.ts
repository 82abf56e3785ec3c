/** `/api/v2/odata/{company}/{Service}/...`: entity sets, single records by key, `$metadata`, BAQs. */
import { BAQS, checkBaqParameters } from './baq.ts';
import { CHILD_PARENTS, childRowsMatchingOnParent } from './child-filter.ts';
import { compileFilter } from './compile-filter.ts';
import { entitySetsOfService, SERVICES } from './entity-schemas.ts';
import type { EpicorDatabase } from './epicor-database.ts';
import { metadataXml } from './metadata-xml.ts';
import { ODataError } from './odata-error.ts';
import { parseKeyValues, splitKeySegment } from './odata-key.ts';
import { parseQuery, type QueryLimits, runQuery } from './odata-query.ts';
import { badRequest, jsonReply, notFound, type Reply } from './reply.ts';
import { driftedRow, driftedSchema, type SchemaDrift } from './schema-drift.ts';
import { tablesetsMetadataXml } from './tablesets-metadata-xml.ts';

export interface ODataContext {
  db: EpicorDatabase;
  limits: QueryLimits;
  /** `http://host:port/kinetic` as the client addressed it. */
  base: string;
}

const xml = (body: string): Reply => ({
  status: 200,
  body,
  contentType: 'application/xml; charset=utf-8',
  headers: { 'OData-Version': '4.0' },
});

/** Answers a GET under `/api/v2/odata/`; `segments` are the decoded path segments after `odata`. */
export function odataRoute(ctx: ODataContext, segments: string[], params: ReadonlyMap<string, string>): Reply {
  try {
    return route(ctx, segments, params);
  } catch (e) {
    if (e instanceof ODataError) return badRequest(e.message);
    throw e;
  }
}

function route(ctx: ODataContext, segments: string[], params: ReadonlyMap<string, string>): Reply {
  const [company, service, ...tail] = segments;
  if (!company || !ctx.db.companies().includes(company)) {
    return notFound(`Company '${company ?? ''}' is not valid or not accessible for the current user.`);
  }
  if (!service) return notFound('A service name is required after the company in the URL.');
  const root = `${ctx.base}/api/v2/odata/${company}/${service}`;
  if (service === 'BaqSvc') return baqRoute(ctx, company, root, tail, params);
  if (!SERVICES.includes(service)) return notFound(`Service '${service}' was not found.`);
  const sets = entitySetsOfService(service);
  if (tail.length === 0 || (tail.length === 1 && tail[0] === '')) {
    return jsonReply(200, {
      '@odata.context': `${root}/$metadata`,
      value: sets.map((name) => ({ name, kind: 'EntitySet', url: name })),
    });
  }
  if (tail.length !== 1) return notFound(`Resource '${tail.join('/')}' was not found in ${service}.`);
  if (tail[0] === '$metadata') {
    const entities = sets.map((s) => driftedSchema(ctx.db.store(company, s)!.schema, ctx.db.schemaDrift(company, s)));
    const write = ctx.db.schemaProfile.tablesetsMetadata ? tablesetsMetadataXml : metadataXml;
    return xml(write(service, entities));
  }
  const keyed = splitKeySegment(tail[0]);
  const setName = keyed ? keyed.name : tail[0];
  if (!sets.includes(setName)) return notFound(`Entity set '${setName}' was not found in ${service}.`);
  const store = ctx.db.store(company, setName)!;
  const schema = store.schema;
  const drift = ctx.db.schemaDrift(company, setName);
  if (keyed) {
    const index = store.findByKey(parseKeyValues(keyed.keyText, schema));
    if (index === undefined) return notFound(`Record not found: ${setName}(${keyed.keyText}).`);
    const row = driftedRow(store.get(index), drift);
    return jsonReply(200, { '@odata.context': `${root}/$metadata#${setName}/$entity`, ...row }, 1);
  }
  const query = parseQuery(params, schema.fieldMap, limitsOf(ctx));
  if (query.filter && ctx.db.schemaProfile.childFilterOnParent && CHILD_PARENTS[setName]) {
    const rows = childRowsMatchingOnParent(ctx.db, company, setName, compileFilter(query.filter, schema.fieldMap));
    const result = runQuery({ kind: 'rows', rows }, { ...query, filter: undefined }, schema.fieldMap);
    return collection(`${root}/$metadata#${setName}`, drifted(result.rows, drift), result.count);
  }
  const result = runQuery({ kind: 'store', store }, query, schema.fieldMap);
  return collection(`${root}/$metadata#${setName}`, drifted(result.rows, drift), result.count);
}

function baqRoute(
  ctx: ODataContext,
  company: string,
  root: string,
  tail: string[],
  params: ReadonlyMap<string, string>,
): Reply {
  const all = [...BAQS.values()];
  const entity = (b: (typeof all)[number], setName: string) => ({
    entitySet: setName,
    rowType: `${b.id}Row`,
    keys: b.keys,
    fields: b.fields,
  });
  if (tail.length === 1 && tail[0] === '$metadata') {
    return xml(
      metadataXml(
        'Ice.BO.BaqSvc',
        all.map((b) => entity(b, b.id)),
      ),
    );
  }
  if (tail.length === 0 || (tail.length === 1 && tail[0] === '')) {
    return jsonReply(200, {
      '@odata.context': `${root}/$metadata`,
      value: all.map((b) => ({ name: b.id, kind: 'EntitySet', url: `${b.id}/Data` })),
    });
  }
  const baq = BAQS.get(tail[0]);
  if (!baq) return notFound(`BAQ '${tail[0]}' was not found.`);
  if (tail.length === 2 && tail[1] === '$metadata')
    return xml(metadataXml(`Ice.BO.BaqSvc.${baq.id}`, [entity(baq, 'Data')]));
  if (tail.length !== 2 || tail[1] !== 'Data') return notFound(`Resource '${tail.join('/')}' was not found in BaqSvc.`);
  checkBaqParameters(baq, params);
  const query = parseQuery(params, baq.fieldMap, limitsOf(ctx));
  const rows = baq.rows(ctx.db, company, params);
  const result = runQuery({ kind: 'rows', rows }, query, baq.fieldMap);
  return collection(`${root}/${baq.id}/$metadata#Data`, result.rows, result.count);
}

/** Rows as the drifted schema serves them (schema-drift.ts); the same array when there is no drift. */
function drifted(rows: unknown[], drift: SchemaDrift | undefined): unknown[] {
  return drift ? rows.map((r) => driftedRow(r as Record<string, unknown>, drift)) : rows;
}

/** The query limits with the tenant's date-literal strictness (schema-profile.ts). */
function limitsOf(ctx: ODataContext): QueryLimits {
  return ctx.db.schemaProfile.strictDateLiterals ? { ...ctx.limits, strictDateLiterals: true } : ctx.limits;
}

function collection(context: string, rows: unknown[], count: number | undefined): Reply {
  const body: Record<string, unknown> = { '@odata.context': context };
  if (count !== undefined) body['@odata.count'] = count;
  body.value = rows;
  return jsonReply(200, body, rows.length);
}
