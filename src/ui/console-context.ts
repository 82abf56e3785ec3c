/** What every route of the console shares: the config as saved now, the jobs, the session's CSRF token. */
import type { Context } from 'hono';
import { type LoadedConfig, loadConfig } from '../config/load-config.ts';
import { messageOf } from '../errors.ts';
import type { Logger } from '../log/create-logger.ts';
import { redactSecrets } from '../log/redact-secrets.ts';
import { planEntities } from '../pipeline/entity-plan.ts';
import type { ConsoleJobs, Job, JobArg, JobKind } from './console-jobs.ts';
import { html, type Safe } from './safe-html.ts';

export interface ConsoleContext {
  configPath: string;
  configDir: string;
  logger: Logger;
  jobs: ConsoleJobs;
  /** Reads the config again (what the setup page saved is what the next action uses). */
  load(): Promise<{ loaded: LoadedConfig | null; problem: string | null }>;
  csrf(c: Context): string;
  /** Starts an action; returns why it was refused, or null. */
  start(kind: JobKind, arg?: JobArg): Promise<string | null>;
}

export function consoleContext(
  base: Pick<ConsoleContext, 'configPath' | 'configDir' | 'logger' | 'jobs' | 'csrf'>,
): ConsoleContext {
  const load: ConsoleContext['load'] = async () => {
    try {
      return { loaded: await loadConfig(base.configPath), problem: null };
    } catch (e) {
      return { loaded: null, problem: redactSecrets(messageOf(e), []) };
    }
  };
  return {
    ...base,
    load,
    async start(kind, arg) {
      const { loaded, problem } = await load();
      if (!loaded) return `the configuration cannot be used yet: ${problem}`;
      const started = base.jobs.start(kind, loaded.config, loaded.secretValues, arg);
      return typeof started === 'string' ? `refused: ${started}` : null;
    },
  };
}

/** Entity names as the ledger keys them (`COMPANY/entity` when several companies are configured). */
export function entityNames(loaded: LoadedConfig | null): string[] {
  return loaded ? planEntities(loaded.config).map((p) => p.def.name) : [];
}

/** The page's live region: the script re-renders the page when the job it shows ends or a newer one starts. */
export function live(kinds: string, job: Job | null, body: Safe): Safe {
  return html`<div data-live="${job?.id ?? ''}" data-state="${job?.state ?? ''}" data-kinds="${kinds}">${body}</div>`;
}

/** `path?notice=…` when there is something to say. */
export function back(path: string, notice: string | null): string {
  return notice === null ? path : `${path}?notice=${encodeURIComponent(notice)}`;
}
