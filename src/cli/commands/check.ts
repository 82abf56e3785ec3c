import type { Command } from 'commander';
import { type Probe, type ProbeListener, probeLine } from '../../check-probe.ts';
import { checkDatabricks } from '../../destination/databricks/client/check-databricks.ts';
import { ConnectorError } from '../../errors.ts';
import { sampleMapper } from '../../pipeline/check-sample-mapper.ts';
import { planEntities } from '../../pipeline/entity-plan.ts';
import { checkEpicor } from '../../source/epicor/check-epicor.ts';
import { loadCliContext } from '../context.ts';

interface CheckOpts {
  only?: string;
  json?: boolean;
  fix?: boolean;
}

/** The `--json` document (stable shape: scripts and the UI read it). */
export interface CheckReport {
  status: 'ok' | 'adapted' | 'failed';
  probes: Probe[];
  /** Requests sent: HTTP requests to Epicor, statements to Databricks. */
  requests: { epicor: number; databricks: number };
}

/**
 * `check [--only epicor|databricks] [--json] [--fix]`: one ✓/⚠/✗ line per probe (SPEC §2), printed as each finishes;
 * exit 0 when everything is good or adapted, 3 when a probe failed. Only reads, except `--fix`, which creates the
 * Databricks schema and staging volume the first sync would create.
 */
export function registerCheckCommand(program: Command): void {
  program
    .command('check')
    .description('prove the configured Epicor tenant and Databricks workspace fit (reads only)')
    .option('--only <system>', 'epicor or databricks')
    .option('--json', 'print the probes as one JSON document')
    .option('--fix', 'create the Databricks schema and staging volume if missing (what the first sync would do)')
    .action(async (opts: CheckOpts, cmd: Command) => {
      if (opts.only !== undefined && opts.only !== 'epicor' && opts.only !== 'databricks') {
        throw new ConnectorError('USAGE', `--only must be epicor or databricks, not "${opts.only}"`);
      }
      const ctx = await loadCliContext(cmd);
      const out = createPrinter(opts.json === true);
      const epicorSide = opts.only !== 'databricks';
      const databricksSide = opts.only !== 'epicor';
      // Both sides run at once; Databricks lines wait until Epicor's are printed, so the output keeps its order.
      const dbxLines: Probe[] = [];
      let epicorDone = !epicorSide;
      const dbxListener: ProbeListener = {
        result: (p) => (epicorDone ? out.result(p) : dbxLines.push(p)),
        waiting: (w) => epicorDone && out.waiting(w),
      };
      const epicor = epicorSide
        ? checkEpicor(
            ctx.config.epicor,
            planEntities(ctx.config).map((p) => p.def),
            { listener: out, mapSample: sampleMapper(ctx.config.epicor.baseUrl, ctx.config.columns) },
          ).finally(() => {
            epicorDone = true;
            for (const p of dbxLines.splice(0)) out.result(p);
          })
        : Promise.resolve({ probes: [], requests: 0 });
      const databricks = databricksSide
        ? checkDatabricks(ctx.config.databricks, { fix: opts.fix === true, listener: dbxListener })
        : Promise.resolve({ probes: [], statements: 0 });
      const [e, d] = await Promise.all([epicor, databricks]);
      const probes = [...e.probes, ...d.probes];
      const report: CheckReport = {
        status: probes.some((p) => p.status === 'failed')
          ? 'failed'
          : probes.some((p) => p.status === 'adapted')
            ? 'adapted'
            : 'ok',
        probes,
        requests: { epicor: e.requests, databricks: d.statements },
      };
      out.finish(report);
      process.exitCode = report.status === 'failed' ? 3 : 0;
    });
}

interface Printer extends ProbeListener {
  result(p: Probe): void;
  waiting(what: string): void;
  finish(report: CheckReport): void;
}

/** Text: lines as probes finish, "… waiting for" notes on stderr (replaced in place on a TTY). JSON: one document. */
function createPrinter(json: boolean): Printer {
  const tty = process.stderr.isTTY === true;
  let pending = false;
  const clear = () => {
    if (pending && tty) process.stderr.write('\r\x1b[K');
    pending = false;
  };
  return {
    result(p) {
      if (json) return;
      clear();
      process.stdout.write(`${probeLine(p)}\n`);
    },
    waiting(what) {
      if (json) return;
      clear();
      process.stderr.write(tty ? `… waiting for ${what}` : `… waiting for ${what}\n`);
      pending = tty;
    },
    finish(report) {
      if (json) {
        process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
        return;
      }
      clear();
      const count = (s: Probe['status']) => report.probes.filter((p) => p.status === s).length;
      const sides = new Set(report.probes.map((p) => p.side));
      const spent = [
        sides.has('epicor') && `${report.requests.epicor} Epicor requests`,
        sides.has('databricks') && `${report.requests.databricks} Databricks statements`,
      ].filter(Boolean);
      process.stdout.write(
        `${count('ok')} ok, ${count('adapted')} adapted, ${count('failed')} failed` +
          `${spent.length ? ` (${spent.join(', ')})` : ''}.\n`,
      );
    },
  };
}
