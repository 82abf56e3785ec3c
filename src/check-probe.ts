/**
 * One line of `ml-connector check` (SPEC §2): a probe of one fact about the user's Epicor tenant or Databricks
 * workspace. `ok` ✓, `adapted` ⚠ (the connector copes and says how), `failed` ✗ (with the fix). The JSON shape
 * (`--json`) is the public contract: `{id, side, title, status, message, fix}`.
 */
export type ProbeStatus = 'ok' | 'adapted' | 'failed';

export interface Probe {
  /** Stable identifier, e.g. `epicor.reachable`, `epicor.entity.vendors`, `databricks.warehouse`. */
  id: string;
  side: 'epicor' | 'databricks';
  /** Short human title, e.g. `Epicor reachable`. */
  title: string;
  status: ProbeStatus;
  /** What was found (one sentence or two). */
  message: string;
  /** What to change when the probe failed (or what to consider when adapted); null when nothing to do. */
  fix: string | null;
}

/** Called as each probe finishes (the CLI prints lines as they come) and before a probe that may be slow. */
export interface ProbeListener {
  result?(probe: Probe): void;
  /** A probe starts that waits on the network: `what` names it and the longest wait. */
  waiting?(what: string): void;
}

export const SYMBOL: Record<ProbeStatus, string> = { ok: '✓', adapted: '⚠', failed: '✗' };

/** `✓ title: message` / `✗ title: message Fix: ...` — one line. */
export function probeLine(p: Probe): string {
  const fix = p.fix ? ` Fix: ${p.fix}.` : '';
  const message = /[.!?)]$/.test(p.message) ? p.message : `${p.message}.`;
  return `${SYMBOL[p.status]} ${p.title}: ${message}${fix}`;
}

/** Collects probes in order and forwards each to the listener. */
export class ProbeLog {
  readonly probes: Probe[] = [];

  constructor(
    private readonly side: Probe['side'],
    private readonly listener: ProbeListener = {},
  ) {}

  add(id: string, title: string, status: ProbeStatus, message: string, fix: string | null = null): Probe {
    const probe: Probe = { id, side: this.side, title, status, message, fix };
    this.probes.push(probe);
    this.listener.result?.(probe);
    return probe;
  }

  ok(id: string, title: string, message: string): Probe {
    return this.add(id, title, 'ok', message);
  }

  adapted(id: string, title: string, message: string, fix: string | null = null): Probe {
    return this.add(id, title, 'adapted', message, fix);
  }

  failed(id: string, title: string, message: string, fix: string | null = null): Probe {
    return this.add(id, title, 'failed', message, fix);
  }

  waiting(what: string): void {
    this.listener.waiting?.(what);
  }
}
