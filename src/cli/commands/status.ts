import type { Command } from 'commander';
import { shownWebhook } from '../../alerts/webhook-sender.ts';
import { columnOptionLines } from '../../config/columns-config.ts';
import { schemaChangeLines } from '../../config/schema-changes-config.ts';
import { describeSchedule, nextFireTime } from '../../daemon/scheduler.ts';
import { createDatabricksClient } from '../../destination/databricks/client/databricks-client.ts';
import { createDatabricksDestination } from '../../destination/databricks/destination.ts';
import { qualifiedName, quoteIdentifier } from '../../destination/databricks/sql/identifier.ts';
import { planEntities } from '../../pipeline/entity-plan.ts';
import { loadCliContext } from '../context.ts';
import { formatTable } from '../format-table.ts';
import { VERSION } from '../version.ts';
import { entityOptions, entityOptionsText } from './entity-options.ts';

/** `status [--json]`: last runs, per-entity watermark, freshness, row counts, last error. */
export function registerStatusCommand(program: Command): void {
  program
    .command('status')
    .description('show the last runs and, per entity, watermark, freshness, row count and last error')
    .option('--json', 'print JSON')
    .action(async (opts: { json?: boolean }, cmd: Command) => {
      const ctx = await loadCliContext(cmd);
      const { config } = ctx;
      const client = createDatabricksClient(config.databricks);
      try {
        const dest = createDatabricksDestination({ client, config: config.databricks });
        const runs = await dest.state.lastRuns(20).catch(() => []);
        const now = Date.now();
        const entities = [];
        const planned = planEntities(config);
        const counts = await rowCounts(
          client,
          config.databricks.catalog,
          config.databricks.schema,
          planned.map((p) => p.def.table),
        );
        for (const company of config.epicor.companies) {
          const marks = await dest.state.readWatermarks(config.epicor.baseUrl, company).catch(() => new Map());
          for (const p of planned) {
            const key = config.epicor.companies.length > 1 ? `${company}/${p.def.name}` : p.def.name;
            const lastOk = runs.find((r) => r.entities[key] && !r.entities[key].error && r.status !== 'running');
            const lastErr = runs.find((r) => r.entities[key]?.error);
            entities.push({
              entity: key,
              table: p.def.table,
              options: entityOptions(config, p.def),
              stale:
                lastOk?.finishedAt !== undefined && lastOk?.finishedAt !== null
                  ? now - lastOk.finishedAt.getTime() > config.freshnessSlaHours * 3_600_000
                  : null,
              watermark: marks.get(p.def.name)?.cursorValue ?? null,
              last_success: lastOk?.finishedAt?.toISOString() ?? null,
              freshness_seconds: lastOk?.finishedAt ? Math.round((now - lastOk.finishedAt.getTime()) / 1000) : null,
              rows: counts.get(p.def.table) ?? null,
              last_error:
                lastErr && lastErr !== lastOk && (!lastOk || lastErr.startedAt! > lastOk.startedAt!)
                  ? lastErr.entities[key].error
                  : null,
              // The run-wide cause (a wrong key fails every entity alike) is shown once, in the runs table.
              last_error_is_run_cause: lastErr !== undefined && lastErr.error === lastErr.entities[key]?.error,
            });
          }
        }
        const next = (s: typeof config.schedule) => {
          const at = nextFireTime(s, now);
          return at === null ? null : new Date(at).toISOString();
        };
        const report = {
          version: VERSION,
          schedule: config.schedule,
          // When `ml-connector run` (if running) syncs and reconciles next.
          next_sync: next(config.schedule),
          next_reconcile: next(config.reconcile),
          freshness_sla_hours: config.freshnessSlaHours,
          // Where alerts go (host only: a webhook's path can be its credential) and which events each takes.
          alerts: config.alerts.map((a) => ({
            webhook: shownWebhook(a.webhook),
            events: a.events,
            signed: !!a.secret,
          })),
          runs: runs.slice(0, 10).map((r) => ({
            sync_id: r.syncId,
            trigger: r.trigger,
            status: r.status,
            started_at: r.startedAt?.toISOString() ?? null,
            finished_at: r.finishedAt?.toISOString() ?? null,
            error: r.error,
          })),
          entities,
          // Column exclude/hash per entity and the schema-change policy (issue 19 items 2-3).
          options: [...columnOptionLines(config.columns), ...schemaChangeLines(config.schemaChanges)],
        };
        if (opts.json) {
          process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
          return;
        }
        process.stdout.write(
          `schedule: ${describeSchedule(config.schedule)}, next sync ${report.next_sync ?? 'on demand'}; ` +
            `reconcile: ${describeSchedule(config.reconcile)}, next ${report.next_reconcile ?? 'on demand'}\n` +
            `${report.options.join('\n')}\n` +
            `alerts: ${report.alerts.length === 0 ? 'none' : report.alerts.map((a) => `${a.webhook} (${a.events.join(', ')}${a.signed ? ', signed' : ''})`).join('; ')}; ` +
            `freshness SLA ${config.freshnessSlaHours} h\n\nlast runs\n`,
        );
        process.stdout.write(
          `${formatTable(
            ['sync id', 'trigger', 'status', 'started', 'finished', 'error'],
            report.runs.map((r) => [r.sync_id, r.trigger, r.status, r.started_at, r.finished_at ?? '-', r.error ?? '']),
          )}\n\nentities\n`,
        );
        process.stdout.write(
          `${formatTable(
            ['entity', 'table', 'options', 'rows', 'watermark', 'last success', 'age (s)', 'last error'],
            entities.map((e) => [
              e.entity,
              e.table,
              entityOptionsText(e.options),
              e.rows,
              e.watermark ?? '-',
              e.last_success ?? 'never',
              e.freshness_seconds === null ? '-' : `${e.freshness_seconds}${e.stale ? ' (stale)' : ''}`,
              e.last_error && e.last_error_is_run_cause ? "(the run's cause, above)" : (e.last_error ?? ''),
            ]),
          )}\n`,
        );
      } finally {
        await client.close();
      }
    });
}

/** Row counts of the target tables in one statement; tables not created yet are left out. */
async function rowCounts(
  client: ReturnType<typeof createDatabricksClient>,
  catalog: string,
  schema: string,
  tables: string[],
): Promise<Map<string, number>> {
  const out = new Map<string, number>();
  try {
    const existing = await client.statements.execute(
      `SHOW TABLES IN ${quoteIdentifier(catalog)}.${quoteIdentifier(schema)}`,
    );
    const nameIdx = existing.columns.findIndex((c) => c.name === 'tableName');
    const present = new Set(existing.rows.map((r) => r[nameIdx]));
    const wanted = [...new Set(tables)].filter((t) => present.has(t));
    if (wanted.length === 0) return out;
    const sql = wanted
      .map((t) => `SELECT '${t}' AS table_name, COUNT(*) AS n FROM ${qualifiedName(catalog, schema, t)}`)
      .join(' UNION ALL ');
    const result = await client.statements.execute(sql);
    for (const [name, n] of result.rows) out.set(String(name), Number(n));
  } catch {
    // Row counts are informative only: a warehouse that cannot answer still gets the rest of the status.
  }
  return out;
}
