import type { Command } from 'commander';
import { cliLogger } from '../context.ts';
import { createProgress } from '../progress.ts';

/** `demo`: the main job end to end on the built-in emulators (no config needed). */
export function registerDemoCommand(program: Command): void {
  program
    .command('demo')
    .description('run a full and an incremental sync between the built-in Epicor and Databricks emulators')
    .option('--scale <n>', 'Epicor data scale (1 ≈ 20,000 records)', '1')
    .action(async (opts: { scale: string }, cmd: Command) => {
      const logger = cliLogger(cmd);
      const progress = createProgress(logger);
      try {
        const { runDemo } = await import('../../demo/run-demo.ts');
        process.exitCode = await runDemo({ logger, progress, scale: Number(opts.scale) || 1 });
      } finally {
        progress.stop();
      }
    });
}
