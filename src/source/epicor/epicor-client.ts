import { ConnectorError } from '../../errors.ts';
import type { HttpClient } from '../../http/http-client.ts';
import type { EntityDef } from './catalog.ts';
import { type CsdlEntityType, fieldsOfEntitySet, parseCsdl } from './csdl.ts';
import { mayLosePrecision, parseJsonLossless } from './lossless-json.ts';
import { type ODataQuery, queryString, stringLiteral } from './odata-query.ts';
import type { SourceField } from './source-field.ts';

export type EpicorRecord = Record<string, unknown>;

/** Where an entity lives under `/api/v2/odata/{company}/`: the service path and the set (BAQ: `BaqSvc/ID`, `Data`). */
function location(entity: Pick<EntityDef, 'service' | 'entitySet'>): { servicePath: string; set: string } {
  const slash = entity.entitySet.lastIndexOf('/');
  if (slash < 0) return { servicePath: entity.service, set: entity.entitySet };
  return {
    servicePath: `${entity.service}/${entity.entitySet.slice(0, slash)}`,
    set: entity.entitySet.slice(slash + 1),
  };
}

const COMPANY_ENTITY = { service: 'Erp.BO.CompanySvc', entitySet: 'Companies' };

/** IIS `maxQueryString` and ASP.NET `maxQueryStringLength` default (reference: "Request limits"). */
export const DEFAULT_MAX_QUERY_BYTES = 2048;

export interface QueryOptions {
  /** False: a timed-out request is thrown at once, not re-sent the same (page readers retry with fewer rows). */
  retryTimeouts?: boolean;
}

/** Epicor REST v2 reads: URLs, OData queries, `$metadata` (cached per company and service), company lookups. */
export class EpicorClient {
  private readonly metadata = new Map<string, Promise<ReturnType<typeof parseCsdl>>>();
  /** Logical requests sent (one per page or lookup, retries not counted). */
  requests = 0;
  /**
   * Per company and entity: the `$top` a page was last answered with after a timeout at a larger one, so later
   * ranges and runs of this client start there instead of timing out again.
   */
  private readonly pageTops = new Map<string, number>();

  /** The `$top` to ask a page of this entity for (the page size, or less once pages timed out). */
  pageTop(company: string, entity: EntityDef, pageSize: number): number {
    return Math.min(pageSize, this.pageTops.get(`${company}\u0000${entity.name}`) ?? pageSize);
  }

  /** Remembers that pages of this entity time out above `top` rows. */
  lowerPageTop(company: string, entity: EntityDef, top: number): void {
    const key = `${company}\u0000${entity.name}`;
    this.pageTops.set(key, Math.min(top, this.pageTops.get(key) ?? top));
  }

  /** Per company and entity: settles once a first page was answered (or its reader gave up). */
  private readonly firstPages = new Map<string, Promise<void>>();

  /**
   * The first page of an entity goes alone: ranges read in parallel would otherwise all start at the full `$top`
   * and each time out on a server whose executionTimeout the page size exceeds (110 s each on IIS), where one
   * timeout teaches every range the size. The first caller gets a release function to call once its first page
   * was answered or failed; later callers wait until then and start at the size learnt (`pageTop`).
   */
  async firstPageTurn(company: string, entity: EntityDef): Promise<(() => void) | undefined> {
    const key = `${company}\u0000${entity.name}`;
    const pending = this.firstPages.get(key);
    if (pending) {
      await pending;
      return undefined;
    }
    let release!: () => void;
    this.firstPages.set(
      key,
      new Promise<void>((r) => {
        release = r;
      }),
    );
    return release;
  }

  /** No query string sent is longer than this (bytes after percent-encoding, `?` not counted). */
  readonly maxQueryBytes: number;
  /** IANA zone of date values served without an offset (`epicor.timeZone`): literals get its offset. */
  readonly timeZone: string;

  constructor(
    readonly baseUrl: string,
    readonly http: HttpClient,
    opts: { maxQueryBytes?: number; timeZone?: string } = {},
  ) {
    this.maxQueryBytes = opts.maxQueryBytes ?? DEFAULT_MAX_QUERY_BYTES;
    this.timeZone = opts.timeZone ?? 'UTC';
  }

  /** Encoded length of the query string `query` would send for this entity (BAQ parameters included). */
  queryBytes(entity: EntityDef, q: ODataQuery): number {
    return queryString({ ...q, params: { ...entity.parameters, ...q.params } }).length;
  }

  /** `{baseUrl}/api/v2/odata/{company}/{service}/{entitySet}`. */
  entityUrl(company: string, entity: Pick<EntityDef, 'service' | 'entitySet'>): string {
    return `${this.baseUrl}/api/v2/odata/${encodeURIComponent(company)}/${entity.service}/${entity.entitySet}`;
  }

  /** URL of the `$metadata` document of the entity's service. */
  metadataUrl(company: string, entity: Pick<EntityDef, 'service' | 'entitySet'>): string {
    return `${this.baseUrl}/api/v2/odata/${encodeURIComponent(company)}/${location(entity).servicePath}/$metadata`;
  }

