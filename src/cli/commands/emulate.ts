import type { Command } from 'commander';
import { ConnectorError } from '../../errors.ts';

/** `emulate epicor|databricks [--port N] [--seed N] [--scale N]`: one built-in emulator standalone. */
export function registerEmulateCommand(program: Command): void {
  program
    .command('emulate <system>')
    .description('run a built-in emulator (epicor or databricks) on 127.0.0.1 until stopped')
    .option('--port <n>', 'port to listen on (0 = any free port)', '0')
    .option('--seed <n>', 'Epicor data seed', '1')
    .option('--scale <n>', 'Epicor data scale (1 ≈ 20,000 records)', '1')
    .option('--latency-ms <n>', 'Epicor per-request latency in ms', '0')
    .option(
      '--profile <name>',
      'Epicor server behaviours: strict-iis (row cap, IIS/ASP.NET limits, timeouts, tenant $metadata, strict date literals, child filters on the parent, wide rows), row-cap, iis-limits, aspnet-limits, execution-timeout, tablesets-metadata, strict-dates, child-filter-on-parent, wide-rows; join with +',
    )
    .option('--data-dir <dir>', 'Databricks emulator data directory', '.ml-connector/emulator')
    .action(
      async (
        system: string,
        opts: { port: string; seed: string; scale: string; latencyMs: string; dataDir: string; profile?: string },
      ) => {
        const port = intOption('--port', opts.port, 0, 65535);
        if (system === 'epicor') {
          // Emulators load lazily so other commands start without DuckDB and the data generator.
          const { serveEpicorEmulator } = await import('../../emulators/epicor/serve.ts');
          await serveEpicorEmulator({
            port,
            seed: intOption('--seed', opts.seed, 0, 2 ** 31),
            scale: numberOption('--scale', opts.scale),
            latencyMs: numberOption('--latency-ms', opts.latencyMs),
            profile: opts.profile,
          });
        } else if (system === 'databricks') {
          const { serveDatabricksEmulator } = await import('../../emulators/databricks/serve.ts');
          await serveDatabricksEmulator({ port, dataDir: opts.dataDir });
        } else {
          throw new ConnectorError('USAGE', `emulate takes epicor or databricks, not "${system}"`);
        }
      },
    );
}

function intOption(name: string, value: string, min: number, max: number): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < min || n > max) {
    throw new ConnectorError('USAGE', `${name} must be a whole number between ${min} and ${max}`);
  }
  return n;
}

function numberOption(name: string, value: string): number {
  const n = Number(value);
  if (!Number.isFinite(n) || n < 0) throw new ConnectorError('USAGE', `${name} must be a number of 0 or more`);
  return n;
}
