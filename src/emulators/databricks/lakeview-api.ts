/**
 * AI/BI (Lakeview) dashboards API: create, list, get, update with etag, publish. Every dataset query of a
 * dashboard must run on the warehouse when it is created or updated (Databricks shows a failing dataset as a
 * broken widget; the emulator refuses it, so a dashboard that would break on a real workspace fails the tests).
 * Reference: POST /api/2.0/lakeview/dashboards {display_name, parent_path, serialized_dashboard, warehouse_id},
 * PATCH …/{id} with etag, POST …/{id}/published {embed_credentials, warehouse_id}.
 */
import { randomUUID } from 'node:crypto';
import { apiError, type Reply } from './http-reply.ts';
import type { StatementStore } from './statement-store.ts';

interface Dashboard {
  dashboard_id: string;
  display_name: string;
  parent_path: string;
  path: string;
  serialized_dashboard: string;
  warehouse_id: string;
  etag: string;
  create_time: string;
  update_time: string;
  lifecycle_state: 'ACTIVE';
}

interface Published {
  display_name: string;
  embed_credentials: boolean;
  warehouse_id: string;
  revision_create_time: string;
}

export interface LakeviewContext {
  store: StatementStore;
  warehouseId: string;
  now: () => number;
}

export class LakeviewApi {
  private readonly dashboards = new Map<string, Dashboard>();
  private readonly published = new Map<string, Published>();
  private revision = 0;

  constructor(private readonly ctx: LakeviewContext) {}

  /** Answers a request under /api/2.0/lakeview/dashboards, or undefined when the path is not one of its routes. */
  async handle(method: string, path: string, body: Buffer): Promise<Reply | undefined> {
    const m = /^\/api\/2\.0\/lakeview\/dashboards(?:\/([^/]+)(\/published)?)?\/?$/.exec(path);
    if (!m) return undefined;
    const [, id, published] = m;
    let input: Record<string, unknown> = {};
    if (method === 'POST' || method === 'PATCH') {
      try {
        input = JSON.parse(body.toString('utf8') || '{}');
      } catch {
        return apiError(400, 'MALFORMED_REQUEST', 'Request body is not valid JSON.');
      }
    }
    if (!id) {
      if (method === 'POST') return this.create(input);
      if (method === 'GET') return { status: 200, body: { dashboards: [...this.dashboards.values()].map(summary) } };
      return apiError(405, 'METHOD_NOT_ALLOWED', `${method} is not allowed here.`);
    }
    const dash = this.dashboards.get(decodeURIComponent(id));
    if (!dash) return apiError(404, 'RESOURCE_DOES_NOT_EXIST', `Dashboard ${id} does not exist.`);
    if (published) {
      if (method === 'POST') return this.publish(dash, input);
      const p = this.published.get(dash.dashboard_id);
      if (method === 'GET')
        return p
          ? { status: 200, body: { ...p } }
          : apiError(404, 'RESOURCE_DOES_NOT_EXIST', 'The dashboard is not published.');
      return apiError(405, 'METHOD_NOT_ALLOWED', `${method} is not allowed here.`);
    }
    if (method === 'GET') return { status: 200, body: { ...dash } };
    if (method === 'PATCH') return this.update(dash, input);
    return apiError(405, 'METHOD_NOT_ALLOWED', `${method} is not allowed here.`);
  }

  private async create(input: Record<string, unknown>): Promise<Reply> {
    if (typeof input.display_name !== 'string' || input.display_name === '') {
      return apiError(400, 'INVALID_PARAMETER_VALUE', 'display_name is required.');
    }
    const parent = typeof input.parent_path === 'string' ? input.parent_path : '/Shared';
    const path = `${parent}/${input.display_name}.lvdash.json`;
    if ([...this.dashboards.values()].some((d) => d.path === path)) {
      return apiError(400, 'RESOURCE_ALREADY_EXISTS', `Node named '${input.display_name}.lvdash.json' already exists`);
    }
    const checked = await this.checkContent(input);
    if ('status' in checked) return checked;
    const now = new Date(this.ctx.now()).toISOString();
    const dash: Dashboard = {
      dashboard_id: randomUUID().replaceAll('-', ''),
      display_name: input.display_name,
      parent_path: parent,
      path,
      serialized_dashboard: checked.serialized,
      warehouse_id: checked.warehouseId,
      etag: this.nextEtag(),
      create_time: now,
      update_time: now,
      lifecycle_state: 'ACTIVE',
    };
    this.dashboards.set(dash.dashboard_id, dash);
    return { status: 200, body: { ...dash } };
  }

