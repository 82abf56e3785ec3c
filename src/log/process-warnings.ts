import type { Logger } from './create-logger.ts';

let current: Logger | undefined;

/**
 * Sends Node's process warnings (deprecations, leak warnings) through `logger` instead of Node's own plain-text
 * stderr printer, so `--log-format json` output stays one JSON record per line. The latest logger wins.
 */
export function routeProcessWarnings(logger: Logger): void {
  if (current === undefined) {
    // Node prints warnings from its own 'warning' listener; replace it with ours.
    process.removeAllListeners('warning');
    process.on('warning', (w: Error & { code?: string }) => {
      current?.warn({ warning: w.name, code: w.code }, w.message);
    });
  }
  current = logger;
}