  /** One GET returning the `value` array of an OData collection. */
  async query(
    company: string,
    entity: EntityDef,
    q: ODataQuery,
    signal?: AbortSignal,
    opts: QueryOptions = {},
  ): Promise<EpicorRecord[]> {
    const qs = queryString({ ...q, params: { ...entity.parameters, ...q.params } });
    const url = `${this.entityUrl(company, entity)}${qs ? `?${qs}` : ''}`;
    return this.getCollection(url, signal, opts);
  }

  /**
   * GET a collection URL and return its rows, numbers kept exact. A query string over `maxQueryBytes` is never
   * sent: it fails with REQUEST_TOO_LONG (details.local) exactly as a server refusal would, so callers split it.
   */
  async getCollection(url: string, signal?: AbortSignal, opts: QueryOptions = {}): Promise<EpicorRecord[]> {
    const q = url.indexOf('?');
    const bytes = q < 0 ? 0 : url.length - q - 1;
    if (bytes > this.maxQueryBytes) {
      throw new ConnectorError(
        'REQUEST_TOO_LONG',
        `A request to ${stripQuery(url)} would need ${bytes} bytes of query string, over epicor.maxQueryBytes (${this.maxQueryBytes}); raise it if the server accepts longer requests.`,
        { details: { local: true, bytes } },
      );
    }
    this.requests++;
    const res = await this.http.request({
      method: 'GET',
      url,
      headers: { accept: 'application/json' },
      signal,
      retryTimeouts: opts.retryTimeouts,
    });
    // The mapper already parsed the body; parse again only when a number could have been rounded.
    const text = res.text();
    const body = mayLosePrecision(text)
      ? parseJsonLossless<{ value?: unknown }>(text)
      : res.json<{ value?: unknown }>();
    if (!body || !Array.isArray(body.value)) {
      throw new ConnectorError('HTTP_PERMANENT', `Epicor answered without a value array at ${stripQuery(url)}.`);
    }
    return body.value as EpicorRecord[];
  }

  /** The entity type behind an entity set, from `$metadata` (fetched once per company and service per client). */
  async entityType(company: string, entity: EntityDef, signal?: AbortSignal): Promise<CsdlEntityType> {
    const { servicePath, set } = location(entity);
    // Per company: tenant `_c` fields differ between companies of one instance.
    const cacheKey = `${company}\u0000${servicePath}`;
    let doc = this.metadata.get(cacheKey);
    if (!doc) {
      doc = this.fetchMetadata(this.metadataUrl(company, entity), signal);
      this.metadata.set(cacheKey, doc);
      doc.catch(() => this.metadata.delete(cacheKey));
    }
    const type = fieldsOfEntitySet(await doc, set);
    if (!type) {
      throw new ConnectorError('NOT_FOUND', `Epicor's $metadata for ${servicePath} does not describe ${set}.`);
    }
    return type;
  }

  /** The fields of an entity (tenant `_c` fields included). */
  async fields(company: string, entity: EntityDef, signal?: AbortSignal): Promise<SourceField[]> {
    return (await this.entityType(company, entity, signal)).fields;
  }

  private async fetchMetadata(url: string, signal?: AbortSignal) {
    this.requests++;
    const res = await this.http.request({ method: 'GET', url, headers: { accept: 'application/xml' }, signal });
    return parseCsdl(res.text());
  }

  /** The company's row (by `Company1`), or undefined when Epicor does not show it to this user. */
  async readCompany(company: string, signal?: AbortSignal): Promise<EpicorRecord | undefined> {
    const qs = queryString({ filter: `Company1 eq ${stringLiteral(company)}`, select: ['Company1', 'Name'], top: 1 });
    try {
      const rows = await this.getCollection(`${this.entityUrl(company, COMPANY_ENTITY)}?${qs}`, signal);
      return rows.find((r) => r.Company1 === company);
    } catch (e) {
      // An unknown company in the URL shows up as 404/400 on some servers: the same answer, "not there".
      // An IIS/ASP.NET HTML page is not Epicor's answer about the company.
      const epicorSaid = e instanceof ConnectorError && e.details?.refusal === undefined;
      if (epicorSaid && (e.code === 'NOT_FOUND' || e.code === 'EPICOR_ODATA')) return undefined;
      throw e;
    }
  }

  /** Fails with EPICOR_COMPANY unless the company exists and is visible. */
  async validateCompany(company: string, signal?: AbortSignal): Promise<void> {
    const row = await this.readCompany(company, signal);
    if (!row) {
      throw new ConnectorError(
        'EPICOR_COMPANY',
        `Epicor company ${company} does not exist or this user cannot see it; check epicor.company in the configuration.`,
      );
    }
  }
}

function stripQuery(url: string): string {
  const i = url.indexOf('?');
  return i < 0 ? url : url.slice(0, i);
}