  private async update(dash: Dashboard, input: Record<string, unknown>): Promise<Reply> {
    if (input.etag !== undefined && input.etag !== dash.etag) {
      return apiError(409, 'ABORTED', 'The dashboard was changed since it was read (etag mismatch); read it again.');
    }
    const checked = await this.checkContent({
      serialized_dashboard: input.serialized_dashboard ?? dash.serialized_dashboard,
      warehouse_id: input.warehouse_id ?? dash.warehouse_id,
    });
    if ('status' in checked) return checked;
    if (typeof input.display_name === 'string' && input.display_name !== '') dash.display_name = input.display_name;
    dash.serialized_dashboard = checked.serialized;
    dash.warehouse_id = checked.warehouseId;
    dash.etag = this.nextEtag();
    dash.update_time = new Date(this.ctx.now()).toISOString();
    return { status: 200, body: { ...dash } };
  }

  private publish(dash: Dashboard, input: Record<string, unknown>): Reply {
    const warehouseId = typeof input.warehouse_id === 'string' ? input.warehouse_id : dash.warehouse_id;
    if (warehouseId !== this.ctx.warehouseId) {
      return apiError(404, 'RESOURCE_DOES_NOT_EXIST', `SQL warehouse ${warehouseId} does not exist.`);
    }
    const p: Published = {
      display_name: dash.display_name,
      embed_credentials: input.embed_credentials === true,
      warehouse_id: warehouseId,
      revision_create_time: new Date(this.ctx.now()).toISOString(),
    };
    this.published.set(dash.dashboard_id, p);
    return { status: 200, body: { ...p } };
  }

  /** The dashboard JSON parses, names its datasets, and every dataset query runs on the warehouse. */
  private async checkContent(
    input: Record<string, unknown>,
  ): Promise<{ serialized: string; warehouseId: string } | Reply> {
    const bad = (m: string) => apiError(400, 'INVALID_PARAMETER_VALUE', m);
    const warehouseId = typeof input.warehouse_id === 'string' ? input.warehouse_id : '';
    if (warehouseId !== this.ctx.warehouseId) {
      return apiError(404, 'RESOURCE_DOES_NOT_EXIST', `SQL warehouse ${warehouseId || '(none)'} does not exist.`);
    }
    if (typeof input.serialized_dashboard !== 'string') return bad('serialized_dashboard must be a JSON string.');
    let doc: { datasets?: { name?: string; queryLines?: string[]; query?: string }[]; pages?: unknown[] };
    try {
      doc = JSON.parse(input.serialized_dashboard);
    } catch {
      return bad('serialized_dashboard is not valid JSON.');
    }
    if (!Array.isArray(doc.pages)) return bad('serialized_dashboard needs a pages list.');
    for (const ds of doc.datasets ?? []) {
      const query = Array.isArray(ds.queryLines) ? ds.queryLines.join('') : ds.query;
      if (typeof ds.name !== 'string' || typeof query !== 'string') {
        return bad('Every dataset needs a name and queryLines.');
      }
      const rec = this.ctx.store.submit({ statement: query });
      await rec.done;
      if (rec.state !== 'SUCCEEDED') {
        return bad(`Dataset ${ds.name} does not run: ${rec.error?.message ?? rec.state}`);
      }
    }
    return { serialized: input.serialized_dashboard, warehouseId };
  }

  private nextEtag(): string {
    this.revision += 1;
    return String(this.revision);
  }
}

function summary(d: Dashboard) {
  const { serialized_dashboard: _content, ...rest } = d;
  return rest;
}
