import { Command } from 'commander';
import { limitHeapGrowth } from '../runtime/heap-growth.ts';
import { COMMANDS } from './commands/index.ts';
import { runCli } from './run-cli.ts';
import { VERSION } from './version.ts';

limitHeapGrowth();

/** Entry point of the `ml-connector` binary. */
const program = new Command('ml-connector')
  .description('Moves Epicor Kinetic master and transaction data into Databricks as dimension and fact tables.')
  .version(VERSION, '--version', 'print the version')
  .option('--config <file>', 'configuration file', './ml-connector.yaml')
  .option('--verbose', 'print stack traces and debug logs')
  .option('--log-format <format>', 'text | json', 'text');

for (const register of COMMANDS) register(program);

await runCli(program, process.argv);
